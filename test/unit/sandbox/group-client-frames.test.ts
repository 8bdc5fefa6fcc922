// Frames captured from kafkajs 2.2.4 itself (its socketFactory records every request it writes),
// replayed against the sandbox: the versions it picks are the ones Kafka 2.4.1 saw, and the
// sandbox parses its exact bytes.
import net from 'node:net';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxCluster, type SandboxCluster } from '../../../electron/sandbox';
import { ApiKey } from '../../../electron/kafka-wire/api-keys';
import { KafkaError } from '../../../electron/kafka-wire/error-codes';
import { KafkaReader } from '../../../electron/kafka-wire/kafka-reader';
import { RawKafkaClient, splitRequest } from '../../support/raw-kafka-client';
import { storedBatches } from '../../support/sandbox-log';

interface Captured {
  port: number;
  frame: Buffer;
  apiKey: number;
  version: number;
}

let cluster: SandboxCluster;
const captured: Captured[] = [];

/** A socket whose outgoing bytes are split into request frames and recorded. */
function recordingSocket(host: string, port: number, onConnect: () => void): net.Socket {
  const socket = net.connect({ host, port }, onConnect);
  let pending = Buffer.alloc(0);
  const write = socket.write.bind(socket) as (chunk: Buffer | string, ...rest: unknown[]) => boolean;
  socket.write = ((chunk: Buffer | string, ...rest: unknown[]) => {
    pending = Buffer.concat([pending, Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk)]);
    while (pending.length >= 4 && pending.length >= 4 + pending.readInt32BE(0)) {
      const frame = pending.subarray(0, 4 + pending.readInt32BE(0));
      pending = pending.subarray(frame.length);
      captured.push({ port, frame: Buffer.from(frame), apiKey: frame.readInt16BE(4), version: frame.readInt16BE(6) });
    }
    return write(chunk, ...rest);
  }) as typeof socket.write;
  return socket;
}

beforeAll(async () => {
  cluster = await startSandboxCluster({
    brokers: 3,
    topics: [{ name: 'orders', partitions: 2, replicationFactor: 3 }],
  });
  const kafka = new Kafka({
    brokers: cluster.bootstrapServers,
    clientId: 'captured',
    logLevel: logLevel.NOTHING,
    socketFactory: ({ host, port, onConnect }) => recordingSocket(host, port, onConnect),
  });
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({
    topic: 'orders',
    messages: [
      { key: 'C-1', value: 'one', partition: 0 },
      { key: 'C-2', value: 'two', partition: 1 },
    ],
  });
  await producer.disconnect();
  const consumer = kafka.consumer({ groupId: 'captured-group', maxWaitTimeInMs: 200, heartbeatInterval: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic: 'orders', fromBeginning: true });
  let seen = 0;
  await new Promise<void>((resolve) => {
    void consumer.run({
      eachMessage: async () => {
        if (++seen === 2) resolve();
      },
    });
  });
  await new Promise((r) => setTimeout(r, 400)); // a few heartbeats and commits
  await consumer.disconnect();
  const admin = kafka.admin();
  await admin.connect();
  await admin.listGroups();
  await admin.describeGroups(['captured-group']);
  await admin.fetchOffsets({ groupId: 'captured-group', topics: ['orders'] });
  await admin.disconnect();
});

afterAll(async () => {
  await cluster?.close();
});

function first(apiKey: number, pick: (c: Captured) => boolean = () => true): Captured {
  const c = captured.find((x) => x.apiKey === apiKey && pick(x));
  if (!c) throw new Error(`kafkajs sent no request with API key ${apiKey}`);
  return c;
}

async function replay(c: Captured): Promise<KafkaReader> {
  const client = await RawKafkaClient.connect(`127.0.0.1:${c.port}`);
  try {
    client.send(c.frame);
    const frame = await client.next(5000);
    if (!frame) throw new Error('no response');
    const r = new KafkaReader(frame);
    expect(r.int32()).toBe(splitRequest(c.frame).correlationId);
    return r;
  } finally {
    client.close();
  }
}

describe('kafkajs 2.2.4 consumer and admin frames', () => {
  it('uses the versions it used against Kafka 2.4.1', () => {
    const versions = new Map(captured.map((c) => [c.apiKey, c.version]));
    expect(
      Object.fromEntries(
        [...versions].filter(
          ([k]) =>
            k !== ApiKey.Produce && k !== ApiKey.Metadata && k !== ApiKey.ApiVersions && k !== ApiKey.InitProducerId,
        ),
      ),
    ).toEqual({
      [ApiKey.ListOffsets]: 3,
      [ApiKey.Fetch]: 11,
      [ApiKey.FindCoordinator]: 2,
      [ApiKey.JoinGroup]: 5,
      [ApiKey.SyncGroup]: 3,
      [ApiKey.Heartbeat]: 3,
      [ApiKey.LeaveGroup]: 3,
      [ApiKey.OffsetCommit]: 5,
      [ApiKey.OffsetFetch]: 4,
      [ApiKey.ListGroups]: 2,
      [ApiKey.DescribeGroups]: 2,
    });
  });

  it('replayed Fetch v11 gets the stored batch back, sessionless', async () => {
    const fetch = first(ApiKey.Fetch);
    const r = await replay(fetch);
    r.int32(); // throttle
    expect(r.int16()).toBe(KafkaError.NONE);
    expect(r.int32()).toBe(0); // session id
    const topics = r.array((x) => ({
      name: x.string(),
      partitions: x.array((y) => ({
        index: y.int32(),
        error: y.int16(),
        hw: Number(y.int64()),
        lso: Number(y.int64()),
        logStart: Number(y.int64()),
        aborted: y.nullableArray((z) => z.int64()),
        preferred: y.int32(),
        records: y.bytes(),
      })),
    }));
    expect(r.remaining()).toBe(0);
    expect(topics[0].name).toBe('orders');
    for (const p of topics[0].partitions) {
      expect(p).toMatchObject({ error: 0, hw: 1, lso: 1, logStart: 0, aborted: [], preferred: -1 });
      expect(
        p.records.equals(storedBatches(cluster.state.topics.get('orders')!.partitions[p.index].log)[0].bytes),
      ).toBe(true);
    }
  });

  it('replayed ListOffsets v3 and OffsetFetch v4 answer with the log end and the committed offsets', async () => {
    const lo = await replay(first(ApiKey.ListOffsets));
    lo.int32();
    const offsets = lo.array((x) => ({
      name: x.string(),
      partitions: x.array((y) => ({ index: y.int32(), error: y.int16(), ts: y.int64(), offset: Number(y.int64()) })),
    }));
    expect(lo.remaining()).toBe(0);
    expect(offsets[0].partitions.every((p) => p.error === 0 && (p.offset === 0 || p.offset === 1))).toBe(true);

    const of = await replay(first(ApiKey.OffsetFetch));
    of.int32();
    const committed = of.array((x) => ({
      name: x.string(),
      partitions: x.array((y) => ({
        index: y.int32(),
        offset: Number(y.int64()),
        metadata: y.nullableString(),
        error: y.int16(),
      })),
    }));
    expect(of.int16()).toBe(0);
    expect(of.remaining()).toBe(0);
    expect(committed[0].partitions.map((p) => [p.index, p.error])).toEqual([
      [0, 0],
      [1, 0],
    ]);
  });

  it('replayed first JoinGroup v5 gets MEMBER_ID_REQUIRED with a fresh member id', async () => {
    const join = first(ApiKey.JoinGroup, (c) => {
      const r = new KafkaReader(splitRequest(c.frame).body);
      r.string();
      r.int32();
      r.int32();
      return r.string() === '';
    });
    const r = await replay(join);
    r.int32();
    expect(r.int16()).toBe(KafkaError.MEMBER_ID_REQUIRED);
    expect(r.int32()).toBe(-1);
    r.string();
    r.string();
    expect(r.string()).toMatch(/^captured-/);
  });

  it('replayed DescribeGroups v2 and ListGroups v2 show the group kafkajs left empty', async () => {
    const dg = await replay(first(ApiKey.DescribeGroups));
    dg.int32();
    const groups = dg.array((x) => ({
      error: x.int16(),
      id: x.string(),
      state: x.string(),
      type: x.string(),
      protocol: x.string(),
      members: x.array((y) => y.string()),
    }));
    expect(groups).toEqual([
      { error: 0, id: 'captured-group', state: 'Empty', type: 'consumer', protocol: '', members: [] },
    ]);
    const lists = await Promise.all(captured.filter((c) => c.apiKey === ApiKey.ListGroups).map(replay));
    const all = lists.flatMap((r) => {
      r.int32();
      expect(r.int16()).toBe(0);
      return r.array((x) => ({ groupId: x.string(), protocolType: x.string() }));
    });
    expect(all).toContainEqual({ groupId: 'captured-group', protocolType: 'consumer' });
  });
});
