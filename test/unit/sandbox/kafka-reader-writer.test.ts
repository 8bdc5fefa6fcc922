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
    expect(() => new KafkaReader(Buffer.from([0xff, 0xff, 0xff, 0xff])).array((x) => x.int8())).toThrow(/null where an array/);
  });

  it('decodes zig-zag varints', () => {
    expect(new KafkaReader(Buffer.from([0x00])).varint()).toBe(0);
    expect(new KafkaReader(Buffer.from([0x01])).varint()).toBe(-1);
    expect(new KafkaReader(Buffer.from([0x02])).varint()).toBe(1);
    expect(new KafkaReader(Buffer.from([0xac, 0x02])).varint()).toBe(150);
  });
});
