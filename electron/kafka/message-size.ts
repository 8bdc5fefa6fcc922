// How many bytes an order takes on the wire as the broker measures it against the topic's
// max.message.bytes: a record batch holding just this order's record, encoded by kafkajs' own
// record and batch encoders (the ones its producer sends with), log overhead included. Save
// refuses an order that would not fit (electron/orders/poison-check.ts).
import { createRequire } from 'node:module';
import type { Message } from 'kafkajs';
import { ClusterClient } from '../cluster/cluster-client';
import { withTimeouts, type ClusterConfig } from '../cluster/cluster-config';

const require = createRequire(import.meta.url);

type EncodedBatch = { buffer: Buffer };
// kafkajs does not export its encoders; these are the modules its producer uses for every batch.
const encodeRecord = require('kafkajs/src/protocol/recordBatch/record/v0') as (r: {
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, Buffer>;
}) => unknown;
const { RecordBatch: encodeBatch } = require('kafkajs/src/protocol/recordBatch/v0') as {
  RecordBatch: (b: { records: unknown[] }) => Promise<EncodedBatch>;
};

/** Kafka's own default max.message.bytes (1 MiB + 12 bytes of log overhead): used until the topic says otherwise. */
export const KAFKA_DEFAULT_MAX_MESSAGE_BYTES = 1_048_588;

const buf = (v: Message['value'] | Message['key']): Buffer | null =>
  v === null || v === undefined ? null : Buffer.isBuffer(v) ? v : Buffer.from(String(v));

/** Bytes of the record batch (FirstOffset + Length + the batch) a lone message becomes. */
export async function encodedBatchBytes(message: Message): Promise<number> {
  const headers: Record<string, Buffer> = {};
  for (const [k, v] of Object.entries(message.headers ?? {})) {
    if (v !== undefined) headers[k] = Buffer.isBuffer(v) ? v : Buffer.from(String(v));
  }
  const record = encodeRecord({ key: buf(message.key), value: buf(message.value), headers });
  const batch = await encodeBatch({ records: [record] });
  return batch.buffer.length;
}

// A record batch's fixed header (v2: base offset 8, length 4, leader epoch 4, magic 1, CRC 4,
// attributes 2, last offset delta 4, first and max timestamps 8 + 8, producer id 8, producer
// epoch 2, base sequence 4, record count 4) and the most a record's varints can add: its
// length, attributes, timestamp delta (a varlong), offset delta, key and value lengths and
// header count, and two lengths per header.
const BATCH_HEADER_BYTES = 61;
const RECORD_VARINT_BYTES_MAX = 5 + 1 + 10 + 5 + 5 + 5 + 5;
const HEADER_VARINT_BYTES_MAX = 5 + 5;

const byteLength = (v: Message['value'] | Message['key'] | string): number =>
  v === null || v === undefined ? 0 : Buffer.isBuffer(v) ? v.length : Buffer.byteLength(String(v));

/**
 * A bound encodedBatchBytes never exceeds, from the byte lengths alone: Save asks it of every
 * order, and only one that comes within about 100 bytes of the limit pays for the encoding
 * (record, batch and CRC in JavaScript: about 30 µs an order at 1,000 orders/s, 2026-12-03).
 */
export function batchBytesAtMost(message: Message): number {
  let bytes = BATCH_HEADER_BYTES + RECORD_VARINT_BYTES_MAX + byteLength(message.key) + byteLength(message.value);
  for (const [k, v] of Object.entries(message.headers ?? {}))
    if (v !== undefined) bytes += HEADER_VARINT_BYTES_MAX + Buffer.byteLength(k) + byteLength(v as Buffer | string);
  return bytes;
}

/** What the topic's configs say about writing to it, as the cluster reports them. */
export interface TopicWriteConfig {
  /** max.message.bytes: the largest record batch the topic accepts. */
  maxMessageBytes: number;
  /**
   * min.insync.replicas: with acks=all (the app's), a partition with fewer replicas in sync
   * refuses every write (NOT_ENOUGH_REPLICAS). 1 when the cluster does not say (Kafka's default).
   */
  minInsyncReplicas: number;
}

/**
 * The topic's max.message.bytes and min.insync.replicas as the cluster reports them
 * (DescribeConfigs, one request for both: the topic's own values, else the broker's). Throws when
 * the cluster cannot be asked; the caller keeps what it had, or Kafka's defaults.
 */
export async function topicWriteConfig(
  config: ClusterConfig,
  topic: string,
  timeoutMs = 5_000,
): Promise<TopicWriteConfig> {
  const client = new ClusterClient(withTimeouts(config, { connectMs: timeoutMs, requestMs: timeoutMs }));
  try {
    const values = await client.topicConfigs(topic, ['max.message.bytes', 'min.insync.replicas']);
    const positive = (value: string | null | undefined, fallback: number) => {
      const n = Number(value);
      return value && Number.isSafeInteger(n) && n > 0 ? n : fallback;
    };
    return {
      maxMessageBytes: positive(values.get('max.message.bytes'), KAFKA_DEFAULT_MAX_MESSAGE_BYTES),
      minInsyncReplicas: positive(values.get('min.insync.replicas'), 1),
    };
  } finally {
    client.close();
  }
}
