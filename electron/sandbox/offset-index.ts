// A segment's sparse offset index, as Kafka keeps it (`<base offset>.index`): every
// index.interval.bytes of log, one entry of (offset relative to the segment's base: int32,
// byte position of the batch holding it: int32). A lookup finds the last entry at or before an
// offset, and reading scans forward from there over at most one interval of batches.
import type { FdCache } from './fd-cache';
import { IndexFile } from './index-file';

const ENTRY_BYTES = 8;

export interface OffsetPosition {
  offset: number;
  position: number;
}

export class OffsetIndex {
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

  append(offset: number, position: number): void {
    const e = Buffer.allocUnsafe(ENTRY_BYTES);
    e.writeInt32BE(offset - this.baseOffset, 0);
    e.writeInt32BE(position, 4);
    this.index.append(e);
  }

  at(i: number): OffsetPosition {
    const e = this.index.entry(i);
    return { offset: this.baseOffset + e.readInt32BE(0), position: e.readInt32BE(4) };
  }

  last(): OffsetPosition | null {
    return this.index.count > 0 ? this.at(this.index.count - 1) : null;
  }

  /** The last indexed batch at or before `offset`; the segment's start when there is none. */
  lookup(offset: number): OffsetPosition {
    const i = this.index.lastAtMost(offset - this.baseOffset, (e) => e.readInt32BE(0));
    return i < 0 ? { offset: this.baseOffset, position: 0 } : this.at(i);
  }

  /** Drops entries that point at or past `position` (the log was cut there). */
  truncateToPosition(position: number): void {
    let keep = this.index.count;
    while (keep > 0 && this.at(keep - 1).position >= position) keep--;
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
