// With a data directory, topics, logs, committed group offsets and idempotent producer state
// survive close() and a new startSandboxCluster on the same directory and ports; stopAll() /
// startAll() keep everything as well.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type Admin, Kafka, logLevel } from 'kafkajs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SandboxCluster, type SandboxOptions, startSandboxCluster } from '../../../electron/sandbox';
import { ApiKey } from '../../../electron/kafka-wire/api-keys';
import { KafkaError } from '../../../electron/kafka-wire/error-codes';
import { KafkaReader } from '../../../electron/kafka-wire/kafka-reader';
import { capturedFrame, RawKafkaClient, splitRequest } from '../../support/raw-kafka-client';
import { withSequence } from '../../support/record-batch-builder';
import { storedBatches } from '../../support/sandbox-log';

function readProduce(r: KafkaReader) {
  const [t] = r.array((x) => ({
    name: x.string(),
    partitions: x.array((y) => ({
      index: y.int32(),
      error: y.int16(),
      baseOffset: Number(y.int64()),
      logAppendTime: y.int64(),
      logStartOffset: y.int64(),
    })),
  }));
  return t.partitions[0];
}

/** kafkajs's captured idempotent Produce v7 (producer 1000, epoch 0, sequence 0, one record to user-data/0), optionally re-sequenced. */
function capturedProduce(sequence?: number): { version: number; body: Buffer } {
  const { version, body } = splitRequest(capturedFrame('kafkajs-key0-v7'));
  if (sequence === undefined) return { version, body };
  const r = new KafkaReader(body);
  r.nullableString(); // transactional_id
  r.int16(); // acks
  r.int32(); // timeout
  expect(r.int32()).toBe(1); // one topic
  expect(r.string()).toBe('user-data');
  expect(r.int32()).toBe(1); // one partition
  r.int32(); // index
  const batch = r.bytes();
  return { version, body: Buffer.concat([body.subarray(0, r.pos - batch.length), withSequence(batch, sequence)]) };
}

/** A base port with `n` consecutive free ports after it, so a restart can reuse every broker's port. */
async function freeConsecutivePorts(n: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 30_000);
    const servers: net.Server[] = [];
    try {
      for (let i = 0; i < n; i++) {
        const s = net.createServer();
        await new Promise<void>((resolve, reject) => {
          s.once('error', reject);
          s.listen(base + i, '127.0.0.1', () => resolve());
        });
        servers.push(s);
      }
      return base;
    } catch {
      // taken: try another base
    } finally {
      await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    }
  }
  throw new Error('no consecutive free ports found');
}

describe('persistence with a data dir', () => {
  let dataDir: string;
  let cluster: SandboxCluster | null = null;
  beforeEach(async () => {
    basePort = await freeConsecutivePorts(3);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-persist-'));
  });
  afterEach(async () => {
    await cluster?.close();
    cluster = null;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  let basePort = 0;
  const options = (port = basePort): SandboxOptions => ({
    brokers: 3,
    port,
    dataDir,
    minInsyncReplicas: 2,
    topics: [{ name: 'user-data', partitions: 1, replicationFactor: 3 }],
  });

  /** close() and start again on the same ports and data dir. */
  async function restart(): Promise<SandboxCluster> {
    const ports = cluster!.bootstrapServers;
    await cluster!.close();
    cluster = await startSandboxCluster(options());
    expect(cluster.bootstrapServers).toEqual(ports);
    return cluster;
  }

  it("topics, logs and the idempotent producer's state survive a restart: a replayed captured batch is still a duplicate", async () => {
    cluster = await startSandboxCluster(options());
    const kafka = new Kafka({ brokers: cluster.bootstrapServers, logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      topics: [
        {
          topic: 'orders',
          numPartitions: 3,
          replicationFactor: 2,
          configEntries: [{ name: 'retention.ms', value: '60000' }],
        },
      ],
    });
    await admin.disconnect();

    const leader = () =>
      RawKafkaClient.connect(
        cluster!.bootstrapServers[cluster!.state.topics.get('user-data')!.partitions[0].leader - 1],
      );
    const send = async (sequence?: number) => {
      const c = await leader();
      const { version, body } = capturedProduce(sequence);
      const res = readProduce(await c.request(ApiKey.Produce, version, body));
      c.close();
      return res;
    };
    expect(await send()).toMatchObject({ error: 0, baseOffset: 0 });
    expect(await send(1)).toMatchObject({ error: 0, baseOffset: 1 });

    await restart();
    const orders = cluster.state.topics.get('orders')!;
    expect(orders.partitions.map((p) => p.replicas.length)).toEqual([2, 2, 2]);
    expect(orders.configs).toEqual({ 'retention.ms': '60000' });
    expect(cluster.state.topics.get('user-data')!.partitions[0].log.nextOffset).toBe(2);
    // the retry of sequence 1 is recognised and answered with its original offset, nothing appended
    expect(await send(1)).toMatchObject({ error: 0, baseOffset: 1 });
    expect(cluster.state.topics.get('user-data')!.partitions[0].log.nextOffset).toBe(2);
    expect(await send(5)).toMatchObject({ error: KafkaError.OUT_OF_ORDER_SEQUENCE_NUMBER });
    expect(await send(2)).toMatchObject({ error: 0, baseOffset: 2 });
  });

  it('kafkajs records and committed offsets survive a restart; new producer ids do not repeat old ones', async () => {
    cluster = await startSandboxCluster(options());
    const kafka = () => new Kafka({ brokers: cluster!.bootstrapServers, logLevel: logLevel.NOTHING });
    const producer = kafka().producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    await producer.send({ topic: 'user-data', acks: -1, messages: ['a', 'b', 'c'].map((value) => ({ value })) });
    await producer.disconnect();
    const firstPid = storedBatches(cluster.state.topics.get('user-data')!.partitions[0].log)[0].header.producerId;

    // A short fetch wait: disconnect() waits for the fetch in flight (kafkajs's default is 5 s).
    const consumer = kafka().consumer({ groupId: 'clerks', maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topic: 'user-data', fromBeginning: true });
    const seen: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`consumed ${seen.length} of 3`)), 20_000);
      void consumer.run({
        autoCommit: false,
        eachMessage: async ({ message, partition }) => {
          seen.push(String(message.value));
          await consumer.commitOffsets([{ topic: 'user-data', partition, offset: String(Number(message.offset) + 1) }]);
          if (seen.length === 3) {
            clearTimeout(t);
            resolve();
          }
        },
      });
    });
    await consumer.disconnect();
    expect(seen).toEqual(['a', 'b', 'c']);

    await restart();
    const admin = kafka().admin();
    await admin.connect();
    const [committed] = await admin.fetchOffsets({ groupId: 'clerks', topics: ['user-data'] });
    await admin.disconnect();
    expect(committed.partitions).toEqual([{ partition: 0, offset: '3', metadata: null }]);

    const again = kafka().producer({ idempotent: true, maxInFlightRequests: 1 });
    await again.connect();
    const [res] = await again.send({ topic: 'user-data', acks: -1, messages: [{ value: 'd' }] });
    await again.disconnect();
    expect(res.baseOffset).toBe('3');
    const batches = storedBatches(cluster.state.topics.get('user-data')!.partitions[0].log);
    expect(batches[batches.length - 1].header.producerId).toBeGreaterThan(firstPid);
  });

  it('stopAll()/startAll() keep topics, logs and ports', async () => {
    cluster = await startSandboxCluster(options());
    const ports = cluster.bootstrapServers;
    const producer = new Kafka({ brokers: ports, logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    await producer.send({ topic: 'user-data', acks: -1, messages: [{ value: '1' }] });
    await cluster.stopAll();
    expect(cluster.state.liveBrokers()).toEqual([]);
    await cluster.startAll();
    expect(cluster.bootstrapServers).toEqual(ports);
    const [res] = await producer.send({ topic: 'user-data', acks: -1, messages: [{ value: '2' }] });
    await producer.disconnect();
    expect(res.baseOffset).toBe('1');
    expect(cluster.state.topics.get('user-data')!.partitions[0].isr.sort()).toEqual([1, 2, 3]);
  });

  it('a torn last write (a crash mid-append) is cut off; everything before it is kept', async () => {
    cluster = await startSandboxCluster(options());
    const producer = new Kafka({ brokers: cluster.bootstrapServers, logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    await producer.send({ topic: 'user-data', acks: -1, messages: [{ value: 'whole' }] });
    await producer.disconnect();
    const ports = cluster.bootstrapServers;
    await cluster.close();
    const logFile = path.join(dataDir, 'topics', 'user-data', '0', '00000000000000000000.log');
    const whole = fs.statSync(logFile).size;
    fs.appendFileSync(logFile, Buffer.from([0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 9, 9]));
    cluster = await startSandboxCluster(options());
    expect(cluster.bootstrapServers).toEqual(ports);
    expect(cluster.state.topics.get('user-data')!.partitions[0].log.nextOffset).toBe(1);
    expect(fs.statSync(logFile).size).toBe(whole);
  });

  it('a data dir from before segments (one <partition>.log per partition) opens: its records, offsets and producer state are kept', async () => {
    cluster = await startSandboxCluster(options());
    const c = await RawKafkaClient.connect(
      cluster.bootstrapServers[cluster.state.topics.get('user-data')!.partitions[0].leader - 1],
    );
    const { version, body } = capturedProduce();
    expect(readProduce(await c.request(ApiKey.Produce, version, body))).toMatchObject({ error: 0, baseOffset: 0 });
    c.close();
    await cluster.close();
    // the old layout: topics/user-data/0.log, nothing else
    const partitionDir = path.join(dataDir, 'topics', 'user-data', '0');
    fs.renameSync(
      path.join(partitionDir, '00000000000000000000.log'),
      path.join(dataDir, 'topics', 'user-data', '0.log'),
    );
    fs.rmSync(partitionDir, { recursive: true });

    cluster = await startSandboxCluster(options());
    const log = cluster.state.topics.get('user-data')!.partitions[0].log;
    expect(log.nextOffset).toBe(1);
    expect(fs.readdirSync(partitionDir).sort()).toContain('00000000000000000000.log');
    const again = await RawKafkaClient.connect(
      cluster.bootstrapServers[cluster.state.topics.get('user-data')!.partitions[0].leader - 1],
    );
    // the same batch again is recognised from the migrated log's producer state
    expect(readProduce(await again.request(ApiKey.Produce, version, body))).toMatchObject({ error: 0, baseOffset: 0 });
    again.close();
    expect(log.nextOffset).toBe(1);
  });
});

/** Produces `n` records with an idempotent producer and returns their offsets. */
async function produceIdempotent(k: Kafka, topic: string, n: number): Promise<string[]> {
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

/** Topic deletion completes asynchronously: re-creating can briefly answer TOPIC_ALREADY_EXISTS. */
async function createAgain(a: Admin, topic: string, partitions: number): Promise<void> {
  for (let i = 0; i < 50; i++) {
    if (
      await a.createTopics({
        topics: [{ topic, numPartitions: partitions, replicationFactor: 3 }],
        waitForLeaders: true,
      })
    )
      return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`could not re-create ${topic}`);
}

describe('delete and re-create with a data dir', () => {
  it('a re-created topic starts at offset 0, also after the cluster restarts from its data dir', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-admin-'));
    try {
      const opts = { brokers: 3, dataDir, topics: [{ name: 'orders', partitions: 1, replicationFactor: 3 }] };
      let cluster = await startSandboxCluster(opts);
      const k = () => new Kafka({ brokers: cluster.bootstrapServers, logLevel: logLevel.NOTHING });
      expect(await produceIdempotent(k(), 'orders', 3)).toEqual(['0']);
      const a = k().admin();
      await a.connect();
      await a.deleteTopics({ topics: ['orders'] });
      await createAgain(a, 'orders', 1);
      await a.disconnect();
      expect(await produceIdempotent(k(), 'orders', 2)).toEqual(['0']);
      await cluster.close();
      cluster = await startSandboxCluster(opts); // new ports: the tests above cover same-port restarts
      expect(cluster.state.topics.get('orders')!.partitions[0].log.nextOffset).toBe(2);
      expect(await produceIdempotent(k(), 'orders', 1)).toEqual(['2']);
      await cluster.close();
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
