import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeResponseStart, encodeRequestFrame } from '../../../electron/kafka-wire/api';
import { Metadata } from '../../../electron/kafka-wire/apis/metadata';
import { startSandboxCluster, type SandboxCluster } from '../../../electron/sandbox';
import { KafkaError } from '../../../electron/kafka-wire/error-codes';
import { KafkaReader } from '../../../electron/kafka-wire/kafka-reader';
import { KafkaWriter } from '../../../electron/kafka-wire/kafka-writer';
import { capturedFrame, RawKafkaClient } from '../../support/raw-kafka-client';

let cluster: SandboxCluster | null = null;
afterEach(async () => {
  await cluster?.close();
  cluster = null;
});

interface MetadataV6 {
  brokers: Array<{ id: number; host: string; port: number }>;
  clusterId: string | null;
  controllerId: number;
  topics: Array<{
    error: number;
    name: string;
    partitions: Array<{
      error: number;
      index: number;
      leader: number;
      replicas: number[];
      isr: number[];
      offline: number[];
    }>;
  }>;
}

function readMetadata(r: KafkaReader, v: number): MetadataV6 {
  if (v >= 3) r.int32();
  const brokers = r.array((x) => {
    const b = { id: x.int32(), host: x.string(), port: x.int32() };
    if (v >= 1) x.nullableString();
    return b;
  });
  const clusterId = v >= 2 ? r.nullableString() : null;
  const controllerId = v >= 1 ? r.int32() : -1;
  const topics = r.array((x) => {
    const error = x.int16();
    const name = x.string();
    if (v >= 1) x.boolean();
    const partitions = x.array((y) => {
      const p = {
        error: y.int16(),
        index: y.int32(),
        leader: y.int32(),
        replicas: [] as number[],
        isr: [] as number[],
        offline: [] as number[],
      };
      if (v >= 7) y.int32();
      p.replicas = y.array((z) => z.int32());
      p.isr = y.array((z) => z.int32());
      if (v >= 5) p.offline = y.array((z) => z.int32());
      return p;
    });
    return { error, name, partitions };
  });
  expect(r.remaining()).toBe(0);
  return { brokers, clusterId, controllerId, topics };
}

async function metadataVia(frame: Buffer, v: number): Promise<MetadataV6> {
  const c = await RawKafkaClient.connect(cluster!.bootstrapServers[0]);
  c.send(frame);
  const resp = await c.next();
  c.close();
  const r = new KafkaReader(resp!);
  r.int32();
  return readMetadata(r, v);
}

describe('Metadata', () => {
  it('answers kafkajs v6 with live brokers, a real controller, the cluster id and partition replicas/ISR', async () => {
    cluster = await startSandboxCluster({
      brokers: 3,
      topics: [{ name: 'user-data', partitions: 3, replicationFactor: 3 }],
    });
    const md = await metadataVia(capturedFrame('kafkajs-key3-v6'), 6);
    expect(md.brokers.map((b) => b.id)).toEqual([1, 2, 3]);
    expect(md.brokers.map((b) => `${b.host}:${b.port}`)).toEqual(cluster.bootstrapServers);
    expect(md.brokers.map((b) => b.id)).toContain(md.controllerId);
    expect(md.clusterId).toBe(cluster.clusterId);
    const topic = md.topics.find((t) => t.name === 'user-data')!;
    expect(topic.partitions).toHaveLength(3);
    for (const p of topic.partitions) {
      expect(p.replicas).toHaveLength(3);
      expect(p.isr.sort()).toEqual([...p.replicas].sort());
      expect(p.replicas).toContain(p.leader);
    }
  });

  it("answers kcat's first v4 request (brokers only: an empty topic list means no topics)", async () => {
    cluster = await startSandboxCluster({
      brokers: 3,
      topics: [{ name: 'user-data', partitions: 3, replicationFactor: 3 }],
    });
    const md = await metadataVia(capturedFrame('kcat-key3-v4'), 4);
    expect(md.brokers.map((b) => b.id)).toEqual([1, 2, 3]);
    expect(md.topics).toEqual([]);
    expect([1, 2, 3]).toContain(md.controllerId);
  });

  it('moves leadership, shrinks the ISR and lists offline replicas when a broker stops', async () => {
    cluster = await startSandboxCluster({
      brokers: 3,
      topics: [{ name: 'user-data', partitions: 3, replicationFactor: 3 }],
    });
    await cluster.stopBroker(1);
    const c = await RawKafkaClient.connect(cluster.bootstrapServers[1]);
    const body = new KafkaWriter()
      .nullableArray(['user-data'], (w, t) => w.string(t))
      .boolean(false)
      .toBuffer();
    const md = readMetadata(await c.request(3, 7, body), 7);
    c.close();
    expect(md.brokers.map((b) => b.id)).toEqual([2, 3]);
    // A live broker at random, as KRaft answers: never the stopped one.
    expect([2, 3]).toContain(md.controllerId);
    for (const p of md.topics[0].partitions) {
      expect(p.leader).not.toBe(1);
      expect(p.isr).not.toContain(1);
      expect(p.offline).toEqual([1]);
    }
  });

  it('does not create an unknown topic when auto.create.topics.enable=false', async () => {
    cluster = await startSandboxCluster({ brokers: 1 });
    const c = await RawKafkaClient.connect(cluster.bootstrapServers[0]);
    const body = new KafkaWriter()
      .nullableArray(['nope'], (w, t) => w.string(t))
      .boolean(true)
      .toBuffer();
    const md = readMetadata(await c.request(3, 5, body), 5);
    c.close();
    expect(md.topics[0]).toMatchObject({ name: 'nope', error: KafkaError.UNKNOWN_TOPIC_OR_PARTITION, partitions: [] });
    expect(cluster.state.topics.has('nope')).toBe(false);
  });

  it('auto-creates only when the broker allows it and the client asks', async () => {
    cluster = await startSandboxCluster({ brokers: 1, autoCreateTopics: true });
    const c = await RawKafkaClient.connect(cluster.bootstrapServers[0]);
    const ask = (name: string, allow: boolean) =>
      new KafkaWriter()
        .nullableArray([name], (w, t) => w.string(t))
        .boolean(allow)
        .toBuffer();
    const refused = readMetadata(await c.request(3, 5, ask('not-asked', false)), 5);
    expect(refused.topics[0].error).toBe(KafkaError.UNKNOWN_TOPIC_OR_PARTITION);
    const created = readMetadata(await c.request(3, 5, ask('asked', true)), 5);
    expect(created.topics[0].error).toBe(KafkaError.LEADER_NOT_AVAILABLE);
    const again = readMetadata(await c.request(3, 5, ask('asked', true)), 5);
    expect(again.topics[0]).toMatchObject({ error: KafkaError.NONE, name: 'asked' });
    expect(again.topics[0].partitions).toHaveLength(1);
    c.close();
  });

  it('rejects an illegal topic name with INVALID_TOPIC_EXCEPTION', async () => {
    cluster = await startSandboxCluster({ brokers: 1, autoCreateTopics: true });
    const c = await RawKafkaClient.connect(cluster.bootstrapServers[0]);
    const body = new KafkaWriter()
      .nullableArray(['bad/name'], (w, t) => w.string(t))
      .boolean(true)
      .toBuffer();
    const md = readMetadata(await c.request(3, 5, body), 5);
    c.close();
    expect(md.topics[0].error).toBe(KafkaError.INVALID_TOPIC_EXCEPTION);
  });

  describe('topic ids (v10+)', () => {
    async function topicIds(c: SandboxCluster, v: number, names: string[]) {
      const client = await RawKafkaClient.connect(c.bootstrapServers[0]);
      client.send(
        Buffer.concat(encodeRequestFrame(Metadata, v, 9, 'test', { topics: names, allowAutoTopicCreation: false })),
      );
      const r = new KafkaReader((await client.next())!);
      client.close();
      decodeResponseStart(Metadata, v, r, 9);
      const res = Metadata.decodeResponse(r, v);
      expect(r.remaining()).toBe(0);
      return res.topics.map((t) => [t.name, t.errorCode, t.topicId]);
    }

    it('a topic keeps its id across a restart on its data directory and gets a new one when re-created', async () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-topic-id-'));
      try {
        const topics = [{ name: 'orders', partitions: 2, replicationFactor: 1 }];
        cluster = await startSandboxCluster({ brokers: 1, dataDir, topics });
        const [[, error, id]] = await topicIds(cluster, 12, ['orders']);
        expect(error).toBe(KafkaError.NONE);
        expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
        expect(await topicIds(cluster, 10, ['orders', 'missing'])).toEqual([
          ['orders', KafkaError.NONE, id],
          ['missing', KafkaError.UNKNOWN_TOPIC_OR_PARTITION, null],
        ]);
        // Before v10 there is no id in the answer at all.
        expect(await topicIds(cluster, 8, ['orders'])).toEqual([['orders', KafkaError.NONE, undefined]]);
        await cluster.close();

        cluster = await startSandboxCluster({ brokers: 1, dataDir, topics });
        expect(await topicIds(cluster, 12, ['orders'])).toEqual([['orders', KafkaError.NONE, id]]);
        cluster.state.deleteTopic('orders');
        cluster.createTopic(topics[0]);
        const [[, , again]] = await topicIds(cluster, 12, ['orders']);
        expect(again).toMatch(/^[A-Za-z0-9_-]{22}$/);
        expect(again).not.toBe(id);
        await cluster.close();

        cluster = await startSandboxCluster({ brokers: 1, dataDir, topics });
        expect(await topicIds(cluster, 12, ['orders'])).toEqual([['orders', KafkaError.NONE, again]]);
      } finally {
        await cluster?.close();
        cluster = null;
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    });

    it('a data directory from before topic ids gives its topics one, kept from then on', async () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-topic-id-'));
      try {
        const topics = [{ name: 'orders', partitions: 1, replicationFactor: 1 }];
        cluster = await startSandboxCluster({ brokers: 1, dataDir, topics });
        await cluster.close();
        const file = path.join(dataDir, 'topics', 'orders', 'topic.json');
        const { topicId: _dropped, ...old } = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
        fs.writeFileSync(file, JSON.stringify(old));
        cluster = await startSandboxCluster({ brokers: 1, dataDir, topics });
        const [[, , id]] = await topicIds(cluster, 12, ['orders']);
        expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
        await cluster.close();
        cluster = await startSandboxCluster({ brokers: 1, dataDir, topics });
        expect(await topicIds(cluster, 12, ['orders'])).toEqual([['orders', KafkaError.NONE, id]]);
      } finally {
        await cluster?.close();
        cluster = null;
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    });
  });
});
