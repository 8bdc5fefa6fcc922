// The benchmark's own producer path, as kafka-producer-perf-test's Java producer has one: it
// encodes each accumulated batch as one record batch (magic v2, CRC-32C, optional gzip) and
// sends it in a Produce v3 request to the partition's leader, up to several requests in flight
// per broker. kafkajs spent about 9 µs of CPU per 1 KB record in its JavaScript request
// encoding (measured; see README), so a benchmark on it measured kafkajs, not the cluster.
// The app's orders still go through kafkajs (electron/kafka/order-producer.ts).
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { KafkaConfig } from 'kafkajs';
import { crc32c } from '@node-rs/crc32';
import { requestMetadataV1 } from '../kafka/metadata-v1';
import { openAnyBroker, RawConnection, type BrokerAddress, type RawConnectionOptions } from '../kafka/raw-connection';
import { KafkaError, kafkaErrorInfo } from '../kafka-wire/error-codes';
import { KafkaWriter } from '../kafka-wire/kafka-writer';

const gzip = promisify(zlib.gzip);
const API_PRODUCE = 0;
const PRODUCE_VERSION = 3;
const REQUEST_TIMEOUT_MS = 30_000;
/** Errors after which the partition's leader may have moved: metadata is read again. */
const STALE_LEADER = new Set<number>([KafkaError.NOT_LEADER_OR_FOLLOWER, KafkaError.LEADER_NOT_AVAILABLE, KafkaError.UNKNOWN_TOPIC_OR_PARTITION]);

export interface RawBatchSenderOptions {
  kafka: KafkaConfig;
  topic: string;
  acks: -1 | 0 | 1;
  compression: 'none' | 'gzip';
}

export class ProduceError extends Error {
  constructor(readonly code: number, partition: number) {
    super(`${kafkaErrorInfo(code).name} (partition ${partition})`);
    this.name = 'ProduceError';
  }
}

function zigzagSize(n: number): number {
  let v = n >= 0 ? n * 2 : -n * 2 - 1;
  let size = 1;
  while (v >= 0x80) {
    v = Math.floor(v / 128);
    size++;
  }
  return size;
}

function writeZigzag(buf: Buffer, pos: number, n: number): number {
  let v = n >= 0 ? n * 2 : -n * 2 - 1;
  while (v >= 0x80) {
    buf[pos++] = (v & 0x7f) | 0x80;
    v = Math.floor(v / 128);
  }
  buf[pos++] = v;
  return pos;
}

/** Records without key or headers, all with the batch's timestamp, encoded exactly into one buffer. */
export function encodeRecords(values: readonly Buffer[]): Buffer {
  let size = 0;
  const bodies = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) {
    const len = values[i].length;
    // attributes, timestamp delta 0, offset delta, key -1, value length + value, 0 headers
    const body = 1 + 1 + zigzagSize(i) + 1 + zigzagSize(len) + len + 1;
    bodies[i] = body;
    size += zigzagSize(body) + body;
  }
  const buf = Buffer.allocUnsafe(size);
  let pos = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    pos = writeZigzag(buf, pos, bodies[i]);
    buf[pos++] = 0; // attributes
    buf[pos++] = 0; // timestamp delta
    pos = writeZigzag(buf, pos, i);
    buf[pos++] = 1; // key length -1 (zig-zag)
    pos = writeZigzag(buf, pos, v.length);
    pos += v.copy(buf, pos);
    buf[pos++] = 0; // no headers
  }
  return buf;
}

/** A whole record batch (magic v2) around the encoded records. */
export function recordBatch(records: Buffer, count: number, timestamp: number, compression: 0 | 1): Buffer {
  const batch = Buffer.allocUnsafe(61 + records.length);
  batch.writeBigInt64BE(0n, 0); // base offset: the broker assigns it
  batch.writeInt32BE(49 + records.length, 8); // batch length after this field
  batch.writeInt32BE(-1, 12); // partition leader epoch
  batch.writeInt8(2, 16); // magic
  batch.writeInt16BE(compression, 21);
  batch.writeInt32BE(count - 1, 23);
  batch.writeBigInt64BE(BigInt(timestamp), 27);
  batch.writeBigInt64BE(BigInt(timestamp), 35);
  batch.writeBigInt64BE(-1n, 43); // producer id: not idempotent, so acks 0 and 1 are allowed
  batch.writeInt16BE(-1, 51);
  batch.writeInt32BE(-1, 53);
  batch.writeInt32BE(count, 57);
  records.copy(batch, 61);
  batch.writeUInt32BE(crc32c(batch.subarray(21)) >>> 0, 17);
  return batch;
}

export class RawBatchSender {
  private leaders = new Map<number, BrokerAddress>();
  private readonly connections = new Map<string, Promise<RawConnection>>();
  private refreshing: Promise<void> | null = null;
  private readonly connOpts: RawConnectionOptions;

  private constructor(private readonly opts: RawBatchSenderOptions) {
    this.connOpts = {
      clientId: opts.kafka.clientId ?? 'order-desk-bench',
      ssl: opts.kafka.ssl as RawConnectionOptions['ssl'],
      sasl: opts.kafka.sasl as RawConnectionOptions['sasl'],
      timeoutMs: REQUEST_TIMEOUT_MS,
    };
  }

  /** Reads the topic's partition leaders; fails when no broker answers. */
  static async connect(opts: RawBatchSenderOptions): Promise<RawBatchSender> {
    const sender = new RawBatchSender(opts);
    await sender.refreshLeaders();
    return sender;
  }

  private refreshLeaders(): Promise<void> {
    this.refreshing ??= this.readLeaders().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  private async readLeaders(): Promise<void> {
    const brokers = Array.isArray(this.opts.kafka.brokers) ? this.opts.kafka.brokers : [];
    const conn = await openAnyBroker(brokers, { ...this.connOpts, timeoutMs: 10_000 });
    try {
      const meta = await requestMetadataV1(conn, [this.opts.topic]);
      const leaders = new Map<number, BrokerAddress>();
      for (const p of meta.topics[0]?.partitions ?? []) {
        const node = meta.brokers.get(p.leader);
        if (node) leaders.set(p.index, node);
      }
      this.leaders = leaders;
    } finally {
      conn.close();
    }
  }

  private connection(addr: BrokerAddress): Promise<RawConnection> {
    const key = `${addr.host}:${addr.port}`;
    let conn = this.connections.get(key);
    if (!conn) {
      conn = RawConnection.open(addr, this.connOpts);
      this.connections.set(key, conn);
      // A failed connect is forgotten so the next batch dials again.
      conn.catch(() => this.connections.delete(key));
    }
    return conn.then((c) => {
      if (!c.failed) return c;
      if (this.connections.get(key) === conn) this.connections.delete(key);
      return this.connection(addr);
    });
  }

  /** Sends one batch to one partition; resolves when acknowledged (acks=0: when written). */
  async send(partition: number, values: Buffer[]): Promise<void> {
    let leader = this.leaders.get(partition);
    if (!leader) {
      await this.refreshLeaders();
      leader = this.leaders.get(partition);
      if (!leader) throw new ProduceError(KafkaError.LEADER_NOT_AVAILABLE, partition);
    }
    let records = encodeRecords(values);
    if (this.opts.compression === 'gzip') records = await gzip(records);
    const batch = recordBatch(records, values.length, Date.now(), this.opts.compression === 'gzip' ? 1 : 0);
    const body = new KafkaWriter()
      .nullableString(null)
      .int16(this.opts.acks)
      .int32(REQUEST_TIMEOUT_MS)
      .array([this.opts.topic], (w, t) => w.string(t).array([partition], (w2, p) => w2.int32(p).nullableBytes(batch)));
    const conn = await this.connection(leader);
    if (this.opts.acks === 0) return conn.sendOnly(API_PRODUCE, PRODUCE_VERSION, body);
    const r = await conn.request(API_PRODUCE, PRODUCE_VERSION, body);
    let error = 0;
    r.array((x) => {
      x.string();
      x.array((y) => {
        y.int32();
        error = y.int16();
        y.int64();
        y.int64();
      });
    });
    if (error !== 0) {
      if (STALE_LEADER.has(error)) void this.refreshLeaders().catch(() => {});
      throw new ProduceError(error, partition);
    }
  }

  close(): void {
    for (const c of this.connections.values()) void c.then((x) => x.close(), () => {});
    this.connections.clear();
  }
}
