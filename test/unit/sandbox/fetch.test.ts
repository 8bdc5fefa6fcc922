import { afterEach, describe, expect, it } from 'vitest';
import { startSandboxCluster, type SandboxCluster } from '../../../electron/sandbox';
import { fetchHandler } from '../../../electron/sandbox/apis/fetch';
import { CloseConnection } from '../../../electron/sandbox/api-handler';
import { encodeResponseFrame } from '../../../electron/kafka-wire/api';
import { Fetch } from '../../../electron/kafka-wire/apis/fetch';
import { ApiKey } from '../../../electron/kafka-wire/api-keys';
import { KafkaError } from '../../../electron/kafka-wire/error-codes';
import { KafkaReader } from '../../../electron/kafka-wire/kafka-reader';
import { KafkaWriter } from '../../../electron/kafka-wire/kafka-writer';
import { buildRecordBatch } from '../../support/record-batch-builder';
import { RawKafkaClient, requestFrame } from '../../support/raw-kafka-client';
import { storedBatches } from '../../support/sandbox-log';

let cluster: SandboxCluster | null = null;
const clients: RawKafkaClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await cluster?.close();
  cluster = null;
});

async function start(partitions = 1): Promise<SandboxCluster> {
  cluster = await startSandboxCluster({ brokers: 3, topics: [{ name: 'orders', partitions, replicationFactor: 3 }] });
  return cluster;
}

async function connect(c: SandboxCluster, brokerId: number): Promise<RawKafkaClient> {
  const client = await RawKafkaClient.connect(c.bootstrapServers[brokerId - 1]);
  clients.push(client);
  return client;
}

function leaderOf(c: SandboxCluster, partition = 0, topic = 'orders'): number {
  return c.state.topics.get(topic)!.partitions[partition].leader;
}

/** Produces one batch with acks=1 through the partition's leader, as a client would. */
async function produce(c: SandboxCluster, batch: Buffer, partition = 0): Promise<void> {
  const client = await connect(c, leaderOf(c, partition));
  const body = new KafkaWriter()
    .nullableString(null)
    .int16(1)
    .int32(30_000)
    .array(['orders'], (w, t) => w.string(t).array([partition], (w2, p) => w2.int32(p).nullableBytes(batch)))
    .toBuffer();
  const r = await client.request(ApiKey.Produce, 7, body);
  r.array((x) => ({
    name: x.string(),
    p: x.array((y) => ({ i: y.int32(), e: y.int16(), o: y.int64(), t: y.int64(), s: y.int64() })),
  }));
  client.close();
}

interface FetchOpts {
  maxWaitMs?: number;
  minBytes?: number;
  maxBytes?: number;
  isolation?: number;
  sessionId?: number;
  epoch?: number;
  partitions?: Array<{ topic?: string; index?: number; offset: number; maxBytes?: number; leaderEpoch?: number }>;
  forgotten?: Array<{ topic: string; partitions: number[] }>;
}

/** A Fetch request body laid out as kafkajs and librdkafka send it (v11: with session fields, leader epoch and rack id). */
function fetchBody(v: number, o: FetchOpts): Buffer {
  const w = new KafkaWriter()
    .int32(-1)
    .int32(o.maxWaitMs ?? 0)
    .int32(o.minBytes ?? 1)
    .int32(o.maxBytes ?? 52428800)
    .int8(o.isolation ?? 1);
  if (v >= 7) w.int32(o.sessionId ?? 0).int32(o.epoch ?? -1);
  const parts = o.partitions ?? [{ offset: 0 }];
  const byTopic = new Map<string, typeof parts>();
  for (const p of parts) byTopic.set(p.topic ?? 'orders', [...(byTopic.get(p.topic ?? 'orders') ?? []), p]);
  w.array([...byTopic], (w2, [topic, ps]) => {
    w2.string(topic).array(ps, (w3, p) => {
      w3.int32(p.index ?? 0);
      if (v >= 9) w3.int32(p.leaderEpoch ?? -1);
      w3.int64(p.offset);
      if (v >= 5) w3.int64(-1);
      w3.int32(p.maxBytes ?? 1048576);
    });
  });
  if (v >= 7) w.array(o.forgotten ?? [], (w2, f) => w2.string(f.topic).array(f.partitions, (w3, i) => w3.int32(i)));
  if (v >= 11) w.string('');
  return w.toBuffer();
}

interface FetchedPartition {
  index: number;
  error: number;
  highWatermark: number;
  lastStableOffset: number;
  logStartOffset: number;
  aborted: Array<{ producerId: bigint; firstOffset: bigint }> | null;
  preferredReadReplica: number;
  records: Buffer;
}

function readFetch(r: KafkaReader, v: number) {
  const throttle = r.int32();
  const error = v >= 7 ? r.int16() : 0;
  const sessionId = v >= 7 ? r.int32() : 0;
  const topics = r.array((x) => ({
    name: x.string(),
    partitions: x.array((y): FetchedPartition => ({
      index: y.int32(),
      error: y.int16(),
      highWatermark: Number(y.int64()),
      lastStableOffset: Number(y.int64()),
      logStartOffset: v >= 5 ? Number(y.int64()) : -1,
      aborted: y.nullableArray((z) => ({ producerId: z.int64(), firstOffset: z.int64() })),
      preferredReadReplica: v >= 11 ? y.int32() : -1,
      records: y.bytes(),
    })),
  }));
  expect(r.remaining()).toBe(0);
  return { throttle, error, sessionId, topics, p0: topics[0]?.partitions[0] };
}

async function fetch(client: RawKafkaClient, v: number, o: FetchOpts) {
  return readFetch(await client.request(ApiKey.Fetch, v, fetchBody(v, o)), v);
}

const storedBytes = (c: SandboxCluster, partition = 0) =>
  Buffer.concat(storedBatches(c.state.topics.get('orders')!.partitions[partition].log).map((b) => b.bytes));

describe('Fetch', () => {
  it('v11 returns the stored batches byte for byte, with high watermark, last stable offset, log start, no aborted transactions and no preferred replica', async () => {
    const c = await start();
    await produce(
      c,
      buildRecordBatch([
        { key: 'C-1', value: 'one', headers: { 'order-id': 'a' } },
        { key: 'C-2', value: 'two' },
      ]),
    );
    await produce(c, buildRecordBatch([{ key: 'C-3', value: 'three' }]));
    const leader = await connect(c, leaderOf(c));
    const res = await fetch(leader, 11, { partitions: [{ offset: 0 }] });
    expect(res).toMatchObject({ throttle: 0, error: KafkaError.NONE, sessionId: 0 });
    expect(res.p0).toMatchObject({
      index: 0,
      error: 0,
      highWatermark: 3,
      lastStableOffset: 3,
      logStartOffset: 0,
      aborted: [],
      preferredReadReplica: -1,
    });
    expect(res.p0.records.equals(storedBytes(c))).toBe(true);
    // Offsets 0 and 2 are the stamped base offsets of the two batches.
    expect(res.p0.records.readBigInt64BE(0)).toBe(0n);
    expect(res.p0.records.readBigInt64BE(res.p0.records.readInt32BE(8) + 12)).toBe(2n);
  });

  it('puts the stored batch buffers themselves into the response, not copies', async () => {
    const c = await start();
    await produce(c, buildRecordBatch([{ key: 'big', value: 'z'.repeat(4000) }]));
    const stored = storedBatches(c.state.topics.get('orders')!.partitions[0].log)[0].bytes;
    const broker = c.state.brokers.get(leaderOf(c))!;
    const session = {
      id: 1,
      remoteAddress: '127.0.0.1:1',
      saslMechanism: null,
      authenticatedUser: null,
      close: () => {},
    };
    const ctx = { services: c.services, broker, session, apiVersion: 11, correlationId: 1, clientId: 'test' };
    const request = Fetch.decodeRequest(new KafkaReader(fetchBody(11, { partitions: [{ offset: 0 }] })), 11);
    const out = await fetchHandler.handle(ctx, request);
    if (out === null || out instanceof CloseConnection) throw new Error('expected a response');
    const chunks = encodeResponseFrame(Fetch, 11, 1, out);
    expect(chunks).toContain(stored);
  });

  it('answers a read_uncommitted fetch with null aborted transactions, and v4 without session fields or log start offset', async () => {
    const c = await start();
    await produce(c, buildRecordBatch([{ value: 'x' }]));
    const leader = await connect(c, leaderOf(c));
    expect((await fetch(leader, 11, { isolation: 0 })).p0.aborted).toBeNull();
    const v4 = await fetch(leader, 4, { partitions: [{ offset: 0 }] });
    expect(v4.p0).toMatchObject({ error: 0, highWatermark: 1, lastStableOffset: 1, aborted: [] });
    expect(v4.p0.records.equals(storedBytes(c))).toBe(true);
  });

  it('starts from the batch holding a mid-batch offset and returns nothing at the high watermark', async () => {
    const c = await start();
    await produce(c, buildRecordBatch([{ value: 'a' }, { value: 'b' }, { value: 'c' }]));
    await produce(c, buildRecordBatch([{ value: 'd' }]));
    const leader = await connect(c, leaderOf(c));
    const mid = await fetch(leader, 11, { partitions: [{ offset: 1 }] });
    expect(mid.p0.records.equals(storedBytes(c))).toBe(true);
    const second = await fetch(leader, 11, { partitions: [{ offset: 3 }] });
    expect(second.p0.records.equals(storedBatches(c.state.topics.get('orders')!.partitions[0].log)[1].bytes)).toBe(
      true,
    );
    const atEnd = await fetch(leader, 11, { partitions: [{ offset: 4 }] });
    expect(atEnd.p0).toMatchObject({ error: 0, highWatermark: 4 });
    expect(atEnd.p0.records.length).toBe(0);
  });

  it('keeps to max_bytes and partition max_bytes in whole batches, but always returns the first batch (KIP-74)', async () => {
    const c = await start(2);
    for (let i = 0; i < 3; i++) await produce(c, buildRecordBatch([{ value: 'x'.repeat(100) }]));
    await produce(c, buildRecordBatch([{ value: 'y'.repeat(100) }]), 1);
    const batchLen = storedBytes(c).length / 3;
    const leader0 = leaderOf(c, 0);
    // Both partitions need the same leader for one request: move partition 1's leadership there.
    c.state.topics.get('orders')!.partitions[1].leader = leader0;
    const client = await connect(c, leader0);

    const tiny = await fetch(client, 11, {
      maxBytes: 10,
      partitions: [
        { offset: 0, maxBytes: 10 },
        { index: 1, offset: 0 },
      ],
    });
    expect(tiny.p0.records.length).toBe(batchLen); // larger than both limits, still sent
    expect(tiny.topics[0].partitions[1].records.length).toBe(0); // nothing left of max_bytes

    const two = await fetch(client, 11, { partitions: [{ offset: 0, maxBytes: 2 * batchLen + 5 }] });
    expect(two.p0.records.length).toBe(2 * batchLen);

    const total = await fetch(client, 11, {
      maxBytes: 2 * batchLen,
      partitions: [{ offset: 0 }, { index: 1, offset: 0 }],
    });
    expect(total.p0.records.length).toBe(2 * batchLen);
    expect(total.topics[0].partitions[1].records.length).toBe(0);
  });

  it('gives OFFSET_OUT_OF_RANGE past the high watermark and before the log start, with -1 offsets', async () => {
    const c = await start();
    await produce(c, buildRecordBatch([{ value: 'x' }]));
    const leader = await connect(c, leaderOf(c));
    for (const offset of [2, 1000, -5]) {
      const res = await fetch(leader, 11, { partitions: [{ offset }] });
      expect(res.p0).toMatchObject({ error: KafkaError.OFFSET_OUT_OF_RANGE, highWatermark: -1, logStartOffset: -1 });
      expect(res.p0.records.length).toBe(0);
    }
  });

  it('gives NOT_LEADER_OR_FOLLOWER on a follower and UNKNOWN_TOPIC_OR_PARTITION for a missing topic or partition', async () => {
    const c = await start();
    const follower = await connect(c, (leaderOf(c) % 3) + 1);
    expect((await fetch(follower, 11, {})).p0.error).toBe(KafkaError.NOT_LEADER_OR_FOLLOWER);
    const leader = await connect(c, leaderOf(c));
    const res = await fetch(leader, 11, {
      partitions: [
        { topic: 'nope', offset: 0 },
        { index: 7, offset: 0 },
      ],
    });
    expect(res.topics.map((t) => [t.name, t.partitions[0].error])).toEqual([
      ['nope', KafkaError.UNKNOWN_TOPIC_OR_PARTITION],
      ['orders', KafkaError.UNKNOWN_TOPIC_OR_PARTITION],
    ]);
  });

  it('checks current_leader_epoch: FENCED_LEADER_EPOCH when older, UNKNOWN_LEADER_EPOCH when newer, -1 not checked', async () => {
    const c = await start();
    await c.stopBroker(leaderOf(c)); // leadership moves: epoch 0 -> 1
    const leader = await connect(c, leaderOf(c));
    expect((await fetch(leader, 11, { partitions: [{ offset: 0, leaderEpoch: 0 }] })).p0.error).toBe(
      KafkaError.FENCED_LEADER_EPOCH,
    );
    expect((await fetch(leader, 11, { partitions: [{ offset: 0, leaderEpoch: 2 }] })).p0.error).toBe(
      KafkaError.UNKNOWN_LEADER_EPOCH,
    );
    expect((await fetch(leader, 11, { partitions: [{ offset: 0, leaderEpoch: 1 }] })).p0.error).toBe(KafkaError.NONE);
    expect((await fetch(leader, 11, { partitions: [{ offset: 0, leaderEpoch: -1 }] })).p0.error).toBe(KafkaError.NONE);
  });

  it('serves every fetch sessionless: declines a new session with id 0, refuses unknown sessions and bad epochs', async () => {
    const c = await start();
    await produce(c, buildRecordBatch([{ value: 'x' }]));
    const leader = await connect(c, leaderOf(c));
    const open = await fetch(leader, 11, {
      sessionId: 0,
      epoch: 0,
      forgotten: [{ topic: 'orders', partitions: [3, 4] }],
    });
    expect(open).toMatchObject({ error: 0, sessionId: 0 });
    expect(open.p0.records.length).toBeGreaterThan(0);
    const closing = await fetch(leader, 11, { sessionId: 77, epoch: -1 });
    expect(closing).toMatchObject({ error: 0, sessionId: 0 });
    expect(await fetch(leader, 11, { sessionId: 77, epoch: 3 })).toMatchObject({
      error: KafkaError.FETCH_SESSION_ID_NOT_FOUND,
      sessionId: 0,
      topics: [],
    });
    expect(await fetch(leader, 11, { sessionId: 0, epoch: 5 })).toMatchObject({
      error: KafkaError.INVALID_FETCH_SESSION_EPOCH,
      topics: [],
    });
  });

  it('long-polls: waits for an append, answers as soon as min_bytes is there, and other connections keep working meanwhile', async () => {
    const c = await start();
    const leaderId = leaderOf(c);
    const leader = await connect(c, leaderId);
    const other = await connect(c, leaderId);
    const started = Date.now();
    leader.send(
      requestFrame(
        ApiKey.Fetch,
        11,
        41,
        fetchBody(11, { maxWaitMs: 10_000, minBytes: 1, partitions: [{ offset: 0 }] }),
      ),
    );
    // The same broker answers another connection at once while the fetch waits.
    const md = await other.request(ApiKey.Metadata, 1, new KafkaWriter().nullableArray(null, () => {}).toBuffer());
    expect(md.int32()).toBe(3);
    expect(Date.now() - started).toBeLessThan(1000);
    setTimeout(() => void produce(c, buildRecordBatch([{ value: 'late' }])), 200);
    const frame = await leader.next(5000);
    expect(frame).not.toBeNull();
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(190);
    expect(elapsed).toBeLessThan(3000);
    const r = new KafkaReader(frame!);
    expect(r.int32()).toBe(41);
    const res = readFetch(r, 11);
    expect(res.p0).toMatchObject({ error: 0, highWatermark: 1 });
    expect(res.p0.records.equals(storedBytes(c))).toBe(true);
  });

  it('returns what it has at max_wait_ms when min_bytes is never reached', async () => {
    const c = await start();
    await produce(c, buildRecordBatch([{ value: 'small' }]));
    const leader = await connect(c, leaderOf(c));
    const started = Date.now();
    const res = await fetch(leader, 11, { maxWaitMs: 300, minBytes: 1_000_000, partitions: [{ offset: 0 }] });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(280);
    expect(elapsed).toBeLessThan(1500);
    expect(res.p0.records.equals(storedBytes(c))).toBe(true);
  });

  it('lets go of its listeners when the waiting connection closes and when the cluster closes', async () => {
    const c = await start();
    const events = c.services.events;
    const baseline = events.listenerCount('append');
    const leader = await connect(c, leaderOf(c));
    leader.send(requestFrame(ApiKey.Fetch, 11, 1, fetchBody(11, { maxWaitMs: 30_000, partitions: [{ offset: 0 }] })));
    await expect.poll(() => events.listenerCount('append')).toBe(baseline + 1);
    leader.close();
    await expect.poll(() => events.listenerCount('append'), { timeout: 1000 }).toBe(baseline);

    const again = await connect(c, leaderOf(c));
    again.send(requestFrame(ApiKey.Fetch, 11, 2, fetchBody(11, { maxWaitMs: 30_000, partitions: [{ offset: 0 }] })));
    await expect.poll(() => events.listenerCount('append')).toBe(baseline + 1);
    const started = Date.now();
    await c.close();
    cluster = null;
    expect(Date.now() - started).toBeLessThan(2000);
    expect(events.listenerCount('append')).toBe(0);
  });

  it('ends a waiting fetch at once with UNKNOWN_TOPIC_OR_PARTITION when its topic is deleted', async () => {
    const c = await start();
    const leader = await connect(c, leaderOf(c));
    const started = Date.now();
    leader.send(requestFrame(ApiKey.Fetch, 11, 3, fetchBody(11, { maxWaitMs: 20_000, partitions: [{ offset: 0 }] })));
    await expect.poll(() => c.services.events.listenerCount('topic-deleted')).toBeGreaterThan(1);
    const controller = await connect(c, c.state.controllerId);
    const del = await controller.request(
      ApiKey.DeleteTopics,
      1,
      new KafkaWriter()
        .array(['orders'], (w, t) => w.string(t))
        .int32(5000)
        .toBuffer(),
    );
    del.int32();
    expect(del.array((x) => [x.string(), x.int16()])).toEqual([['orders', 0]]);
    const frame = await leader.next(3000);
    expect(Date.now() - started).toBeLessThan(3000);
    const r = new KafkaReader(frame!);
    r.int32();
    expect(readFetch(r, 11).p0.error).toBe(KafkaError.UNKNOWN_TOPIC_OR_PARTITION);
  });

  it('closes the connection on a truncated Fetch body, and other connections keep working', async () => {
    const c = await start();
    await produce(c, buildRecordBatch([{ value: 'x' }]));
    const leaderId = leaderOf(c);
    const bad = await connect(c, leaderId);
    const body = fetchBody(11, { partitions: [{ offset: 0 }] });
    bad.send(requestFrame(ApiKey.Fetch, 11, 9, body.subarray(0, body.length - 7)));
    expect(await bad.next(2000)).toBeNull();
    expect(bad.closed).toBe(true);
    const good = await connect(c, leaderId);
    expect((await fetch(good, 11, {})).p0.records.length).toBeGreaterThan(0);
  });

  it('closes the connection for versions it does not implement (v3 and the flexible v12)', async () => {
    const c = await start();
    for (const v of [3, 12]) {
      const client = await connect(c, leaderOf(c));
      client.send(requestFrame(ApiKey.Fetch, v, 1, fetchBody(11, {})));
      expect(await client.next(2000)).toBeNull();
      expect(client.closed).toBe(true);
    }
  });
});
