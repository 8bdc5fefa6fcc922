// Record batches (magic v2): validated on produce, stored intact, served back on fetch.
// Layout: baseOffset int64 | batchLength int32 | partitionLeaderEpoch int32 | magic int8 |
// crc uint32 | attributes int16 | lastOffsetDelta int32 | firstTimestamp int64 |
// maxTimestamp int64 | producerId int64 | producerEpoch int16 | baseSequence int32 |
// recordCount int32 | records...   The CRC-32C covers attributes to the end.
import { crc32c } from './crc32c';
import { KafkaError, type KafkaErrorCode } from './error-codes';
import { KafkaReader } from './kafka-reader';

export const BATCH_HEADER_BYTES = 61;
const LOG_OVERHEAD = 12; // baseOffset + batchLength
const OFF_BATCH_LENGTH = 8;
const OFF_LEADER_EPOCH = 12;
const OFF_MAGIC = 16;
const OFF_CRC = 17;
const OFF_ATTRIBUTES = 21;

export interface RecordBatch {
  /** The whole batch, as sent (a view; copy before keeping it). */
  bytes: Buffer;
  lastOffsetDelta: number;
  recordCount: number;
  firstTimestamp: number;
  maxTimestamp: number;
  producerId: number;
  producerEpoch: number;
  baseSequence: number;
  compression: number;
  isTransactional: boolean;
  isControl: boolean;
}

export type BatchParse = { ok: true; batches: RecordBatch[] } | { ok: false; error: KafkaErrorCode; message: string };

function fail(error: KafkaErrorCode, message: string): BatchParse {
  return { ok: false, error, message };
}

/** Parses and validates every batch in a Produce request's records field. */
export function parseRecordBatches(records: Buffer): BatchParse {
  const batches: RecordBatch[] = [];
  let pos = 0;
  while (pos < records.length) {
    if (records.length - pos < BATCH_HEADER_BYTES) return fail(KafkaError.CORRUPT_MESSAGE, 'truncated record batch header');
    const batchLength = records.readInt32BE(pos + OFF_BATCH_LENGTH);
    const total = LOG_OVERHEAD + batchLength;
    if (batchLength < BATCH_HEADER_BYTES - LOG_OVERHEAD || pos + total > records.length) {
      return fail(KafkaError.CORRUPT_MESSAGE, `record batch length ${batchLength} does not fit the ${records.length - pos} bytes sent`);
    }
    const bytes = records.subarray(pos, pos + total);
    const magic = bytes.readInt8(OFF_MAGIC);
    if (magic !== 2) return fail(KafkaError.UNSUPPORTED_FOR_MESSAGE_FORMAT, `record batch magic ${magic}; only v2 is accepted`);
    const expectedCrc = bytes.readUInt32BE(OFF_CRC);
    const actualCrc = crc32c(bytes.subarray(OFF_ATTRIBUTES));
    if (expectedCrc !== actualCrc) {
      return fail(KafkaError.CORRUPT_MESSAGE, `record batch CRC mismatch: header says ${expectedCrc}, content is ${actualCrc}`);
    }
    const batch = readBatchHeader(bytes);
    if (batch.recordCount <= 0) return fail(KafkaError.CORRUPT_MESSAGE, 'record batch with no records');
    if (batch.lastOffsetDelta !== batch.recordCount - 1) {
      return fail(KafkaError.CORRUPT_MESSAGE, `lastOffsetDelta ${batch.lastOffsetDelta} does not match ${batch.recordCount} records`);
    }
    if (batch.compression > 4) return fail(KafkaError.CORRUPT_MESSAGE, `unknown compression codec ${batch.compression}`);
    if (batch.compression === 0) {
      const framing = checkRecordFraming(bytes.subarray(BATCH_HEADER_BYTES), batch.recordCount);
      if (framing) return fail(KafkaError.CORRUPT_MESSAGE, framing);
    }
    batches.push(batch);
    pos += total;
  }
  if (batches.length === 0) return fail(KafkaError.CORRUPT_MESSAGE, 'no record batch in produce request');
  return { ok: true, batches };
}

/** Uncompressed records must tile the batch exactly: one length-prefixed record per count, offset deltas 0..n-1. */
function checkRecordFraming(records: Buffer, count: number): string | null {
  const r = new KafkaReader(records);
  try {
    for (let i = 0; i < count; i++) {
      const len = r.varint();
      if (len <= 0) return `record ${i} has length ${len}`;
      const end = r.pos + len;
      if (end > records.length) return `record ${i} runs past the end of its batch`;
      r.int8(); // attributes
      r.varint(); // timestamp delta
      const offsetDelta = r.varint();
      if (offsetDelta !== i) return `record ${i} has offset delta ${offsetDelta}`;
      r.pos = end;
    }
  } catch {
    return 'truncated record';
  }
  if (r.pos !== records.length) return `${records.length - r.pos} bytes after the last record`;
  return null;
}

/** A copy of the batch with the broker-assigned base offset and leader epoch (neither is under the CRC). */
export function stampBatch(batch: Buffer, baseOffset: number, leaderEpoch: number): Buffer {
  const copy = Buffer.allocUnsafe(batch.length);
  batch.copy(copy);
  copy.writeBigInt64BE(BigInt(baseOffset), 0);
  copy.writeInt32BE(leaderEpoch, OFF_LEADER_EPOCH);
  return copy;
}

/** The header fields of one whole batch (its CRC is not checked here). */
function readBatchHeader(bytes: Buffer): RecordBatch {
  const attributes = bytes.readInt16BE(OFF_ATTRIBUTES);
  return {
    bytes,
    lastOffsetDelta: bytes.readInt32BE(23),
    firstTimestamp: Number(bytes.readBigInt64BE(27)),
    maxTimestamp: Number(bytes.readBigInt64BE(35)),
    producerId: Number(bytes.readBigInt64BE(43)),
    producerEpoch: bytes.readInt16BE(51),
    baseSequence: bytes.readInt32BE(53),
    recordCount: bytes.readInt32BE(57),
    compression: attributes & 0x07,
    isTransactional: (attributes & 0x10) !== 0,
    isControl: (attributes & 0x20) !== 0,
  };
}

/** Header fields of a stored batch, read back when a log is loaded from disk. */
export function readStoredBatchHeader(buf: Buffer): RecordBatch & { baseOffset: number } {
  return { ...readBatchHeader(buf), baseOffset: Number(buf.readBigInt64BE(0)) };
}

export function storedBatchLength(buf: Buffer, pos: number): number {
  return LOG_OVERHEAD + buf.readInt32BE(pos + OFF_BATCH_LENGTH);
}
