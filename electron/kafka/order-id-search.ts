// Finds which of some order ids already sit in one topic-partition, and at which offsets, by
// reading the partition from a point in time to its end. The outbox asks this before a new
// producer session sends orders that an earlier session may already have delivered (the app
// died, or its settings changed, while a send was in flight): an order found there is marked
// delivered at its real offset instead of being sent twice.
//
// It reads with plain Metadata v1, ListOffsets v1 and Fetch v4 requests, which every Kafka
// since 0.11 answers, on a connection of its own: no consumer group, only READ on the topic.
// Only uncompressed batches are opened: the order producer never compresses, so a compressed
// batch cannot hold one of our orders.
import type { KafkaConfig } from 'kafkajs';
import { KafkaReader } from '../kafka-wire/kafka-reader';
import { KafkaWriter } from '../kafka-wire/kafka-writer';
import { KAFKA_HEADER_NAMES } from '../../shared/order-schema';
import { requestMetadataV1 } from './metadata-v1';
import { openAnyBroker, RawConnection, type BrokerAddress, type RawConnectionOptions } from './raw-connection';

const API_FETCH = 1;
const API_LIST_OFFSETS = 2;
const ERR_UNKNOWN_TOPIC_OR_PARTITION = 3;
const ERR_TOPIC_AUTHORIZATION_FAILED = 29;
const FETCH_MAX_BYTES = 4 * 1024 * 1024;

export class OrderSearchError extends Error {
  constructor(
    message: string,
    /** True when the credentials may not read the topic: asking again will not help. */
    readonly unauthorized = false,
  ) {
    super(message);
    this.name = 'OrderSearchError';
  }
}

export interface OrderSearch {
  topic: string;
  partition: number;
  /** Epoch ms: records older than this are not looked at (orders are never sent before they are saved). */
  sinceMs: number;
  orderIds: ReadonlySet<string>;
}

function connectionOptions(cfg: KafkaConfig, timeoutMs: number): RawConnectionOptions {
  return {
    clientId: cfg.clientId ?? 'order-desk',
    ssl: cfg.ssl as RawConnectionOptions['ssl'],
    sasl: cfg.sasl as RawConnectionOptions['sasl'],
    timeoutMs,
  };
}

/** Leader address of the partition, or null when the topic does not exist. */
async function findLeader(conn: RawConnection, topic: string, partition: number): Promise<BrokerAddress | null> {
  const meta = await requestMetadataV1(conn, [topic]);
  const t = meta.topics[0];
  if (!t || t.error === ERR_UNKNOWN_TOPIC_OR_PARTITION) return null;
  if (t.error === ERR_TOPIC_AUTHORIZATION_FAILED) throw new OrderSearchError(`not allowed to describe topic ${topic}`, true);
  if (t.error !== 0) throw new OrderSearchError(`metadata for ${topic} failed with error ${t.error}`);
  const p = t.partitions.find((x) => x.index === partition);
  const leader = p ? meta.brokers.get(p.leader) : undefined;
  if (!leader) throw new OrderSearchError(`partition ${topic}-${partition} has no leader right now`);
  return leader;
}

function partitionError(code: number, what: string): OrderSearchError {
  return new OrderSearchError(`${what} failed with error ${code}`, code === ERR_TOPIC_AUTHORIZATION_FAILED);
}

/** First offset whose record timestamp is at or after sinceMs, or null when there is none. */
async function offsetForTime(conn: RawConnection, s: OrderSearch): Promise<number | null> {
  const body = new KafkaWriter()
    .int32(-1)
    .array([s.topic], (w, t) => w.string(t).array([s.partition], (w2, p) => w2.int32(p).int64(Math.max(0, Math.floor(s.sinceMs)))));
  const r = await conn.request(API_LIST_OFFSETS, 1, body);
  let offset: number | null = null;
  r.array((x) => {
    x.string();
    x.array((y) => {
      y.int32();
      const err = y.int16();
      if (err !== 0) throw partitionError(err, `ListOffsets ${s.topic}-${s.partition}`);
      y.int64();
      const o = y.int64n();
      offset = o >= 0 ? o : null;
    });
  });
  return offset;
}

/** Reads the order-id headers of every record in the fetched bytes; returns the next offset to fetch. */
function scanBatches(records: Buffer, from: number, wanted: ReadonlySet<string>, found: Map<string, string>): number {
  let next = from;
  let pos = 0;
  while (pos + 61 <= records.length) {
    const baseOffset = Number(records.readBigInt64BE(pos));
    const size = 12 + records.readInt32BE(pos + 8);
    if (pos + size > records.length) break; // a partial batch at the end of the response
    const batch = records.subarray(pos, pos + size);
    pos += size;
    next = Math.max(next, baseOffset + batch.readInt32BE(23) + 1);
    const attributes = batch.readInt16BE(21);
    if (batch.readInt8(16) !== 2 || (attributes & 0x07) !== 0 || (attributes & 0x20) !== 0) continue;
    const r = new KafkaReader(batch, 61);
    const count = batch.readInt32BE(57);
    for (let i = 0; i < count; i++) {
      const len = r.varint();
      const end = r.pos + len;
      r.int8(); // attributes
      r.varint(); // timestamp delta
      const offsetDelta = r.varint();
      const keyLen = r.varint();
      if (keyLen > 0) r.skip(keyLen);
      const valueLen = r.varint();
      if (valueLen > 0) r.skip(valueLen);
      const headers = r.varint();
      for (let h = 0; h < headers; h++) {
        const kLen = r.varint();
        const key = batch.toString('utf8', r.pos, r.pos + kLen);
        r.skip(kLen);
        const vLen = r.varint();
        if (vLen >= 0 && key === KAFKA_HEADER_NAMES.orderId) {
          const id = batch.toString('utf8', r.pos, r.pos + vLen);
          if (wanted.has(id) && !found.has(id)) found.set(id, String(baseOffset + offsetDelta));
        }
        if (vLen > 0) r.skip(vLen);
      }
      r.pos = end;
    }
  }
  return next;
}

/** Offsets (as strings) of the wanted order ids found in the partition. */
export async function findOrderIds(cfg: KafkaConfig, s: OrderSearch, timeoutMs = 10_000): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (s.orderIds.size === 0) return found;
  const bootstrap = await openAnyBroker(Array.isArray(cfg.brokers) ? cfg.brokers : [], connectionOptions(cfg, timeoutMs));
  let leaderConn: RawConnection | null = null;
  try {
    const leader = await findLeader(bootstrap, s.topic, s.partition);
    if (!leader) return found;
    leaderConn = await RawConnection.open(leader, connectionOptions(cfg, timeoutMs));
    const start = await offsetForTime(leaderConn, s);
    if (start === null) return found;
    let offset: number = start;
    for (;;) {
      const body = new KafkaWriter()
        .int32(-1) // replica id: a consumer
        .int32(0) // max wait: answer at once
        .int32(0) // min bytes
        .int32(FETCH_MAX_BYTES)
        .int8(0) // read_uncommitted: the order producer is not transactional
        .array([s.topic], (w, t) => w.string(t).array([s.partition], (w2, p) => w2.int32(p).int64(offset).int32(FETCH_MAX_BYTES)));
      const r = await leaderConn.request(API_FETCH, 4, body);
      r.int32(); // throttle
      let highWatermark = 0;
      let records: Buffer | null = null;
      r.array((x) => {
        x.string();
        x.array((y) => {
          y.int32();
          const err = y.int16();
          if (err !== 0) throw partitionError(err, `Fetch ${s.topic}-${s.partition}`);
          highWatermark = y.int64n();
          y.int64(); // last stable offset
          y.nullableArray((z) => {
            z.int64();
            z.int64();
          });
          records = y.nullableBytes();
        });
      });
      if (found.size === s.orderIds.size || offset >= highWatermark) return found;
      const next: number = records ? scanBatches(records, offset, s.orderIds, found) : offset;
      if (found.size === s.orderIds.size) return found;
      if (next <= offset) throw new OrderSearchError(`reading ${s.topic}-${s.partition} made no progress at offset ${offset}`);
      offset = next;
    }
  } finally {
    bootstrap.close();
    leaderConn?.close();
  }
}
