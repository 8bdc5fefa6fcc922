// Writes Kafka's primitive types: the classic ones and the flexible versions' compact strings,
// bytes and arrays, unsigned varints and tagged fields. Large byte fields (record batches) are
// kept as their own chunks and handed to the socket as they are, so a Fetch response never
// copies logs.
import type { TaggedField } from './kafka-reader';
const CHUNK = 16 * 1024;
const COPY_LIMIT = 512;

export class KafkaWriter {
  private chunks: Buffer[] = [];
  private cur = Buffer.allocUnsafe(CHUNK);
  private pos = 0;
  private flushedBytes = 0;

  get length(): number {
    return this.flushedBytes + this.pos;
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.cur.length) return;
    this.flushCurrent();
    this.cur = Buffer.allocUnsafe(Math.max(CHUNK, n));
  }

  private flushCurrent(): void {
    if (this.pos > 0) {
      this.chunks.push(this.cur.subarray(0, this.pos));
      this.flushedBytes += this.pos;
      this.cur = this.cur.subarray(this.pos);
      this.pos = 0;
    }
  }

  int8(v: number): this {
    this.ensure(1);
    this.cur.writeInt8(v, this.pos);
    this.pos += 1;
    return this;
  }

  boolean(v: boolean): this {
    return this.int8(v ? 1 : 0);
  }

  int16(v: number): this {
    this.ensure(2);
    this.cur.writeInt16BE(v, this.pos);
    this.pos += 2;
    return this;
  }

  int32(v: number): this {
    this.ensure(4);
    this.cur.writeInt32BE(v, this.pos);
    this.pos += 4;
    return this;
  }

  int64(v: bigint | number): this {
    this.ensure(8);
    this.cur.writeBigInt64BE(BigInt(v), this.pos);
    this.pos += 8;
    return this;
  }

  nullableString(v: string | null): this {
    if (v === null) return this.int16(-1);
    const len = Buffer.byteLength(v, 'utf8');
    this.int16(len);
    this.ensure(len);
    this.cur.write(v, this.pos, 'utf8');
    this.pos += len;
    return this;
  }

  string(v: string): this {
    return this.nullableString(v);
  }

  /** Appends raw bytes with no length prefix. */
  raw(b: Buffer): this {
    if (b.length <= COPY_LIMIT) {
      this.ensure(b.length);
      b.copy(this.cur, this.pos);
      this.pos += b.length;
    } else {
      this.flushCurrent();
      this.chunks.push(b);
      this.flushedBytes += b.length;
    }
    return this;
  }

  nullableBytes(b: Buffer | null): this {
    if (b === null) return this.int32(-1);
    this.int32(b.length);
    return this.raw(b);
  }

  bytes(b: Buffer): this {
    return this.nullableBytes(b);
  }

  /** Bytes made of several chunks (a Fetch's record batches), written without joining them. */
  bytesChunks(parts: readonly Buffer[]): this {
    let len = 0;
    for (const p of parts) len += p.length;
    this.int32(len);
    for (const p of parts) this.raw(p);
    return this;
  }

  array<T>(items: readonly T[], writeItem: (w: KafkaWriter, item: T) => void): this {
    this.int32(items.length);
    for (const item of items) writeItem(this, item);
    return this;
  }

  nullableArray<T>(items: readonly T[] | null, writeItem: (w: KafkaWriter, item: T) => void): this {
    if (items === null) return this.int32(-1);
    return this.array(items, writeItem);
  }

  /** Unsigned varint (flexible versions' lengths and tags). */
  uvarint(v: number): this {
    if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) throw new RangeError(`unsigned varint out of range: ${v}`);
    this.ensure(5);
    let n = v;
    while (n >= 0x80) {
      this.cur[this.pos++] = (n & 0x7f) | 0x80;
      n = Math.floor(n / 128);
    }
    this.cur[this.pos++] = n;
    return this;
  }

  /** Zig-zag varint as used inside records. */
  varint(v: number): this {
    return this.uvarint(v >= 0 ? v * 2 : -v * 2 - 1);
  }

  compactNullableString(v: string | null): this {
    if (v === null) return this.uvarint(0);
    const len = Buffer.byteLength(v, 'utf8');
    this.uvarint(len + 1);
    this.ensure(len);
    this.cur.write(v, this.pos, 'utf8');
    this.pos += len;
    return this;
  }

  compactString(v: string): this {
    return this.compactNullableString(v);
  }

  compactNullableBytes(b: Buffer | null): this {
    if (b === null) return this.uvarint(0);
    this.uvarint(b.length + 1);
    return this.raw(b);
  }

  compactBytes(b: Buffer): this {
    return this.compactNullableBytes(b);
  }

  compactArray<T>(items: readonly T[], writeItem: (w: KafkaWriter, item: T) => void): this {
    this.uvarint(items.length + 1);
    for (const item of items) writeItem(this, item);
    return this;
  }

  compactNullableArray<T>(items: readonly T[] | null, writeItem: (w: KafkaWriter, item: T) => void): this {
    if (items === null) return this.uvarint(0);
    return this.compactArray(items, writeItem);
  }

  /** Tagged fields (in increasing tag order, as Kafka requires); none by default. */
  taggedFields(fields: readonly TaggedField[] = []): this {
    this.uvarint(fields.length);
    for (const f of fields) this.uvarint(f.tag).uvarint(f.data.length).raw(f.data);
    return this;
  }

  /** A UUID in Kafka's text form (22 characters of URL-safe base64), as 16 bytes. */
  uuid(v: string): this {
    const b = Buffer.from(v, 'base64url');
    if (b.length !== 16) throw new RangeError(`not a Kafka UUID: ${v}`);
    return this.raw(b);
  }

  toChunks(): Buffer[] {
    this.flushCurrent();
    return this.chunks;
  }

  toBuffer(): Buffer {
    return Buffer.concat(this.toChunks());
  }
}
