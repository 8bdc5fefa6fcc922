// Steps over the stored batches of a segment, header by header, from a byte position: the scan
// after an index lookup, the recovery of a segment's tail, and the replay of producer state all
// use it. From a file it reads ahead in 64 KB windows, so a scan costs a read per window rather
// than a read per batch.
import { readBatchHeader, type RecordBatchHeader } from '../kafka-wire/record-batch-decode';
import { BATCH_HEADER_BYTES, BATCH_MAGIC, BatchField, LOG_OVERHEAD } from '../kafka-wire/record-batch-layout';
import type { SegmentBytes } from './segment-bytes';

const WINDOW_BYTES = 64 * 1024;

export interface WalkedBatch {
  position: number;
  /** The whole batch's size in bytes. */
  size: number;
  header: RecordBatchHeader;
  lastOffset: number;
}

export class BatchWalker {
  private window: Buffer = Buffer.alloc(0);
  private windowStart = 0;
  /** Why the walk stopped before the end, if it did: a torn or damaged batch at `position`. */
  damage: string | null = null;

  constructor(
    private readonly bytes: SegmentBytes,
    public position: number,
    private readonly end: number = bytes.size,
  ) {}

  private header(at: number): Buffer {
    if (at < this.windowStart || at + BATCH_HEADER_BYTES > this.windowStart + this.window.length) {
      this.window = this.bytes.read(at, Math.min(WINDOW_BYTES, this.end - at));
      this.windowStart = at;
    }
    return this.window.subarray(at - this.windowStart, at - this.windowStart + BATCH_HEADER_BYTES);
  }

  /** The next batch, or null at the end (or at damage, which `damage` then describes). */
  next(): WalkedBatch | null {
    const at = this.position;
    if (at >= this.end) return null;
    if (this.end - at < BATCH_HEADER_BYTES) {
      this.damage = `${this.end - at} bytes at ${at} are too few for a batch header`;
      return null;
    }
    const head = this.header(at);
    const size = LOG_OVERHEAD + head.readInt32BE(BatchField.batchLength);
    if (size < BATCH_HEADER_BYTES || at + size > this.end) {
      this.damage = `the batch at ${at} claims ${size} bytes, ${this.end - at} remain`;
      return null;
    }
    if (head.readInt8(BatchField.magic) !== BATCH_MAGIC) {
      this.damage = `the batch at ${at} has magic ${head.readInt8(BatchField.magic)}`;
      return null;
    }
    const header = readBatchHeader(head);
    this.position = at + size;
    return { position: at, size, header, lastOffset: header.baseOffset + header.lastOffsetDelta };
  }
}
