// An append-only index of fixed-size entries, the storage under offset-index.ts and
// time-index.ts. While its segment is active (and always without a data directory) the entries
// are also kept in memory; once the segment is rolled they are read from the file with
// positional reads, so a partition's old segments cost no memory however many there are.
// Entries are written in the same bytes in both places; a torn last entry is cut off on load.
import fs from 'node:fs';
import type { FdCache } from './fd-cache';

export class IndexFile {
  /** The entries while held in memory (capacity grows by doubling); null once sealed on disk. */
  private mem: Buffer | null;
  private entries = 0;

  private constructor(
    private readonly file: string | null,
    private readonly fds: FdCache | null,
    readonly entrySize: number,
  ) {
    this.mem = null;
  }

  /** In memory only (no data directory). */
  static inMemory(entrySize: number): IndexFile {
    const index = new IndexFile(null, null, entrySize);
    index.mem = Buffer.allocUnsafe(entrySize * 16);
    return index;
  }

  /** Opens the file (the first append creates it); `active` loads its entries into memory for appending. */
  static onDisk(file: string, fds: FdCache, entrySize: number, active: boolean): IndexFile {
    const index = new IndexFile(file, fds, entrySize);
    const size = fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0;
    index.entries = Math.floor(size / entrySize);
    if (index.entries * entrySize !== size) fs.ftruncateSync(fds.fd(file), index.entries * entrySize);
    if (active) {
      index.mem = Buffer.allocUnsafe(Math.max(entrySize * 16, index.entries * entrySize * 2));
      if (index.entries > 0) fs.readFileSync(file).copy(index.mem, 0, 0, index.entries * entrySize);
    }
    return index;
  }

  get count(): number {
    return this.entries;
  }

  /** One entry's bytes (a view into memory, or read from the file). */
  entry(i: number): Buffer {
    const at = i * this.entrySize;
    if (this.mem) return this.mem.subarray(at, at + this.entrySize);
    const out = Buffer.allocUnsafe(this.entrySize);
    fs.readSync(this.fds!.fd(this.file!), out, 0, this.entrySize, at);
    return out;
  }

  append(entry: Buffer): void {
    if (this.file && !this.mem) throw new Error(`${this.file} is sealed`);
    const at = this.entries * this.entrySize;
    if (this.mem) {
      if (at + this.entrySize > this.mem.length) {
        const grown = Buffer.allocUnsafe(this.mem.length * 2);
        this.mem.copy(grown, 0, 0, at);
        this.mem = grown;
      }
      entry.copy(this.mem, at);
    }
    if (this.file) fs.writeSync(this.fds!.fd(this.file), entry, 0, this.entrySize, at);
    this.entries++;
  }

  /** Keeps the first `count` entries. */
  truncate(count: number): void {
    if (count >= this.entries) return;
    this.entries = count;
    if (this.file) fs.ftruncateSync(this.fds!.fd(this.file), count * this.entrySize);
  }

  /**
   * The last entry whose key is <= target, by binary search; -1 when none is. `key` reads an
   * entry's key; keys must not decrease.
   */
  lastAtMost(target: number, key: (entry: Buffer) => number): number {
    let lo = 0;
    let hi = this.entries - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (key(this.entry(mid)) <= target) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  /** The segment was rolled: no more appends; entries are read from the file from now on. */
  seal(): void {
    if (this.file) this.mem = null;
  }

  close(): void {
    if (this.file) this.fds!.close(this.file);
  }

  delete(): void {
    if (this.file) {
      this.fds!.close(this.file);
      fs.rmSync(this.file, { force: true });
    }
    this.mem = null;
    this.entries = 0;
  }
}
