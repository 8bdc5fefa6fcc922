// A broker's checks on the record batches of a Produce request, before it stores them: whole
// batches, magic 2, CRC-32C, a codec it can read, and every record decoded (decompressed first
// when the batch is compressed): each record's fields end exactly where its length says, offset
// deltas run 0..n-1 and the records tile the batch. A batch that passes can be read back by any
// consumer; one that does not is refused, as Kafka's LogValidator refuses it.
import { crc32c } from './crc32c';
import { KafkaError, type KafkaErrorCode } from './error-codes';
import {
  READABLE_CODECS,
  readRecordBatch,
  RecordCursor,
  recordsSection,
  type RecordBatch,
} from './record-batch-decode';
import {
  BATCH_HEADER_BYTES,
  BATCH_MAGIC,
  BatchField,
  Compression,
  LOG_OVERHEAD,
  MAX_COMPRESSION_CODEC,
} from './record-batch-layout';

export type BatchParse = { ok: true; batches: RecordBatch[] } | { ok: false; error: KafkaErrorCode; message: string };

export interface BatchLimits {
  /** Largest records section a compressed batch may decompress to (default: unbounded). */
  maxDecompressedBytes?: number;
}

const CODEC_NAMES = Object.fromEntries(Object.entries(Compression).map(([name, id]) => [id, name])) as Record<
  number,
  string
>;

function fail(error: KafkaErrorCode, message: string): BatchParse {
  return { ok: false, error, message };
}

/** Parses and validates every batch in a Produce request's records field. */
export function parseRecordBatches(records: Buffer, limits: BatchLimits = {}): BatchParse {
  const batches: RecordBatch[] = [];
  let pos = 0;
  while (pos < records.length) {
    if (records.length - pos < BATCH_HEADER_BYTES)
      return fail(KafkaError.CORRUPT_MESSAGE, 'truncated record batch header');
    const batchLength = records.readInt32BE(pos + BatchField.batchLength);
    const total = LOG_OVERHEAD + batchLength;
    if (batchLength < BATCH_HEADER_BYTES - LOG_OVERHEAD || pos + total > records.length) {
      return fail(
        KafkaError.CORRUPT_MESSAGE,
        `record batch length ${batchLength} does not fit the ${records.length - pos} bytes sent`,
      );
    }
    const bytes = records.subarray(pos, pos + total);
    const magic = bytes.readInt8(BatchField.magic);
    if (magic !== BATCH_MAGIC)
      return fail(KafkaError.UNSUPPORTED_FOR_MESSAGE_FORMAT, `record batch magic ${magic}; only v2 is accepted`);
    const expectedCrc = bytes.readUInt32BE(BatchField.crc);
    const actualCrc = crc32c(bytes.subarray(BatchField.attributes));
    if (expectedCrc !== actualCrc) {
      return fail(
        KafkaError.CORRUPT_MESSAGE,
        `record batch CRC mismatch: header says ${expectedCrc}, content is ${actualCrc}`,
      );
    }
    const batch = readRecordBatch(bytes);
    if (batch.recordCount <= 0) return fail(KafkaError.CORRUPT_MESSAGE, 'record batch with no records');
    if (batch.lastOffsetDelta !== batch.recordCount - 1) {
      return fail(
        KafkaError.CORRUPT_MESSAGE,
        `lastOffsetDelta ${batch.lastOffsetDelta} does not match ${batch.recordCount} records`,
      );
    }
    if (batch.compression > MAX_COMPRESSION_CODEC)
      return fail(KafkaError.CORRUPT_MESSAGE, `unknown compression codec ${batch.compression}`);
    if (!READABLE_CODECS.has(batch.compression)) {
      return fail(
        KafkaError.UNSUPPORTED_COMPRESSION_TYPE,
        `compression ${CODEC_NAMES[batch.compression]} is not supported by this broker (none or gzip)`,
      );
    }
    let section: Buffer;
    try {
      section = recordsSection(bytes, batch, limits.maxDecompressedBytes);
    } catch (err) {
      return fail(KafkaError.CORRUPT_MESSAGE, (err as Error).message);
    }
    const bad = checkRecords(section, batch.recordCount);
    if (bad) return fail(KafkaError.CORRUPT_MESSAGE, bad);
    batches.push(batch);
    pos += total;
  }
  if (batches.length === 0) return fail(KafkaError.CORRUPT_MESSAGE, 'no record batch in produce request');
  return { ok: true, batches };
}

/** Every record decoded: one length-prefixed record per count, offset deltas 0..n-1, fields that fill each record, nothing after the last. */
function checkRecords(section: Buffer, count: number): string | null {
  const cursor = new RecordCursor(section, count);
  try {
    while (cursor.next()) {
      const i = cursor.index;
      if (cursor.length <= 0) return `record ${i} has length ${cursor.length}`;
      if (cursor.end > section.length) return `record ${i} runs past the end of its batch`;
      if (cursor.offsetDelta !== i) return `record ${i} has offset delta ${cursor.offsetDelta}`;
      const body = cursor.checkBody();
      if (body) return body;
    }
  } catch {
    // The framing checks come before the fields that ran out, as a broker reads them.
    const len = cursor.length;
    if (!Number.isNaN(len) && len <= 0) return `record ${cursor.index} has length ${len}`;
    if (!Number.isNaN(len) && cursor.end > section.length)
      return `record ${cursor.index} runs past the end of its batch`;
    return 'truncated record';
  }
  const after = count > 0 ? cursor.bytesAfter : section.length;
  if (after !== 0) return `${after} bytes after the last record`;
  return null;
}
