import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { encodeRecord } from '../../../electron/bench/kafkajs-speedups';

const require = createRequire(import.meta.url);
// kafkajs' own decoder for records, untouched by the speedups.
const Decoder = require('kafkajs/src/protocol/decoder') as new (b: Buffer) => unknown;
const decodeRecord = require('kafkajs/src/protocol/recordBatch/record/v0/decoder') as (
  d: unknown,
  ctx: object,
) => Promise<{ key: Buffer | null; value: Buffer | null; offset: string; timestamp: string; headers: object }>;

describe('the benchmark record encoder (exact-size buffers for kafkajs)', () => {
  it('writes the Kafka record v2 bytes (hand-computed)', () => {
    // body: attributes 0, timestamp delta 0, offset delta zz(1)=2, key zz(-1)=1 (null),
    // value zz(3)=6 + "abc", headers 0 → 9 bytes, length zz(9)=0x12
    const { buffer } = encodeRecord({ offsetDelta: 1, value: Buffer.from('abc') });
    expect([...buffer]).toEqual([0x12, 0x00, 0x00, 0x02, 0x01, 0x06, 0x61, 0x62, 0x63, 0x00]);
  });

  it.each([
    { offsetDelta: 0, timestampDelta: 0, key: null, value: Buffer.alloc(1000, 65) },
    { offsetDelta: 63, timestampDelta: 64, key: Buffer.from('k'), value: Buffer.alloc(0) },
    { offsetDelta: 300_000, timestampDelta: 1_700_000, key: Buffer.alloc(200, 1), value: Buffer.alloc(70_000, 7) },
  ])('round-trips through kafkajs own record decoder (offset delta $offsetDelta)', async (input) => {
    const { buffer } = encodeRecord(input);
    const d = new Decoder(buffer) as { readVarInt(): number; offset: number };
    const length = d.readVarInt();
    expect(length).toBe(buffer.length - d.offset); // the length prefix counts exactly the rest
    const rec = await decodeRecord(d, { firstOffset: '1000', firstTimestamp: '5000', magicByte: 2 });
    expect(rec.offset).toBe(String(1000 + input.offsetDelta));
    expect(rec.timestamp).toBe(String(5000 + input.timestampDelta));
    expect(rec.key === null ? null : Buffer.from(rec.key).toString('hex')).toBe(input.key ? input.key.toString('hex') : null);
    expect(Buffer.from(rec.value ?? []).equals(input.value)).toBe(true);
    expect(rec.headers).toEqual({});
  });

  it('refuses what it does not encode instead of encoding it differently', () => {
    expect(() => encodeRecord({ value: Buffer.from('x'), headers: { h: 'v' } })).toThrow(/headers/);
    expect(() => encodeRecord({ value: 'text' as unknown as Buffer })).toThrow(/Buffer/);
  });
});
