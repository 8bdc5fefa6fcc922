import { afterEach, describe, expect, it } from 'vitest';
import { startSandboxCluster, type SandboxCluster } from '../../../electron/sandbox';
import { ApiKey } from '../../../electron/kafka-wire/api-keys';
import { KafkaError } from '../../../electron/kafka-wire/error-codes';
import type { KafkaReader } from '../../../electron/kafka-wire/kafka-reader';
import { KafkaWriter } from '../../../electron/kafka-wire/kafka-writer';
import { buildRecordBatch } from '../../support/record-batch-builder';
import { RawKafkaClient, requestFrame } from '../../support/raw-kafka-client';

let cluster: SandboxCluster | null = null;
const clients: RawKafkaClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await cluster?.close();
  cluster = null;
});

async function start(): Promise<SandboxCluster> {
  cluster = await startSandboxCluster({
    brokers: 3,
    topics: [{ name: 'orders', partitions: 2, replicationFactor: 3 }],
  });
  return cluster;
}

async function connect(c: SandboxCluster, brokerId: number): Promise<RawKafkaClient> {
  const client = await RawKafkaClient.connect(c.bootstrapServers[brokerId - 1]);
  clients.push(client);
  return client;
}

const leaderOf = (c: SandboxCluster, partition = 0) => c.state.topics.get('orders')!.partitions[partition].leader;

async function produce(c: SandboxCluster, batch: Buffer, partition = 0): Promise<void> {
  const client = await connect(c, leaderOf(c, partition));
  const body = new KafkaWriter()
    .nullableString(null)
    .int16(-1)
    .int32(30_000)
    .array(['orders'], (w, t) => w.string(t).array([partition], (w2, p) => w2.int32(p).nullableBytes(batch)))
    .toBuffer();
  await client.request(ApiKey.Produce, 7, body);
  client.close();
}

type Query = { topic?: string; partition?: number; timestamp: number; leaderEpoch?: number };

/** ListOffsets as kafkajs (v3) and librdkafka (v2) send it; v4+ adds current_leader_epoch. */
function listOffsetsBody(v: number, queries: Query[]): Buffer {
  const w = new KafkaWriter().int32(-1);
  if (v >= 2) w.int8(0);
  const byTopic = new Map<string, Query[]>();
  for (const q of queries) byTopic.set(q.topic ?? 'orders', [...(byTopic.get(q.topic ?? 'orders') ?? []), q]);
  return w
    .array([...byTopic], (w2, [topic, qs]) =>
      w2.string(topic).array(qs, (w3, q) => {
        w3.int32(q.partition ?? 0);
        if (v >= 4) w3.int32(q.leaderEpoch ?? -1);
        w3.int64(q.timestamp);
      }),
    )
    .toBuffer();
}

function readListOffsets(r: KafkaReader, v: number) {
  if (v >= 2) expect(r.int32()).toBe(0);
  const topics = r.array((x) => ({
    name: x.string(),
    partitions: x.array((y) => ({
      partition: y.int32(),
      error: y.int16(),
      timestamp: Number(y.int64()),
      offset: Number(y.int64()),
      leaderEpoch: v >= 4 ? y.int32() : undefined,
    })),
  }));
  expect(r.remaining()).toBe(0);
  return topics.flatMap((t) => t.partitions.map((p) => ({ topic: t.name, ...p })));
}

async function listOffsets(client: RawKafkaClient, v: number, queries: Query[]) {
  return readListOffsets(await client.request(ApiKey.ListOffsets, v, listOffsetsBody(v, queries)), v);
}

describe('ListOffsets', () => {
  it('answers -1 with the high watermark and -2 with the log start offset at every version 1-5', async () => {
    const c = await start();
    await produce(c, buildRecordBatch([{ value: 'a' }, { value: 'b' }]));
    await produce(c, buildRecordBatch([{ value: 'c' }]));
    const leader = await connect(c, leaderOf(c));
    for (const v of [1, 2, 3, 4, 5]) {
      const [latest] = await listOffsets(leader, v, [{ timestamp: -1 }]);
      expect(latest).toMatchObject({ topic: 'orders', partition: 0, error: 0, timestamp: -1, offset: 3 });
      const [first] = await listOffsets(leader, v, [{ timestamp: -2 }]);
      expect(first).toMatchObject({ error: 0, timestamp: -1, offset: 0 });
      if (v >= 4) expect([latest.leaderEpoch, first.leaderEpoch]).toEqual([0, 0]);
    }
  });

  it('answers an empty partition with 0 for both latest and earliest', async () => {
    const c = await start();
    const leader = await connect(c, leaderOf(c, 1));
    const res = await listOffsets(leader, 3, [{ partition: 1, timestamp: -1 }]);
    expect(res[0]).toMatchObject({ error: 0, offset: 0 });
    expect((await listOffsets(leader, 3, [{ partition: 1, timestamp: -2 }]))[0]).toMatchObject({ error: 0, offset: 0 });
  });

  it('finds the first record at or after a timestamp, and -1 when every record is older', async () => {
    const c = await start();
    await produce(c, buildRecordBatch([{ value: 'a' }, { value: 'b' }], { timestamp: 1000 }));
    await produce(c, buildRecordBatch([{ value: 'c' }], { timestamp: 2000 }));
    await produce(c, buildRecordBatch([{ value: 'd' }], { timestamp: 3000 }));
    const leader = await connect(c, leaderOf(c));
    const at = async (timestamp: number) => (await listOffsets(leader, 4, [{ timestamp }]))[0];
    expect(await at(0)).toMatchObject({ error: 0, offset: 0, timestamp: 1000, leaderEpoch: 0 });
    expect(await at(1000)).toMatchObject({ offset: 0, timestamp: 1000 });
    expect(await at(1500)).toMatchObject({ offset: 2, timestamp: 2000 });
    expect(await at(3000)).toMatchObject({ offset: 3, timestamp: 3000 });
    expect(await at(3001)).toMatchObject({ error: 0, offset: -1, timestamp: -1 });
  });

  it('gives NOT_LEADER_OR_FOLLOWER on a follower and UNKNOWN_TOPIC_OR_PARTITION for missing topics and partitions', async () => {
    const c = await start();
    const follower = await connect(c, (leaderOf(c) % 3) + 1);
    expect((await listOffsets(follower, 3, [{ timestamp: -1 }]))[0].error).toBe(KafkaError.NOT_LEADER_OR_FOLLOWER);
    const leader = await connect(c, leaderOf(c));
    const res = await listOffsets(leader, 2, [
      { topic: 'missing', timestamp: -1 },
      { partition: 9, timestamp: -1 },
    ]);
    expect(res.map((p) => [p.topic, p.error, p.offset])).toEqual([
      ['missing', KafkaError.UNKNOWN_TOPIC_OR_PARTITION, -1],
      ['orders', KafkaError.UNKNOWN_TOPIC_OR_PARTITION, -1],
    ]);
  });

  it('v4+ checks current_leader_epoch the same way Fetch does', async () => {
    const c = await start();
    await c.stopBroker(leaderOf(c));
    const leader = await connect(c, leaderOf(c));
    const epochs = await listOffsets(leader, 5, [
      { timestamp: -1, leaderEpoch: 0 },
      { partition: 0, timestamp: -1, leaderEpoch: 5 },
    ]);
    expect(epochs.map((p) => p.error)).toEqual([KafkaError.INVALID_REQUEST, KafkaError.INVALID_REQUEST]); // same partition twice
    expect((await listOffsets(leader, 5, [{ timestamp: -1, leaderEpoch: 0 }]))[0].error).toBe(
      KafkaError.FENCED_LEADER_EPOCH,
    );
    expect((await listOffsets(leader, 5, [{ timestamp: -1, leaderEpoch: 5 }]))[0].error).toBe(
      KafkaError.UNKNOWN_LEADER_EPOCH,
    );
    expect((await listOffsets(leader, 5, [{ timestamp: -1, leaderEpoch: 1 }]))[0]).toMatchObject({
      error: 0,
      offset: 0,
      leaderEpoch: 1,
    });
  });

  it('closes the connection on a truncated request and on v0 / v6, and other connections keep working', async () => {
    const c = await start();
    const body = listOffsetsBody(3, [{ timestamp: -1 }]);
    const truncated = await connect(c, leaderOf(c));
    truncated.send(requestFrame(ApiKey.ListOffsets, 3, 5, body.subarray(0, body.length - 3)));
    expect(await truncated.next(2000)).toBeNull();
    expect(truncated.closed).toBe(true);
    for (const v of [0, 6]) {
      const old = await connect(c, leaderOf(c));
      old.send(requestFrame(ApiKey.ListOffsets, v, 6, body));
      expect(await old.next(2000)).toBeNull();
    }
    const good = await connect(c, leaderOf(c));
    expect((await listOffsets(good, 3, [{ timestamp: -1 }]))[0]).toMatchObject({ error: 0, offset: 0 });
  });
});
