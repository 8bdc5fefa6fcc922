// The order producer keeps its connections open all day. kafkajs 2.2.4 re-armed a 1 ms timer for
// ever on each of them once it had nothing queued (tulios/kafkajs#1556, #1704), about 4% of a core
// on an idle terminal; patches/kafkajs+2.2.4.patch stops that. Checked on whichever cluster
// KAFKA_TARGET names: an idle connected producer creates (almost) no timers, and it still sends
// at once afterwards, alone and with requests queued behind its one-in-flight limit.
import { createHook } from 'node:async_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterConfig } from '../../../electron/cluster/cluster-config';
import { createOrderProducer, type OrderProducer } from '../../../electron/kafka/order-producer';
import { kafkaCluster, type TestCluster } from '../../support/kafka-target';

let target: TestCluster;
beforeAll(async () => {
  target = await kafkaCluster();
});
afterAll(() => target?.close());

/** Timers created while `ms` pass with nothing to do. */
async function timersCreatedWhileIdle(ms: number): Promise<number> {
  let created = 0;
  const hook = createHook({
    init(_id, type) {
      if (type === 'Timeout') created++;
    },
  });
  hook.enable();
  try {
    await new Promise((r) => setTimeout(r, ms));
  } finally {
    hook.disable();
  }
  return created;
}

const message = (i: number) => ({ key: `C-${i}`, value: `order ${i}`, headers: { 'order-id': `idle-${i}` } });

describe('an idle order producer', () => {
  let producer: OrderProducer;
  let topic: string;
  beforeAll(async () => {
    topic = target.topic('producer-idle');
    await target.createTopic(topic, { partitions: 3 });
    producer = createOrderProducer(clusterConfig({ brokers: target.brokers }));
    await producer.connect();
    expect(await producer.partitionCount(topic)).toBe(3);
    // A batch to every partition: connections to every leader are open and have answered.
    for (let p = 0; p < 3; p++) expect(await producer.sendToPartition(topic, p, [message(p)])).toEqual(['0']);
  });
  afterAll(() => producer?.disconnect());

  it('does not wake up every millisecond while connected with nothing to send', async () => {
    // Unpatched, each open connection created one timer a millisecond: thousands in a second.
    const created = await timersCreatedWhileIdle(1_000);
    expect(created).toBeLessThan(50);
  });

  it('after idling, sends at once, and requests queued behind the one in flight all go out', async () => {
    await timersCreatedWhileIdle(300);
    expect(await producer.sendToPartition(topic, 0, [message(10)])).toEqual(['1']);
    // maxInFlightRequests is 1: these wait in kafkajs's queue and are sent as each answer comes.
    const sends = Array.from({ length: 12 }, (_, i) => producer.sendToPartition(topic, 1, [message(20 + i)]));
    const offsets = (await Promise.all(sends)).map(([o]) => Number(o)).sort((a, b) => a - b);
    expect(offsets).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });
});
