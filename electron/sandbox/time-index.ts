// A segment's sparse time index, as Kafka keeps it (`<base offset>.timeindex`): entries of
// (largest timestamp so far: int64, the offset holding it relative to the base: int32), added
// beside the offset index entries and only when the timestamp grew, plus one last entry when
// the segment is rolled, so its last entry is the segment's largest timestamp.
import type { FdCache } from './fd-cache';
import { IndexFile } from './index-file';

const ENTRY_BYTES = 12;

export interface TimestampOffset {
  timestamp: number;
  offset: number;
}

export class TimeIndex {
  private readonly index: IndexFile;

  constructor(
    readonly baseOffset: number,
    storage: { file: string; fds: FdCache; active: boolean } | null,
  ) {
    this.index = storage
      ? IndexFile.onDisk(storage.file, storage.fds, ENTRY_BYTES, storage.active)
      : IndexFile.inMemory(ENTRY_BYTES);
  }

  get entries(): number {
    return this.index.count;
  }

  at(i: number): TimestampOffset {
    const e = this.index.entry(i);
    return { timestamp: Number(e.readBigInt64BE(0)), offset: this.baseOffset + e.readInt32BE(8) };
  }

  last(): TimestampOffset | null {
    return this.index.count > 0 ? this.at(this.index.count - 1) : null;
  }

  /** Appends when the timestamp is larger than the last entry's (Kafka's maybeAppend). */
  maybeAppend(timestamp: number, offset: number): void {
    const last = this.last();
    if (last && timestamp <= last.timestamp) return;
    const e = Buffer.allocUnsafe(ENTRY_BYTES);
    e.writeBigInt64BE(BigInt(timestamp), 0);
    e.writeInt32BE(offset - this.baseOffset, 8);
    this.index.append(e);
  }

  /**
   * The last entry whose timestamp is below `timestamp`: every record before its offset is older
   * than `timestamp`, so a search may start there. (Kafka takes the last entry at or below it,
   * which can skip an earlier record with the same timestamp.) The segment's start when none is.
   */
  lookupBefore(timestamp: number): TimestampOffset {
    const i = this.index.lastAtMost(timestamp - 1, (e) => Number(e.readBigInt64BE(0)));
    return i < 0 ? { timestamp: -1, offset: this.baseOffset } : this.at(i);
  }

  /** Drops entries for offsets at or past `offset`. */
  truncateToOffset(offset: number): void {
    let keep = this.index.count;
    while (keep > 0 && this.at(keep - 1).offset >= offset) keep--;
    this.index.truncate(keep);
  }

  seal(): void {
    this.index.seal();
  }

  close(): void {
    this.index.close();
  }

  delete(): void {
    this.index.delete();
  }
}
