// The conformance suite: every Kafka behaviour Order Desk depends on, asked the way the app
// asks it (its cluster client, its kafkajs producer and admin, its benchmark sender, the wire
// module) and checked on whichever cluster KAFKA_TARGET names. The sandbox leg runs it against
// the sandbox, the kafka leg against real Apache Kafka 4.4.0, so each assertion is a fact both
// clusters answer alike; where the sandbox deliberately differs, the README's "The sandbox and
// Apache Kafka" table says so and this file does not assert it.
//
// Clusters are shared: one kafkaCluster() (the store's settings) for most tests, one
// faultCluster({ deleteTopicEnable: false }) for two brokers down and the refused delete.
import type { Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBench } from '../../../electron/bench/bench-runner';
import { checkAgainstCluster } from '../../../electron/bench/perf-params';
import { PRODUCE_VERSION } from '../../../electron/bench/raw-batch-sender';
import {
  ClusterClient,
  DESCRIBE_CONFIGS_VERSION,
  METADATA_TOPIC_ID_VERSION,
  METADATA_VERSION,
} from '../../../electron/cluster/cluster-client';
import { clusterConfig, parseBrokerAddress, type ClusterConfig } from '../../../electron/cluster/cluster-config';
import { RawConnection } from '../../../electron/cluster/raw-connection';
import { checkClusterHealth } from '../../../electron/diagnostics/cluster-health';
import { createTopic } from '../../../electron/diagnostics/create-topic';
import { checkSafety } from '../../../electron/diagnostics/safety-checklist';
import { ORDER_PRODUCER_SAFETY, createOrderProducer } from '../../../electron/kafka/order-producer';
import { FETCH_VERSION, LIST_OFFSETS_VERSION } from '../../../electron/cluster/partition-reader';
import { findOrderIds } from '../../../electron/kafka/order-id-search';
import type { KafkaApi } from '../../../electron/kafka-wire/api';
import { apiKeyName, ApiKey } from '../../../electron/kafka-wire/api-keys';
import { ApiVersions, type ApiVersionsResponse } from '../../../electron/kafka-wire/apis/api-versions';
import { DeleteTopics } from '../../../electron/kafka-wire/apis/delete-topics';
import {
  ConfigResourceType,
  ConfigSource,
  DescribeConfigs,
  type DescribedConfig,
} from '../../../electron/kafka-wire/apis/describe-configs';
import { InitProducerId } from '../../../electron/kafka-wire/apis/init-producer-id';
import { LATEST_TIMESTAMP, ListOffsets } from '../../../electron/kafka-wire/apis/list-offsets';
import { Metadata, type MetadataResponse } from '../../../electron/kafka-wire/apis/metadata';
import { Produce } from '../../../electron/kafka-wire/apis/produce';
import { KafkaError, kafkaErrorInfo } from '../../../electron/kafka-wire/error-codes';
import {
  encodeRecordBatch,
  type BatchFields,
  type RecordToEncode,
} from '../../../electron/kafka-wire/record-batch-encode';
import type { BenchParams } from '../../../shared/bench-types';
import { waitForTopics } from '../../../tools/apache-kafka/cluster-metadata';
import { decodeResponseFrame, frameFile } from '../../support/captured-frames';
import {
  faultCluster,
  kafkaCluster,
  noBrokerSettings,
  noFaultControls,
  targetKind,
  type FaultCluster,
  type TestCluster,
} from '../../support/kafka-target';
import { runKcat, skipWithoutKcat } from '../../support/kcat';
import { RequestRecorder } from '../../support/request-recorder';

const errorName = (code: number) => kafkaErrorInfo(code).name;

/** Apache Kafka 4.4.0's ApiVersions answer, captured from a real broker (test/fixtures/capture-kafka-responses.ts). */
const KAFKA_440: ApiVersionsResponse = decodeResponseFrame(
  frameFile('kafka440-apiversions-v3-response'),
  ApiVersions,
  3,
).body;
const rangeOf = (res: ApiVersionsResponse, key: number) => res.apiKeys.find((k) => k.apiKey === key);

function config(brokers: readonly string[]): ClusterConfig {
  return clusterConfig({ brokers: [...brokers], clientId: 'order-desk-conformance' });
}

async function open(broker: string): Promise<RawConnection> {
  return RawConnection.open(parseBrokerAddress(broker), config([broker]));
}

/** One request on a connection of its own. */
async function ask<Req, Res>(broker: string, api: KafkaApi<Req, Res>, version: number, req: Req): Promise<Res> {
  const conn = await open(broker);
  try {
    return await conn.request(api, version, req);
  } finally {
    conn.close();
  }
}

function metadataV5(broker: string, topics: string[] | null): Promise<MetadataResponse> {
  return ask(broker, Metadata, 5, { topics, allowAutoTopicCreation: false });
}

/** Address of the partition's leader, from the cluster client's Metadata. */
async function leaderOf(brokers: readonly string[], topic: string, partition: number): Promise<string> {
  const client = new ClusterClient(config(brokers));
  try {
    const meta = await client.metadata([topic]);
    const p = meta.topics[0].partitions.find((x) => x.partitionIndex === partition)!;
    const b = meta.brokersById.get(p.leaderId)!;
    return `${b.host}:${b.port}`;
  } finally {
    client.close();
  }
}

/** The topic's id as the app's cluster client asks it. */
async function topicIdOf(brokers: readonly string[], topic: string): Promise<string | null> {
  const client = new ClusterClient(config(brokers));
  try {
    return await client.topicId(topic);
  } finally {
    client.close();
  }
}

function batch(records: RecordToEncode[], fields: Partial<BatchFields> = {}): Buffer {
  return encodeRecordBatch(records, { firstTimestamp: Date.now(), ...fields });
}

/** One Produce of the benchmark sender's version to the partition's leader; the partition's answer. */
async function produce(
  brokers: readonly string[],
  topic: string,
  partition: number,
  acks: number,
  records: Buffer,
  conn?: RawConnection,
) {
  const own = conn ?? (await open(await leaderOf(brokers, topic, partition)));
  try {
    const res = await own.request(Produce, PRODUCE_VERSION, {
      transactionalId: null,
      acks,
      timeoutMs: 10_000,
      topicData: [{ name: topic, partitionData: [{ index: partition, records }] }],
    });
    return res.responses[0].partitionResponses[0];
  } finally {
    if (!conn) own.close();
  }
}

async function listOffset(brokers: readonly string[], topic: string, partition: number, timestamp: number) {
  const res = await ask(await leaderOf(brokers, topic, partition), ListOffsets, LIST_OFFSETS_VERSION, {
    replicaId: -1,
    isolationLevel: 0,
    topics: [{ name: topic, partitions: [{ partitionIndex: partition, currentLeaderEpoch: -1, timestamp }] }],
  });
  return res.topics[0].partitions[0];
}

async function describeConfigs(broker: string, resourceType: number, resourceName: string, keys: string[]) {
  const res = await ask(broker, DescribeConfigs, DESCRIBE_CONFIGS_VERSION, {
    resources: [{ resourceType, resourceName, configurationKeys: keys }],
    includeSynonyms: true,
  });
  expect(res.results[0].errorCode).toBe(KafkaError.NONE);
  return new Map<string, DescribedConfig>(res.results[0].configs.map((c) => [c.name, c]));
}

const external = targetKind === 'external';

/** The store's broker settings are asserted only on clusters made with them (not someone's, via KAFKA_BROKERS). */
function storeSettingsUnknown(what: string): boolean {
  if (!external) return false;
  console.log(`skipping ${what}: KAFKA_BROKERS names a cluster whose broker settings are its own`);
  return true;
}

let target: TestCluster;
let kafka: Kafka;
const recorder = { app: null as RequestRecorder | null, kcat: new Map<string, number[]>() };

beforeAll(async () => {
  target = await kafkaCluster();
  kafka = target.kafka({ clientId: 'order-desk-conformance' });
  recorder.app = new RequestRecorder(target.brokers);
  recorder.app.start();
});
afterAll(async () => {
  recorder.app?.stop();
  await target?.close();
});

describe(`Kafka conformance on ${targetKind === 'kafka' ? 'Apache Kafka' : targetKind}`, () => {
  it('Metadata: every broker, a live controller id, leaders among the replicas, the ISR whole; no topic created', async () => {
    const topic = target.topic('conf-metadata');
    // The app's own topic creation (Diagnostics), through its kafkajs admin.
    const replicas = Math.min(3, (await metadataV5(target.brokers[0], [])).brokers.length);
    const created = await createTopic(config(target.brokers), {
      name: topic,
      partitions: 3,
      replicationFactor: replicas,
    });
    expect(created).toEqual({ ok: true, value: { name: topic } });
    await waitForTopics(target.brokers, [{ name: topic, partitions: 3 }]);

    const ids = new Set<number>();
    const controllers = new Set<number>();
    for (const broker of target.brokers) {
      const meta = await metadataV5(broker, [topic]);
      expect(meta.clusterId).toMatch(/\S/);
      // Someone's cluster (KAFKA_BROKERS) may advertise other names than the bootstrap list.
      if (external) expect(meta.brokers.length).toBeGreaterThan(0);
      else expect(meta.brokers.map((b) => `${b.host}:${b.port}`).sort()).toEqual([...target.brokers].sort());
      for (const b of meta.brokers) ids.add(b.nodeId);
      // Under KRaft the controllers are not reachable by clients: Metadata names a live broker
      // chosen at random, as "the controller" (the sandbox does the same).
      for (let i = 0; i < 10; i++) controllers.add((await metadataV5(broker, [])).controllerId);
      const t = meta.topics[0];
      expect(t).toMatchObject({ name: topic, errorCode: KafkaError.NONE, isInternal: false });
      expect(t.partitions.map((p) => p.partitionIndex).sort()).toEqual([0, 1, 2]);
      for (const p of t.partitions) {
        expect(p.errorCode).toBe(KafkaError.NONE);
        expect(p.replicaNodes).toHaveLength(replicas);
        expect(p.replicaNodes).toContain(p.leaderId);
        expect([...p.isrNodes].sort()).toEqual([...p.replicaNodes].sort());
        expect(p.offlineReplicas).toEqual([]);
      }
    }
    for (const c of controllers) expect(ids).toContain(c);
    // KRaft's random choice (30 answers naming one broker of 3: chance 3^-29). A ZooKeeper-era
    // cluster behind KAFKA_BROKERS names its one controller.
    if (!external) {
      expect(ids.size).toBe(3);
      expect(controllers.size).toBeGreaterThan(1);
    }

    // Diagnostics reads the same through its one Metadata request.
    const health = await checkClusterHealth(config(target.brokers), topic);
    expect(health.reachable).toBe(true);
    expect(health.brokers.filter((b) => b.reachable)).toHaveLength(ids.size);
    expect(health.topic.partitions).toHaveLength(3);

    // A missing topic is reported, never created (allowAutoTopicCreation false, and the broker's own setting).
    const missing = target.topic('conf-never-created');
    const meta = await metadataV5(target.brokers[0], [missing]);
    expect(errorName(meta.topics[0].errorCode)).toBe('UNKNOWN_TOPIC_OR_PARTITION');
    expect(await target.topicExists(missing)).toBe(false);
  });

  it('produce to a missing topic: UNKNOWN_TOPIC_OR_PARTITION from the broker and from the app producer; nothing is created', async () => {
    const missing = target.topic('conf-missing');
    const res = await produce(target.brokers, missing, 0, -1, batch([{ value: 'x' }]), await open(target.brokers[0]));
    expect(errorName(res.errorCode)).toBe('UNKNOWN_TOPIC_OR_PARTITION');
    expect(res.baseOffset).toBe(-1);

    const producer = createOrderProducer(config(target.brokers));
    try {
      await producer.connect();
      const err = await producer.partitionCount(missing).catch((e: unknown) => e);
      expect(String((err as Error)?.message ?? err)).toMatch(/does not host this topic-partition|UNKNOWN_TOPIC/i);
    } finally {
      await producer.disconnect();
    }
    expect(await target.topicExists(missing)).toBe(false);
  });

  it('idempotent producer: a duplicate batch gets its original offset, a sequence gap OUT_OF_ORDER_SEQUENCE_NUMBER', async () => {
    const topic = target.topic('conf-idempotent');
    await target.createTopic(topic, { partitions: 1 });
    // A real cluster just started may answer COORDINATOR_LOAD_IN_PROGRESS (retriable) at first, as clients expect.
    let init = await ask(target.brokers[0], InitProducerId, 1, { transactionalId: null, transactionTimeoutMs: -1 });
    for (let i = 0; i < 60 && kafkaErrorInfo(init.errorCode).retriable; i++) {
      await new Promise((r) => setTimeout(r, 500));
      init = await ask(target.brokers[0], InitProducerId, 1, { transactionalId: null, transactionTimeoutMs: -1 });
    }
    expect(errorName(init.errorCode)).toBe('NONE');
    expect(init.producerId).toBeGreaterThanOrEqual(0);
    const ids = { producerId: init.producerId, producerEpoch: init.producerEpoch };
    const conn = await open(await leaderOf(target.brokers, topic, 0));
    try {
      const first = batch([{ value: 'a' }, { value: 'b' }], { ...ids, baseSequence: 0 });
      expect(await produce(target.brokers, topic, 0, -1, first, conn)).toMatchObject({ errorCode: 0, baseOffset: 0 });
      // The same batch again (a retry after a lost answer): the original offset, stored once.
      expect(await produce(target.brokers, topic, 0, -1, first, conn)).toMatchObject({ errorCode: 0, baseOffset: 0 });
      const gap = await produce(
        target.brokers,
        topic,
        0,
        -1,
        batch([{ value: 'c' }], { ...ids, baseSequence: 5 }),
        conn,
      );
      expect(errorName(gap.errorCode)).toBe('OUT_OF_ORDER_SEQUENCE_NUMBER');
      const next = await produce(
        target.brokers,
        topic,
        0,
        -1,
        batch([{ value: 'c' }], { ...ids, baseSequence: 2 }),
        conn,
      );
      expect(next).toMatchObject({ errorCode: 0, baseOffset: 2 });
    } finally {
      conn.close();
    }
    expect((await listOffset(target.brokers, topic, 0, LATEST_TIMESTAMP)).offset).toBe(3);
  });

  it('acks=0 gets no answer, acks=1 and acks=-1 get their offsets; every record is stored', async () => {
    const topic = target.topic('conf-acks');
    await target.createTopic(topic, { partitions: 1 });
    const conn = await open(await leaderOf(target.brokers, topic, 0));
    try {
      await conn.sendOnly(Produce, PRODUCE_VERSION, {
        transactionalId: null,
        acks: 0,
        timeoutMs: 10_000,
        topicData: [{ name: topic, partitionData: [{ index: 0, records: batch([{ value: 'acks0' }]) }] }],
      });
      // The next answer on this connection is acks=1's: acks=0 got none.
      expect(await produce(target.brokers, topic, 0, 1, batch([{ value: 'acks1' }]), conn)).toMatchObject({
        errorCode: 0,
        baseOffset: 1,
      });
      expect(await produce(target.brokers, topic, 0, -1, batch([{ value: 'all' }]), conn)).toMatchObject({
        errorCode: 0,
        baseOffset: 2,
      });
    } finally {
      conn.close();
    }
    expect((await listOffset(target.brokers, topic, 0, LATEST_TIMESTAMP)).offset).toBe(3);

    // The benchmark engine (Produce v3 to the leaders, as the Diagnostics pane runs it), acks 0, 1 and all.
    for (const acks of [0, 1, -1] as const) {
      const params: BenchParams = {
        topic,
        numRecords: 50,
        recordSize: 100,
        payloads: null,
        throughput: -1,
        acks,
        warmupRecords: 0,
        batchSize: null,
        lingerMs: null,
        compression: 'none',
      };
      const checked = await checkAgainstCluster(config(target.brokers), params);
      expect(checked.ok).toBe(true);
      if (!checked.ok) return;
      const { result } = await runBench({ params, cluster: config(target.brokers), target: checked.value, label: 'c' });
      expect(result.summary.failed).toBe(0);
    }
    await expect.poll(async () => (await listOffset(target.brokers, topic, 0, LATEST_TIMESTAMP)).offset).toBe(153);
  });

  it.skipIf(storeSettingsUnknown('the DescribeConfigs conformance check'))(
    'DescribeConfigs: the checklist keys with their names, values and sources, for a broker and a topic',
    async () => {
      const topic = target.topic('conf-configs');
      await target.createTopic(topic, { partitions: 1, configs: { 'retention.ms': '3600000' } });
      const brokerKeys = [
        'auto.create.topics.enable',
        'delete.topic.enable',
        'default.replication.factor',
        'min.insync.replicas',
        'unclean.leader.election.enable',
        'message.max.bytes',
        'log.retention.ms',
        'log.roll.ms',
      ];
      const meta = await metadataV5(target.brokers[0], []);
      const self = meta.brokers.find((b) => `${b.host}:${b.port}` === target.brokers[0])!;
      const broker = await describeConfigs(
        target.brokers[0],
        ConfigResourceType.BROKER,
        String(self.nodeId),
        brokerKeys,
      );
      const v = (m: Map<string, DescribedConfig>, k: string) => [m.get(k)?.value, m.get(k)?.configSource];
      expect([...broker.keys()].sort()).toEqual([...brokerKeys].sort());
      // The store's settings, set when the brokers started. min.insync.replicas set so becomes a
      // cluster-wide dynamic default under KRaft (Kafka 4's controller records it at start).
      expect(v(broker, 'auto.create.topics.enable')).toEqual(['false', ConfigSource.STATIC_BROKER_CONFIG]);
      expect(v(broker, 'delete.topic.enable')).toEqual(['true', ConfigSource.STATIC_BROKER_CONFIG]);
      expect(v(broker, 'default.replication.factor')).toEqual(['3', ConfigSource.STATIC_BROKER_CONFIG]);
      expect(v(broker, 'min.insync.replicas')).toEqual(['2', ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG]);
      expect(broker.get('min.insync.replicas')?.synonyms.map((s) => [s.value, s.source])).toEqual([
        ['2', ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG],
        ['2', ConfigSource.STATIC_BROKER_CONFIG],
        ['1', ConfigSource.DEFAULT_CONFIG],
      ]);
      expect(v(broker, 'unclean.leader.election.enable')).toEqual(['false', ConfigSource.DEFAULT_CONFIG]);
      expect(v(broker, 'message.max.bytes')).toEqual(['1048588', ConfigSource.DEFAULT_CONFIG]);
      // Kafka's defaults for these live in log.retention.hours and log.roll.hours (168): the .ms keys have no value.
      for (const k of ['log.retention.ms', 'log.roll.ms']) {
        expect(v(broker, k)).toEqual([null, ConfigSource.DEFAULT_CONFIG]);
        expect(broker.get(k)?.synonyms).toEqual([]);
      }
      expect(broker.get('auto.create.topics.enable')?.readOnly).toBe(true);
      expect(broker.get('min.insync.replicas')?.readOnly).toBe(false);

      const topicKeys = [
        'min.insync.replicas',
        'unclean.leader.election.enable',
        'retention.ms',
        'segment.ms',
        'max.message.bytes',
      ];
      const t = await describeConfigs(target.brokers[1], ConfigResourceType.TOPIC, topic, topicKeys);
      expect(v(t, 'retention.ms')).toEqual(['3600000', ConfigSource.DYNAMIC_TOPIC_CONFIG]);
      expect(t.get('retention.ms')?.synonyms.map((s) => [s.name, s.value, s.source])).toEqual([
        ['retention.ms', '3600000', ConfigSource.DYNAMIC_TOPIC_CONFIG],
      ]);
      expect(v(t, 'segment.ms')).toEqual(['604800000', ConfigSource.DEFAULT_CONFIG]);
      expect(t.get('segment.ms')?.synonyms).toEqual([]);
      expect(v(t, 'min.insync.replicas')).toEqual(['2', ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG]);
      expect(v(t, 'unclean.leader.election.enable')).toEqual(['false', ConfigSource.DEFAULT_CONFIG]);
      // A topic key falls back to its broker synonym, under the broker's name.
      expect(v(t, 'max.message.bytes')).toEqual(['1048588', ConfigSource.DEFAULT_CONFIG]);
      expect(t.get('max.message.bytes')?.synonyms.map((s) => s.name)).toEqual(['message.max.bytes']);

      // The safety checklist reads the same and judges the store's cluster (delete.topic.enable=true warns).
      const checklist = await checkSafety(config(target.brokers), topic, ORDER_PRODUCER_SAFETY);
      expect(checklist.error).toBeNull();
      expect(Object.fromEntries(checklist.items.map((i) => [i.id, i.status]))).toMatchObject({
        autoCreateTopics: 'pass',
        deleteTopic: 'warn',
        replicationFactor: 'pass',
        minInsyncReplicas: 'pass',
        uncleanLeaderElection: 'pass',
        // retention.ms as read here (Kafka's default 7 days) against the history's default 400 days.
        topicRetention: 'warn',
      });
    },
  );

  it('ListOffsets by timestamp: the first record at or after it, and offset -1 when there is none', async () => {
    const topic = target.topic('conf-timestamps');
    await target.createTopic(topic, { partitions: 1 });
    const t0 = Date.now() - 60_000;
    const records = [0, 10_000, 20_000].map((d) => ({ value: `at +${d}`, timestampDelta: d }));
    expect(await produce(target.brokers, topic, 0, -1, batch(records, { firstTimestamp: t0 }))).toMatchObject({
      errorCode: 0,
      baseOffset: 0,
    });
    expect(await listOffset(target.brokers, topic, 0, t0)).toMatchObject({ errorCode: 0, offset: 0, timestamp: t0 });
    expect(await listOffset(target.brokers, topic, 0, t0 + 5_000)).toMatchObject({ offset: 1, timestamp: t0 + 10_000 });
    expect(await listOffset(target.brokers, topic, 0, t0 + 20_000)).toMatchObject({
      offset: 2,
      timestamp: t0 + 20_000,
    });
    expect(await listOffset(target.brokers, topic, 0, t0 + 20_001)).toMatchObject({
      errorCode: 0,
      offset: -1,
      timestamp: -1,
    });
  });

  it("the app's producer and in-doubt order search: orders sent, then found at their offsets from a timestamp", async () => {
    const topic = target.topic('conf-orders');
    await target.createTopic(topic, { partitions: 1 });
    const producer = createOrderProducer(config(target.brokers));
    const since = Date.now() - 1_000;
    try {
      await producer.connect();
      expect(await producer.partitionCount(topic)).toBe(1);
      const offsets = await producer.sendToPartition(topic, 0, [
        { key: 'C-1', value: '{"orderId":"o-1"}', headers: { 'order-id': 'o-1' } },
        { key: 'C-1', value: '{"orderId":"o-2"}', headers: { 'order-id': 'o-2' } },
      ]);
      expect(offsets).toEqual(['0', '1']);
    } finally {
      await producer.disconnect();
    }
    const found = await findOrderIds(config(target.brokers), {
      topic,
      partition: 0,
      sinceMs: since,
      orderIds: new Set(['o-1', 'o-2', 'o-3']),
    });
    expect(Object.fromEntries(found)).toEqual({ 'o-1': '0', 'o-2': '1' });
  });

  it('consumer group: a kafkajs group reads every record back and its committed offsets read back', async () => {
    const topic = target.topic('conf-group');
    await target.createTopic(topic, { partitions: 3 });
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    for (const partition of [0, 1, 2])
      await producer.send({
        topic,
        acks: -1,
        messages: [0, 1].map((i) => ({ partition, value: `p${partition}-${i}` })),
      });
    await producer.disconnect();

    const groupId = target.topic('conf-group-id');
    const consumer = kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1_000 });
    const seen: string[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        consumer
          .run({
            autoCommitThreshold: 1,
            eachMessage: async ({ message }) => {
              seen.push(String(message.value));
              if (seen.length === 6) resolve();
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
    }
    expect(seen.sort()).toEqual(['p0-0', 'p0-1', 'p1-0', 'p1-1', 'p2-0', 'p2-1']);
    const admin = kafka.admin();
    await admin.connect();
    try {
      const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
      expect(committed.partitions.map((p) => [p.partition, p.offset]).sort()).toEqual([
        [0, '2'],
        [1, '2'],
        [2, '2'],
      ]);
    } finally {
      await admin.disconnect();
    }
  });

  it('topic delete on any broker, and a topic re-created under the same name starts again at offset 0, with another topic id', async () => {
    const topic = target.topic('conf-recreate');
    await target.createTopic(topic, { partitions: 1 });
    const oldId = await topicIdOf(target.brokers, topic);
    expect(oldId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    for (let i = 0; i < 3; i++)
      expect(await produce(target.brokers, topic, 0, -1, batch([{ value: `old ${i}` }]))).toMatchObject({
        errorCode: 0,
        baseOffset: i,
      });
    // DeleteTopics v1 (kafkajs's) to the last bootstrap broker, whichever is the controller: Kafka 4 forwards it.
    const res = await ask(target.brokers[target.brokers.length - 1], DeleteTopics, 1, {
      topicNames: [topic],
      timeoutMs: 10_000,
    });
    expect(res.responses).toEqual([{ name: topic, errorCode: KafkaError.NONE }]);
    await expect.poll(() => target.topicExists(topic), { timeout: 30_000 }).toBe(false);
    await expect
      .poll(async () => (await metadataV5(target.brokers[0], [topic])).topics[0].errorCode, { timeout: 30_000 })
      .toBe(KafkaError.UNKNOWN_TOPIC_OR_PARTITION);

    // Re-created: Kafka may still be removing the old log for a moment, so creation is retried.
    await expect
      .poll(
        () =>
          target.createTopic(topic, { partitions: 1 }).then(
            () => true,
            () => false,
          ),
        {
          timeout: 30_000,
          interval: 500,
        },
      )
      .toBe(true);
    expect((await listOffset(target.brokers, topic, 0, LATEST_TIMESTAMP)).offset).toBe(0);
    // The cluster client's id question (ApiVersions, then Metadata v12) tells the two topics apart.
    const newId = await topicIdOf(target.brokers, topic);
    expect(newId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(newId).not.toBe(oldId);
    expect(await produce(target.brokers, topic, 0, -1, batch([{ value: 'new' }]))).toMatchObject({
      errorCode: 0,
      baseOffset: 0,
    });
  });

  describe.skipIf(skipWithoutKcat('the kcat conformance checks'))('kcat (librdkafka)', () => {
    it('lists, produces and reads back', async () => {
      const topic = target.topic('conf-kcat');
      await target.createTopic(topic, { partitions: 1 });
      const brokers = target.brokers.join(',');
      const runs = [
        await runKcat(['-b', brokers, '-L', '-t', topic, '-d', 'protocol']),
        await runKcat(['-b', brokers, '-P', '-t', topic, '-X', 'acks=all', '-d', 'protocol'], { input: 'one\ntwo\n' }),
        await runKcat(['-b', brokers, '-C', '-t', topic, '-o', 'beginning', '-e', '-q', '-d', 'protocol']),
      ];
      for (const r of runs) expect(r.code, r.stderr.slice(-2000)).toBe(0);
      expect(runs[0].stdout).toContain(`topic "${topic}" with 1 partitions`);
      expect(runs[2].stdout.trim().split('\n')).toEqual(['one', 'two']);
      for (const r of runs)
        for (const m of r.stderr.matchAll(/Sent (\w+)Request \(v(\d+)/g)) {
          const list = recorder.kcat.get(m[1]) ?? [];
          recorder.kcat.set(m[1], [...list, Number(m[2])]);
        }
      expect(recorder.kcat.get('Produce')?.length).toBeGreaterThan(0);
    });
  });

  it('ApiVersions: every version the app, kafkajs and kcat sent is inside the broker ranges and none Kafka 4 removed', async () => {
    const live = await ask(target.brokers[0], ApiVersions, 2, {});
    expect(live.errorCode).toBe(KafkaError.NONE);
    const sent = recorder.app!.requests;
    // Everything the tests above made the app (its cluster client, its kafkajs producer and
    // admin, its benchmark sender), kafkajs and the wire-level checks send.
    const names = sent.map((s) => `${apiKeyName(s.apiKey)} v${s.apiVersion}`);
    console.log(`conformance: requests sent by the app and kafkajs: ${names.join(', ')}`);
    console.log(
      `conformance: requests sent by kcat: ${[...recorder.kcat].map(([n, v]) => `${n} v${[...new Set(v)].join('/')}`).join(', ')}`,
    );
    expect(names).toEqual(
      expect.arrayContaining([
        `Metadata v${METADATA_VERSION}`,
        // The cluster client's own, with topic ids, after asking ApiVersions.
        'ApiVersions v0',
        `Metadata v${METADATA_TOPIC_ID_VERSION}`,
        `DescribeConfigs v${DESCRIBE_CONFIGS_VERSION}`,
        `Produce v${PRODUCE_VERSION}`,
        `ListOffsets v${LIST_OFFSETS_VERSION}`,
        `Fetch v${FETCH_VERSION}`,
        'CreateTopics v3', // kafkajs's, for the app's topic creation
        'InitProducerId v1', // kafkajs's, for the order producer
      ]),
    );
    const outside = (res: ApiVersionsResponse) =>
      sent.filter((s) => {
        const r = rangeOf(res, s.apiKey);
        return !r || s.apiVersion < r.minVersion || s.apiVersion > r.maxVersion;
      });
    expect(outside(live).map((s) => `${apiKeyName(s.apiKey)} v${s.apiVersion}`)).toEqual([]);
    expect(outside(KAFKA_440).map((s) => `${apiKeyName(s.apiKey)} v${s.apiVersion}`)).toEqual([]);

    // kcat names requests its own way (ApiVersion, Metadata, Produce, Fetch, ...).
    const kcatKey = (name: string) =>
      (ApiKey as Record<string, number>)[name] ?? (ApiKey as Record<string, number>)[`${name}s`];
    for (const [name, versions] of recorder.kcat) {
      const key = kcatKey(name);
      expect(key, `kcat request ${name}`).toBeDefined();
      const r = rangeOf(live, key)!;
      // librdkafka starts with ApiVersions v3 and falls back when a broker refuses it.
      const checked = key === ApiKey.ApiVersions ? versions.filter((v) => v <= r.maxVersion) : versions;
      for (const v of checked) {
        expect(v, `kcat ${name} v${v}`).toBeGreaterThanOrEqual(r.minVersion);
        expect(v, `kcat ${name} v${v}`).toBeLessThanOrEqual(r.maxVersion);
        expect(v).toBeGreaterThanOrEqual(rangeOf(KAFKA_440, key)!.minVersion);
      }
    }

    // The broker answers no version Apache Kafka 4.4.0 does not (its minimums are KIP-896's);
    // on the kafka leg that is the version under test against the captured one.
    for (const k of live.apiKeys) {
      const kafkaRange = rangeOf(KAFKA_440, k.apiKey);
      expect(kafkaRange, `API ${apiKeyName(k.apiKey)}`).toBeDefined();
      expect(k.minVersion, `${apiKeyName(k.apiKey)} min`).toBeGreaterThanOrEqual(kafkaRange!.minVersion);
      expect(k.maxVersion, `${apiKeyName(k.apiKey)} max`).toBeLessThanOrEqual(kafkaRange!.maxVersion);
    }
    if (targetKind === 'kafka')
      expect(live.apiKeys).toEqual(
        KAFKA_440.apiKeys.map(({ apiKey, minVersion, maxVersion }) => ({ apiKey, minVersion, maxVersion })),
      );
  });
});

describe.skipIf(
  noFaultControls('the conformance outage checks') ||
    noBrokerSettings('the refused topic delete', { deleteTopicEnable: false }),
)('two brokers down, and delete.topic.enable=false', () => {
  let c: FaultCluster;
  let topic: string;
  beforeAll(async () => {
    c = await faultCluster({ deleteTopicEnable: false });
    topic = c.topic('conf-outage');
    await c.createTopic(topic, { partitions: 1, replicationFactor: 3 });
  });
  afterAll(async () => {
    await c?.restore();
    await c?.close();
  });

  it('DeleteTopics is refused (INVALID_REQUEST before v3, TOPIC_DELETION_DISABLED from v3) and the topic stays', async () => {
    for (const [version, code] of [
      [1, KafkaError.INVALID_REQUEST],
      [3, KafkaError.TOPIC_DELETION_DISABLED],
    ] as const) {
      const res = await ask(c.brokers[1], DeleteTopics, version, { topicNames: [topic], timeoutMs: 10_000 });
      expect(res.responses.map((r) => [r.name, errorName(r.errorCode)])).toEqual([[topic, errorName(code)]]);
    }
    const admin = c.kafka({ retry: { retries: 0 } }).admin();
    await admin.connect();
    try {
      await expect(admin.deleteTopics({ topics: [topic] })).rejects.toThrow();
    } finally {
      await admin.disconnect();
    }
    expect(await c.topicExists(topic)).toBe(true);
    expect((await metadataV5(c.brokers[0], [topic])).topics[0].errorCode).toBe(KafkaError.NONE);
  });

  it('2 of 3 brokers down: acks=-1 gets NOT_ENOUGH_REPLICAS, the ISR is the last broker; one back and it succeeds', async () => {
    expect(await produce(c.brokers, topic, 0, -1, batch([{ value: 'before' }]))).toMatchObject({ errorCode: 0 });
    await c.faults.stopBroker(2);
    await c.faults.stopBroker(3);
    const meta = await metadataV5(c.brokers[0], [topic]);
    expect(meta.topics[0].partitions[0]).toMatchObject({ leaderId: 1, isrNodes: [1] });
    const res = await produce(c.brokers, topic, 0, -1, batch([{ value: 'during' }]));
    expect(errorName(res.errorCode)).toBe('NOT_ENOUGH_REPLICAS');

    await c.faults.startBroker(2);
    await expect
      .poll(async () => errorName((await produce(c.brokers, topic, 0, -1, batch([{ value: 'after' }]))).errorCode), {
        timeout: 60_000,
        interval: 500,
      })
      .toBe('NONE');
    await c.faults.startBroker(3);
    const back = await metadataV5(c.brokers[0], [topic]);
    expect([...back.topics[0].partitions[0].isrNodes].sort()).toEqual([1, 2, 3]);
  });
});
