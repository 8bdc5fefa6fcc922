// Broker stop/start, latency and whole-cluster stop/start, seen by kafkajs the way the app sees
// them: a topic with 3 partitions, replication factor 3, min.insync.replicas 2, an idempotent
// producer with acks=-1.
import { Kafka, logLevel, type Admin, type Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxCluster } from '../../../electron/sandbox';
import { ApiKey } from '../../../electron/kafka-wire/api-keys';
import { KafkaWriter } from '../../../electron/kafka-wire/kafka-writer';
import { kafkaTarget, type KafkaTarget, realClusterBrokers, skipReason } from '../../support/kafka-target';
import { RawKafkaClient } from '../../support/raw-kafka-client';

const onRealCluster = realClusterBrokers.length > 0;
if (onRealCluster) skipReason('broker stop/start, latency and stop-all/start-all tests');

describe.skipIf(onRealCluster)('fault controls', () => {
  let target: KafkaTarget;
  let cluster: SandboxCluster;
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  let n = 0;

  beforeAll(async () => {
    target = await kafkaTarget({ minInsyncReplicas: 2, topics: [{ name: 'orders', partitions: 3, replicationFactor: 3 }] });
    cluster = target.sandbox!;
    kafka = new Kafka({ brokers: target.brokers, clientId: 'faults-test', logLevel: logLevel.NOTHING, retry: { retries: 2, initialRetryTime: 100 } });
    admin = kafka.admin();
    await admin.connect();
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, retry: { retries: 2, initialRetryTime: 100 } });
    await producer.connect();
  });
  afterAll(async () => {
    await producer?.disconnect();
    await admin?.disconnect();
    await target?.close();
  });

  /**
   * One record to each partition, one send per record as the app sends. (A single kafkajs
   * send spanning partitions whose leader just moved onto a broker already answered in that
   * send silently skips that partition's records: a kafkajs 2.2.4 sendMessages bug that shows
   * against a real Kafka as well.)
   */
  const sendAll = async () => {
    for (const partition of [0, 1, 2]) {
      await producer.send({ topic: 'orders', acks: -1, messages: [{ partition, key: `k${n}`, value: `order ${n++}` }] });
    }
  };

  async function partitions() {
    const meta = await admin.fetchTopicMetadata({ topics: ['orders'] });
    return meta.topics[0].partitions.sort((a, b) => a.partitionId - b.partitionId);
  }

  it('stopping one broker: sends keep succeeding, leadership moves and the ISR shrinks', async () => {
    await sendAll();
    await cluster.stopBroker(3);
    const started = Date.now();
    await sendAll();
    await sendAll();
    expect(Date.now() - started).toBeLessThan(10_000);
    for (const p of await partitions()) {
      expect(p.leader).not.toBe(3);
      expect(p.isr.sort()).toEqual([1, 2]);
      expect(p.offlineReplicas).toEqual([3]);
    }
  });

  it('stopping a second broker: acks=-1 sends fail with NOT_ENOUGH_REPLICAS after the retries', async () => {
    await cluster.stopBroker(2);
    const err = await sendAll().catch((e) => e);
    expect(err?.name).toBe('KafkaJSNumberOfRetriesExceeded');
    expect(err?.cause?.type).toBe('NOT_ENOUGH_REPLICAS');
    expect(String(err?.cause?.message)).toContain('fewer in-sync replicas than required');
    for (const p of await partitions()) {
      expect(p.leader).toBe(1);
      expect(p.isr).toEqual([1]);
    }
  });

  it('starting both again: sends succeed and the brokers are back in the ISR', async () => {
    await cluster.startBroker(2);
    await cluster.startBroker(3);
    await sendAll();
    for (const p of await partitions()) expect(p.isr.sort()).toEqual([1, 2, 3]);
    // every acknowledged record is in the logs exactly once (idempotence held through the failures)
    const stored = cluster.state.topics.get('orders')!.partitions.map((p) => p.log.nextOffset);
    expect(stored).toEqual([4, 4, 4]);
  });

  it('setLatency(2, 200) makes every answer of broker 2 take at least 200 ms; 0 removes it', async () => {
    const raw = await RawKafkaClient.connect(cluster.bootstrapServers[1]);
    const body = new KafkaWriter().toBuffer();
    cluster.setLatency(2, 200);
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      await raw.request(ApiKey.ApiVersions, 2, body, 100 + i);
      expect(performance.now() - t0).toBeGreaterThanOrEqual(199);
    }
    cluster.setLatency(2, 0);
    const t0 = performance.now();
    await raw.request(ApiKey.ApiVersions, 2, body, 200);
    expect(performance.now() - t0).toBeLessThan(150);
    raw.close();
    expect(() => cluster.setLatency(2, -1)).toThrow(/non-negative/);
    expect(() => cluster.setLatency(9, 5)).toThrow(/no broker 9/);
  });

  it('restartBroker keeps the port; stopAll()/startAll() bring the whole cluster back on the same ports with its data', async () => {
    const ports = cluster.bootstrapServers;
    await cluster.restartBroker(1);
    expect(cluster.bootstrapServers).toEqual(ports);
    await sendAll();
    await cluster.stopAll();
    const err = await sendAll().catch((e) => e);
    expect(err).toBeInstanceOf(Error);
    await cluster.startAll();
    expect(cluster.bootstrapServers).toEqual(ports);
    await sendAll();
    for (const p of await partitions()) expect(p.isr.sort()).toEqual([1, 2, 3]);
    const stored = cluster.state.topics.get('orders')!.partitions.map((p) => p.log.nextOffset);
    expect(stored).toEqual([6, 6, 6]);
  });
});
