// One partition's log: segments in offset order (log-segment.ts), the last one active. With a
// data directory the segments are files read with positional reads, so the log is never held in
// memory; without one they are buffers, bounded by the memory budget (log-memory-budget.ts).
// Retention deletes whole segments from the oldest and moves the log start offset, as Kafka
// does. Replicas share this one copy (all brokers live in one process), so a broker that comes
// back is in sync at once.
//
// The producer table lives here because it follows the log: a snapshot is written when a segment
// rolls and when the log closes, and on open the newest snapshot is read and only the batches
// after it are replayed.
import fs from 'node:fs';
import { stampBatch, type RecordBatch, type RecordBatchHeader } from '../kafka-wire/record-batch-decode';
import type { WalkedBatch } from './batch-walker';
import type { FdCache } from './fd-cache';
import { LogSegment, type OffsetAtTime } from './log-segment';
import type { LogSettings } from './log-settings';
import { deleteProducerSnapshotsAbove, readProducerSnapshot, writeProducerSnapshot } from './producer-snapshot';
import { ProducerStateTable } from './producer-state';
import { segmentsOverAge, segmentsOverSize } from './retention';

export interface LogStorage {
  /** The partition's directory. */
  dir: string;
  fds: FdCache;
}

export interface LogEvents {
  log(line: string): void;
  /** The log grew or shrank by `delta` bytes (the memory budget adds these up). */
  resized?(delta: number): void;
}

const SEGMENT_FILE = /^(\d{20})\.log$/;

export class PartitionLog {
  readonly segments: LogSegment[] = [];
  readonly producers = new ProducerStateTable();
  private bytes = 0;
  private dirMade = false;
  /** Batches appended (or replayed on open) since the last producer snapshot: close() writes one. */
  private changedSinceSnapshot = false;

  constructor(
    /** `topic-partition`, for log lines. */
    readonly name: string,
    private readonly storage: LogStorage | null,
    private readonly settings: LogSettings,
    private readonly events: LogEvents,
  ) {
    if (storage) this.load(storage);
    else this.segments.push(LogSegment.create(0, null));
  }

  private load(storage: LogStorage): void {
    // An empty partition has no directory and no files until its first append.
    this.dirMade = fs.existsSync(storage.dir);
    if (!this.dirMade) {
      this.segments.push(LogSegment.create(0, storage));
      return;
    }
    const bases = fs
      .readdirSync(storage.dir)
      .map((f) => SEGMENT_FILE.exec(f))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => Number(m[1]))
      .sort((a, b) => a - b);
    if (bases.length === 0) bases.push(0);
    for (const [i, base] of bases.entries()) {
      const { segment, cut } = LogSegment.open(base, storage, i === bases.length - 1, this.settings.indexIntervalBytes);
      if (cut) this.events.log(`${this.name}: recovered segment ${base}: ${cut}`);
      this.segments.push(segment);
      this.bytes += segment.size;
    }
    for (let i = 0; i < this.segments.length - 1; i++) this.segments[i].nextOffset = this.segments[i + 1].baseOffset;
    deleteProducerSnapshotsAbove(storage.dir, this.nextOffset);
    const snapshot = readProducerSnapshot(storage.dir, this.nextOffset);
    if (snapshot) this.producers.restore(snapshot.producers);
    for (const b of this.batchesFrom(Math.max(snapshot?.offset ?? 0, this.logStartOffset))) {
      this.producers.record(b.header, b.header.baseOffset);
      this.changedSinceSnapshot = true;
    }
  }

  private get active(): LogSegment {
    return this.segments[this.segments.length - 1];
  }

  get logStartOffset(): number {
    return this.segments[0].baseOffset;
  }

  /** Log end offset; with instant replication it is also the high watermark. */
  get nextOffset(): number {
    return this.active.nextOffset;
  }

  /** Bytes stored, all segments. */
  get size(): number {
    return this.bytes;
  }

  /** The oldest segment's creation order (the memory budget deletes from the oldest log first). */
  get oldestSegmentSeq(): number {
    return this.segments[0].seq;
  }

  private resized(delta: number): void {
    this.bytes += delta;
    this.events.resized?.(delta);
  }

  append(batch: RecordBatch, leaderEpoch: number, now = Date.now()): { baseOffset: number; lastOffset: number } {
    const baseOffset = this.nextOffset;
    const lastOffset = baseOffset + batch.lastOffsetDelta;
    const s = this.settings;
    if (this.active.shouldRoll(batch.bytes.length, batch.maxTimestamp, lastOffset, s.segmentBytes, s.segmentMs, now))
      this.roll();
    const bytes = stampBatch(batch.bytes, baseOffset, leaderEpoch);
    if (this.storage && !this.dirMade) {
      fs.mkdirSync(this.storage.dir, { recursive: true });
      this.dirMade = true;
    }
    this.active.append(bytes, lastOffset, batch.maxTimestamp, s.indexIntervalBytes);
    this.changedSinceSnapshot = true;
    this.resized(bytes.length);
    return { baseOffset, lastOffset };
  }

  /** Seals the active segment and starts a new one at the log end offset. */
  roll(): void {
    const next = this.nextOffset;
    this.active.seal();
    if (this.storage) writeProducerSnapshot(this.storage.dir, next, this.producers.entries());
    this.changedSinceSnapshot = false;
    this.segments.push(LogSegment.create(next, this.storage));
  }

  /** Index of the last segment whose base offset is <= offset (0 when none is). */
  private floorSegment(offset: number): number {
    let lo = 0;
    let hi = this.segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.segments[mid].baseOffset <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /**
   * Whole batches from the one holding `offset`, up to maxBytes, from one segment as Kafka reads
   * them. A first batch larger than maxBytes comes whole when minOneBatch (KIP-74), so a large
   * batch still makes progress, and not at all otherwise.
   */
  read(offset: number, maxBytes: number, minOneBatch = true): Buffer[] {
    for (let i = this.floorSegment(offset); i < this.segments.length; i++) {
      const got = this.segments[i].read(offset, maxBytes, minOneBatch);
      if (got !== null) return got;
    }
    return [];
  }

  /** Every batch from `offset` to the end, with its header (producer replay; tests read the log with it). */
  *batchesFrom(offset: number = this.logStartOffset): Generator<WalkedBatch & { bytes(): Buffer }> {
    for (let i = this.floorSegment(offset); i < this.segments.length; i++) {
      const segment = this.segments[i];
      for (const b of segment.batchesFrom(offset)) yield { ...b, bytes: () => segment.batchBytes(b) };
    }
  }

  /** The header of the batch at the log start offset (ListOffsets earliest reports its leader epoch). */
  firstBatchHeader(): RecordBatchHeader | null {
    for (const b of this.batchesFrom(this.logStartOffset)) return b.header;
    return null;
  }

  /** ListOffsets by timestamp: the first segment whose largest timestamp reaches it answers. */
  offsetForTimestamp(timestamp: number): OffsetAtTime | null {
    for (const segment of this.segments) {
      if (segment.maxTimestamp < timestamp) continue;
      const found = segment.offsetForTimestamp(timestamp, this.logStartOffset);
      if (found) return found;
    }
    return null;
  }

  /**
   * Deletes the `count` oldest segments and moves the log start offset past them. When that is
   * every segment, a new empty active segment is rolled first, as Kafka does.
   */
  deleteOldestSegments(count: number, reason: string): void {
    if (count <= 0) return;
    if (count >= this.segments.length) {
      if (this.active.size > 0) this.roll();
      count = this.segments.length - 1;
      if (count === 0) return;
    }
    const gone = this.segments.splice(0, count);
    let bytes = 0;
    for (const s of gone) {
      bytes += s.size;
      s.delete();
    }
    this.resized(-bytes);
    this.events.log(
      `${this.name}: deleted ${count} segment(s), offsets ${gone[0].baseOffset}-${this.logStartOffset - 1} (${bytes} bytes; ${reason}); log start offset ${this.logStartOffset}`,
    );
  }

  /** retention.bytes, then retention.ms (each a pass of its own, as in Kafka); returns the segments deleted. */
  applyRetention(now: number): number {
    const s = this.settings;
    if (!s.deleteEnabled) return 0;
    const bySize = segmentsOverSize(this.segments, s.retentionBytes);
    this.deleteOldestSegments(bySize, `retention.bytes ${s.retentionBytes}`);
    const byAge = segmentsOverAge(this.segments, s.retentionMs, now);
    this.deleteOldestSegments(byAge, `retention.ms ${s.retentionMs}`);
    return bySize + byAge;
  }

  expireProducers(now: number): number {
    const expired = this.producers.expire(now, this.settings.producerIdExpirationMs);
    if (expired > 0) this.changedSinceSnapshot = true;
    return expired;
  }

  /** Saves the producer table if batches came since the last snapshot (a restart replays nothing), and lets go of the files. */
  close(): void {
    if (this.storage && this.changedSinceSnapshot)
      writeProducerSnapshot(this.storage.dir, this.nextOffset, this.producers.entries());
    this.changedSinceSnapshot = false;
    for (const s of this.segments) s.close();
  }

  /** The topic was deleted: the caller removes the directory; memory is given back here. */
  drop(): void {
    for (const s of this.segments) s.close();
    if (!this.storage) for (const s of this.segments) s.delete();
    this.resized(-this.bytes);
  }
}
