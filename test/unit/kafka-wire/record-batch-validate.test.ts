// The broker's validation decodes every record, compressed or not, before a batch may be stored:
// what a consumer could not read back is refused with CORRUPT_MESSAGE, a codec the broker cannot
// read with UNSUPPORTED_COMPRESSION_TYPE. Each broken batch here has a correct CRC, so only the
// full decode can catch it.
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32c } from '../../../electron/kafka-wire/crc32c';
import { KafkaError } from '../../../electron/kafka-wire/error-codes';
import { decodeRecordBatch } from '../../../electron/kafka-wire/record-batch-decode';
import {
  assembleRecordBatch,
  encodeRecordBatch,
  encodeRecords,
} from '../../../electron/kafka-wire/record-batch-encode';
import { BatchField, type CompressionName } from '../../../electron/kafka-wire/record-batch-layout';
import { parseRecordBatches } from '../../../electron/kafka-wire/record-batch-validate';
import { writeVarint } from '../../../electron/kafka-wire/varint';

const batchOf = (section: Buffer, count: number, compression: CompressionName = 'none') =>
  assembleRecordBatch(section, count, { firstTimestamp: 1_700_000_000_000, compression });

/** One record written field by field, so a test can make its parts disagree with its length. */
function rawRecord(fields: {
  length?: number;
  offsetDelta?: number;
  keyLength?: number;
  key?: Buffer;
  value?: Buffer;
  headerCount?: number;
  headerBytes?: Buffer;
}): Buffer {
  const body = Buffer.alloc(1024);
  let pos = 0;
  body[pos++] = 0; // attributes
  pos = writeVarint(body, pos, 0); // timestamp delta
  pos = writeVarint(body, pos, fields.offsetDelta ?? 0);
  const key = fields.key ?? Buffer.from('k');
  pos = writeVarint(body, pos, fields.keyLength ?? key.length);
  pos += key.copy(body, pos);
  const value = fields.value ?? Buffer.from('v');
  pos = writeVarint(body, pos, value.length);
  pos += value.copy(body, pos);
  pos = writeVarint(body, pos, fields.headerCount ?? 0);
  if (fields.headerBytes) pos += fields.headerBytes.copy(body, pos);
  const head = Buffer.alloc(5);
  const headLength = writeVarint(head, 0, fields.length ?? pos);
  return Buffer.concat([head.subarray(0, headLength), body.subarray(0, pos)]);
}

function refusal(batch: Buffer) {
  const parsed = parseRecordBatches(batch, { maxDecompressedBytes: 1024 * 1024 });
  if (parsed.ok) throw new Error('the batch was accepted');
  return parsed;
}

describe('compressed batches are decoded before they are accepted', () => {
  it('accepts a well-formed gzip batch and reads every record back', () => {
    const batch = encodeRecordBatch([{ key: 'a', value: 'one', headers: { h: '1' } }, { value: 'two' }], {
      firstTimestamp: 0,
      compression: 'gzip',
    });
    const parsed = parseRecordBatches(batch, { maxDecompressedBytes: 1024 });
    expect(parsed.ok && parsed.batches[0].compression).toBe(1);
    expect(decodeRecordBatch(batch).records.map((r) => r.value?.toString())).toEqual(['one', 'two']);
  });

  it('refuses a batch flagged gzip whose content is garbage, with CORRUPT_MESSAGE (its CRC is correct)', () => {
    const r = refusal(
      batchOf(Buffer.from('this is not gzip at all, just bytes that a consumer would choke on'), 1, 'gzip'),
    );
    expect(r.error).toBe(KafkaError.CORRUPT_MESSAGE);
    expect(r.message).toMatch(/gzip records cannot be decompressed/);
  });

  it('refuses gzip records that do not match the batch header (three records announced, two inside)', () => {
    const r = refusal(batchOf(zlib.gzipSync(encodeRecords([{ value: 'a' }, { value: 'b' }])), 3, 'gzip'));
    expect(r.error).toBe(KafkaError.CORRUPT_MESSAGE);
  });

  it('refuses gzip that would inflate past the limit instead of inflating it', () => {
    const huge = zlib.gzipSync(encodeRecords([{ value: Buffer.alloc(4 * 1024 * 1024) }]));
    expect(huge.length).toBeLessThan(10_000);
    const r = refusal(batchOf(huge, 1, 'gzip'));
    expect(r.error).toBe(KafkaError.CORRUPT_MESSAGE);
    expect(r.message).toMatch(/decompress to more than 1048576 bytes/);
  });

  it.each(['snappy', 'lz4', 'zstd'] as const)('refuses a %s batch with UNSUPPORTED_COMPRESSION_TYPE', (codec) => {
    const r = refusal(batchOf(Buffer.from('compressed-looking bytes'), 1, codec));
    expect(r.error).toBe(KafkaError.UNSUPPORTED_COMPRESSION_TYPE);
    expect(r.message).toContain(codec);
  });

  it('refuses an unknown codec id (5) with CORRUPT_MESSAGE', () => {
    const batch = Buffer.from(batchOf(encodeRecords([{ value: 'x' }]), 1));
    batch.writeInt16BE(5, BatchField.attributes);
    batch.writeUInt32BE(crc32c(batch.subarray(BatchField.attributes)), BatchField.crc);
    expect(refusal(batch)).toMatchObject({ error: KafkaError.CORRUPT_MESSAGE, message: 'unknown compression codec 5' });
  });
});

describe('every record is decoded, not only framed', () => {
  it('accepts hand-written records that decode exactly', () => {
    const header = Buffer.alloc(16);
    let pos = writeVarint(header, 0, 1);
    header[pos++] = 0x68; // "h"
    pos = writeVarint(header, pos, -1); // null header value
    const section = Buffer.concat([
      rawRecord({}),
      rawRecord({ offsetDelta: 1, headerCount: 1, headerBytes: header.subarray(0, pos) }),
    ]);
    expect(parseRecordBatches(batchOf(section, 2)).ok).toBe(true);
  });

  it('refuses a key that runs past the end of its record', () => {
    const r = refusal(batchOf(rawRecord({ keyLength: 40 }), 1));
    expect(r.error).toBe(KafkaError.CORRUPT_MESSAGE);
  });

  it('refuses a record whose fields end before its length says (a consumer would misread the next record)', () => {
    const withSpare = rawRecord({ length: 13 });
    const section = Buffer.concat([withSpare, Buffer.alloc(13 - (withSpare.length - 1))]);
    expect(refusal(batchOf(section, 1))).toMatchObject({
      error: KafkaError.CORRUPT_MESSAGE,
      message: expect.stringMatching(/record 0 is 13 bytes long/),
    });
  });

  it('refuses negative lengths other than -1 and a header with a null key', () => {
    expect(refusal(batchOf(rawRecord({ keyLength: -2, key: Buffer.alloc(0) }), 1)).message).toMatch(/key of length -2/);
    const nullKey = Buffer.alloc(4);
    const end = writeVarint(nullKey, writeVarint(nullKey, 0, -1), -1);
    expect(refusal(batchOf(rawRecord({ headerCount: 1, headerBytes: nullKey.subarray(0, end) }), 1)).message).toMatch(
      /header with a null key/,
    );
    expect(refusal(batchOf(rawRecord({ headerCount: -3 }), 1)).message).toMatch(/-3 headers/);
  });

  it('checks compressed records the same way once inflated', () => {
    const r = refusal(batchOf(zlib.gzipSync(rawRecord({ keyLength: 40 })), 1, 'gzip'));
    expect(r.error).toBe(KafkaError.CORRUPT_MESSAGE);
  });
});
