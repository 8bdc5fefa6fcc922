// Record batches for tests, built with the wire module's one encoder (test/unit/kafka-wire
// checks that encoder against kafkajs's own decoder). Tests that need a broken batch (a wrong
// CRC, a lying length) damage these bytes on purpose.
import { decodeRecordBatch } from '../../electron/kafka-wire/record-batch-decode';
import { encodeRecordBatch } from '../../electron/kafka-wire/record-batch-encode';

export interface TestRecord {
  key?: string | null;
  value: string;
  headers?: Record<string, string>;
}

export interface BatchOptions {
  producerId?: number;
  producerEpoch?: number;
  baseSequence?: number;
  timestamp?: number;
}

export function buildRecordBatch(records: TestRecord[], opts: BatchOptions = {}): Buffer {
  return encodeRecordBatch(records, {
    firstTimestamp: opts.timestamp ?? 1_700_000_000_000,
    producerId: opts.producerId,
    producerEpoch: opts.producerEpoch,
    baseSequence: opts.baseSequence,
  });
}

/** The same batch (any client's) with another base sequence: decoded and encoded again. */
export function withSequence(batch: Buffer, baseSequence: number): Buffer {
  const { header, records } = decodeRecordBatch(batch);
  return encodeRecordBatch(
    records.map((r) => ({
      key: r.key,
      value: r.value,
      headers: r.headers.map((h) => ({ key: h.key, value: h.value })),
      timestampDelta: r.timestamp - header.firstTimestamp,
    })),
    {
      firstTimestamp: header.firstTimestamp,
      maxTimestamp: header.maxTimestamp,
      producerId: header.producerId,
      producerEpoch: header.producerEpoch,
      baseSequence,
      transactional: header.isTransactional,
    },
  );
}
