// The raw connection against a stand-in broker that answers with what Apache Kafka 4.4.0
// answered (test/fixtures/frames/kafka440-*), and against brokers that misbehave. The client
// must send exactly the bytes Kafka received and read exactly what it answered.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { clusterConfig, type ClusterConfig } from '../../../electron/cluster/cluster-config';
import { ClusterClient, METADATA_VERSION, metadataVersionFor } from '../../../electron/cluster/cluster-client';
import { ClusterConnectionError, ClusterRequestTimeoutError } from '../../../electron/cluster/cluster-errors';
import { RawConnection } from '../../../electron/cluster/raw-connection';
import { encodeResponseFrame } from '../../../electron/kafka-wire/api';
import { ApiKey } from '../../../electron/kafka-wire/api-keys';
import { ApiVersions } from '../../../electron/kafka-wire/apis/api-versions';
import { Fetch } from '../../../electron/kafka-wire/apis/fetch';
import { KafkaError } from '../../../electron/kafka-wire/error-codes';
import { ListOffsets } from '../../../electron/kafka-wire/apis/list-offsets';
import { Metadata } from '../../../electron/kafka-wire/apis/metadata';
import { FrameReader, sizePrefix } from '../../../electron/kafka-wire/frames';
import { decodeRequestFrame, decodeResponseFrame, kafka440Pair } from '../../support/captured-frames';

const servers: net.Server[] = [];
const connections: RawConnection[] = [];
afterEach(() => {
  for (const c of connections.splice(0)) c.close();
  for (const s of servers.splice(0)) s.close();
});

/** A broker that answers each request frame with `answer(frame)` (null: stay silent). */
async function fakeBroker(
  answer: (frame: Buffer, socket: net.Socket) => Buffer | null,
): Promise<{ port: number; received: Buffer[] }> {
  const received: Buffer[] = [];
  const server = net.createServer((socket) => {
    const frames = new FrameReader();
    socket.on('error', () => {});
    socket.on('data', (d) => {
      frames.push(d);
      for (let f = frames.nextFrame(); f; f = frames.nextFrame()) {
        received.push(f);
        const out = answer(f, socket);
        if (out) socket.write(out);
      }
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as net.AddressInfo).port, received };
}

/** Kafka's captured answer with the correlation id of the request being answered. */
function replay(label: string) {
  const { response } = kafka440Pair(label);
  return (frame: Buffer) => {
    const out = Buffer.from(response);
    out.writeInt32BE(frame.readInt32BE(4), 4);
    return out;
  };
}

const config = (timeouts = { connectMs: 2_000, requestMs: 2_000 }): ClusterConfig =>
  // The client id the capture script used, so the request bytes can be compared whole.
  clusterConfig({ brokers: [], clientId: 'order-desk-capture', timeouts });

async function open(port: number, cfg = config()): Promise<RawConnection> {
  const c = await RawConnection.open({ host: '127.0.0.1', port }, cfg);
  connections.push(c);
  return c;
}

describe("RawConnection on Kafka 4.4.0's captured answers", () => {
  it.each(['metadata-v5-all', 'listoffsets-v1', 'fetch-v4'])(
    '%s: sends the bytes Kafka received and reads what it answered',
    async (label) => {
      const { request, response } = kafka440Pair(label);
      const captured = decodeRequestFrame(request);
      const broker = await fakeBroker(replay(label));
      const conn = await open(broker.port);
      const got = await conn.request(captured.api, captured.version, captured.body);
      expect(got).toEqual(decodeResponseFrame(response, captured.api, captured.version).body);
      // Same request bytes, except the correlation id this connection chose.
      const sent = Buffer.from(broker.received[0]);
      sent.writeInt32BE(captured.header.correlationId, 4);
      expect(sent.toString('hex')).toBe(request.subarray(4).toString('hex'));
    },
  );

  it('keeps several requests in flight on one connection and matches each answer to its request', async () => {
    const answers = [replay('metadata-v1'), replay('listoffsets-v1')];
    let n = 0;
    const broker = await fakeBroker((f) => answers[n++ % 2](f));
    const conn = await open(broker.port);
    const [meta, offsets] = await Promise.all([
      conn.request(Metadata, 1, { topics: ['capture-orders-2'] }),
      conn.request(ListOffsets, 1, { replicaId: -1, isolationLevel: 0, topics: [] }),
    ]);
    expect(meta.topics[0].name).toBe('capture-orders-2');
    expect(offsets.topics[0].partitions.map((p) => p.partitionIndex)).toEqual([0, 1]);
    expect(broker.received.map((f) => f.readInt32BE(4))).toEqual([1, 2]);
  });

  /** Answers ApiVersions with `versions` and Metadata with Kafka's captured `metadata` answer. */
  const byKey = (versions: (frame: Buffer) => Buffer, metadata: string) => (frame: Buffer) =>
    frame.readInt16BE(0) === ApiKey.ApiVersions ? versions(frame) : replay(metadata)(frame);
  const sentRequests = (received: Buffer[]) =>
    received.map((f) => decodeRequestFrame(Buffer.concat([sizePrefix(f.length), f])));

  it('ClusterClient asks a Kafka 4.4.0 broker its versions once, then Metadata v12 with topic ids, on one connection', async () => {
    const broker = await fakeBroker(byKey(replay('apiversions-v0'), 'metadata-v12'));
    const client = new ClusterClient(clusterConfig({ brokers: [`127.0.0.1:${broker.port}`], clientId: 't' }));
    try {
      const first = await client.metadata(['capture-orders-2', 'no-such-topic'], { topicIds: true });
      expect(first.brokersById.get(1)).toMatchObject({ host: '127.0.0.1' });
      expect(first.topics.map((t) => [t.name, t.topicId])).toEqual([
        ['capture-orders-2', 'E4h2qNF3SYq2jnivziqwQA'],
        ['no-such-topic', null],
      ]);
      expect(await client.topicId('capture-orders-2')).toBe('E4h2qNF3SYq2jnivziqwQA');
      // A topic the broker does not know has no id (the zero UUID in the answer).
      expect(await client.topicId('no-such-topic')).toBeNull();
      const sent = sentRequests(broker.received);
      expect(sent.map((r) => `${r.api.name} v${r.version}`)).toEqual([
        'ApiVersions v0',
        'Metadata v12',
        'Metadata v12',
        'Metadata v12',
      ]);
      // Asked by name, never creating a topic.
      expect(sent[1].body).toMatchObject({
        topics: ['capture-orders-2', 'no-such-topic'],
        allowAutoTopicCreation: false,
      });
    } finally {
      client.close();
    }
  });

  it('ClusterClient falls back to Metadata v5 (no topic ids) on a broker without v10, or one refusing ApiVersions', async () => {
    // A Kafka 2.x broker: Metadata up to v8 (the captured 4.4.0 list with Metadata cut down).
    const kafka = decodeResponseFrame(kafka440Pair('apiversions-v0').response, ApiVersions, 0).body;
    const old = {
      ...kafka,
      apiKeys: kafka.apiKeys.map((k) => (k.apiKey === ApiKey.Metadata ? { ...k, maxVersion: 8 } : k)),
    };
    const refusing = { errorCode: KafkaError.UNSUPPORTED_VERSION, apiKeys: [], throttleTimeMs: 0 };
    for (const versions of [old, refusing]) {
      const answer = (frame: Buffer) =>
        Buffer.concat(encodeResponseFrame(ApiVersions, 0, frame.readInt32BE(4), versions));
      const broker = await fakeBroker(byKey(answer, 'metadata-v5-all'));
      const client = new ClusterClient(clusterConfig({ brokers: [`127.0.0.1:${broker.port}`], clientId: 't' }));
      try {
        const meta = await client.metadata(null, { topicIds: true });
        expect(meta.topics.map((t) => t.name)).toContain('capture-orders-2');
        expect(meta.topics.every((t) => t.topicId === undefined)).toBe(true);
        expect(await client.topicId('capture-orders-2')).toBeNull();
        const sent = sentRequests(broker.received);
        expect(sent.map((r) => `${r.api.name} v${r.version}`)).toEqual([
          'ApiVersions v0',
          'Metadata v5',
          'Metadata v5',
        ]);
        expect(sent[1]).toMatchObject({ body: { topics: null, allowAutoTopicCreation: false } });
      } finally {
        client.close();
      }
    }
  });

  it('ClusterClient asks plain Metadata v5, without ApiVersions, when no topic id is wanted (one round trip on a fresh connection)', async () => {
    const broker = await fakeBroker(byKey(replay('apiversions-v0'), 'metadata-v5-all'));
    const client = new ClusterClient(clusterConfig({ brokers: [`127.0.0.1:${broker.port}`], clientId: 't' }));
    try {
      const meta = await client.metadata(null);
      expect(meta.topics.map((t) => t.name)).toContain('capture-orders-2');
      expect(sentRequests(broker.received).map((r) => `${r.api.name} v${r.version}`)).toEqual(['Metadata v5']);
    } finally {
      client.close();
    }
  });

  it('picks the Metadata version by the range offered', () => {
    const range = (minVersion: number, maxVersion: number) => ({ apiKey: ApiKey.Metadata, minVersion, maxVersion });
    expect(metadataVersionFor(range(0, 13))).toBe(12);
    expect(metadataVersionFor(range(0, 12))).toBe(12);
    expect(metadataVersionFor(range(0, 10))).toBe(10);
    expect(metadataVersionFor(range(0, 9))).toBe(METADATA_VERSION);
    expect(metadataVersionFor(undefined)).toBe(METADATA_VERSION);
  });
});

describe('RawConnection when the broker misbehaves', () => {
  it('a broker that never answers: the request fails in time, and so does the connection', async () => {
    const broker = await fakeBroker(() => null);
    const conn = await open(broker.port, config({ connectMs: 1_000, requestMs: 300 }));
    const started = Date.now();
    await expect(conn.request(Metadata, 5, { topics: [] })).rejects.toBeInstanceOf(ClusterRequestTimeoutError);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(conn.failed).toBe(true);
    await expect(conn.request(Metadata, 5, { topics: [] })).rejects.toThrow(/no answer within 300 ms/);
  });

  it('an answer to another request: refused, and nothing after it is trusted', async () => {
    const broker = await fakeBroker((f) => {
      const out = replay('metadata-v1')(f);
      out.writeInt32BE(999, 4);
      return out;
    });
    const conn = await open(broker.port);
    await expect(conn.request(Metadata, 1, { topics: ['x'] })).rejects.toThrow(/correlation id 999, expected 1/);
    expect(conn.failed).toBe(true);
  });

  it('an answer that is cut short or garbage: refused with the reason', async () => {
    const broker = await fakeBroker(() => Buffer.from([0, 0, 0, 6, 0, 0, 0, 1, 0, 9]));
    const conn = await open(broker.port);
    await expect(conn.request(Metadata, 5, { topics: [] })).rejects.toThrow(/truncated/);
  });

  it('a broker that closes mid-request: a connection error naming it', async () => {
    const broker = await fakeBroker((_f, socket) => (socket.destroy(), null));
    const conn = await open(broker.port);
    const e = await conn
      .request(Fetch, 4, {
        replicaId: -1,
        maxWaitMs: 0,
        minBytes: 0,
        maxBytes: 1,
        isolationLevel: 0,
        sessionId: 0,
        sessionEpoch: -1,
        topics: [],
        forgottenTopicsData: [],
        rackId: '',
      })
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ClusterConnectionError);
    expect((e as Error).message).toContain(`127.0.0.1:${broker.port}`);
  });

  it("nobody listening: ClusterConnectionError with Node's code", async () => {
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const e = await RawConnection.open({ host: '127.0.0.1', port }, config()).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ClusterConnectionError);
    expect(e).toMatchObject({ code: 'ECONNREFUSED' });
  });
});
