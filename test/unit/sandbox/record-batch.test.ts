import { crc32c } from '@node-rs/crc32';
import { describe, expect, it } from 'vitest';
import { KafkaError } from '../../../electron/kafka-wire/error-codes';
import { KafkaReader } from '../../../electron/kafka-wire/kafka-reader';
import { parseRecordBatches, stampBatch } from '../../../electron/kafka-wire/record-batch-decode';
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
    const parsed = parseRecordBatches(buildRecordBatch([{ key: 'k', value: 'v', headers: { h: '1' } }, { value: 'w' }]));
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
    expect(parseRecordBatches(batch.subarray(0, batch.length - 5))).toMatchObject({ ok: false, error: KafkaError.CORRUPT_MESSAGE });
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
