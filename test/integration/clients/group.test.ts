// Two kafkajs consumers in one group against the cluster under test (KAFKA_TARGET, or
// KAFKA_BROKERS): they split the partitions, and when one leaves the other takes them all over.
import { randomUUID } from 'node:crypto';
import type { Consumer, Kafka, Producer } from 'kafkajs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { kafkaCluster, type TestCluster } from '../../support/kafka-target';

let cluster: TestCluster;
let kafka: Kafka;
let producer: Producer;
const consumers: Consumer[] = [];

beforeAll(async () => {
  cluster = await kafkaCluster();
  kafka = cluster.kafka({ clientId: 'group-test', retry: { retries: 8, initialRetryTime: 100 } });
  producer = kafka.producer();
  await producer.connect();
});

afterEach(async () => {
  await Promise.all(consumers.splice(0).map((c) => c.disconnect().catch(() => {})));
});

afterAll(async () => {
  await producer?.disconnect();
  await cluster?.close();
});

const unique = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;

interface Member {
  name: string;
  consumer: Consumer;
  /** Partitions from the latest GROUP_JOIN. */
  assigned: number[];
  generations: number;
  got: Array<{ partition: number; key: string }>;
}

async function startMember(name: string, groupId: string, topic: string): Promise<Member> {
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 300, heartbeatInterval: 300, sessionTimeout: 10_000 });
  consumers.push(consumer);
  const m: Member = { name, consumer, assigned: [], generations: 0, got: [] };
  consumer.on(consumer.events.GROUP_JOIN, (e) => {
    m.assigned = [...(e.payload.memberAssignment[topic] ?? [])].sort();
    m.generations++;
  });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      m.got.push({ partition, key: String(message.key) });
    },
  });
  return m;
}

async function produceToEveryPartition(
  topic: string,
  partitions: number,
  perPartition: number,
  tag: string,
): Promise<string[]> {
  const keys: string[] = [];
  const messages = [];
  for (let p = 0; p < partitions; p++) {
    for (let i = 0; i < perPartition; i++) {
      const key = `${tag}-p${p}-${i}`;
      keys.push(key);
      messages.push({ key, value: `value of ${key}`, partition: p });
    }
  }
  await producer.send({ topic, acks: -1, messages });
  return keys;
}

describe('kafkajs consumer group with two members', () => {
  it('splits the partitions between two consumers, and hands them all to the one that stays when the other leaves', async () => {
    const topic = cluster.topic('group-test');
    await cluster.createTopic(topic, { partitions: 4, replicationFactor: 3 });
    const groupId = unique('pair');

    const a = await startMember('a', groupId, topic);
    const b = await startMember('b', groupId, topic);
    // Both end up in one generation with disjoint halves that cover every partition.
    await expect
      .poll(() => a.assigned.length > 0 && b.assigned.length > 0 && [...a.assigned, ...b.assigned].sort().join(), {
        timeout: 30_000,
      })
      .toBe('0,1,2,3');
    expect(a.assigned.filter((p) => b.assigned.includes(p))).toEqual([]);

    const first = await produceToEveryPartition(topic, 4, 25, 'first');
    await expect
      .poll(() => new Set([...a.got, ...b.got].map((g) => g.key)).size, { timeout: 30_000 })
      .toBe(first.length);
    // Each consumer only saw its own partitions.
    expect(a.got.every((g) => a.assigned.includes(g.partition))).toBe(true);
    expect(b.got.every((g) => b.assigned.includes(g.partition))).toBe(true);
    expect(a.got.length).toBeGreaterThan(0);
    expect(b.got.length).toBeGreaterThan(0);

    const admin2 = kafka.admin();
    await admin2.connect();
    const described = (await admin2.describeGroups([groupId])).groups[0];
    expect(described.state).toBe('Stable');
    expect(described.members).toHaveLength(2);

    // b leaves (LeaveGroup): a is told to rejoin and gets all four partitions.
    const generationsBefore = a.generations;
    await b.consumer.disconnect();
    await expect
      .poll(() => a.generations > generationsBefore && a.assigned.join(), { timeout: 30_000 })
      .toBe('0,1,2,3');
    expect((await admin2.describeGroups([groupId])).groups[0].members).toHaveLength(1);
    await admin2.disconnect();

    const bGotBefore = b.got.length;
    const second = await produceToEveryPartition(topic, 4, 25, 'second');
    await expect.poll(() => second.every((k) => a.got.some((g) => g.key === k)), { timeout: 30_000 }).toBe(true);
    expect(b.got.length).toBe(bGotBefore);
  }, 90_000);
});
