// The sandbox survives hostile clients, while a well-behaved kafkajs producer and consumer keep
// working: a CreateTopics for 20,000,000 partitions is refused at once, a compressed batch of
// garbage with a correct CRC is refused instead of stored, and connections holding partial
// 100 MB frames neither take its memory (measured on the sandbox CLI in a child process, so the
// test's own heap does not blur it) nor keep it after they close or stall.
import net from 'node:net';
import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandboxCluster, type SandboxCluster } from '../../../electron/sandbox';
import { ApiKey } from '../../../electron/kafka-wire/api-keys';
import { CreateTopics } from '../../../electron/kafka-wire/apis/create-topics';
import { KafkaError } from '../../../electron/kafka-wire/error-codes';
import { KafkaReader } from '../../../electron/kafka-wire/kafka-reader';
import { KafkaWriter } from '../../../electron/kafka-wire/kafka-writer';
import { assembleRecordBatch } from '../../../electron/kafka-wire/record-batch-encode';
import { RawKafkaClient } from '../../support/raw-kafka-client';
import { canMeasureRss, startSandboxProcess, type SandboxProcess } from '../../support/sandbox-process';

if (!canMeasureRss)
  console.log(`skipping the memory cases: they read /proc/<pid>/status, which ${process.platform} has not`);

const MB = 1024 * 1024;

let cluster: SandboxCluster | null = null;
let sandbox: SandboxProcess | null = null;
const cleanups: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await Promise.resolve(c()).catch(() => {});
  await cluster?.close();
  cluster = null;
  await sandbox?.stop();
  sandbox = null;
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A kafkajs producer sending one record every 50 ms and a consumer reading them, until stopped. */
async function wellBehavedClient(brokers: string[], topic: string) {
  const kafka = new Kafka({ brokers, logLevel: logLevel.NOTHING, clientId: 'well-behaved' });
  const producer: Producer = kafka.producer();
  // A short fetch wait: stop()'s disconnect() waits for the fetch in flight (kafkajs's default is 5 s).
  const consumer: Consumer = kafka.consumer({ groupId: `well-behaved-${Date.now()}`, maxWaitTimeInMs: 100 });
  await producer.connect();
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const consumed: string[] = [];
  const errors: string[] = [];
  await consumer.run({ eachMessage: async ({ message }) => void consumed.push(String(message.value)) });
  let sent = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      try {
        await producer.send({ topic, acks: -1, messages: [{ value: `m${sent}` }] });
        sent++;
      } catch (err) {
        errors.push((err as Error).message);
      }
      await sleep(50);
    }
  })();
  const client = {
    consumed,
    errors,
    get sent() {
      return sent;
    },
    /** Waits until `n` more records have gone through, producer to consumer. */
    async flows(n: number, ms = 15_000): Promise<void> {
      const target = consumed.length + n;
      const until = Date.now() + ms;
      while (consumed.length < target) {
        if (Date.now() > until)
          throw new Error(
            `the well-behaved client stalled: ${consumed.length} consumed, ${sent} sent, errors: ${errors.join('; ')}`,
          );
        await sleep(50);
      }
    },
    async stop(): Promise<void> {
      running = false;
      await loop;
      await producer.disconnect();
      await consumer.disconnect();
    },
  };
  cleanups.push(() => client.stop());
  return client;
}

function connect(hostPort: string): Promise<net.Socket> {
  const [host, port] = hostPort.split(':');
  return new Promise((resolve, reject) => {
    const s = net.connect(Number(port), host, () => resolve(s));
    s.once('error', reject);
  });
}

/** `count` connections, each announcing a frame of `declared` bytes and sending `sent` of them. */
async function partialFrames(broker: string, count: number, declared: number, sent: number): Promise<net.Socket[]> {
  const prefix = Buffer.alloc(4);
  prefix.writeInt32BE(declared);
  const body = Buffer.alloc(sent, 0x41); // one buffer shared by every socket's write queue
  const sockets: net.Socket[] = [];
  for (let i = 0; i < count; i++) {
    const s = await connect(broker);
    s.on('error', () => {});
    s.write(prefix);
    s.write(body);
    sockets.push(s);
  }
  cleanups.push(() => sockets.forEach((s) => s.destroy()));
  return sockets;
}

/** CreateTopics v4 sent to the controller, answered per topic with the error message kafkajs does not show. */
async function rawCreateTopics(c: SandboxCluster, topics: Array<{ name: string; numPartitions: number }>) {
  const client = await RawKafkaClient.connect(c.bootstrapServers[c.state.controllerId - 1]);
  const w = new KafkaWriter();
  CreateTopics.encodeRequest(w, 4, {
    topics: topics.map((t) => ({ ...t, replicationFactor: 1, assignments: [], configs: [] })),
    timeoutMs: 5000,
    validateOnly: false,
  });
  const r = await client.request(ApiKey.CreateTopics, 4, w.toBuffer());
  client.close();
  return CreateTopics.decodeResponse(r, 4).topics;
}

async function rssUntil(p: SandboxProcess, belowMb: number, ms: number): Promise<number> {
  const until = Date.now() + ms;
  let rss = p.memory().rssMb;
  while (rss >= belowMb && Date.now() < until) {
    await sleep(250);
    rss = p.memory().rssMb;
  }
  return rss;
}

describe('hostile clients', () => {
  it('a CreateTopics for 20,000,000 partitions is refused at once with POLICY_VIOLATION; nothing is created and clients keep working', async () => {
    cluster = await startSandboxCluster({
      brokers: 3,
      topics: [{ name: 'orders', partitions: 1, replicationFactor: 3 }],
    });
    const client = await wellBehavedClient(cluster.bootstrapServers, 'orders');
    await client.flows(3);
    const admin = new Kafka({
      brokers: cluster.bootstrapServers,
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
    }).admin();
    await admin.connect();
    cleanups.push(() => admin.disconnect());
    const refused = admin.createTopics({
      topics: [{ topic: 'huge', numPartitions: 20_000_000, replicationFactor: 3 }],
    });
    await expect(refused).rejects.toMatchObject({
      errors: [expect.objectContaining({ type: 'POLICY_VIOLATION', topic: 'huge' })],
    });
    // with Kafka 4.x's words for an operation too large for its controller
    expect(
      await rawCreateTopics(cluster, [
        { name: 'huge', numPartitions: 20_000_000 },
        { name: 'small', numPartitions: 1 },
      ]),
    ).toEqual([
      {
        name: 'huge',
        errorCode: KafkaError.POLICY_VIOLATION,
        errorMessage: 'Unable to perform excessively large batch operation.',
      },
      {
        name: 'small',
        errorCode: KafkaError.POLICY_VIOLATION,
        errorMessage: 'Unable to perform excessively large batch operation.',
      },
    ]);
    expect(cluster.state.topics.has('huge')).toBe(false);
    expect(cluster.state.totalPartitions).toBe(1);
    await client.flows(3);
    expect(client.errors).toEqual([]);
  });

  it('sandbox.max.partitions caps the partitions of all topics together', async () => {
    cluster = await startSandboxCluster({ brokers: 1, brokerConfig: { 'sandbox.max.partitions': '10' } });
    const admin = new Kafka({
      brokers: cluster.bootstrapServers,
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
    }).admin();
    await admin.connect();
    cleanups.push(() => admin.disconnect());
    await admin.createTopics({ topics: [{ topic: 'a', numPartitions: 6, replicationFactor: 1 }] });
    await expect(
      admin.createTopics({ topics: [{ topic: 'b', numPartitions: 5, replicationFactor: 1 }] }),
    ).rejects.toMatchObject({
      errors: [expect.objectContaining({ type: 'POLICY_VIOLATION', topic: 'b' })],
    });
    expect(await rawCreateTopics(cluster, [{ name: 'b', numPartitions: 5 }])).toEqual([
      {
        name: 'b',
        errorCode: KafkaError.POLICY_VIOLATION,
        errorMessage: 'The cluster holds 6 partitions; 5 more would pass sandbox.max.partitions (10).',
      },
    ]);
    await admin.createTopics({ topics: [{ topic: 'c', numPartitions: 4, replicationFactor: 1 }] });
    expect(cluster.state.totalPartitions).toBe(10);
    await admin.deleteTopics({ topics: ['a'] });
    await admin.createTopics({ topics: [{ topic: 'b', numPartitions: 5, replicationFactor: 1 }] });
  });

  it('a gzip-flagged batch of garbage with a correct CRC is refused with CORRUPT_MESSAGE, and the consumer of that partition keeps reading', async () => {
    cluster = await startSandboxCluster({
      brokers: 1,
      topics: [{ name: 'orders', partitions: 1, replicationFactor: 1 }],
    });
    const client = await wellBehavedClient(cluster.bootstrapServers, 'orders');
    await client.flows(2);
    const garbage = assembleRecordBatch(Buffer.from('\x1f\x8b but then nothing a decompressor can read'), 1, {
      firstTimestamp: Date.now(),
      compression: 'gzip',
    });
    const raw = await RawKafkaClient.connect(cluster.bootstrapServers[0]);
    const body = new KafkaWriter()
      .nullableString(null)
      .int16(1)
      .int32(5000)
      .array(['orders'], (w, t) => w.string(t).array([0], (w2, p) => w2.int32(p).nullableBytes(garbage)))
      .toBuffer();
    const r: KafkaReader = await raw.request(ApiKey.Produce, 7, body);
    raw.close();
    const [t] = r.array((x) => ({
      name: x.string(),
      partitions: x.array((y) => ({ index: y.int32(), error: y.int16() })),
    }));
    expect(t.partitions[0].error).toBe(KafkaError.CORRUPT_MESSAGE);
    await client.flows(3);
    expect(client.errors).toEqual([]);
    expect(client.consumed).toEqual(Array.from({ length: client.consumed.length }, (_, i) => `m${i}`));
  });

  it.skipIf(!canMeasureRss)(
    '40 connections sending 25 MB of a declared 100 MB frame: memory stays bounded, is back under 200 MB after they close, and kafkajs keeps working throughout',
    async () => {
      sandbox = await startSandboxProcess(['--brokers', '1', '--port', '0', '--topic', 'orders:1:1']);
      const client = await wellBehavedClient(sandbox.brokers, 'orders');
      await client.flows(5);
      const before = sandbox.memory().rssMb;

      const sockets = await partialFrames(sandbox.brokers[0], 40, 100 * MB, 25 * MB);
      let during = 0;
      for (let i = 0; i < 12; i++) {
        await sleep(250);
        during = Math.max(during, sandbox.memory().rssMb);
      }
      await client.flows(5); // while they hold their frames

      for (const s of sockets) s.destroy();
      await client.flows(5);
      const after = await rssUntil(sandbox, 200, 15_000);
      console.log(
        `sandbox RSS with 40 partial 100 MB frames: before ${before.toFixed(0)} MB, during ${during.toFixed(0)} MB, after they closed ${after.toFixed(0)} MB`,
      );
      expect(during).toBeLessThan(before + 200); // queued.max.request.bytes (100 MB) admits one large frame at a time
      expect(after).toBeLessThan(200);
      expect(client.errors).toEqual([]);
    },
  );

  it.skipIf(!canMeasureRss)(
    'partial frames that stall time out (sandbox.request.receive.timeout.ms): the sandbox closes them and lets their memory go',
    async () => {
      sandbox = await startSandboxProcess([
        '--brokers',
        '1',
        '--port',
        '0',
        '--topic',
        'orders:1:1',
        '--broker-config',
        'sandbox.request.receive.timeout.ms=2000',
      ]);
      const client = await wellBehavedClient(sandbox.brokers, 'orders');
      await client.flows(5);
      const sockets = await partialFrames(sandbox.brokers[0], 40, 100 * MB, 25 * MB);
      const closed = Promise.all(
        sockets.map(
          (s) => new Promise<void>((resolve) => (s.destroyed ? resolve() : s.once('close', () => resolve()))),
        ),
      );
      await closed; // by the sandbox: the clients never close them
      await client.flows(5);
      const after = await rssUntil(sandbox, 200, 15_000);
      expect(after).toBeLessThan(200);
      expect(
        sandbox.log.filter((l) =>
          /a request of 104857600 bytes still incomplete after \d+ ms .*sandbox.request.receive.timeout.ms 2000/.test(
            l,
          ),
        ),
      ).toHaveLength(40);
      expect(client.errors).toEqual([]);
    },
  );
});
