// The in-doubt check's lookup: which order ids already sit in a partition, at which offsets.
import type { Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrderIds } from '../../../electron/kafka/order-id-search';
import { kafkaCluster, type TestCluster } from '../../support/kafka-target';
import { clusterConfig } from '../../../electron/cluster/cluster-config';

let target: TestCluster;
let kafka: Kafka;
beforeAll(async () => {
  target = await kafkaCluster();
  kafka = target.kafka({ clientId: 'order-id-search-test' });
});
afterAll(() => target?.close());

async function topicWith(name: string, partitions = 1): Promise<string> {
  const topic = target.topic(name);
  await target.createTopic(topic, { partitions });
  return topic;
}

describe('finding order ids in a partition', () => {
  it('finds the wanted ids among many records and batches, at their offsets, and nothing else', async () => {
    const topic = await topicWith('search-many');
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const offsets = new Map<string, string>();
    for (let b = 0; b < 6; b++) {
      const messages = Array.from({ length: 50 }, (_, i) => {
        const n = b * 50 + i;
        // Other terminals' orders, records without headers, keyless records, other headers.
        if (n % 7 === 0) return { value: `no headers ${n}` };
        if (n % 11 === 0) return { key: null, value: `other ${n}`, headers: { 'trace-id': `order-${n}` } };
        return {
          key: `C-${n % 5}`,
          value: `order ${n}`,
          headers: { 'order-id': `order-${n}`, 'terminal-id': 'pos-1' },
        };
      });
      const [meta] = await producer.send({ topic, acks: -1, messages });
      messages.forEach((m, i) => {
        const id = m.headers?.['order-id'];
        if (id) offsets.set(id, String(Number(meta.baseOffset) + i));
      });
    }
    await producer.disconnect();

    const wanted = new Set(['order-1', 'order-149', 'order-299', 'order-7', 'order-11', 'never-sent']);
    const found = await findOrderIds(clusterConfig({ brokers: target.brokers, clientId: 't' }), {
      topic,
      partition: 0,
      sinceMs: Date.now() - 60_000,
      orderIds: wanted,
    });
    // order-7 had no headers and order-11 carried its id in another header: neither is an order record.
    expect(Object.fromEntries(found)).toEqual({
      'order-1': offsets.get('order-1'),
      'order-149': offsets.get('order-149'),
      'order-299': offsets.get('order-299'),
    });
  });

  it('does not look at records older than the given time', async () => {
    const topic = await topicWith('search-old');
    const producer = kafka.producer();
    await producer.connect();
    const old = Date.now() - 3_600_000;
    await producer.send({
      topic,
      messages: [{ value: 'x', timestamp: String(old), headers: { 'order-id': 'old-order' } }],
    });
    await producer.send({ topic, messages: [{ value: 'y', headers: { 'order-id': 'new-order' } }] });
    await producer.disconnect();
    const found = await findOrderIds(clusterConfig({ brokers: target.brokers, clientId: 't' }), {
      topic,
      partition: 0,
      sinceMs: Date.now() - 60_000,
      orderIds: new Set(['old-order', 'new-order']),
    });
    expect([...found.keys()]).toEqual(['new-order']);
  });

  it('from a recorded log end finds an order whatever the clock said when it was saved (an hour fast, then corrected)', async () => {
    const topic = await topicWith('search-from-offset');
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ value: 'before', headers: { 'order-id': 'earlier-order' } }] });
    // Where the log ended before our send: recorded in the outbox row, no clock involved.
    const admin = kafka.admin();
    await admin.connect();
    const [{ high: logEnd }] = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
    // Sent after the clock was corrected: the record carries the true time.
    await producer.send({ topic, messages: [{ value: 'ours', headers: { 'order-id': 'in-doubt' } }] });
    await producer.disconnect();
    const cfg = clusterConfig({ brokers: target.brokers, clientId: 't' });
    // Saved while the clock ran an hour fast: a search from "saved at minus ten minutes" starts past it.
    const savedAt = Date.now() + 3_600_000;
    const ids = new Set(['in-doubt', 'earlier-order']);
    const byTime = await findOrderIds(cfg, { topic, partition: 0, sinceMs: savedAt - 600_000, orderIds: ids });
    expect(byTime.size).toBe(0);
    const byOffset = await findOrderIds(cfg, {
      topic,
      partition: 0,
      fromOffset: Number(logEnd),
      sinceMs: savedAt,
      orderIds: ids,
    });
    expect(Object.fromEntries(byOffset)).toEqual({ 'in-doubt': logEnd });
  });

  it('finds nothing in a missing topic or an empty partition', async () => {
    const empty = await topicWith('search-empty');
    const cfg = clusterConfig({ brokers: target.brokers, clientId: 't' });
    const ids = new Set(['a']);
    expect((await findOrderIds(cfg, { topic: empty, partition: 0, sinceMs: 0, orderIds: ids })).size).toBe(0);
    expect(
      (
        await findOrderIds(cfg, {
          topic: target.topic('search-no-such-topic'),
          partition: 0,
          sinceMs: 0,
          orderIds: ids,
        })
      ).size,
    ).toBe(0);
  });

  it('fails clearly when no broker can be reached', async () => {
    await expect(
      findOrderIds(
        clusterConfig({ brokers: ['127.0.0.1:1'], clientId: 't' }),
        { topic: 'x', partition: 0, sinceMs: 0, orderIds: new Set(['a']) },
        2000,
      ),
    ).rejects.toThrow(/ECONNREFUSED|no connection/);
  });
});
