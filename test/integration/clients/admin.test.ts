// kafkajs admin against the cluster under test (KAFKA_TARGET): create, list, describe and
// delete topics, describe topic and broker configs, a deleted, re-created topic starting at
// offset 0, and deletion refused where delete.topic.enable=false.
import { type Admin, ConfigResourceTypes, type Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForTopics } from '../../../tools/apache-kafka/cluster-metadata';
import { kafkaCluster, noBrokerSettings, type TestCluster } from '../../support/kafka-target';

let target: TestCluster;
let kafka: Kafka;
let admin: Admin;

beforeAll(async () => {
  target = await kafkaCluster();
  kafka = target.kafka({ clientId: 'admin-test' });
  admin = kafka.admin();
  await admin.connect();
});
afterAll(async () => {
  await admin?.disconnect();
  await target?.close();
});

/** Produces `n` records with an idempotent producer and returns their offsets. */
async function produce(k: Kafka, topic: string, n: number): Promise<string[]> {
  const producer = k.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    const res = await producer.send({
      topic,
      acks: -1,
      messages: Array.from({ length: n }, (_, i) => ({ key: 'k', value: `v${i}` })),
    });
    return res.map((r) => r.baseOffset!);
  } finally {
    await producer.disconnect();
  }
}

/**
 * Kafka deletes topics asynchronously: re-creating can briefly answer TOPIC_ALREADY_EXISTS. And
 * it spreads the new topic to its brokers asynchronously, so kafkajs's waitForLeaders (which
 * asks one broker and gives up on UNKNOWN_TOPIC_OR_PARTITION) is replaced by asking every broker.
 */
async function createAgain(a: Admin, topic: string, partitions: number): Promise<void> {
  for (let i = 0; i < 50; i++) {
    if (
      await a.createTopics({
        topics: [{ topic, numPartitions: partitions, replicationFactor: 3 }],
        waitForLeaders: false,
      })
    ) {
      await waitForTopics(target.brokers, [{ name: topic, partitions }]);
      return;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`could not re-create ${topic}`);
}

describe('admin', () => {
  it('creates, lists, describes (metadata) and deletes topics', async () => {
    const topic = target.topic('admin-orders');
    expect(
      await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 3 }], waitForLeaders: false }),
    ).toBe(true);
    // Real Kafka tells its brokers about a new topic asynchronously.
    await waitForTopics(target.brokers, [{ name: topic, partitions: 3 }]);
    expect(await admin.listTopics()).toContain(topic);
    const meta = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(meta.topics[0].partitions).toHaveLength(3);
    for (const p of meta.topics[0].partitions) {
      expect(p.replicas).toHaveLength(3);
      expect(p.isr).toHaveLength(3);
      expect(p.replicas).toContain(p.leader);
    }
    await admin.deleteTopics({ topics: [topic] });
    await expect.poll(async () => (await admin.listTopics()).includes(topic), { timeout: 15_000 }).toBe(false);
  });

  it('deleting an unknown topic fails with UNKNOWN_TOPIC_OR_PARTITION', async () => {
    // kafkajs retries this error; without retries the broker's answer surfaces as it is.
    const a = target.kafka({ retry: { retries: 0 } }).admin();
    await a.connect();
    const err = await a.deleteTopics({ topics: [target.topic('never-created')], timeout: 2000 }).catch((e) => e);
    await a.disconnect();
    expect(err?.name).toBe('KafkaJSNumberOfRetriesExceeded');
    expect(err?.cause?.type).toBe('UNKNOWN_TOPIC_OR_PARTITION');
  });

  it('describes topic configs with sources, and broker configs from the broker itself', async () => {
    const topic = target.topic('admin-configs');
    await target.createTopic(topic, { partitions: 1, replicationFactor: 3, configs: { 'retention.ms': '3600000' } });
    const { brokers } = await admin.describeCluster();
    const brokerId = String(brokers[brokers.length - 1].nodeId);
    const res = await admin.describeConfigs({
      includeSynonyms: true,
      resources: [
        { type: ConfigResourceTypes.TOPIC, name: topic },
        { type: ConfigResourceTypes.BROKER, name: brokerId },
      ],
    });
    const byType = new Map(res.resources.map((r) => [r.resourceType, r]));
    const topicRes = byType.get(ConfigResourceTypes.TOPIC)!;
    expect(topicRes.errorCode).toBe(0);
    const t = new Map(topicRes.configEntries.map((e) => [e.configName, e]));
    expect(t.get('retention.ms')).toMatchObject({ configValue: '3600000', isDefault: false, readOnly: false });
    for (const key of ['min.insync.replicas', 'max.message.bytes', 'unclean.leader.election.enable', 'cleanup.policy'])
      expect(t.get(key), key).toBeDefined();
    const brokerRes = byType.get(ConfigResourceTypes.BROKER)!;
    expect(brokerRes.resourceName).toBe(brokerId);
    const b = new Map(brokerRes.configEntries.map((e) => [e.configName, e]));
    for (const key of [
      'auto.create.topics.enable',
      'delete.topic.enable',
      'min.insync.replicas',
      'message.max.bytes',
      'unclean.leader.election.enable',
      'default.replication.factor',
    ]) {
      expect(b.get(key), key).toBeDefined();
    }
    if (target.sandbox) {
      expect(b.get('min.insync.replicas')).toMatchObject({ configValue: '2', readOnly: false, isSensitive: false });
      expect(b.get('auto.create.topics.enable')).toMatchObject({ configValue: 'false', readOnly: true });
      expect(t.get('min.insync.replicas')).toMatchObject({ configValue: '2' });
    }
  });

  it('describing a missing topic fails with UNKNOWN_TOPIC_OR_PARTITION', async () => {
    const err = await admin
      .describeConfigs({
        includeSynonyms: false,
        resources: [{ type: ConfigResourceTypes.TOPIC, name: target.topic('nope') }],
      })
      .catch((e) => e);
    expect(err.type).toBe('UNKNOWN_TOPIC_OR_PARTITION');
  });

  it('a deleted and re-created topic starts again at offset 0 (in memory)', async () => {
    const topic = target.topic('admin-recreate');
    await target.createTopic(topic, { partitions: 1, replicationFactor: 3 });
    expect(await produce(kafka, topic, 5)).toEqual(['0']);
    expect(await produce(kafka, topic, 1)).toEqual(['5']);
    await admin.deleteTopics({ topics: [topic] });
    await createAgain(admin, topic, 1);
    expect(await produce(kafka, topic, 1)).toEqual(['0']);
    const offsets = await admin.fetchTopicOffsets(topic).catch(() => null); // ListOffsets may belong to another engineer's part
    if (offsets) expect(offsets[0].high).toBe('1');
  });
});

describe.skipIf(noBrokerSettings('the delete.topic.enable=false test', { deleteTopicEnable: false }))(
  'delete.topic.enable=false',
  () => {
    it("refuses kafkajs's DeleteTopics v1 the way Kafka does (INVALID_REQUEST; v3 clients get TOPIC_DELETION_DISABLED)", async () => {
      const cluster = await kafkaCluster({ deleteTopicEnable: false });
      const kept = cluster.topic('kept');
      const a = cluster.kafka({ retry: { retries: 0 } }).admin();
      try {
        await cluster.createTopic(kept, { partitions: 1, replicationFactor: 1 });
        await a.connect();
        const err = await a.deleteTopics({ topics: [kept] }).catch((e) => e);
        expect(err?.type).toBe('INVALID_REQUEST');
        expect(await a.listTopics()).toContain(kept);
      } finally {
        await a.disconnect();
        await cluster.close();
      }
    });
  },
);
