// The benchmark's record batch encoder, checked by two decoders it shares no code with:
// kafkajs's own record batch decoder and the sandbox broker's validator.
import { createRequire } from 'node:module';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodeRecords, recordBatch } from '../../../electron/bench/raw-batch-sender';
import { parseRecordBatches } from '../../../electron/kafka-wire/record-batch-decode';

const require = createRequire(import.meta.url);
const Decoder = require('kafkajs/src/protocol/decoder') as new (b: Buffer) => unknown;
const decodeBatch = require('kafkajs/src/protocol/recordBatch/v0/decoder') as (d: unknown) => Promise<{
  firstOffset: string;
  records: Array<{ key: Buffer | null; value: Buffer | null; offset: string; timestamp: string; headers: object }>;
}>;

describe('the benchmark record batch encoder', () => {
  it('writes the Kafka record v2 bytes (hand-computed)', () => {
    // body: attributes 0, timestamp delta 0, offset delta zz(1)=2, key zz(-1)=1 (null),
    // value zz(3)=6 + "abc", headers 0 → 9 bytes, length prefix zz(9)=0x12
    const two = encodeRecords([Buffer.from(''), Buffer.from('abc')]);
    expect([...two.subarray(two.length - 10)]).toEqual([0x12, 0x00, 0x00, 0x02, 0x01, 0x06, 0x61, 0x62, 0x63, 0x00]);
  });

  it.each([
    { n: 1, size: 1000 },
    { n: 1000, size: 1000 },
    { n: 70, size: 70_000 },
  ])('decodes with kafkajs and passes the broker validator ($n records of $size bytes)', async ({ n, size }) => {
    const values = Array.from({ length: n }, (_, i) => Buffer.alloc(size, i % 251));
    const batch = recordBatch(encodeRecords(values), n, 1_700_000_000_000, 0);
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
    const batch = recordBatch(zlib.gzipSync(encodeRecords(values)), 2, 1_700_000_000_000, 1);
    const parsed = parseRecordBatches(batch);
    expect(parsed.ok && parsed.batches[0].compression).toBe(1);
    const decoded = await decodeBatch(new Decoder(batch));
    expect(decoded.records.map((r) => String(r.value))).toEqual(['one', 'two']);
  });

  it('a damaged batch is refused by the broker validator (the CRC covers the records)', () => {
    const batch = recordBatch(encodeRecords([Buffer.from('abc')]), 1, 0, 0);
    batch[batch.length - 2] ^= 1;
    expect(parseRecordBatches(batch).ok).toBe(false);
  });
});
