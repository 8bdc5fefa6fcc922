// Every Kafka frame is an int32 size followed by that many bytes. FrameReader cuts a byte
// stream into frames without copying when a frame arrived in one piece, and without
// re-joining everything buffered on each chunk (a 4 MB Fetch answer arrives in hundreds).
// A reader that expects a large frame can gather() it: its bytes are then copied into one
// buffer of the frame's size as they arrive, so the socket's chunks are let go at once and the
// frame is never held twice (chunks, then their concatenation).
export const SIZE_PREFIX_BYTES = 4;

export function sizePrefix(size: number): Buffer {
  const b = Buffer.allocUnsafe(SIZE_PREFIX_BYTES);
  b.writeInt32BE(size, 0);
  return b;
}

/** A bare payload with its size prefix (e.g. a SASL token in SaslHandshake v0's raw flow). */
export function sizePrefixed(payload: Buffer): Buffer {
  return Buffer.concat([sizePrefix(payload.length), payload]);
}

export class FrameReader {
  /** Bytes not yet taken; while gathering, only those after the gathered frame. */
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** The next frame, prefix included, being filled in place. */
  private gathering: { buf: Buffer; filled: number } | null = null;

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    const g = this.gathering;
    if (g && g.filled < g.buf.length) {
      const n = Math.min(chunk.length, g.buf.length - g.filled);
      chunk.copy(g.buf, g.filled, 0, n);
      g.filled += n;
      this.buffered += n;
      if (n === chunk.length) return;
      chunk = chunk.subarray(n);
    }
    this.chunks.push(chunk);
    this.buffered += chunk.length;
  }

  /** Gathers the next frame, whose size is known and whose bytes are not all in, into one buffer of its size. */
  gather(): void {
    if (this.gathering) return;
    const size = this.nextSize();
    if (size === null || size < 0 || this.buffered >= SIZE_PREFIX_BYTES + size) return;
    const buf = Buffer.allocUnsafe(SIZE_PREFIX_BYTES + size);
    let filled = 0;
    for (const c of this.chunks) filled += c.copy(buf, filled);
    this.chunks = [];
    this.gathering = { buf, filled };
  }

  /** Bytes received and not yet taken as frames. */
  get bufferedBytes(): number {
    return this.buffered;
  }

  /** Size of the next frame once its prefix is in (possibly negative: a lying peer), else null. */
  nextSize(): number | null {
    if (this.gathering) return this.gathering.buf.length - SIZE_PREFIX_BYTES;
    if (this.buffered < SIZE_PREFIX_BYTES) return null;
    if (this.chunks[0].length >= SIZE_PREFIX_BYTES) return this.chunks[0].readInt32BE(0);
    return Buffer.concat(this.chunks).readInt32BE(0);
  }

  /** The next whole frame without its prefix, or null while it is incomplete. Check nextSize() first: a negative size is never taken. */
  nextFrame(): Buffer | null {
    const g = this.gathering;
    if (g) {
      if (g.filled < g.buf.length) return null;
      this.gathering = null;
      this.buffered -= g.buf.length;
      return g.buf.subarray(SIZE_PREFIX_BYTES);
    }
    const size = this.nextSize();
    if (size === null || size < 0 || this.buffered < SIZE_PREFIX_BYTES + size) return null;
    return this.take(SIZE_PREFIX_BYTES + size).subarray(SIZE_PREFIX_BYTES);
  }

  private take(n: number): Buffer {
    const first = this.chunks[0];
    let out: Buffer;
    if (first.length >= n) {
      out = first.subarray(0, n);
      if (first.length === n) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
    } else {
      const all = Buffer.concat(this.chunks, this.buffered);
      out = all.subarray(0, n);
      this.chunks = all.length > n ? [all.subarray(n)] : [];
    }
    this.buffered -= n;
    return out;
  }
}
