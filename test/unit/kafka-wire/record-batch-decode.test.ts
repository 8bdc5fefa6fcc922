import { crc32c } from '@node-rs/crc32';
import { describe, expect, it } from 'vitest';
import { KafkaError } from '../../../electron/kafka-wire/error-codes';
import { KafkaReader } from '../../../electron/kafka-wire/kafka-reader';
import {
  decodeRecordBatch,
  RecordCursor,
  splitRecordBatches,
  stampBatch,
} from '../../../electron/kafka-wire/record-batch-decode';
import { parseRecordBatches } from '../../../electron/kafka-wire/record-batch-validate';
import { encodeRecordBatch } from '../../../electron/kafka-wire/record-batch-encode';
import { BATCH_HEADER_BYTES } from '../../../electron/kafka-wire/record-batch-layout';
import { ProtocolError } from '../../../electron/kafka-wire/protocol-error';
import { buildRecordBatch } from '../../support/record-batch-builder';
import { capturedFrame, splitRequest } from '../../support/raw-kafka-client';

/** The record batch inside kafkajs's captured Produce v7 request. */
function kafkajsBatch(): Buffer {
  const r = new KafkaReader(splitRequest(capturedFrame('kafkajs-key0-v7')).body);
  r.nullableString();
  r.int16();
  r.int32();
  let batch: Buffer | null = null;
  r.array((t) => {
    t.string();
    t.array((p) => {
      p.int32();
      batch = p.nullableBytes();
    });
  });
  return batch!;
}

describe('record batch validation', () => {
  it('accepts the batch kafkajs sent and reads its producer fields', () => {
    const parsed = parseRecordBatches(kafkajsBatch());
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const [b] = parsed.batches;
    expect(b.recordCount).toBe(1);
    expect(b.producerId).toBeGreaterThanOrEqual(0);
    expect(b.producerEpoch).toBe(0);
    expect(b.baseSequence).toBe(0);
  });

  it('accepts a batch built independently of kafkajs', () => {
    const parsed = parseRecordBatches(
      buildRecordBatch([{ key: 'k', value: 'v', headers: { h: '1' } }, { value: 'w' }]),
    );
    expect(parsed.ok && parsed.batches[0].recordCount).toBe(2);
  });

  it('rejects a flipped payload byte with CORRUPT_MESSAGE (CRC-32C mismatch)', () => {
    const batch = Buffer.from(kafkajsBatch());
    batch[batch.length - 3] ^= 0xff;
    const parsed = parseRecordBatches(batch);
    expect(parsed).toMatchObject({ ok: false, error: KafkaError.CORRUPT_MESSAGE });
    expect(!parsed.ok && parsed.message).toMatch(/CRC/);
  });

  it('rejects a batch whose length runs past the bytes sent', () => {
    const batch = kafkajsBatch();
    expect(parseRecordBatches(batch.subarray(0, batch.length - 5))).toMatchObject({
      ok: false,
      error: KafkaError.CORRUPT_MESSAGE,
    });
    expect(parseRecordBatches(batch.subarray(0, 30))).toMatchObject({ ok: false, error: KafkaError.CORRUPT_MESSAGE });
  });

  it('rejects old message formats', () => {
    const batch = Buffer.from(kafkajsBatch());
    batch.writeInt8(1, 16);
    expect(parseRecordBatches(batch)).toMatchObject({ ok: false, error: KafkaError.UNSUPPORTED_FOR_MESSAGE_FORMAT });
  });

  it('rejects a record count that does not match the records (CRC made valid)', () => {
    const lying = buildRecordBatch([{ value: 'a' }, { value: 'b' }]);
    const parsed = parseRecordBatches(lying);
    expect(parsed.ok).toBe(true);
    const three = Buffer.from(lying);
    three.writeInt32BE(3, 57);
    three.writeInt32BE(2, 23);
    three.writeUInt32BE(crc32c(three.subarray(21)) >>> 0, 17);
    expect(parseRecordBatches(three)).toMatchObject({ ok: false, error: KafkaError.CORRUPT_MESSAGE });
  });

  it('stamps the offset and leader epoch without breaking the CRC', () => {
    const stamped = stampBatch(kafkajsBatch(), 42, 3);
    expect(stamped.readBigInt64BE(0)).toBe(42n);
    expect(stamped.readInt32BE(12)).toBe(3);
    expect(parseRecordBatches(stamped).ok).toBe(true);
  });
});

describe('reading records', () => {
  it("reads back kafkajs's own batch: key, value, headers, offset and timestamp", () => {
    const { header, records } = decodeRecordBatch(stampBatch(kafkajsBatch(), 41, 0));
    expect(header).toMatchObject({ baseOffset: 41, recordCount: 1, magic: 2, compression: 0, isControl: false });
    expect(records).toHaveLength(1);
    const [r] = records;
    expect(r.offset).toBe(41);
    expect(r.timestamp).toBe(header.firstTimestamp);
    expect(r.key?.toString()).toBe('C-1001');
    expect(r.value?.toString()).toBe('{"order":1}');
    expect(r.headers.map((h) => [h.key, h.value?.toString()])).toEqual([['order-id', 'a']]);
  });

  it('reads what the encoder wrote, gzip included, with absolute offsets and timestamps', () => {
    for (const compression of ['none', 'gzip'] as const) {
      const batch = stampBatch(
        encodeRecordBatch(
          [
            { key: 'k1', value: 'one', headers: { a: '1', b: '2' } },
            { key: null, value: null, timestampDelta: 30, headers: [{ key: 'no-value', value: null }] },
          ],
          { firstTimestamp: 5_000, compression },
        ),
        100,
        2,
      );
      const { header, records } = decodeRecordBatch(batch);
      expect(header).toMatchObject({
        compression: compression === 'gzip' ? 1 : 0,
        partitionLeaderEpoch: 2,
        maxTimestamp: 5_030,
      });
      expect(
        records.map((r) => ({
          offset: r.offset,
          timestamp: r.timestamp,
          key: r.key?.toString() ?? null,
          value: r.value?.toString() ?? null,
          headers: r.headers.map((h) => [h.key, h.value?.toString() ?? null]),
        })),
      ).toEqual([
        {
          offset: 100,
          timestamp: 5_000,
          key: 'k1',
          value: 'one',
          headers: [
            ['a', '1'],
            ['b', '2'],
          ],
        },
        { offset: 101, timestamp: 5_030, key: null, value: null, headers: [['no-value', null]] },
      ]);
    }
  });

  it('takes the whole batches out of a fetched records field and leaves out a last one cut short', () => {
    const a = stampBatch(buildRecordBatch([{ value: 'a' }, { value: 'b' }]), 0, 0);
    const b = stampBatch(buildRecordBatch([{ value: 'c' }]), 2, 0);
    const fetched = Buffer.concat([a, b, b.subarray(0, b.length - 3)]);
    const batches = splitRecordBatches(fetched);
    expect(batches.map((x) => [x.baseOffset, x.recordCount])).toEqual([
      [0, 2],
      [2, 1],
    ]);
    expect(batches[1].bytes.equals(b)).toBe(true);
    expect(splitRecordBatches(Buffer.alloc(0))).toEqual([]);
  });

  it('refuses a record that claims more than its batch holds, with a ProtocolError', () => {
    const batch = Buffer.from(buildRecordBatch([{ key: 'k', value: 'v' }]));
    const section = batch.subarray(BATCH_HEADER_BYTES);
    section[0] = 0x7e; // record length 63, far past the end
    const cursor = new RecordCursor(section, 1);
    expect(cursor.next()).toBe(true);
    expect(() => cursor.value()).toThrow(ProtocolError);
    expect(parseRecordBatches(batch)).toMatchObject({ ok: false, error: KafkaError.CORRUPT_MESSAGE });
  });
});
