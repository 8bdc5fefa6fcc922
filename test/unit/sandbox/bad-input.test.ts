// Bad input never crashes the broker: each case ends in Kafka's error code or a closed
// connection, and a fresh connection to the same broker still gets answers.
import { afterEach, describe, expect, it } from 'vitest';
import { ApiKey } from '../../../electron/kafka-wire/api-keys';
import { KafkaError } from '../../../electron/kafka-wire/error-codes';
import { KafkaWriter } from '../../../electron/kafka-wire/kafka-writer';
import type { SandboxCluster } from '../../../electron/sandbox/sandbox-cluster';
import { capturedFrame } from '../../support/raw-kafka-client';
import { buildRecordBatch } from '../../support/record-batch-builder';
import { FrameClient, offlineCluster, requestFrame } from './frames-harness';

const MAX = 64 * 1024;
let cluster: SandboxCluster;
const logs: string[] = [];

function start(): SandboxCluster {
  logs.length = 0;
  cluster = offlineCluster({
    brokers: 3,
    topics: [{ name: 'orders', partitions: 1, replicationFactor: 3 }],
    log: (l) => logs.push(l),
  });
  return cluster;
}

function client(): FrameClient {
  return new FrameClient(cluster, 1, MAX);
}

/** A fresh connection still gets an ApiVersions answer. */
async function stillServes(): Promise<void> {
  const r = await client().request(ApiKey.ApiVersions, 2, () => {});
  expect(r.int16()).toBe(KafkaError.NONE);
}

/** Sends bytes on a fresh connection; asserts it is closed with nothing written, and that the broker still serves. */
async function expectClosed(bytes: Buffer, logPattern: RegExp): Promise<void> {
  const c = client();
  c.send(bytes);
  await c.settle();
  expect(c.closed).toBe(true);
  expect(c.socket.written).toEqual([]);
  expect(logs.join('\n')).toMatch(logPattern);
  await stillServes();
}

const size = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};

afterEach(() => cluster?.close());

describe('bad input', () => {
  it('a frame larger than maxRequestBytes closes before its body arrives', async () => {
    start();
    await expectClosed(size(MAX + 1), /frame of 65537 bytes \(limit 65536\)/);
  });

  it('a negative size closes', async () => {
    start();
    await expectClosed(size(-4), /frame of -4 bytes/);
  });

  it('garbage bytes (an HTTP request) close', async () => {
    start();
    await expectClosed(Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n'), /closing/);
  });

  it('a zero-length frame and a frame too short for a header close', async () => {
    start();
    await expectClosed(size(0), /truncated frame/);
    await expectClosed(Buffer.concat([size(3), Buffer.from([0, 3, 0])]), /truncated frame/);
  });

  it('an unknown API key closes', async () => {
    start();
    await expectClosed(
      requestFrame(999, 0, 1, () => {}),
      /unknown API key 999/,
    );
  });

  it('an unsupported version closes (Metadata v13 is newer than it serves, Produce v2 is the old message format)', async () => {
    start();
    await expectClosed(
      requestFrame(ApiKey.Metadata, 13, 1, (w) => w.int32(-1)),
      /Metadata v13 is not supported/,
    );
    await expectClosed(
      requestFrame(ApiKey.Produce, 2, 1, () => {}),
      /Produce v2 is not supported/,
    ); // Versions Kafka 4.x removed (KIP-896) are not served either.
    for (const [key, v, name] of [
      [ApiKey.CreateTopics, 1, 'CreateTopics'],
      [ApiKey.DeleteTopics, 0, 'DeleteTopics'],
      [ApiKey.DescribeConfigs, 0, 'DescribeConfigs'],
    ] as const) {
      await expectClosed(
        requestFrame(key, v, 1, () => {}),
        new RegExp(`${name} v${v} is not supported`),
      );
    }
  });

  it('ApiVersions v3 (what librdkafka sends first) gets UNSUPPORTED_VERSION in the v0 layout, and the connection stays', async () => {
    start();
    const c = client();
    const frame = capturedFrame('kcat-key18-v3');
    c.send(frame);
    await c.settle();
    const [res] = c.responses();
    expect(res.correlationId).toBe(frame.readInt32BE(8));
    expect(res.body.int16()).toBe(KafkaError.UNSUPPORTED_VERSION);
    const apis = res.body.array((x) => [x.int16(), x.int16(), x.int16()]);
    expect(apis).toContainEqual([ApiKey.ApiVersions, 0, 2]);
    expect(res.body.remaining()).toBe(0);
    expect(c.closed).toBe(false);
  });

  it('a body shorter than its fields (truncated Metadata) closes', async () => {
    start();
    await expectClosed(
      requestFrame(ApiKey.Metadata, 1, 1, (w) => w.int32(2).string('orders')),
      /truncated frame/,
    );
  });

  it('huge array counts and negative string lengths close without allocating', async () => {
    start();
    await expectClosed(
      requestFrame(ApiKey.Metadata, 1, 1, (w) => w.int32(0x7fffffff)),
      /invalid array length 2147483647/,
    );
    await expectClosed(
      requestFrame(ApiKey.CreateTopics, 2, 1, (w) => w.int32(-7)),
      /invalid array length -7/,
    );
    await expectClosed(
      requestFrame(ApiKey.DeleteTopics, 1, 1, (w) => w.int32(1).int16(-2)),
      /invalid string length -2/,
    );
  });

  it('a produce whose record batch has a wrong CRC gets CORRUPT_MESSAGE; nothing is stored and the connection stays', async () => {
    start();
    const batch = buildRecordBatch([{ key: 'k', value: 'order 1' }]);
    batch[batch.length - 1] ^= 0xff; // flip the last value byte: the CRC no longer matches
    const c = client();
    const r = await c.request(ApiKey.Produce, 7, (w) =>
      w
        .nullableString(null)
        .int16(-1)
        .int32(1000)
        .array(['orders'], (w2, t) => w2.string(t).array([0], (w3, p) => w3.int32(p).nullableBytes(batch))),
    );
    const topics = r.array((x) => ({
      name: x.string(),
      partitions: x.array((y) => ({
        index: y.int32(),
        error: y.int16(),
        baseOffset: Number(y.int64()),
        logAppendTime: y.int64(),
        logStartOffset: y.int64(),
      })),
    }));
    expect(topics[0].partitions[0]).toMatchObject({ index: 0, error: KafkaError.CORRUPT_MESSAGE, baseOffset: -1 });
    expect(cluster.state.topics.get('orders')!.partitions[0].log.nextOffset).toBe(0);
    expect(c.closed).toBe(false);
  });

  it('a client that disconnects mid-request (half a frame, then close) leaves nothing behind', async () => {
    start();
    const c = client();
    const frame = requestFrame(ApiKey.Metadata, 1, 1, (w) => w.int32(-1));
    c.send(frame.subarray(0, 7));
    c.socket.destroy();
    await c.settle();
    expect(c.socket.written).toEqual([]);
    await stillServes();
  });

  it('requests split at every byte boundary and pipelined back to back are answered in order', async () => {
    start();
    const c = client();
    const frames = Buffer.concat([1, 2, 3].map((id) => requestFrame(ApiKey.ApiVersions, 2, id, () => {})));
    for (let i = 0; i < frames.length; i++) c.send(frames.subarray(i, i + 1));
    await c.settle();
    expect(c.responses().map((r) => r.correlationId)).toEqual([1, 2, 3]);
  });
});

// Keep the builder honest: the untouched batch is accepted by the same path.
describe('control', () => {
  it('the same batch with its CRC intact is stored at offset 0', async () => {
    start();
    const batch = buildRecordBatch([{ key: 'k', value: 'order 1' }]);
    const body = new KafkaWriter()
      .nullableString(null)
      .int16(-1)
      .int32(1000)
      .array(['orders'], (w2, t) => w2.string(t).array([0], (w3, p) => w3.int32(p).nullableBytes(batch)));
    await client().request(ApiKey.Produce, 7, (w) => w.raw(body.toBuffer()));
    expect(cluster.state.topics.get('orders')!.partitions[0].log.nextOffset).toBe(1);
  });
});
