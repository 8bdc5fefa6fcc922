import { describe, expect, it } from 'vitest';
import { ProducerStateTable } from '../../../electron/sandbox/producer-state';
import { KafkaError } from '../../../electron/kafka-wire/error-codes';
import type { SequencedBatch } from '../../../electron/sandbox/producer-state';

const batch = (
  producerId: number,
  producerEpoch: number,
  baseSequence: number,
  count = 1,
): SequencedBatch & Record<string, unknown> => ({
  bytes: Buffer.alloc(0),
  lastOffsetDelta: count - 1,
  recordCount: count,
  firstTimestamp: 0,
  maxTimestamp: 0,
  producerId,
  producerEpoch,
  baseSequence,
  compression: 0,
  isTransactional: false,
  isControl: false,
});

describe('idempotent producer sequence checks', () => {
  it('appends in-order batches and answers a retried batch with its original offset', () => {
    const t = new ProducerStateTable();
    expect(t.check(batch(7, 0, 0, 3)).kind).toBe('append');
    t.record(batch(7, 0, 0, 3), 100);
    expect(t.check(batch(7, 0, 3, 2)).kind).toBe('append');
    t.record(batch(7, 0, 3, 2), 103);
    expect(t.check(batch(7, 0, 0, 3))).toEqual({ kind: 'duplicate', baseOffset: 100 });
    expect(t.check(batch(7, 0, 3, 2))).toEqual({ kind: 'duplicate', baseOffset: 103 });
  });

  it('gives OUT_OF_ORDER_SEQUENCE_NUMBER for a gap', () => {
    const t = new ProducerStateTable();
    t.record(batch(7, 0, 0, 1), 0);
    expect(t.check(batch(7, 0, 5))).toMatchObject({ kind: 'error', error: KafkaError.OUT_OF_ORDER_SEQUENCE_NUMBER });
  });

  it('fences an older epoch and lets a newer epoch start at 0', () => {
    const t = new ProducerStateTable();
    t.record(batch(7, 2, 0, 1), 0);
    expect(t.check(batch(7, 1, 1))).toMatchObject({ kind: 'error', error: KafkaError.INVALID_PRODUCER_EPOCH });
    expect(t.check(batch(7, 3, 0)).kind).toBe('append');
    expect(t.check(batch(7, 3, 4))).toMatchObject({ kind: 'error', error: KafkaError.OUT_OF_ORDER_SEQUENCE_NUMBER });
  });

  it('does not know a producer that starts mid-sequence', () => {
    expect(new ProducerStateTable().check(batch(9, 0, 12))).toMatchObject({
      kind: 'error',
      error: KafkaError.UNKNOWN_PRODUCER_ID,
    });
  });

  it('forgets all but the last five batches, as Kafka does', () => {
    const t = new ProducerStateTable();
    for (let i = 0; i < 6; i++) t.record(batch(7, 0, i), i);
    expect(t.check(batch(7, 0, 0)).kind).toBe('error');
    expect(t.check(batch(7, 0, 1))).toEqual({ kind: 'duplicate', baseOffset: 1 });
  });

  it('lets non-idempotent batches through', () => {
    expect(new ProducerStateTable().check(batch(-1, -1, -1)).kind).toBe('append');
  });
});
