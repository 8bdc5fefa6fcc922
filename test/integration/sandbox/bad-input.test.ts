// Bad input over real TCP to the sandbox: each bad connection ends with Kafka's error code or a
// closed socket, while a kafkajs producer connected all along keeps working. A test of the
// sandbox's own frame handling, so the kafka leg leaves it out (test/support/test-legs.ts).
import net from 'node:net';
import { type Admin, Kafka, logLevel, type Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKey } from '../../../electron/kafka-wire/api-keys';
import { KafkaError } from '../../../electron/kafka-wire/error-codes';
import { KafkaReader } from '../../../electron/kafka-wire/kafka-reader';
import { KafkaWriter } from '../../../electron/kafka-wire/kafka-writer';
import { type SandboxCluster, startSandboxCluster } from '../../../electron/sandbox';
import { capturedFrame, RawKafkaClient, requestFrame } from '../../support/raw-kafka-client';
import { buildRecordBatch } from '../../support/record-batch-builder';

const MAX_REQUEST_BYTES = 256 * 1024;
let target: { brokers: string[]; sandbox: SandboxCluster };
let admin: Admin;
let producer: Producer;
let topic: string;
let sent = 0;

beforeAll(async () => {
  const sandbox = await startSandboxCluster({ brokers: 3, port: 0, maxRequestBytes: MAX_REQUEST_BYTES });
  target = { brokers: sandbox.bootstrapServers, sandbox };
  const kafka = new Kafka({ brokers: target.brokers, logLevel: logLevel.NOTHING });
  admin = kafka.admin();
  await admin.connect();
  topic = 'bad-input';
  await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
  producer = kafka.producer();
  await producer.connect();
});
afterAll(async () => {
  await producer?.disconnect();
  await admin?.disconnect();
  await target?.sandbox.close();
});

/** The long-lived kafkajs producer and a fresh raw connection both still work. */
async function othersStillWork(): Promise<void> {
  const [res] = await producer.send({ topic, acks: 1, messages: [{ value: `still here ${sent}` }] });
  expect(Number(res.baseOffset)).toBe(sent++);
  const c = await RawKafkaClient.connect(target.brokers[0]);
  const r = await c.request(ApiKey.ApiVersions, 1, Buffer.alloc(0));
  expect(r.int16()).toBe(KafkaError.NONE);
  c.close();
}

/** Sends raw bytes on a new connection and waits for the broker to close it. */
async function closedAfter(bytes: Buffer): Promise<{ closed: boolean; answered: boolean }> {
  const c = await RawKafkaClient.connect(target.brokers[0]);
  c.send(bytes);
  const frame = await c.next(5000);
  await Promise.race([c.closedPromise, new Promise((r) => setTimeout(r, 5000))]);
  const closed = c.closed;
  c.close();
  return { closed, answered: frame !== null };
}

const int32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};

describe('bad input over TCP', () => {
  it('garbage bytes close the connection', async () => {
    expect(await closedAfter(Buffer.from('\x16\x03\x01 not kafka at all, a TLS hello maybe'))).toEqual({
      closed: true,
      answered: false,
    });
    await othersStillWork();
  });

  it('a negative frame size closes the connection', async () => {
    expect(await closedAfter(int32(-1))).toEqual({ closed: true, answered: false });
    await othersStillWork();
  });

  it('a frame announcing more than the maximum request size closes before the body is sent', async () => {
    expect(await closedAfter(int32(MAX_REQUEST_BYTES + 1))).toEqual({ closed: true, answered: false });
    await othersStillWork();
  });

  it('an unknown API key closes the connection', async () => {
    expect(await closedAfter(requestFrame(31_000, 0, 1, Buffer.alloc(0)))).toEqual({ closed: true, answered: false });
    await othersStillWork();
  });

  it('an unsupported version (Produce v99) closes the connection', async () => {
    expect(await closedAfter(requestFrame(ApiKey.Produce, 99, 1, Buffer.alloc(0)))).toEqual({
      closed: true,
      answered: false,
    });
    await othersStillWork();
  });

  it('a truncated request body and a huge array count close the connection', async () => {
    expect(await closedAfter(requestFrame(ApiKey.Metadata, 1, 1, int32(3)))).toEqual({ closed: true, answered: false });
    expect(await closedAfter(requestFrame(ApiKey.Metadata, 1, 1, int32(0x7ffffff0)))).toEqual({
      closed: true,
      answered: false,
    });
    await othersStillWork();
  });

  it('a client that sends half a frame and disconnects leaves the broker serving', async () => {
    const frame = capturedFrame('kafkajs-key3-v6');
    const half = await new Promise<void>((resolve) => {
      const [host, port] = target.brokers[0].split(':');
      const s = net.connect(Number(port), host, () => {
        s.write(frame.subarray(0, Math.floor(frame.length / 2)));
        setTimeout(() => s.destroy(), 50);
      });
      s.on('close', () => resolve());
    });
    expect(half).toBeUndefined();
    await othersStillWork();
  });

  it('ApiVersions v3 is answered with UNSUPPORTED_VERSION in the v0 layout', async () => {
    const c = await RawKafkaClient.connect(target.brokers[0]);
    c.send(capturedFrame('kcat-key18-v3'));
    const frame = await c.next();
    c.close();
    const r = new KafkaReader(frame!);
    r.int32();
    const error = r.int16();
    expect(error).toBe(KafkaError.UNSUPPORTED_VERSION);
    await othersStillWork();
  });

  it('a record batch with a wrong CRC gets CORRUPT_MESSAGE and is not stored', async () => {
    const batch = buildRecordBatch([{ key: 'k', value: 'tampered' }]);
    batch.write('TAMPERED', batch.length - 9);
    const meta = await admin.fetchTopicMetadata({ topics: [topic] });
    const leader = meta.topics[0].partitions[0].leader;
    const { brokers } = await admin.describeCluster();
    const b = brokers.find((x) => x.nodeId === leader)!;
    const c = await RawKafkaClient.connect(`${b.host}:${b.port}`);
    const body = new KafkaWriter()
      .nullableString(null)
      .int16(1)
      .int32(5000)
      .array([topic], (w, t) => w.string(t).array([0], (w2, p) => w2.int32(p).nullableBytes(batch)))
      .toBuffer();
    const r = await c.request(ApiKey.Produce, 7, body);
    c.close();
    const [t] = r.array((x) => ({
      name: x.string(),
      partitions: x.array((y) => ({
        index: y.int32(),
        error: y.int16(),
        baseOffset: y.int64(),
        logAppendTime: y.int64(),
        logStartOffset: y.int64(),
      })),
    }));
    expect(t.partitions[0].error).toBe(KafkaError.CORRUPT_MESSAGE);
    await othersStillWork(); // its offset check proves the tampered batch took no offset
  });
});
