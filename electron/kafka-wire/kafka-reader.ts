// Reads Kafka's primitive types from one frame: the classic ones and the flexible versions'
// compact strings, bytes and arrays, unsigned varints and tagged fields. Every read is bounds
// checked, so a truncated or lying frame throws ProtocolError instead of reading garbage.
import { ProtocolError } from './protocol-error';

/** A tagged field kept as it came (flexible versions): tag and raw value, so it can be written back unchanged. */
export interface TaggedField {
  tag: number;
  data: Buffer;
}

export class KafkaReader {
  constructor(
    readonly buf: Buffer,
    public pos = 0,
  ) {}

  remaining(): number {
    return this.buf.length - this.pos;
  }

  private need(n: number): void {
    if (n < 0 || this.pos + n > this.buf.length) {
      throw new ProtocolError(`truncated frame: need ${n} bytes at offset ${this.pos} of ${this.buf.length}`);
    }
  }

  int8(): number {
    this.need(1);
    return this.buf.readInt8(this.pos++);
  }

  boolean(): boolean {
    return this.int8() !== 0;
  }

  int16(): number {
    this.need(2);
    const v = this.buf.readInt16BE(this.pos);
    this.pos += 2;
    return v;
  }

  int32(): number {
    this.need(4);
    const v = this.buf.readInt32BE(this.pos);
    this.pos += 4;
    return v;
  }

  uint32(): number {
    this.need(4);
    const v = this.buf.readUInt32BE(this.pos);
    this.pos += 4;
    return v;
  }

  int64(): bigint {
    this.need(8);
    const v = this.buf.readBigInt64BE(this.pos);
    this.pos += 8;
    return v;
  }

  /** An int64 that must fit a JS number (offsets, timestamps). */
  int64n(): number {
    const v = this.int64();
    if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) {
      throw new ProtocolError(`int64 out of range: ${v}`);
    }
    return Number(v);
  }

  nullableString(): string | null {
    const len = this.int16();
    if (len === -1) return null;
    if (len < -1) throw new ProtocolError(`invalid string length ${len}`);
    this.need(len);
    const s = this.buf.toString('utf8', this.pos, this.pos + len);
    this.pos += len;
    return s;
  }

  string(): string {
    const s = this.nullableString();
    if (s === null) throw new ProtocolError('null where a string is required');
    return s;
  }

  /** A view into the frame, not a copy. */
  nullableBytes(): Buffer | null {
    const len = this.int32();
    if (len === -1) return null;
    if (len < -1) throw new ProtocolError(`invalid bytes length ${len}`);
    this.need(len);
    const b = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return b;
  }

  bytes(): Buffer {
    const b = this.nullableBytes();
    if (b === null) throw new ProtocolError('null where bytes are required');
    return b;
  }

  nullableArray<T>(readItem: (r: KafkaReader) => T): T[] | null {
    const n = this.int32();
    if (n === -1) return null;
    // Every element takes at least one byte: a larger count is a lie, refuse it before allocating.
    if (n < -1 || n > this.remaining()) throw new ProtocolError(`invalid array length ${n}`);
    const out = new Array<T>(n);
    for (let i = 0; i < n; i++) out[i] = readItem(this);
    return out;
  }

  array<T>(readItem: (r: KafkaReader) => T): T[] {
    const a = this.nullableArray(readItem);
    if (a === null) throw new ProtocolError('null where an array is required');
    return a;
  }

  /** Zig-zag varint as used inside records. */
  varint(): number {
    let shift = 0;
    let raw = 0;
    for (;;) {
      this.need(1);
      const b = this.buf[this.pos++];
      raw += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) break;
      shift += 7;
      if (shift > 63) throw new ProtocolError('varint too long');
    }
    // zig-zag decode on a JS number (safe for the 32-bit and offset/timestamp-delta values we read)
    return raw % 2 === 0 ? raw / 2 : -(raw + 1) / 2;
  }

  /** Unsigned varint (flexible versions' lengths and tags); at most 32 bits, as Kafka's ByteUtils.readUnsignedVarint. */
  uvarint(): number {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      if (shift > 28) throw new ProtocolError('unsigned varint longer than 5 bytes');
      this.need(1);
      const b = this.buf[this.pos++];
      value += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return value;
    }
  }

  /** A compact length: the varint holds length + 1, and 0 means null. */
  private compactLength(what: string): number {
    const n = this.uvarint() - 1;
    if (n > this.remaining()) throw new ProtocolError(`invalid compact ${what} length ${n}`);
    return n;
  }

  compactNullableString(): string | null {
    const len = this.compactLength('string');
    if (len === -1) return null;
    const s = this.buf.toString('utf8', this.pos, this.pos + len);
    this.pos += len;
    return s;
  }

  compactString(): string {
    const s = this.compactNullableString();
    if (s === null) throw new ProtocolError('null where a compact string is required');
    return s;
  }

  /** A view into the frame, not a copy. */
  compactNullableBytes(): Buffer | null {
    const len = this.compactLength('bytes');
    if (len === -1) return null;
    const b = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return b;
  }

  compactBytes(): Buffer {
    const b = this.compactNullableBytes();
    if (b === null) throw new ProtocolError('null where compact bytes are required');
    return b;
  }

  compactNullableArray<T>(readItem: (r: KafkaReader) => T): T[] | null {
    const n = this.compactLength('array');
    if (n === -1) return null;
    const out = new Array<T>(n);
    for (let i = 0; i < n; i++) out[i] = readItem(this);
    return out;
  }

  compactArray<T>(readItem: (r: KafkaReader) => T): T[] {
    const a = this.compactNullableArray(readItem);
    if (a === null) throw new ProtocolError('null where a compact array is required');
    return a;
  }

  /** The tagged fields that end every flexible structure, kept raw (tags in increasing order). */
  taggedFields(): TaggedField[] {
    const n = this.uvarint();
    if (n > this.remaining()) throw new ProtocolError(`invalid tagged field count ${n}`);
    const out: TaggedField[] = [];
    let last = -1;
    for (let i = 0; i < n; i++) {
      const tag = this.uvarint();
      if (tag <= last) throw new ProtocolError(`tagged field ${tag} out of order`);
      last = tag;
      const size = this.uvarint();
      this.need(size);
      out.push({ tag, data: this.buf.subarray(this.pos, this.pos + size) });
      this.pos += size;
    }
    return out;
  }

  /** A UUID (topic ids from Metadata v10 on), in Kafka's own text form: 22 characters of URL-safe base64. */
  uuid(): string {
    this.need(16);
    const s = this.buf.toString('base64url', this.pos, this.pos + 16);
    this.pos += 16;
    return s;
  }

  skip(n: number): void {
    this.need(n);
    this.pos += n;
  }
}
