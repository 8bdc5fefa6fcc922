// kafkajs producers against the cluster under test (KAFKA_TARGET, or KAFKA_BROKERS): every
// acks level, plain and idempotent, read back with a kafkajs consumer.
import type { Admin, Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kafkaCluster, type TestCluster } from '../../support/kafka-target';

let target: TestCluster;
let kafka: Kafka;
let admin: Admin;

beforeAll(async () => {
  target = await kafkaCluster();
  kafka = target.kafka({ clientId: 'producer-test' });
  admin = kafka.admin();
  await admin.connect();
});
afterAll(async () => {
  await admin?.disconnect();
  await target?.close();
});

async function readAll(
  topic: string,
  expected: number,
): Promise<Array<{ key: string; value: string; headers: Record<string, string>; offset: string; partition: number }>> {
  // A short fetch wait: disconnect() waits for the fetch in flight (kafkajs's default is 5 s).
  const consumer = kafka.consumer({ groupId: `read-${topic}-${Date.now()}`, maxWaitTimeInMs: 100 });
  const out: Array<{ key: string; value: string; headers: Record<string, string>; offset: string; partition: number }> =
    [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`read ${out.length} of ${expected} records`)), 20_000);
    void consumer.run({
      eachMessage: async ({ partition, message }) => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(message.headers ?? {})) headers[k] = String(v);
        out.push({
          key: String(message.key),
          value: String(message.value),
          headers,
          offset: message.offset,
          partition,
        });
        if (out.length >= expected) {
          clearTimeout(timer);
          resolve();
        }
      },
    });
  });
  await consumer.disconnect();
  return out;
}

describe.each([
  { acks: 0, idempotent: false },
  { acks: 1, idempotent: false },
  { acks: -1, idempotent: false },
  { acks: -1, idempotent: true },
])('kafkajs producer acks=$acks idempotent=$idempotent', ({ acks, idempotent }) => {
  it('delivers every message once, in order per key, with headers', async () => {
    const topic = target.topic(`acks${acks}-${idempotent ? 'idem' : 'plain'}`);
    await target.createTopic(topic, { partitions: 3, replicationFactor: 3 });
    const producer = kafka.producer({
      idempotent,
      maxInFlightRequests: idempotent ? 1 : undefined,
      allowAutoTopicCreation: false,
    });
    await producer.connect();
    const sent = Array.from({ length: 30 }, (_, i) => ({
      key: `C-${i % 4}`,
      value: `order-${i}`,
      headers: { 'order-id': `id-${i}` },
    }));
    for (let i = 0; i < sent.length; i += 10) {
      const meta = await producer.send({ topic, acks, messages: sent.slice(i, i + 10) });
      if (acks !== 0) for (const m of meta) expect(m.errorCode).toBe(0);
    }
    await producer.disconnect();
    const got = await readAll(topic, sent.length);
    expect(got).toHaveLength(sent.length);
    expect(new Set(got.map((g) => g.value))).toEqual(new Set(sent.map((s) => s.value)));
    for (const key of ['C-0', 'C-1', 'C-2', 'C-3']) {
      const forKey = got.filter((g) => g.key === key);
      expect(new Set(forKey.map((g) => g.partition)).size).toBe(1); // one customer, one partition
      expect(forKey.map((g) => g.value)).toEqual(sent.filter((s) => s.key === key).map((s) => s.value));
    }
    for (const g of got) expect(g.headers['order-id']).toBe(`id-${g.value.split('-')[1]}`);
  });
});

describe('producing to a missing topic', () => {
  it('fails with UNKNOWN_TOPIC_OR_PARTITION and does not create the topic', async () => {
    const producer = kafka.producer({ allowAutoTopicCreation: false, retry: { retries: 1, initialRetryTime: 50 } });
    await producer.connect();
    const topic = target.topic('no-such-topic');
    await expect(producer.send({ topic, acks: -1, messages: [{ value: 'x' }] })).rejects.toThrow(
      /does not host this topic-partition/,
    );
    await producer.disconnect();
    expect(await admin.listTopics()).not.toContain(topic);
  });
});
