// Varint sizes and in-place writes for code that fills one pre-sized buffer (the record batch
// encoder): zig-zag varints inside records, as Kafka's ByteUtils writes them.

export function zigzag(n: number): number {
  return n >= 0 ? n * 2 : -n * 2 - 1;
}

/** Bytes an unsigned varint of `v` takes. */
export function uvarintSize(v: number): number {
  let size = 1;
  while (v >= 0x80) {
    v = Math.floor(v / 128);
    size++;
  }
  return size;
}

export function varintSize(n: number): number {
  return uvarintSize(zigzag(n));
}

/** Writes `n` as a zig-zag varint at `pos`; returns the position after it. */
export function writeVarint(buf: Buffer, pos: number, n: number): number {
  let v = zigzag(n);
  while (v >= 0x80) {
    buf[pos++] = (v & 0x7f) | 0x80;
    v = Math.floor(v / 128);
  }
  buf[pos++] = v;
  return pos;
}
