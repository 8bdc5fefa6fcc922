import { describe, expect, it } from 'vitest';
import { KafkaReader } from '../../../electron/kafka-wire/kafka-reader';
import { KafkaWriter } from '../../../electron/kafka-wire/kafka-writer';
import { ProtocolError } from '../../../electron/kafka-wire/protocol-error';

describe('Kafka primitive types', () => {
  it('reads back what was written, including nulls and large byte fields kept as chunks', () => {
    const big = Buffer.alloc(4096, 7);
    const w = new KafkaWriter()
      .int8(-3)
      .int16(-2)
      .int32(123456)
      .int64(2n ** 40n)
      .string('주문')
      .nullableString(null)
      .nullableBytes(Buffer.from('ab'))
      .nullableBytes(null)
      .nullableBytes(big)
      .array([1, 2, 3], (x, n) => x.int32(n))
      .nullableArray(null, () => {});
    expect(w.toChunks().length).toBeGreaterThan(1); // the 4 KiB field is its own chunk, not a copy
    const r = new KafkaReader(w.toBuffer());
    expect(r.int8()).toBe(-3);
    expect(r.int16()).toBe(-2);
    expect(r.int32()).toBe(123456);
    expect(r.int64()).toBe(2n ** 40n);
    expect(r.string()).toBe('주문');
    expect(r.nullableString()).toBeNull();
    expect(r.nullableBytes()?.toString()).toBe('ab');
    expect(r.nullableBytes()).toBeNull();
    expect(r.bytes().equals(big)).toBe(true);
    expect(r.array((x) => x.int32())).toEqual([1, 2, 3]);
    expect(r.nullableArray((x) => x.int32())).toBeNull();
    expect(r.remaining()).toBe(0);
  });

  it('throws ProtocolError on truncation instead of reading past the frame', () => {
    const r = new KafkaReader(Buffer.from([0, 5, 65, 66]));
    expect(() => r.string()).toThrow(ProtocolError);
    expect(() => new KafkaReader(Buffer.from([0, 0, 0])).int32()).toThrow(/truncated/);
  });

  it('refuses an array count larger than the bytes left before allocating', () => {
    const r = new KafkaReader(Buffer.from([0x7f, 0xff, 0xff, 0xff, 1, 2]));
    expect(() => r.array((x) => x.int8())).toThrow(/invalid array length/);
  });

  it('refuses null where a value is required', () => {
    expect(() => new KafkaReader(Buffer.from([0xff, 0xff])).string()).toThrow(/null where a string/);
    expect(() => new KafkaReader(Buffer.from([0xff, 0xff, 0xff, 0xff])).array((x) => x.int8())).toThrow(
      /null where an array/,
    );
  });

  it('decodes zig-zag varints', () => {
    expect(new KafkaReader(Buffer.from([0x00])).varint()).toBe(0);
    expect(new KafkaReader(Buffer.from([0x01])).varint()).toBe(-1);
    expect(new KafkaReader(Buffer.from([0x02])).varint()).toBe(1);
    expect(new KafkaReader(Buffer.from([0xac, 0x02])).varint()).toBe(150);
  });
});

describe('flexible versions: unsigned varints, compact fields, tagged fields, UUIDs', () => {
  it('writes unsigned varints in Kafka bytes and reads them back up to 32 bits', () => {
    expect([...new KafkaWriter().uvarint(0).toBuffer()]).toEqual([0x00]);
    expect([...new KafkaWriter().uvarint(127).toBuffer()]).toEqual([0x7f]);
    expect([...new KafkaWriter().uvarint(300).toBuffer()]).toEqual([0xac, 0x02]);
    for (const v of [0, 1, 127, 128, 16_383, 16_384, 2 ** 31, 2 ** 32 - 1]) {
      expect(new KafkaReader(new KafkaWriter().uvarint(v).toBuffer()).uvarint()).toBe(v);
    }
    expect(() => new KafkaWriter().uvarint(-1)).toThrow(RangeError);
    expect(() => new KafkaWriter().uvarint(2 ** 32)).toThrow(RangeError);
  });

  it('refuses an unsigned varint longer than five bytes, or cut short', () => {
    expect(() => new KafkaReader(Buffer.from([0x80, 0x80, 0x80, 0x80, 0x80, 0x01])).uvarint()).toThrow(ProtocolError);
    expect(() => new KafkaReader(Buffer.from([0x80])).uvarint()).toThrow(/truncated/);
  });

  it('writes compact strings, bytes and arrays as length + 1, with 0 for null', () => {
    expect([...new KafkaWriter().compactString('ab').toBuffer()]).toEqual([0x03, 0x61, 0x62]);
    expect([...new KafkaWriter().compactNullableString(null).toBuffer()]).toEqual([0x00]);
    expect([...new KafkaWriter().compactString('').toBuffer()]).toEqual([0x01]);
    const w = new KafkaWriter()
      .compactString('주문')
      .compactNullableString(null)
      .compactBytes(Buffer.from([1, 2]))
      .compactNullableBytes(null)
      .compactArray([5, 6], (x, n) => x.int16(n))
      .compactNullableArray(null, () => {});
    const r = new KafkaReader(w.toBuffer());
    expect(r.compactString()).toBe('주문');
    expect(r.compactNullableString()).toBeNull();
    expect([...r.compactBytes()]).toEqual([1, 2]);
    expect(r.compactNullableBytes()).toBeNull();
    expect(r.compactArray((x) => x.int16())).toEqual([5, 6]);
    expect(r.compactNullableArray((x) => x.int16())).toBeNull();
    expect(r.remaining()).toBe(0);
  });

  it('refuses compact lengths that lie, and null where a value is required', () => {
    expect(() => new KafkaReader(Buffer.from([0x05, 0x61])).compactString()).toThrow(/invalid compact string length 4/);
    expect(() => new KafkaReader(Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f])).compactArray((x) => x.int8())).toThrow(
      /invalid compact array length/,
    );
    expect(() => new KafkaReader(Buffer.from([0x00])).compactString()).toThrow(/null where a compact string/);
  });

  it('keeps tagged fields as they came, so a structure is written back unchanged', () => {
    const fields = [
      { tag: 0, data: Buffer.from([1, 2, 3]) },
      { tag: 7, data: Buffer.alloc(0) },
    ];
    const bytes = new KafkaWriter().taggedFields(fields).toBuffer();
    expect([...bytes]).toEqual([0x02, 0x00, 0x03, 1, 2, 3, 0x07, 0x00]);
    const back = new KafkaReader(bytes).taggedFields();
    expect(back.map((f) => [f.tag, [...f.data]])).toEqual([
      [0, [1, 2, 3]],
      [7, []],
    ]);
    expect([...new KafkaWriter().taggedFields().toBuffer()]).toEqual([0x00]);
  });

  it('refuses tagged fields out of order or running past the frame', () => {
    expect(() => new KafkaReader(Buffer.from([0x02, 0x05, 0x00, 0x01, 0x00])).taggedFields()).toThrow(/out of order/);
    expect(() => new KafkaReader(Buffer.from([0x01, 0x00, 0x09, 0x01])).taggedFields()).toThrow(/truncated/);
  });

  it("reads and writes UUIDs (topic ids) in Kafka's 22-character text form", () => {
    const id = Buffer.from('00112233445566778899aabbccddeeff', 'hex').toString('base64url');
    const bytes = new KafkaWriter().uuid(id).toBuffer();
    expect(bytes.toString('hex')).toBe('00112233445566778899aabbccddeeff');
    expect(new KafkaReader(bytes).uuid()).toBe(id);
    expect(() => new KafkaWriter().uuid('short')).toThrow(RangeError);
  });
});
