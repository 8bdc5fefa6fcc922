// The one record batch encoder (the benchmark's producer path, the capture script and the
// tests build batches with it), checked by kafkajs's own record batch decoder, which shares no
// code with it, and by the broker-side validation of the wire module's decoder.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parseRecordBatches } from '../../../electron/kafka-wire/record-batch-validate';
import {
  encodeRecordBatch,
  encodeRecordBatchAsync,
  encodeRecords,
} from '../../../electron/kafka-wire/record-batch-encode';

const require = createRequire(import.meta.url);
const Decoder = require('kafkajs/src/protocol/decoder') as new (b: Buffer) => unknown;
const decodeBatch = require('kafkajs/src/protocol/recordBatch/v0/decoder') as (d: unknown) => Promise<{
  firstOffset: string;
  records: Array<{ key: Buffer | null; value: Buffer | null; offset: string; timestamp: string; headers: object }>;
}>;

describe('the record batch encoder', () => {
  it('writes the Kafka record v2 bytes (hand-computed)', () => {
    // body: attributes 0, timestamp delta 0, offset delta zz(1)=2, key zz(-1)=1 (null),
    // value zz(3)=6 + "abc", headers 0 → 9 bytes, length prefix zz(9)=0x12
    const two = encodeRecords([{ value: Buffer.from('') }, { value: Buffer.from('abc') }]);
    expect([...two.subarray(two.length - 10)]).toEqual([0x12, 0x00, 0x00, 0x02, 0x01, 0x06, 0x61, 0x62, 0x63, 0x00]);
  });

  it.each([
    { n: 1, size: 1000 },
    { n: 1000, size: 1000 },
    { n: 70, size: 70_000 },
  ])('decodes with kafkajs and passes the broker validator ($n records of $size bytes)', async ({ n, size }) => {
    const values = Array.from({ length: n }, (_, i) => Buffer.alloc(size, i % 251));
    const batch = encodeRecordBatch(
      values.map((value) => ({ value })),
      { firstTimestamp: 1_700_000_000_000 },
    );
    const parsed = parseRecordBatches(batch);
    expect(parsed.ok && parsed.batches[0].recordCount).toBe(n);
    const decoded = await decodeBatch(new Decoder(batch));
    expect(decoded.records).toHaveLength(n);
    decoded.records.forEach((r, i) => {
      expect(r.offset).toBe(String(i));
      expect(r.key).toBeNull();
      expect(r.timestamp).toBe('1700000000000');
      expect(Buffer.from(r.value ?? []).equals(values[i])).toBe(true);
      expect(r.headers).toEqual({});
    });
  });

  it('marks gzip batches so brokers and consumers decompress them', async () => {
    const values = [Buffer.from('one'), Buffer.from('two')];
    const batch = await encodeRecordBatchAsync(
      values.map((value) => ({ value })),
      { firstTimestamp: 1_700_000_000_000, compression: 'gzip' },
    );
    const parsed = parseRecordBatches(batch);
    expect(parsed.ok && parsed.batches[0].compression).toBe(1);
    const decoded = await decodeBatch(new Decoder(batch));
    expect(decoded.records.map((r) => String(r.value))).toEqual(['one', 'two']);
  });

  it('a damaged batch is refused by the broker validator (the CRC covers the records)', () => {
    const batch = encodeRecordBatch([{ value: 'abc' }], { firstTimestamp: 0 });
    batch[batch.length - 2] ^= 1;
    expect(parseRecordBatches(batch).ok).toBe(false);
  });

  it('writes keys, headers, timestamp deltas and producer fields as kafkajs reads them', async () => {
    const batch = encodeRecordBatch(
      [
        { key: 'C-1', value: 'one', headers: { 'order-id': 'a', 'terminal-id': 'pos-1' } },
        { key: null, value: null, headers: [{ key: 'empty', value: null }], timestampDelta: 7 },
      ],
      { firstTimestamp: 1_700_000_000_000, producerId: 42, producerEpoch: 3, baseSequence: 9 },
    );
    const parsed = parseRecordBatches(batch);
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.batches[0]).toMatchObject({
      recordCount: 2,
      producerId: 42,
      producerEpoch: 3,
      baseSequence: 9,
      maxTimestamp: 1_700_000_000_007,
    });
    const decoded = await decodeBatch(new Decoder(batch));
    expect(
      decoded.records.map((r) => [
        r.key === null ? null : String(r.key),
        r.value === null ? null : String(r.value),
        r.timestamp,
      ]),
    ).toEqual([
      ['C-1', 'one', '1700000000000'],
      [null, null, '1700000000007'],
    ]);
    expect(Object.fromEntries(Object.entries(decoded.records[0].headers).map(([k, v]) => [k, String(v)]))).toEqual({
      'order-id': 'a',
      'terminal-id': 'pos-1',
    });
  });

  it('refuses what it cannot write instead of writing a bad batch', () => {
    expect(() => encodeRecordBatch([], { firstTimestamp: 0 })).toThrow(/at least one record/);
    expect(() => encodeRecordBatch([{ value: 'x' }], { firstTimestamp: 0, compression: 'zstd' })).toThrow(
      /zstd is not supported/,
    );
  });
});
