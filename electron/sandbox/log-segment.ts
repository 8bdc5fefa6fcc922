// One segment of a partition's log, as Kafka lays it out: the stamped batches from a base offset
// (`<base offset, 20 digits>.log`), a sparse offset index and a sparse time index beside them.
// Reads find their batch through the indexes and scan at most one index interval, so neither a
// Fetch nor a ListOffsets by timestamp walks the log from its start. Only the active (last)
// segment takes appends; rolling seals it.
import path from 'node:path';
import { crc32c } from '../kafka-wire/crc32c';
import { RecordCursor, type RecordBatchHeader } from '../kafka-wire/record-batch-decode';
import { BATCH_HEADER_BYTES, BatchField, Compression, LOG_OVERHEAD } from '../kafka-wire/record-batch-layout';
import { BatchWalker, type WalkedBatch } from './batch-walker';
import type { FdCache } from './fd-cache';
import { OffsetIndex } from './offset-index';
import { FileBytes, MemoryBytes, type SegmentBytes } from './segment-bytes';
import { TimeIndex } from './time-index';

/** Where a partition's files live; null keeps the log in memory. */
export interface SegmentStorage {
  dir: string;
  fds: FdCache;
}

export interface OffsetAtTime {
  offset: number;
  timestamp: number;
  leaderEpoch: number;
}

const INT32_MAX = 2 ** 31 - 1;
let nextSeq = 0;

export const segmentFileName = (baseOffset: number, ext: 'log' | 'index' | 'timeindex') =>
  `${String(baseOffset).padStart(20, '0')}.${ext}`;

/** The whole batches at the front of `chunks` (a read may end inside a batch). */
function wholeBatches(chunks: Buffer[]): Buffer[] {
  const out: Buffer[] = [];
  for (const chunk of chunks) {
    let p = 0;
    while (p + LOG_OVERHEAD <= chunk.length) {
      const size = LOG_OVERHEAD + chunk.readInt32BE(p + BatchField.batchLength);
      if (p + size > chunk.length) break;
      p += size;
    }
    if (p === chunk.length) {
      out.push(chunk);
      continue;
    }
    if (p > 0) out.push(chunk.subarray(0, p));
    break;
  }
  return out;
}

export class LogSegment {
  /** Largest record timestamp stored (-1 while empty) and the last offset of the batch holding it. */
  maxTimestamp = -1;
  offsetOfMaxTimestamp: number;
  /** The offset after the last batch: the log end offset while this segment is active. */
  nextOffset: number;
  /** Order of creation in this process; the memory budget deletes the oldest segments first. */
  readonly seq = nextSeq++;
  /** The first batch's max timestamp: segment.ms counts from it (Kafka's rollingBasedTimestamp). */
  private rollingBasedTimestamp: number | null = null;
  private readonly createdAt = Date.now();
  private bytesSinceLastIndexEntry = 0;

  private constructor(
    readonly baseOffset: number,
    readonly bytes: SegmentBytes,
    readonly offsetIndex: OffsetIndex,
    readonly timeIndex: TimeIndex,
  ) {
    this.nextOffset = baseOffset;
    this.offsetOfMaxTimestamp = baseOffset;
  }

  private static build(baseOffset: number, storage: SegmentStorage | null, active: boolean): LogSegment {
    if (!storage)
      return new LogSegment(
        baseOffset,
        new MemoryBytes(),
        new OffsetIndex(baseOffset, null),
        new TimeIndex(baseOffset, null),
      );
    const file = (ext: 'log' | 'index' | 'timeindex') => path.join(storage.dir, segmentFileName(baseOffset, ext));
    return new LogSegment(
      baseOffset,
      new FileBytes(file('log'), storage.fds),
      new OffsetIndex(baseOffset, { file: file('index'), fds: storage.fds, active }),
      new TimeIndex(baseOffset, { file: file('timeindex'), fds: storage.fds, active }),
    );
  }

  static create(baseOffset: number, storage: SegmentStorage | null): LogSegment {
    return LogSegment.build(baseOffset, storage, true);
  }

  /**
   * A segment found on disk. A rolled one reads only its largest timestamp (its time index's last
   * entry); its indexes stay on disk. The active one is recovered: the batches from its last
   * offset index entry on are checked (length, magic, CRC-32C), their index entries rebuilt, and
   * a torn or damaged tail cut off; what the indexes cover before that is trusted, as Kafka
   * trusts it after a clean shutdown. A segment whose indexes are missing or disagree is
   * rebuilt from its first batch.
   */
  static open(
    baseOffset: number,
    storage: SegmentStorage,
    active: boolean,
    indexIntervalBytes: number,
  ): { segment: LogSegment; cut: string | null } {
    if (!active) {
      const sealed = LogSegment.build(baseOffset, storage, false);
      const last = sealed.timeIndex.last();
      if (last) {
        sealed.maxTimestamp = last.timestamp;
        sealed.offsetOfMaxTimestamp = last.offset;
        return { segment: sealed, cut: null };
      }
      sealed.close();
    }
    const segment = LogSegment.build(baseOffset, storage, true);
    const indexesAgree = segment.timeIndex.entries > 0 || (active && segment.offsetIndex.entries === 0);
    let cut = segment.recover(indexIntervalBytes, !indexesAgree);
    // Damage in the very batch the last index entry points at: the batches before it are unknown here.
    if (cut?.fromIndexEntry) cut = segment.recover(indexIntervalBytes, true);
    if (!active) segment.seal();
    return { segment, cut: cut?.why ?? null };
  }

  get size(): number {
    return this.bytes.size;
  }

  private recover(indexIntervalBytes: number, fromScratch: boolean): { why: string; fromIndexEntry: boolean } | null {
    if (fromScratch) {
      this.offsetIndex.truncateToPosition(0);
      this.timeIndex.truncateToOffset(this.baseOffset);
      this.maxTimestamp = -1;
      this.offsetOfMaxTimestamp = this.baseOffset;
      this.nextOffset = this.baseOffset;
      this.bytesSinceLastIndexEntry = 0;
    }
    let lastIndexed = this.offsetIndex.last();
    if (lastIndexed && lastIndexed.position >= this.bytes.size) {
      this.offsetIndex.truncateToPosition(this.bytes.size);
      lastIndexed = this.offsetIndex.last();
    }
    const lastTime = this.timeIndex.last();
    if (lastTime) {
      this.maxTimestamp = lastTime.timestamp;
      this.offsetOfMaxTimestamp = lastTime.offset;
    }
    const start = lastIndexed?.position ?? 0;
    const walker = new BatchWalker(this.bytes, start);
    let damage: string | null = null;
    for (let b = walker.next(); b; b = walker.next()) {
      const batch = this.bytes.read(b.position, b.size);
      if (batch.readUInt32BE(BatchField.crc) !== crc32c(batch.subarray(BatchField.attributes))) {
        damage = `the batch at ${b.position} fails its CRC`;
        walker.position = b.position;
        break;
      }
      this.track(
        b.position,
        b.size,
        b.lastOffset,
        b.header.maxTimestamp,
        indexIntervalBytes,
        b.position === lastIndexed?.position,
      );
    }
    damage ??= walker.damage;
    const cutAt = walker.position;
    const cutBytes = this.bytes.size - cutAt;
    if (cutBytes > 0 && cutAt === start && start > 0) return { why: '', fromIndexEntry: true };
    if (cutBytes > 0) {
      this.bytes.truncate(cutAt);
      this.offsetIndex.truncateToPosition(cutAt);
      this.timeIndex.truncateToOffset(this.nextOffset);
    }
    if (this.bytes.size > 0) this.rollingBasedTimestamp = this.firstBatch()!.header.maxTimestamp;
    return cutBytes > 0
      ? { why: `cut ${cutBytes} bytes at ${cutAt}: ${damage ?? 'a torn write'}`, fromIndexEntry: false }
      : null;
  }

  /** Index bookkeeping for a batch now at `position` (appended, or found again by recovery). */
  private track(
    position: number,
    size: number,
    lastOffset: number,
    maxTimestamp: number,
    indexIntervalBytes: number,
    alreadyIndexed: boolean,
  ): void {
    if (maxTimestamp > this.maxTimestamp) {
      this.maxTimestamp = maxTimestamp;
      this.offsetOfMaxTimestamp = lastOffset;
    }
    if (alreadyIndexed) {
      this.bytesSinceLastIndexEntry = 0;
    } else if (this.bytesSinceLastIndexEntry > indexIntervalBytes) {
      this.offsetIndex.append(lastOffset, position);
      this.timeIndex.maybeAppend(this.maxTimestamp, this.offsetOfMaxTimestamp);
      this.bytesSinceLastIndexEntry = 0;
    }
    this.bytesSinceLastIndexEntry += size;
    this.nextOffset = lastOffset + 1;
  }

  append(batch: Buffer, lastOffset: number, maxTimestamp: number, indexIntervalBytes: number): void {
    const position = this.bytes.size;
    this.bytes.append(batch);
    this.rollingBasedTimestamp ??= maxTimestamp;
    this.track(position, batch.length, lastOffset, maxTimestamp, indexIntervalBytes, false);
  }

  /** Kafka's LogSegment.shouldRoll: the batch would overflow segment.bytes, segment.ms has passed, or its offsets no longer fit the index. */
  shouldRoll(
    batchBytes: number,
    batchMaxTimestamp: number,
    batchLastOffset: number,
    segmentBytes: number,
    segmentMs: number,
    now: number,
  ): boolean {
    if (this.bytes.size === 0) return false;
    const since =
      this.rollingBasedTimestamp !== null && this.rollingBasedTimestamp >= 0
        ? batchMaxTimestamp - this.rollingBasedTimestamp
        : now - this.createdAt;
    return (
      this.bytes.size > segmentBytes - batchBytes || since > segmentMs || batchLastOffset - this.baseOffset > INT32_MAX
    );
  }

  /** The first batch whose last offset is >= offset, or null when the segment holds none. */
  private batchAt(offset: number): WalkedBatch | null {
    const walker = new BatchWalker(this.bytes, this.offsetIndex.lookup(offset).position);
    for (let b = walker.next(); b; b = walker.next()) if (b.lastOffset >= offset) return b;
    return null;
  }

  firstBatch(): WalkedBatch | null {
    return new BatchWalker(this.bytes, 0).next();
  }

  /**
   * Whole batches from the one holding `offset`, up to maxBytes; a first batch larger than
   * maxBytes is returned whole when minOneBatch (KIP-74) and not at all otherwise. Null when the
   * segment holds nothing at or after `offset`.
   */
  read(offset: number, maxBytes: number, minOneBatch: boolean): Buffer[] | null {
    const first = this.batchAt(offset);
    if (!first) return null;
    let length = Math.min(maxBytes, this.bytes.size - first.position);
    if (first.size > length) {
      if (!minOneBatch) return [];
      length = first.size;
    }
    return wholeBatches(this.bytes.readChunks(first.position, length));
  }

  /** Every batch from `offset` on, header first (producer state replay, tests). */
  *batchesFrom(offset: number): Generator<WalkedBatch> {
    const first = this.batchAt(offset);
    if (!first) return;
    const walker = new BatchWalker(this.bytes, first.position);
    for (let b = walker.next(); b; b = walker.next()) yield b;
  }

  /** The whole bytes of a batch the walker found. */
  batchBytes(b: WalkedBatch): Buffer {
    return this.bytes.read(b.position, b.size);
  }

  /**
   * The first record at or after `timestamp` with an offset >= startOffset (Kafka's
   * findOffsetByTimestamp): the time index gives where to start, the offset index the position.
   * Compressed and LogAppendTime batches are not opened: their base offset and max timestamp
   * answer, which is where a consumer would start anyway.
   */
  offsetForTimestamp(timestamp: number, startOffset: number): OffsetAtTime | null {
    const from = this.timeIndex.lookupBefore(timestamp);
    const walker = new BatchWalker(this.bytes, this.offsetIndex.lookup(Math.max(from.offset, startOffset)).position);
    for (let b = walker.next(); b; b = walker.next()) {
      const h: RecordBatchHeader = b.header;
      if (h.maxTimestamp < timestamp || b.lastOffset < startOffset) continue;
      const leaderEpoch = h.partitionLeaderEpoch;
      if (h.compression !== Compression.none || h.logAppendTime)
        return { offset: Math.max(h.baseOffset, startOffset), timestamp: h.maxTimestamp, leaderEpoch };
      const records = new RecordCursor(this.batchBytes(b).subarray(BATCH_HEADER_BYTES), h.recordCount);
      while (records.next()) {
        const at = h.firstTimestamp + records.timestampDelta;
        const offset = h.baseOffset + records.offsetDelta;
        if (at >= timestamp && offset >= startOffset) return { offset, timestamp: at, leaderEpoch };
      }
    }
    return null;
  }

  /** The segment is rolled: its last time index entry becomes its largest timestamp, and its indexes leave memory. */
  seal(): void {
    if (this.maxTimestamp >= 0) this.timeIndex.maybeAppend(this.maxTimestamp, this.offsetOfMaxTimestamp);
    this.offsetIndex.seal();
    this.timeIndex.seal();
  }

  close(): void {
    this.bytes.close();
    this.offsetIndex.close();
    this.timeIndex.close();
  }

  delete(): void {
    this.bytes.delete();
    this.offsetIndex.delete();
    this.timeIndex.delete();
  }
}
