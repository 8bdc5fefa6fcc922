// Where a segment's bytes live: a file (with a data directory; read back with positional reads,
// never held in memory) or a list of buffers (without one). Both answer reads by position, so
// the segment above them, its indexes and every lookup are the same code.
import fs from 'node:fs';
import type { FdCache } from './fd-cache';

export interface SegmentBytes {
  readonly size: number;
  append(bytes: Buffer): void;
  /** Bytes [position, position + length) as one buffer (a view where it can be, else a copy). */
  read(position: number, length: number): Buffer;
  /** The same range as views of the stored buffers in memory, or one buffer read from the file. */
  readChunks(position: number, length: number): Buffer[];
  truncate(size: number): void;
  /** Lets go of the file descriptor (the bytes stay). */
  close(): void;
  /** Deletes the bytes for good. */
  delete(): void;
}

export class FileBytes implements SegmentBytes {
  private length: number;

  /** An existing file, or one created by the first append (an empty partition makes no files). */
  constructor(
    readonly file: string,
    private readonly fds: FdCache,
  ) {
    this.length = fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0;
  }

  get size(): number {
    return this.length;
  }

  append(bytes: Buffer): void {
    const fd = this.fds.fd(this.file);
    let done = 0;
    while (done < bytes.length) done += fs.writeSync(fd, bytes, done, bytes.length - done, this.length + done);
    this.length += bytes.length;
  }

  read(position: number, length: number): Buffer {
    const n = Math.max(0, Math.min(length, this.length - position));
    const out = Buffer.allocUnsafe(n);
    const fd = this.fds.fd(this.file);
    let done = 0;
    while (done < n) {
      const got = fs.readSync(fd, out, done, n - done, position + done);
      if (got === 0) throw new Error(`${this.file} ends at ${position + done}, before ${position + n}`);
      done += got;
    }
    return out;
  }

  readChunks(position: number, length: number): Buffer[] {
    return [this.read(position, length)];
  }

  truncate(size: number): void {
    if (size >= this.length) return;
    fs.ftruncateSync(this.fds.fd(this.file), size);
    this.length = size;
  }

  close(): void {
    this.fds.close(this.file);
  }

  delete(): void {
    this.fds.close(this.file);
    fs.rmSync(this.file, { force: true });
    this.length = 0;
  }
}

export class MemoryBytes implements SegmentBytes {
  private readonly chunks: Buffer[] = [];
  /** Position of each chunk's first byte. */
  private readonly starts: number[] = [];
  private length = 0;

  get size(): number {
    return this.length;
  }

  append(bytes: Buffer): void {
    this.chunks.push(bytes);
    this.starts.push(this.length);
    this.length += bytes.length;
  }

  /** Index of the chunk holding `position`. */
  private chunkAt(position: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.starts[mid] <= position) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  readChunks(position: number, length: number): Buffer[] {
    const end = Math.min(position + length, this.length);
    const out: Buffer[] = [];
    if (position >= end) return out;
    for (let i = this.chunkAt(position); i < this.chunks.length && this.starts[i] < end; i++) {
      const from = Math.max(position - this.starts[i], 0);
      const to = Math.min(end - this.starts[i], this.chunks[i].length);
      out.push(from === 0 && to === this.chunks[i].length ? this.chunks[i] : this.chunks[i].subarray(from, to));
    }
    return out;
  }

  read(position: number, length: number): Buffer {
    const chunks = this.readChunks(position, length);
    return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
  }

  truncate(size: number): void {
    while (this.length > size) {
      const last = this.chunks.length - 1;
      const start = this.starts[last];
      if (start >= size) {
        this.chunks.pop();
        this.starts.pop();
        this.length = start;
      } else {
        this.chunks[last] = this.chunks[last].subarray(0, size - start);
        this.length = size;
      }
    }
  }

  close(): void {}

  delete(): void {
    this.chunks.length = 0;
    this.starts.length = 0;
    this.length = 0;
  }
}
