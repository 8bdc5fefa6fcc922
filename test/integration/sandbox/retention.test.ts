// Retention and the memory budget as clients see them, over TCP: old segments go, the earliest
// offset (ListOffsets -2) moves, a Fetch below it gets OFFSET_OUT_OF_RANGE as in Kafka, and a
// consumer from the beginning reads exactly what is left. With a data directory the deleted
// segments' files are gone and a restarted cluster reads its segments back from disk.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kafka, logLevel, type Message } from 'kafkajs';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandboxCluster, type SandboxCluster, type SandboxOptions } from '../../../electron/sandbox';
import { ApiKey } from '../../../electron/kafka-wire/api-keys';
import { Fetch, type FetchPartitionResponse } from '../../../electron/kafka-wire/apis/fetch';
import { KafkaError } from '../../../electron/kafka-wire/error-codes';
import { KafkaWriter } from '../../../electron/kafka-wire/kafka-writer';
import { splitRecordBatches } from '../../../electron/kafka-wire/record-batch-decode';
import { RawKafkaClient } from '../../support/raw-kafka-client';

const MiB = 1024 * 1024;
const HOUR = 3_600_000;

let cluster: SandboxCluster | null = null;
const dirs: string[] = [];
const logLines: string[] = [];
afterEach(async () => {
  await cluster?.close();
  cluster = null;
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  logLines.length = 0;
});

async function start(opts: SandboxOptions): Promise<SandboxCluster> {
  cluster = await startSandboxCluster({
    brokers: 1,
    log: (l) => logLines.push(l),
    ...opts,
    brokerConfig: { 'log.retention.check.interval.ms': '100', ...opts.brokerConfig },
  });
  return cluster;
}

const kafka = (c: SandboxCluster) => new Kafka({ brokers: c.bootstrapServers, logLevel: logLevel.NOTHING });

/** `sends` requests of 20 records of 10 KB each, one batch each, with the given timestamp. */
async function produce(
  c: SandboxCluster,
  topic: string,
  sends: number,
  timestamp: number,
  partition = 0,
): Promise<void> {
  const producer = kafka(c).producer();
  await producer.connect();
  for (let i = 0; i < sends; i++) {
    const messages: Message[] = Array.from({ length: 20 }, (_, j) => ({
      key: `k${j}`,
      value: Buffer.alloc(10_000, 97 + (i % 26)),
      timestamp: String(timestamp),
      partition,
    }));
    await producer.send({ topic, acks: 1, messages });
  }
  await producer.disconnect();
}

async function createTopic(
  c: SandboxCluster,
  topic: string,
  configs: Record<string, string>,
  partitions = 1,
): Promise<void> {
  const admin = kafka(c).admin();
  await admin.connect();
  await admin.createTopics({
    topics: [
      {
        topic,
        numPartitions: partitions,
        replicationFactor: 1,
        configEntries: Object.entries(configs).map(([name, value]) => ({ name, value })),
      },
    ],
  });
  await admin.disconnect();
}

/** ListOffsets earliest (-2) and latest (-1), as kafkajs asks for them. */
async function offsets(c: SandboxCluster, topic: string, partition = 0): Promise<{ low: number; high: number }> {
  const admin = kafka(c).admin();
  await admin.connect();
  const all = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const p = all.find((x) => x.partition === partition)!;
  return { low: Number(p.low), high: Number(p.high) };
}

async function waitFor<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  // polls what clients or the cluster state show; retention runs on its own timer
  const until = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > until) throw new Error(`${what}: still ${JSON.stringify(v)} after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function rawFetch(
  c: SandboxCluster,
  topic: string,
  offset: number,
  partition = 0,
): Promise<FetchPartitionResponse> {
  const client = await RawKafkaClient.connect(c.bootstrapServers[0]);
  const w = new KafkaWriter();
  Fetch.encodeRequest(w, 11, {
    replicaId: -1,
    maxWaitMs: 0,
    minBytes: 0,
    maxBytes: 10 * MiB,
    isolationLevel: 0,
    sessionId: 0,
    sessionEpoch: -1,
    topics: [
      {
        topic,
        partitions: [
          { partition, currentLeaderEpoch: -1, fetchOffset: offset, logStartOffset: -1, partitionMaxBytes: MiB },
        ],
      },
    ],
    forgottenTopicsData: [],
    rackId: '',
  });
  const r = await client.request(ApiKey.Fetch, 11, w.toBuffer());
  client.close();
  return Fetch.decodeResponse(r, 11).responses[0].partitions[0];
}

/** Every record offset a kafkajs consumer reads from the beginning until it reaches `high`. */
async function consumeAll(c: SandboxCluster, topic: string, high: number): Promise<number[]> {
  const consumer = kafka(c).consumer({ groupId: `g-${topic}-${Date.now()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const seen: number[] = [];
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`consumed ${seen.length} records, last ${seen.at(-1)}`)), 20_000);
    void consumer.run({
      eachMessage: async ({ message }) => {
        seen.push(Number(message.offset));
        if (Number(message.offset) === high - 1) {
          clearTimeout(t);
          resolve();
        }
      },
    });
  });
  await consumer.disconnect();
  return seen;
}

describe('retention', () => {
  it('retention.ms deletes segments whose records are older, from disk too; the earliest offset moves and Fetch below it is OFFSET_OUT_OF_RANGE', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-retention-'));
    dirs.push(dataDir);
    const c = await start({ dataDir });
    await createTopic(c, 'orders', { 'segment.bytes': String(MiB), 'retention.ms': String(HOUR) });
    await produce(c, 'orders', 18, Date.now() - 2 * HOUR); // ~3.6 MB, four segments, two hours old
    await produce(c, 'orders', 2, Date.now());
    // retention runs every 100 ms, also while the records arrive: wait until only the segment with the new records is left
    const log = c.state.topics.get('orders')!.partitions[0].log;
    await waitFor(
      'oldest segment',
      async () => log.segments[0].maxTimestamp,
      (ts) => ts > Date.now() - HOUR,
    );
    const { low, high } = await offsets(c, 'orders');
    expect(low).toBeGreaterThan(0);
    expect(high).toBe(400);
    expect(low).toBeLessThanOrEqual(360); // the new records are all kept
    expect(fs.existsSync(path.join(dataDir, 'topics', 'orders', '0', '00000000000000000000.log'))).toBe(false);
    expect(
      logLines.some((l) => /orders-0: deleted \d+ segment\(s\), offsets 0-\d+ .*retention.ms 3600000/.test(l)),
    ).toBe(true);

    expect(await rawFetch(c, 'orders', 0)).toMatchObject({ errorCode: KafkaError.OFFSET_OUT_OF_RANGE });
    expect(await rawFetch(c, 'orders', low - 1)).toMatchObject({ errorCode: KafkaError.OFFSET_OUT_OF_RANGE });
    const atStart = await rawFetch(c, 'orders', low);
    expect(atStart).toMatchObject({ errorCode: KafkaError.NONE, logStartOffset: low, highWatermark: 400 });
    expect(splitRecordBatches(atStart.records as Buffer)[0].baseOffset).toBe(low);

    const seen = await consumeAll(c, 'orders', high);
    expect(seen[0]).toBe(low);
    expect(seen).toEqual(Array.from({ length: high - low }, (_, i) => low + i));
  });

  it('retention.bytes keeps the newest whole segments within the limit', async () => {
    const c = await start({});
    await createTopic(c, 'audit', { 'segment.bytes': String(MiB), 'retention.bytes': String(2 * MiB) });
    await produce(c, 'audit', 25, Date.now()); // ~5 MB
    const log = c.state.topics.get('audit')!.partitions[0].log;
    // retention runs every 100 ms, also while the records arrive: wait for the pass after the last one
    await waitFor(
      'log size',
      async () => log.size,
      (size) => size <= 3 * MiB,
    );
    expect(log.size).toBeGreaterThanOrEqual(2 * MiB - 210_000);
    const { low, high } = await offsets(c, 'audit');
    expect(high).toBe(500);
    expect(low).toBeGreaterThan(0);
    expect(await rawFetch(c, 'audit', low - 1)).toMatchObject({ errorCode: KafkaError.OFFSET_OUT_OF_RANGE });
    expect(await rawFetch(c, 'audit', low)).toMatchObject({ errorCode: KafkaError.NONE });
  });

  it('without a data directory, sandbox.log.memory.max.bytes bounds every log together: the oldest segments go, and it says so', async () => {
    const c = await start({ brokerConfig: { 'sandbox.log.memory.max.bytes': String(4 * MiB) } });
    await createTopic(c, 'first', {});
    await createTopic(c, 'second', {});
    await produce(c, 'first', 25, Date.now()); // ~5 MB
    await produce(c, 'second', 15, Date.now()); // ~3 MB
    const budget = c.state.memoryBudget!;
    expect(budget.usedBytes).toBeLessThanOrEqual(4 * MiB);
    const first = await offsets(c, 'first');
    expect(first.low).toBeGreaterThan(100);
    expect(first.high).toBe(500);
    expect((await offsets(c, 'second')).high).toBe(300);
    expect(
      logLines.some((l) =>
        /first-0: deleted 1 segment\(s\), offsets 0-\d+ \(\d+ bytes; sandbox.log.memory.max.bytes 4194304/.test(l),
      ),
    ).toBe(true);
    expect(await rawFetch(c, 'first', 0)).toMatchObject({ errorCode: KafkaError.OFFSET_OUT_OF_RANGE });
    const seen = await consumeAll(c, 'second', 300);
    expect(seen.at(-1)).toBe(299);
  });

  it('a restarted cluster reads its segments back from disk: every record, from any offset', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-reopen-'));
    dirs.push(dataDir);
    let c = await start({ dataDir, port: 0 });
    await createTopic(c, 'orders', { 'segment.bytes': String(MiB) });
    await produce(c, 'orders', 12, Date.now());
    const before = await rawFetch(c, 'orders', 137);
    await c.close();
    c = await start({ dataDir });
    expect(c.state.topics.get('orders')!.partitions[0].log.segments.length).toBeGreaterThan(2);
    expect(await offsets(c, 'orders')).toEqual({ low: 0, high: 240 });
    const after = await rawFetch(c, 'orders', 137);
    expect((after.records as Buffer).equals(before.records as Buffer)).toBe(true);
    expect(await consumeAll(c, 'orders', 240)).toHaveLength(240);
  });
});
