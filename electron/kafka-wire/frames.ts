// Every Kafka frame is an int32 size followed by that many bytes. FrameReader cuts a byte
// stream into frames without copying when a frame arrived in one piece, and without
// re-joining everything buffered on each chunk (a 4 MB Fetch answer arrives in hundreds).
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
  private chunks: Buffer[] = [];
  private buffered = 0;

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.buffered += chunk.length;
  }

  /** Bytes received and not yet taken as frames. */
  get bufferedBytes(): number {
    return this.buffered;
  }

  /** Size of the next frame once its prefix is in (possibly negative: a lying peer), else null. */
  nextSize(): number | null {
    if (this.buffered < SIZE_PREFIX_BYTES) return null;
    if (this.chunks[0].length >= SIZE_PREFIX_BYTES) return this.chunks[0].readInt32BE(0);
    return Buffer.concat(this.chunks).readInt32BE(0);
  }

  /** The next whole frame without its prefix, or null while it is incomplete. Check nextSize() first: a negative size is never taken. */
  nextFrame(): Buffer | null {
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
