// One partition's log: stamped record batches in offset order. Replicas share this one copy
// (all brokers live in one process), so a broker that comes back is in sync at once.
import fs from 'node:fs';
import path from 'node:path';
import { readBatchHeader, stampBatch, storedBatchLength, type RecordBatch } from '../kafka-wire/record-batch-decode';
import { BATCH_HEADER_BYTES, LOG_OVERHEAD } from '../kafka-wire/record-batch-layout';

export interface StoredBatch {
  baseOffset: number;
  lastOffset: number;
  maxTimestamp: number;
  bytes: Buffer;
}

export class PartitionLog {
  readonly batches: StoredBatch[] = [];
  logStartOffset = 0;
  /** Log end offset; with instant replication it is also the high watermark. */
  nextOffset = 0;
  private sizeBytes = 0;
  private fd: number | null = null;

  /** With a file, every append is written through and the log is read back on open. */
  constructor(private readonly file: string | null = null) {
    if (file) this.load(file);
  }

  private load(file: string): void {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    if (fs.existsSync(file)) {
      const data = fs.readFileSync(file);
      let pos = 0;
      while (pos + LOG_OVERHEAD <= data.length) {
        const len = storedBatchLength(data, pos);
        if (len < BATCH_HEADER_BYTES || pos + len > data.length) break; // a torn last write: keep what is whole
        const bytes = data.subarray(pos, pos + len);
        const h = readBatchHeader(bytes);
        this.push({ baseOffset: h.baseOffset, lastOffset: h.baseOffset + h.lastOffsetDelta, maxTimestamp: h.maxTimestamp, bytes });
        pos += len;
      }
      if (pos < data.length) fs.truncateSync(file, pos);
    }
    this.fd = fs.openSync(file, 'a');
  }

  private push(b: StoredBatch): void {
    this.batches.push(b);
    this.sizeBytes += b.bytes.length;
    this.nextOffset = b.lastOffset + 1;
  }

  get size(): number {
    return this.sizeBytes;
  }

  append(batch: RecordBatch, leaderEpoch: number): StoredBatch {
    const baseOffset = this.nextOffset;
    const bytes = stampBatch(batch.bytes, baseOffset, leaderEpoch);
    const stored = { baseOffset, lastOffset: baseOffset + batch.lastOffsetDelta, maxTimestamp: batch.maxTimestamp, bytes };
    if (this.fd !== null) fs.writeSync(this.fd, bytes);
    this.push(stored);
    return stored;
  }

  /** Index of the first batch whose last offset is >= offset. */
  private indexOf(offset: number): number {
    let lo = 0;
    let hi = this.batches.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.batches[mid].lastOffset < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Whole batches from the one holding `offset`, up to maxBytes, but always at least one batch
   * so a batch larger than maxBytes still makes progress (as Kafka does since KIP-74).
   */
  read(offset: number, maxBytes: number): Buffer[] {
    const out: Buffer[] = [];
    let bytes = 0;
    for (let i = this.indexOf(offset); i < this.batches.length; i++) {
      const b = this.batches[i].bytes;
      if (out.length > 0 && bytes + b.length > maxBytes) break;
      out.push(b);
      bytes += b.length;
    }
    return out;
  }

  close(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }
}
