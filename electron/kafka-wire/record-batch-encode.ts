// The one record batch v2 encoder. Records are sized first and written into one buffer, so a
// batch of a thousand 1 KB values costs one allocation and one copy per value (the benchmark's
// producer path depends on that). Layout: record-batch-layout.ts.
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { crc32c } from './crc32c';
import {
  BATCH_HEADER_BYTES,
  BATCH_MAGIC,
  BatchAttribute,
  BatchField,
  Compression,
  LOG_OVERHEAD,
  NO_PARTITION_LEADER_EPOCH,
  NO_PRODUCER_EPOCH,
  NO_PRODUCER_ID,
  NO_SEQUENCE,
  type CompressionName,
} from './record-batch-layout';
import { varintSize, writeVarint } from './varint';

const gzipAsync = promisify(zlib.gzip);

export type RecordBytes = Buffer | string | null;

export interface RecordHeaderToEncode {
  key: string;
  value: RecordBytes;
}

export interface RecordToEncode {
  key?: RecordBytes;
  value: RecordBytes;
  /** In order; a plain object is taken in its key order. */
  headers?: readonly RecordHeaderToEncode[] | Readonly<Record<string, string>>;
  /** Milliseconds after the batch's firstTimestamp (default 0). */
  timestampDelta?: number;
}

export interface BatchFields {
  firstTimestamp: number;
  /** Default: firstTimestamp plus the largest timestampDelta. */
  maxTimestamp?: number;
  /** Default 0: a producer leaves it to the broker. */
  baseOffset?: number;
  partitionLeaderEpoch?: number;
  /** Default -1 / -1 / -1: not idempotent. */
  producerId?: number;
  producerEpoch?: number;
  baseSequence?: number;
  compression?: CompressionName;
  transactional?: boolean;
}

const NO_HEADERS: Array<[Buffer, Buffer | null]> = [];

const toBuffer = (b: RecordBytes): Buffer | null =>
  b === null ? null : typeof b === 'string' ? Buffer.from(b, 'utf8') : b;

function headerList(h: RecordToEncode['headers']): RecordHeaderToEncode[] {
  if (!h) return [];
  if (Array.isArray(h)) return h as RecordHeaderToEncode[];
  return Object.entries(h as Record<string, string>).map(([key, value]) => ({ key, value }));
}

const sizedBytesLength = (b: Buffer | null): number => (b === null ? 1 : varintSize(b.length) + b.length);

function writeSizedBytes(buf: Buffer, pos: number, b: Buffer | null): number {
  if (b === null) return writeVarint(buf, pos, -1);
  pos = writeVarint(buf, pos, b.length);
  return pos + b.copy(buf, pos);
}

/** The records section of a batch (uncompressed), offset deltas 0..n-1. */
export function encodeRecords(records: readonly RecordToEncode[]): Buffer {
  const n = records.length;
  const keys = new Array<Buffer | null>(n);
  const values = new Array<Buffer | null>(n);
  const headers = new Array<Array<[Buffer, Buffer | null]>>(n);
  const bodies = new Array<number>(n);
  let size = 0;
  for (let i = 0; i < n; i++) {
    const rec = records[i];
    keys[i] = toBuffer(rec.key ?? null);
    values[i] = toBuffer(rec.value);
    headers[i] = rec.headers
      ? headerList(rec.headers).map((h) => [Buffer.from(h.key, 'utf8'), toBuffer(h.value)])
      : NO_HEADERS;
    let body =
      1 + varintSize(rec.timestampDelta ?? 0) + varintSize(i) + sizedBytesLength(keys[i]) + sizedBytesLength(values[i]);
    body += varintSize(headers[i].length);
    for (const [k, v] of headers[i]) body += sizedBytesLength(k) + sizedBytesLength(v);
    bodies[i] = body;
    size += varintSize(body) + body;
  }
  const buf = Buffer.allocUnsafe(size);
  let pos = 0;
  for (let i = 0; i < n; i++) {
    pos = writeVarint(buf, pos, bodies[i]);
    buf[pos++] = 0; // record attributes: unused in v2
    pos = writeVarint(buf, pos, records[i].timestampDelta ?? 0);
    pos = writeVarint(buf, pos, i);
    pos = writeSizedBytes(buf, pos, keys[i]);
    pos = writeSizedBytes(buf, pos, values[i]);
    pos = writeVarint(buf, pos, headers[i].length);
    for (const [k, v] of headers[i]) {
      pos = writeSizedBytes(buf, pos, k);
      pos = writeSizedBytes(buf, pos, v);
    }
  }
  return buf;
}

/**
 * The batch header and CRC around a records section (already compressed when `fields.compression`
 * says so). `lastOffsetDelta` is count - 1, as records carry offset deltas 0..n-1.
 */
export function assembleRecordBatch(
  section: Buffer,
  count: number,
  fields: BatchFields,
  maxTimestampDelta = 0,
): Buffer {
  const batch = Buffer.allocUnsafe(BATCH_HEADER_BYTES + section.length);
  let attributes = Compression[fields.compression ?? 'none'];
  if (fields.transactional) attributes |= BatchAttribute.transactional;
  batch.writeBigInt64BE(BigInt(fields.baseOffset ?? 0), BatchField.baseOffset);
  batch.writeInt32BE(BATCH_HEADER_BYTES - LOG_OVERHEAD + section.length, BatchField.batchLength);
  batch.writeInt32BE(fields.partitionLeaderEpoch ?? NO_PARTITION_LEADER_EPOCH, BatchField.partitionLeaderEpoch);
  batch.writeInt8(BATCH_MAGIC, BatchField.magic);
  batch.writeInt16BE(attributes, BatchField.attributes);
  batch.writeInt32BE(count - 1, BatchField.lastOffsetDelta);
  batch.writeBigInt64BE(BigInt(fields.firstTimestamp), BatchField.firstTimestamp);
  batch.writeBigInt64BE(
    BigInt(fields.maxTimestamp ?? fields.firstTimestamp + maxTimestampDelta),
    BatchField.maxTimestamp,
  );
  batch.writeBigInt64BE(BigInt(fields.producerId ?? NO_PRODUCER_ID), BatchField.producerId);
  batch.writeInt16BE(fields.producerEpoch ?? NO_PRODUCER_EPOCH, BatchField.producerEpoch);
  batch.writeInt32BE(fields.baseSequence ?? NO_SEQUENCE, BatchField.baseSequence);
  batch.writeInt32BE(count, BatchField.recordCount);
  section.copy(batch, BATCH_HEADER_BYTES);
  batch.writeUInt32BE(crc32c(batch.subarray(BatchField.attributes)), BatchField.crc);
  return batch;
}

function maxDelta(records: readonly RecordToEncode[]): number {
  let max = 0;
  for (const r of records) if ((r.timestampDelta ?? 0) > max) max = r.timestampDelta ?? 0;
  return max;
}

function checkCodec(c: CompressionName | undefined): void {
  if (c !== undefined && c !== 'none' && c !== 'gzip')
    throw new Error(`compression ${c} is not supported (none or gzip)`);
}

/** A whole batch. gzip runs on this thread; use encodeRecordBatchAsync where that matters. */
export function encodeRecordBatch(records: readonly RecordToEncode[], fields: BatchFields): Buffer {
  if (records.length === 0) throw new Error('a record batch needs at least one record');
  checkCodec(fields.compression);
  let section = encodeRecords(records);
  if (fields.compression === 'gzip') section = zlib.gzipSync(section);
  return assembleRecordBatch(section, records.length, fields, maxDelta(records));
}

/** The same batch, with gzip on libuv's thread pool so the event loop keeps going. */
export async function encodeRecordBatchAsync(records: readonly RecordToEncode[], fields: BatchFields): Promise<Buffer> {
  if (records.length === 0) throw new Error('a record batch needs at least one record');
  checkCodec(fields.compression);
  let section = encodeRecords(records);
  if (fields.compression === 'gzip') section = await gzipAsync(section);
  return assembleRecordBatch(section, records.length, fields, maxDelta(records));
}
