// Open file descriptors for the log's files, at most `max` at once, least recently used closed
// first: a sandbox with thousands of partitions must not run out of descriptors (macOS gives a
// process 256 by default) and so stop accepting connections. A closed file reopens on next use.
import fs from 'node:fs';

const OPEN_FLAGS = fs.constants.O_RDWR | fs.constants.O_CREAT;

export class FdCache {
  /** path → fd, in order of last use (a Map keeps insertion order). */
  private readonly open = new Map<string, number>();

  constructor(readonly max = 128) {
    if (!Number.isInteger(max) || max < 1)
      throw new Error(`the file descriptor cache needs room for at least one file, got ${max}`);
  }

  fd(file: string): number {
    const fd = this.open.get(file);
    if (fd !== undefined) {
      this.open.delete(file);
      this.open.set(file, fd);
      return fd;
    }
    if (this.open.size >= this.max) {
      const [oldest, oldFd] = this.open.entries().next().value as [string, number];
      this.open.delete(oldest);
      fs.closeSync(oldFd);
    }
    const opened = fs.openSync(file, OPEN_FLAGS, 0o644);
    this.open.set(file, opened);
    return opened;
  }

  /** Closes the file if it is open (before deleting or renaming it: Windows refuses both on open files). */
  close(file: string): void {
    const fd = this.open.get(file);
    if (fd === undefined) return;
    this.open.delete(file);
    fs.closeSync(fd);
  }

  get size(): number {
    return this.open.size;
  }

  closeAll(): void {
    for (const fd of this.open.values()) fs.closeSync(fd);
    this.open.clear();
  }
}
