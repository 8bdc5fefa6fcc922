// The store moves to another cluster (Settings: other brokers, the same topic name). The orders
// delivered to the first cluster are still in its topic: the app must not report them gone
// ("delivered to a previous topic") from the second cluster's topic of that name, nor offer to
// re-send them there, nor look for one there or void one with a cancellation sent there; and
// back on the first cluster, nothing of either is reported gone. (It happened: every order
// delivered before the switch was marked gone, and the operator's Re-send duplicated them all.)
// The first cluster is the leg's (the sandbox, or Apache Kafka under KAFKA_TARGET=kafka); the
// second is a sandbox cluster of its own. An order whose answer was lost on a cluster left
// (a sandbox cluster, which can slow its answers) is not sent to the next one (it went to both).
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxCluster, type SandboxCluster } from '../../../electron/sandbox';
import { kafkaCluster, type TestCluster } from '../../support/kafka-target';
import { readTopic } from '../../support/read-topic';
import { until } from '../../support/until';
import { allDelivered, deliveryReport, draft, useOrderCores, type Core } from './order-core';

const { core } = useOrderCores();

let first: TestCluster;
let second: SandboxCluster;
beforeAll(async () => {
  first = await kafkaCluster();
  second = await startSandboxCluster({ brokers: 3, port: 0, minInsyncReplicas: 2, autoCreateTopics: false });
});
afterAll(async () => {
  await second?.close();
  await first?.close();
});

async function moveTo(c: Core, brokers: string[], topic?: string): Promise<void> {
  const s = await c.core.handlers.settings.get(undefined);
  if (!s.ok) throw new Error('settings');
  const saved = await c.core.handlers.settings.save({ ...s.value, brokers, topic: topic ?? s.value.topic });
  if (!saved.ok) throw new Error(`settings refused: ${JSON.stringify(saved.error)}`);
}

async function deliver(c: Core, from: number, count: number, what: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = from; i < from + count; i++) ids.push((await c.submit(draft(`cs-${i % 3}`, i))).order.orderId);
  await until(() => allDelivered(c, ids), 30_000, deliveryReport(c, ids, what));
  return ids;
}

/** How many records the topic's partitions hold (no consumer group: reading them back takes seconds). */
async function messagesIn(kafka: Kafka, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(topic)).reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
  } finally {
    await admin.disconnect();
  }
}

/**
 * An order stored by `cluster`'s brokers whose answer is delayed, then lost with them (they are
 * left stopped). Another order of the same customer goes first: its partition's log end is then
 * known, so with the brokers slowed the order's send goes at once, no other question before it.
 */
async function sentAndAnswerLost(c: Core, cluster: SandboxCluster): Promise<string> {
  const warm = (await c.submit(draft('cs-doubt', 300))).order.orderId;
  await until(() => allDelivered(c, [warm]), 20_000, deliveryReport(c, [warm], 'delivered before the answer is lost'));
  for (const id of cluster.brokerIds) cluster.setLatency(id, 5_000);
  const doubt = (await c.submit(draft('cs-doubt', 301))).order.orderId;
  await until(() => c.state(doubt) === 'sending', 5_000, 'the order on its way');
  await new Promise((r) => setTimeout(r, 200));
  await cluster.stopAll();
  return doubt;
}

describe('the store moves to another cluster with a topic of the same name', () => {
  it('keeps the orders delivered to the first cluster delivered, there and back, and re-sends none of them', async () => {
    const topic = first.topic('moved');
    await first.createTopic(topic, { partitions: 3 });
    second.createTopic({ name: topic, partitions: 3, replicationFactor: 3 });
    const c = await core({ brokers: first.brokers, topic });

    // More orders on the first cluster than the second will ever hold, so its topic's offsets
    // there are below the ones recorded: what a topic re-created and cut short looks like.
    const before = await deliver(c, 0, 12, 'delivered to the first cluster');

    await moveTo(c, second.bootstrapServers);
    const after = await deliver(c, 100, 2, 'delivered to the second cluster');
    // The check of the second cluster's topic has run by now (every delivered batch is checked).
    await new Promise((r) => setTimeout(r, 1_500));
    const gone = await c.core.handlers.orders.previousTopic(undefined);
    expect(gone.ok && gone.value).toBeNull();
    expect(before.filter((id) => c.state(id) !== 'delivered')).toEqual([]);
    const connection = await c.core.handlers.connection.state(undefined);
    expect(connection.ok && connection.value.previousTopic).toBeNull();

    // Looked for where it went, an order of the first cluster is on another cluster, not missing;
    // and it cannot be voided from here (its cancellation would reach a topic it never was in).
    const found = await c.core.handlers.history.findOnTopic({ orderId: before[0] });
    expect(found.ok && found.value).toMatchObject({ record: null, problem: 'otherCluster', detail: topic });
    expect((await c.core.handlers.risk.setPin({ currentPin: null, newPin: '2468' })).ok).toBe(true);
    const voided = await c.core.handlers.orders.void({ orderId: before[0], reason: 'moved', pin: '2468' });
    expect(voided.ok ? null : voided.error.code).toBe('order.voidOtherCluster');
    // One of the second cluster's own is found there.
    const here = await c.core.handlers.history.findOnTopic({ orderId: after[0] });
    expect(here.ok && here.value).toMatchObject({ problem: null });

    // Back on the first cluster: neither cluster's orders are reported gone.
    await moveTo(c, first.brokers);
    const back = await deliver(c, 200, 2, 'delivered to the first cluster again');
    await new Promise((r) => setTimeout(r, 1_500));
    const goneBack = await c.core.handlers.orders.previousTopic(undefined);
    expect(goneBack.ok && goneBack.value).toBeNull();
    expect([...before, ...after, ...back].filter((id) => c.state(id) !== 'delivered')).toEqual([]);

    // Each order is in its cluster's topic once, and nowhere else.
    const onFirst = await readTopic(first.kafka(), topic, 14);
    expect(onFirst.map((m) => m.headers['order-id']).sort()).toEqual([...before, ...back].sort());
    const secondKafka = new Kafka({
      clientId: 'order-desk-test',
      logLevel: logLevel.NOTHING,
      brokers: second.bootstrapServers,
    });
    const onSecond = await readTopic(secondKafka, topic, 2);
    expect(onSecond.map((m) => m.headers['order-id']).sort()).toEqual([...after].sort());
  }, 120_000);

  // An order whose answer the first cluster never gave (its brokers went down mid-send) may be
  // in that cluster's topic: the second cluster's in-doubt search cannot tell, so sending it
  // there could put it on both. It is set aside, and settled on its own cluster once back there.
  it('sets aside an order in doubt on the cluster Settings moved away from, and settles it there once back', async () => {
    const left = await startSandboxCluster({ brokers: 3, port: 0, minInsyncReplicas: 2, autoCreateTopics: false });
    try {
      const topic = first.topic('in-doubt');
      await first.createTopic(topic, { partitions: 3 });
      left.createTopic({ name: topic, partitions: 3, replicationFactor: 3 });
      const c = await core({ brokers: left.bootstrapServers, topic });
      const doubt = await sentAndAnswerLost(c, left);
      await moveTo(c, first.brokers);
      // The new cluster's first cycle follows the lost send's end: the order's fate is told by then.
      await deliver(c, 302, 1, 'delivered to the new cluster');
      expect(c.records.get(doubt)).toMatchObject({
        state: 'failed',
        autoRetry: false,
        error: { code: 'order.inDoubtOtherCluster' },
      });
      expect(await messagesIn(first.kafka(), topic)).toBe(1);

      // Back on its cluster: found there by the in-doubt search, not sent a second time.
      for (const id of left.brokerIds) left.setLatency(id, 0);
      await left.startAll();
      await moveTo(c, left.bootstrapServers);
      await until(() => allDelivered(c, [doubt]), 20_000, deliveryReport(c, [doubt], 'settled on its own cluster'));
      const leftKafka = new Kafka({
        clientId: 'order-desk-test',
        logLevel: logLevel.NOTHING,
        brokers: left.bootstrapServers,
      });
      expect(await messagesIn(leftKafka, topic)).toBe(2);
    } finally {
      await left.close();
    }
  }, 60_000);

  // The same cluster, another topic (Settings changed the order topic alone): the in-doubt
  // search looks in the topic the app sends to, so the order lost in the first one was sent to
  // the second too, and was in both.
  it('sets aside an order in doubt in the topic Settings moved away from, and settles it there once back', async () => {
    const cluster = await startSandboxCluster({ brokers: 3, port: 0, minInsyncReplicas: 2, autoCreateTopics: false });
    try {
      const [topic, next] = [first.topic('doubt-was'), first.topic('doubt-next')];
      for (const name of [topic, next]) cluster.createTopic({ name, partitions: 3, replicationFactor: 3 });
      const c = await core({ brokers: cluster.bootstrapServers, topic });
      const doubt = await sentAndAnswerLost(c, cluster);
      await moveTo(c, cluster.bootstrapServers, next);
      // Its send over, unanswered, before the brokers are back (kafkajs would send it again).
      await until(() => c.state(doubt) !== 'sending', 20_000, 'the send given up');
      for (const id of cluster.brokerIds) cluster.setLatency(id, 0);
      await cluster.startAll();
      await deliver(c, 302, 1, 'delivered to the new topic');
      const kafka = new Kafka({
        clientId: 'order-desk-test',
        logLevel: logLevel.NOTHING,
        brokers: cluster.bootstrapServers,
      });
      expect(await messagesIn(kafka, next)).toBe(1);
      expect(c.records.get(doubt)).toMatchObject({
        state: 'failed',
        autoRetry: false,
        error: { code: 'order.inDoubtOtherCluster' },
      });

      await moveTo(c, cluster.bootstrapServers, topic);
      await until(() => allDelivered(c, [doubt]), 20_000, deliveryReport(c, [doubt], 'settled in its own topic'));
      expect(await messagesIn(kafka, topic)).toBe(2);
    } finally {
      await cluster.close();
    }
  }, 60_000);
});
