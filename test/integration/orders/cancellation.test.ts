// Voiding a delivered order (issue 11) through the app core against a real cluster (the sandbox,
// or Apache Kafka on the kafka leg): the cancellation reaches the topic after the order, on its
// partition, once; the in-doubt search tells the two apart on the wire.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrderIds } from '../../../electron/kafka/order-id-search';
import { clusterConfig } from '../../../electron/cluster/cluster-config';
import { cancellationMessageId } from '../../../shared/order-schema';
import { requests } from '../../../shared/contract';
import { kafkaCluster, type TestCluster } from '../../support/kafka-target';
import { until } from '../../support/until';
import { draft, useOrderCores } from './order-core';

const { core } = useOrderCores();
const PIN = '246810';

let shared: TestCluster;
beforeAll(async () => {
  shared = await kafkaCluster();
});
afterAll(() => shared?.close());

describe('voiding a delivered order', () => {
  it('sends a cancellation after the order on its partition; the in-doubt search finds each by its own id', async () => {
    const topic = shared.topic('cancel');
    await shared.createTopic(topic, { partitions: 3 });
    const c = await core({ brokers: shared.brokers, topic, settings: { clerk: 'Lee' } });
    expect((await c.core.handlers.risk.setPin({ currentPin: null, newPin: PIN })).ok).toBe(true);
    const first = await c.submit(draft('kim-01', 1));
    const second = await c.submit(draft('kim-01', 2));
    const id = first.order.orderId;
    await until(() => c.state(second.order.orderId) === 'delivered', 20_000, 'delivered');

    const voided = await c.core.handlers.orders.void({ orderId: id, reason: '손님 변심 (changed mind)', pin: PIN });
    if (!voided.ok) throw new Error(JSON.stringify(voided.error));
    expect(requests.orders.void.output.safeParse(voided.value).success).toBe(true);
    await until(() => c.records.get(id)?.cancellation?.state === 'delivered', 20_000, 'cancellation delivered');
    const again = await c.core.handlers.orders.void({ orderId: id, reason: 'again', pin: PIN });
    expect(again.ok ? 'ok' : again.error.code).toBe('order.alreadyVoided');

    // Read with raw Fetch requests (no consumer group: quick), as a new session after a crash
    // would look for them: the order and its cancellation, each by its own id, the cancellation
    // after both of the customer's orders on their partition. (The Playwright test reads the
    // cancellation's headers and value back with a kafkajs consumer.)
    const rec = c.records.get(id)!;
    const where = c.records.get(second.order.orderId)!;
    expect(rec.cancellation!.partition).toBe(rec.partition);
    const found = await findOrderIds(clusterConfig({ brokers: shared.brokers, clientId: 't' }), {
      topic,
      partition: rec.partition!,
      fromOffset: 0,
      sinceMs: 0,
      orderIds: new Set([id, cancellationMessageId(id), cancellationMessageId(second.order.orderId)]),
    });
    expect(Object.fromEntries(found)).toEqual({
      [id]: rec.offset,
      [cancellationMessageId(id)]: rec.cancellation!.offset,
    });
    expect(Number(rec.cancellation!.offset)).toBeGreaterThan(Number(where.offset));
    expect(where.partition).toBe(rec.partition);
  });
});
