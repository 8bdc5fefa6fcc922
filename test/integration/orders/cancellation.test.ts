// Voiding a delivered order (issue 11) through the app core against a real cluster (the sandbox,
// or Apache Kafka on the kafka leg): the cancellation reaches the topic after the order, on its
// partition, with its key and headers, once; the in-doubt search tells the two apart on the wire.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrderIds } from '../../../electron/kafka/order-id-search';
import { clusterConfig } from '../../../electron/cluster/cluster-config';
import { cancellationMessageId, KAFKA_HEADER_NAMES } from '../../../shared/order-schema';
import { requests } from '../../../shared/contract';
import { kafkaCluster, type TestCluster } from '../../support/kafka-target';
import { readTopic } from '../../support/read-topic';
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
  it('sends a cancellation after the order with its key and headers; the in-doubt search finds each by its own id', async () => {
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

    const messages = await readTopic(shared.kafka(), topic, 3);
    expect(messages).toHaveLength(3);
    const [order, later, cancel] = messages.sort((a, b) => Number(a.offset) - Number(b.offset));
    expect(order.headers[KAFKA_HEADER_NAMES.orderId]).toBe(id);
    expect(later.headers[KAFKA_HEADER_NAMES.orderId]).toBe(second.order.orderId);
    // Same partition (same key), after the customer's orders.
    expect(new Set(messages.map((m) => m.partition)).size).toBe(1);
    expect(cancel.key).toBe('kim-01');
    expect(cancel.headers).toEqual({
      [KAFKA_HEADER_NAMES.eventType]: 'order-cancelled',
      [KAFKA_HEADER_NAMES.orderId]: id,
      [KAFKA_HEADER_NAMES.schemaVersion]: '1',
      [KAFKA_HEADER_NAMES.terminalId]: 'pos-7',
    });
    expect(cancel.value).toEqual({
      orderId: id,
      eventType: 'order-cancelled',
      schemaVersion: 1,
      customerId: 'kim-01',
      reason: '손님 변심 (changed mind)',
      voidedAt: c.records.get(id)!.cancellation!.voidedAt,
      storeId: first.order.storeId,
      terminalId: 'pos-7',
      clerk: 'Lee',
    });
    expect(c.records.get(id)!.cancellation).toMatchObject({ partition: cancel.partition, offset: cancel.offset });

    // What a new session after a crash would look for: the order and its cancellation, apart.
    const found = await findOrderIds(clusterConfig({ brokers: shared.brokers, clientId: 't' }), {
      topic,
      partition: cancel.partition,
      fromOffset: 0,
      sinceMs: 0,
      orderIds: new Set([id, cancellationMessageId(id), cancellationMessageId(second.order.orderId)]),
    });
    expect(Object.fromEntries(found)).toEqual({ [id]: order.offset, [cancellationMessageId(id)]: cancel.offset });
  });
});
