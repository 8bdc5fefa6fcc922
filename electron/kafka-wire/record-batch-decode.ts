// The one record batch v2 decoder: header fields, whole batches out of a fetched records field,
// and the records themselves (key, value, headers, offsets, timestamps). A broker's checks on
// produced batches, built on this, are in record-batch-validate.ts. Layout: record-batch-layout.ts.
import zlib from 'node:zlib';
import { KafkaReader } from './kafka-reader';
import { ProtocolError } from './protocol-error';
import {
  BATCH_HEADER_BYTES,
  BATCH_MAGIC,
  BatchAttribute,
  BatchField,
  Compression,
  LOG_OVERHEAD,
} from './record-batch-layout';

export interface RecordBatchHeader {
  baseOffset: number;
  partitionLeaderEpoch: number;
  magic: number;
  crc: number;
  attributes: number;
  lastOffsetDelta: number;
  firstTimestamp: number;
  maxTimestamp: number;
  producerId: number;
  producerEpoch: number;
  baseSequence: number;
  recordCount: number;
  /** attributes & compressionMask (Compression in record-batch-layout.ts). */
  compression: number;
  logAppendTime: boolean;
  isTransactional: boolean;
  isControl: boolean;
}

export interface RecordBatch extends RecordBatchHeader {
  /** The whole batch (a view; copy before keeping it). */
  bytes: Buffer;
}

/** The header fields of one whole batch; its CRC is not checked here. */
export function readBatchHeader(bytes: Buffer): RecordBatchHeader {
  if (bytes.length < BATCH_HEADER_BYTES)
    throw new ProtocolError(`record batch of ${bytes.length} bytes is shorter than its header`);
  const attributes = bytes.readInt16BE(BatchField.attributes);
  return {
    baseOffset: Number(bytes.readBigInt64BE(BatchField.baseOffset)),
    partitionLeaderEpoch: bytes.readInt32BE(BatchField.partitionLeaderEpoch),
    magic: bytes.readInt8(BatchField.magic),
    crc: bytes.readUInt32BE(BatchField.crc),
    attributes,
    lastOffsetDelta: bytes.readInt32BE(BatchField.lastOffsetDelta),
    firstTimestamp: Number(bytes.readBigInt64BE(BatchField.firstTimestamp)),
    maxTimestamp: Number(bytes.readBigInt64BE(BatchField.maxTimestamp)),
    producerId: Number(bytes.readBigInt64BE(BatchField.producerId)),
    producerEpoch: bytes.readInt16BE(BatchField.producerEpoch),
    baseSequence: bytes.readInt32BE(BatchField.baseSequence),
    recordCount: bytes.readInt32BE(BatchField.recordCount),
    compression: attributes & BatchAttribute.compressionMask,
    logAppendTime: (attributes & BatchAttribute.logAppendTime) !== 0,
    isTransactional: (attributes & BatchAttribute.transactional) !== 0,
    isControl: (attributes & BatchAttribute.control) !== 0,
  };
}

/** Header fields and the batch itself, e.g. a stored batch read back when a log is loaded from disk. */
export function readRecordBatch(bytes: Buffer): RecordBatch {
  return { ...readBatchHeader(bytes), bytes };
}

/** Length of the whole batch (or old-format message) starting at `pos`: its length field plus the 12 bytes before it counts from. */
export function storedBatchLength(buf: Buffer, pos: number): number {
  return LOG_OVERHEAD + buf.readInt32BE(pos + BatchField.batchLength);
}

/** A copy of the batch with the broker-assigned base offset and leader epoch (neither is under the CRC). */
export function stampBatch(batch: Buffer, baseOffset: number, leaderEpoch: number): Buffer {
  const copy = Buffer.allocUnsafe(batch.length);
  batch.copy(copy);
  copy.writeBigInt64BE(BigInt(baseOffset), BatchField.baseOffset);
  copy.writeInt32BE(leaderEpoch, BatchField.partitionLeaderEpoch);
  return copy;
}

// ---- records ------------------------------------------------------------------------------

/** Where the last varintAt ended (a module-level out value, so the hot loop allocates nothing). */
let varintEnd = 0;
const POW2 = Array.from({ length: 10 }, (_, i) => 2 ** (7 * i));

/** The zig-zag varint at `pos`, which must end before `end` (ProtocolError otherwise); sets varintEnd. */
function varintAt(buf: Buffer, pos: number, end: number): number {
  if (pos >= end) throw new ProtocolError(`varint at ${pos} runs past ${end}`);
  const first = buf[pos];
  if (first < 0x80) {
    varintEnd = pos + 1;
    return (first >>> 1) ^ -(first & 1);
  }
  let raw = first & 0x7f;
  for (let i = 1; ; i++) {
    if (i >= POW2.length) throw new ProtocolError('varint too long');
    if (pos + i >= end) throw new ProtocolError(`varint at ${pos} runs past ${end}`);
    const b = buf[pos + i];
    raw += (b & 0x7f) * POW2[i];
    if (b < 0x80) {
      varintEnd = pos + i + 1;
      break;
    }
  }
  return raw % 2 === 0 ? raw / 2 : -(raw + 1) / 2;
}

/**
 * Walks the records of one uncompressed records section. next() reads a record's framing
 * (length, attributes, timestamp and offset deltas), cheap enough for a broker checking every
 * produced record; key(), value() and headers() read the rest of the current record on demand.
 * Every read is bounds checked (ProtocolError).
 */
export class RecordCursor {
  private readonly r: KafkaReader;
  private bodyPos = 0;
  /** Index of the current record (-1 before the first next()). */
  index = -1;
  length = 0;
  attributes = 0;
  timestampDelta = 0;
  offsetDelta = 0;
  /** Position just after the current record. */
  end = 0;

  constructor(
    readonly section: Buffer,
    readonly count: number,
  ) {
    this.r = new KafkaReader(section);
  }

  /** Moves to the next record; false after the last one. */
  next(): boolean {
    if (this.index + 1 >= this.count) return false;
    const buf = this.section;
    const end = buf.length;
    let p = this.index >= 0 ? this.end : 0;
    this.index++;
    // NaN until read, so a caller catching a truncated record can tell which field ran out.
    this.length = Number.NaN;
    this.end = Number.NaN;
    this.length = varintAt(buf, p, end);
    p = varintEnd;
    this.end = p + this.length;
    if (p >= end) throw new ProtocolError(`record ${this.index} is cut short`);
    this.attributes = buf.readInt8(p);
    this.timestampDelta = varintAt(buf, p + 1, end);
    this.offsetDelta = varintAt(buf, varintEnd, end);
    this.bodyPos = varintEnd;
    return true;
  }

  /** Bytes left after the current record (0 when the section ends exactly there). */
  get bytesAfter(): number {
    return this.section.length - this.end;
  }

  private sized(r: KafkaReader): Buffer | null {
    const len = r.varint();
    if (len < 0) return null;
    const b = this.section.subarray(r.pos, r.pos + len);
    r.skip(len);
    return b;
  }

  private within(read: (r: KafkaReader) => void): void {
    if (this.end > this.section.length) throw new ProtocolError(`record ${this.index} runs past the end of its batch`);
    this.r.pos = this.bodyPos;
    read(this.r);
    if (this.r.pos > this.end) throw new ProtocolError(`record ${this.index} is longer than its length says`);
  }

  key(): Buffer | null {
    let key: Buffer | null = null;
    this.within((r) => (key = this.sized(r)));
    return key;
  }

  value(): Buffer | null {
    let value: Buffer | null = null;
    this.within((r) => {
      this.sized(r);
      value = this.sized(r);
    });
    return value;
  }

  /**
   * Reads the rest of the current record without keeping anything (key, value, every header)
   * and checks that it ends exactly where its length says, as Kafka's DefaultRecord.readFrom
   * does. Returns why it does not, or null. A broker runs this over every record it accepts.
   */
  checkBody(): string | null {
    const buf = this.section;
    const i = this.index;
    const end = this.end;
    if (end > buf.length) return `record ${i} runs past the end of its batch`;
    // Bounded by the record's end: a field running past it is caught here, not by the next record.
    let p = this.bodyPos;
    try {
      const keyLength = varintAt(buf, p, end);
      if (keyLength < -1) return `record ${i} has a key of length ${keyLength}`;
      p = varintEnd + Math.max(0, keyLength);
      const valueLength = varintAt(buf, p, end);
      if (valueLength < -1) return `record ${i} has a value of length ${valueLength}`;
      p = varintEnd + Math.max(0, valueLength);
      const headers = varintAt(buf, p, end);
      if (headers < 0) return `record ${i} has ${headers} headers`;
      p = varintEnd;
      for (let h = 0; h < headers && p <= end; h++) {
        const headerKeyLength = varintAt(buf, p, end);
        if (headerKeyLength < 0) return `record ${i} has a header with a null key`;
        p = varintEnd + headerKeyLength;
        const headerValueLength = varintAt(buf, p, end);
        if (headerValueLength < -1) return `record ${i} has a header value of length ${headerValueLength}`;
        p = varintEnd + Math.max(0, headerValueLength);
      }
    } catch {
      return `record ${i} runs past the end of its length (${this.length} bytes)`;
    }
    if (p !== end)
      return `record ${i} is ${this.length} bytes long but its fields end ${Math.abs(p - end)} bytes ${p > end ? 'after' : 'before'} that`;
    return null;
  }

  headers(): RecordHeader[] {
    const out: RecordHeader[] = [];
    this.within((r) => {
      this.sized(r);
      this.sized(r);
      const n = r.varint();
      if (n < 0 || n > this.end - r.pos) throw new ProtocolError(`record ${this.index} has ${n} headers`);
      for (let i = 0; i < n; i++) {
        const key = this.sized(r);
        if (key === null) throw new ProtocolError(`record ${this.index} has a header with a null key`);
        out.push({ key: key.toString('utf8'), value: this.sized(r) });
      }
    });
    return out;
  }
}

export interface RecordHeader {
  key: string;
  /** A view into the batch; null when the header has no value. */
  value: Buffer | null;
}

export interface DecodedRecord {
  offset: number;
  timestamp: number;
  /** Views into the batch (or its decompressed records). */
  key: Buffer | null;
  value: Buffer | null;
  headers: RecordHeader[];
}

export interface DecodedRecordBatch {
  header: RecordBatchHeader;
  records: DecodedRecord[];
}

/** The codecs this module can decompress; Node has no snappy or lz4 (and zstd only from Node 22.15). */
export const READABLE_CODECS: ReadonlySet<number> = new Set([Compression.none, Compression.gzip]);

/**
 * The records section of a batch, decompressed (gzip) when it is compressed. `maxBytes` bounds
 * the decompressed size, so a small batch cannot inflate into gigabytes (ProtocolError).
 */
export function recordsSection(
  batch: Buffer,
  header: RecordBatchHeader = readBatchHeader(batch),
  maxBytes = Infinity,
): Buffer {
  const section = batch.subarray(BATCH_HEADER_BYTES);
  if (header.compression === Compression.none) return section;
  if (header.compression === Compression.gzip) {
    try {
      return zlib.gunzipSync(section, Number.isFinite(maxBytes) ? { maxOutputLength: Math.max(1, maxBytes) } : {});
    } catch (err) {
      const tooLarge = (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
      throw new ProtocolError(
        tooLarge
          ? `gzip records decompress to more than ${maxBytes} bytes`
          : `gzip records cannot be decompressed: ${(err as Error).message}`,
      );
    }
  }
  throw new ProtocolError(`compression codec ${header.compression} is not supported (none or gzip)`);
}

/** Every record of one whole v2 batch, with absolute offsets and timestamps (CRC not checked: see parseRecordBatches). */
export function decodeRecordBatch(batch: Buffer): DecodedRecordBatch {
  const header = readBatchHeader(batch);
  if (header.magic !== BATCH_MAGIC) throw new ProtocolError(`record batch magic ${header.magic}; only v2 is read`);
  const cursor = new RecordCursor(recordsSection(batch, header), header.recordCount);
  const records: DecodedRecord[] = [];
  while (cursor.next()) {
    records.push({
      offset: header.baseOffset + cursor.offsetDelta,
      // LogAppendTime batches: every record has the broker's time, the batch's max timestamp.
      timestamp: header.logAppendTime ? header.maxTimestamp : header.firstTimestamp + cursor.timestampDelta,
      key: cursor.key(),
      value: cursor.value(),
      headers: cursor.headers(),
    });
  }
  return { header, records };
}

// ---- several batches ----------------------------------------------------------------------

/**
 * The whole batches in a fetched records field, in order. A broker may cut the last one short
 * (its max bytes): that partial batch is left out, as consumers do. Old-format message sets
 * (magic 0 and 1) are returned too; check `magic` before decoding.
 */
export function splitRecordBatches(records: Buffer): RecordBatch[] {
  const out: RecordBatch[] = [];
  let pos = 0;
  while (pos + BATCH_HEADER_BYTES <= records.length) {
    const size = storedBatchLength(records, pos);
    if (size < BATCH_HEADER_BYTES || pos + size > records.length) break;
    out.push(readRecordBatch(records.subarray(pos, pos + size)));
    pos += size;
  }
  return out;
}
