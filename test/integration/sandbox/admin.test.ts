// kafkajs admin against the sandbox (or KAFKA_BROKERS): create, list, describe and delete
// topics, describe topic and broker configs, and a deleted, re-created topic starting at offset 0.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Admin, ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxCluster } from '../../../electron/sandbox';
import { kafkaTarget, type KafkaTarget, realClusterBrokers, skipReason } from '../../support/kafka-target';

let target: KafkaTarget;
let kafka: Kafka;
let admin: Admin;

beforeAll(async () => {
  target = await kafkaTarget({ minInsyncReplicas: 2 });
  kafka = new Kafka({ brokers: target.brokers, clientId: 'admin-test', logLevel: logLevel.NOTHING });
  admin = kafka.admin();
  await admin.connect();
});
afterAll(async () => {
  await admin.disconnect();
  await target.close();
});

/** Produces `n` records with an idempotent producer and returns their offsets. */
async function produce(k: Kafka, topic: string, n: number): Promise<string[]> {
  const producer = k.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    const res = await producer.send({ topic, acks: -1, messages: Array.from({ length: n }, (_, i) => ({ key: 'k', value: `v${i}` })) });
    return res.map((r) => r.baseOffset!);
  } finally {
    await producer.disconnect();
  }
}

/** Kafka deletes topics asynchronously: re-creating can briefly answer TOPIC_ALREADY_EXISTS. */
async function createAgain(a: Admin, topic: string, partitions: number): Promise<void> {
  for (let i = 0; i < 50; i++) {
    if (await a.createTopics({ topics: [{ topic, numPartitions: partitions, replicationFactor: 3 }], waitForLeaders: true })) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`could not re-create ${topic}`);
}

describe('admin', () => {
  it('creates, lists, describes (metadata) and deletes topics', async () => {
    const topic = target.topic('admin-orders');
    expect(await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 3 }], waitForLeaders: true })).toBe(true);
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
    const a = new Kafka({ brokers: target.brokers, logLevel: logLevel.NOTHING, retry: { retries: 0 } }).admin();
    await a.connect();
    const err = await a.deleteTopics({ topics: [target.topic('never-created')], timeout: 2000 }).catch((e) => e);
    await a.disconnect();
    expect(err?.name).toBe('KafkaJSNumberOfRetriesExceeded');
    expect(err?.cause?.type).toBe('UNKNOWN_TOPIC_OR_PARTITION');
  });

  it('describes topic configs with sources, and broker configs from the broker itself', async () => {
    const topic = target.topic('admin-configs');
    await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 3, configEntries: [{ name: 'retention.ms', value: '3600000' }] }] });
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
    for (const key of ['min.insync.replicas', 'max.message.bytes', 'unclean.leader.election.enable', 'cleanup.policy']) expect(t.get(key), key).toBeDefined();
    const brokerRes = byType.get(ConfigResourceTypes.BROKER)!;
    expect(brokerRes.resourceName).toBe(brokerId);
    const b = new Map(brokerRes.configEntries.map((e) => [e.configName, e]));
    for (const key of ['auto.create.topics.enable', 'delete.topic.enable', 'min.insync.replicas', 'message.max.bytes', 'unclean.leader.election.enable', 'default.replication.factor']) {
      expect(b.get(key), key).toBeDefined();
    }
    if (target.sandbox) {
      expect(b.get('min.insync.replicas')).toMatchObject({ configValue: '2', readOnly: false, isSensitive: false });
      expect(b.get('auto.create.topics.enable')).toMatchObject({ configValue: 'false', readOnly: true });
      expect(t.get('min.insync.replicas')).toMatchObject({ configValue: '2' });
    }
  });

  it('describing a missing topic fails with UNKNOWN_TOPIC_OR_PARTITION', async () => {
    const err = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: target.topic('nope') }] }).catch((e) => e);
    expect(err.type).toBe('UNKNOWN_TOPIC_OR_PARTITION');
  });

  it('a deleted and re-created topic starts again at offset 0 (in memory)', async () => {
    const topic = target.topic('admin-recreate');
    await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 3 }], waitForLeaders: true });
    expect(await produce(kafka, topic, 5)).toEqual(['0']);
    expect(await produce(kafka, topic, 1)).toEqual(['5']);
    await admin.deleteTopics({ topics: [topic] });
    await createAgain(admin, topic, 1);
    expect(await produce(kafka, topic, 1)).toEqual(['0']);
    const offsets = await admin.fetchTopicOffsets(topic).catch(() => null); // ListOffsets may belong to another engineer's part
    if (offsets) expect(offsets[0].high).toBe('1');
  });
});

describe.skipIf(realClusterBrokers.length > 0)('delete and re-create with a data dir', () => {
  if (realClusterBrokers.length > 0) skipReason('data-dir restart');

  it('a re-created topic starts at offset 0, also after the cluster restarts from its data dir', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-admin-'));
    try {
      const opts = { brokers: 3, dataDir, topics: [{ name: 'orders', partitions: 1, replicationFactor: 3 }] };
      let cluster = await startSandboxCluster(opts);
      const k = () => new Kafka({ brokers: cluster.bootstrapServers, logLevel: logLevel.NOTHING });
      expect(await produce(k(), 'orders', 3)).toEqual(['0']);
      const a = k().admin();
      await a.connect();
      await a.deleteTopics({ topics: ['orders'] });
      await createAgain(a, 'orders', 1);
      await a.disconnect();
      expect(await produce(k(), 'orders', 2)).toEqual(['0']);
      await cluster.close();
      cluster = await startSandboxCluster(opts); // new ports: persistence.test.ts covers same-port restarts
      expect(cluster.state.topics.get('orders')!.partitions[0].log.nextOffset).toBe(2);
      expect(await produce(k(), 'orders', 1)).toEqual(['2']);
      await cluster.close();
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(realClusterBrokers.length > 0)('delete.topic.enable=false', () => {
  if (realClusterBrokers.length > 0) skipReason('delete.topic.enable=false');

  it("refuses kafkajs's DeleteTopics v1 the way Kafka 2.4 does (INVALID_REQUEST; v3 clients get TOPIC_DELETION_DISABLED)", async () => {
    const cluster = await startSandboxCluster({ brokers: 3, deleteTopicEnable: false, topics: [{ name: 'kept', partitions: 1, replicationFactor: 1 }] });
    const a = new Kafka({ brokers: cluster.bootstrapServers, logLevel: logLevel.NOTHING, retry: { retries: 0 } }).admin();
    await a.connect();
    try {
      const err = await a.deleteTopics({ topics: ['kept'] }).catch((e) => e);
      expect(err?.type).toBe('INVALID_REQUEST');
      expect(await a.listTopics()).toContain('kept');
    } finally {
      await a.disconnect();
      await cluster.close();
    }
  });
});
