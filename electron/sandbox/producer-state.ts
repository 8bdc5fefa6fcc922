// Idempotent producing, per partition: the last five batches of each producer id are remembered
// so that a retried batch is recognised and answered with its original offset, as Kafka does.
// A producer silent for producer.id.expiration.ms (by its batches' timestamps, as Kafka counts)
// is forgotten, so the table stays bounded. With a data directory the table is saved as a
// snapshot (producer-snapshot.ts) when a segment rolls and when the sandbox closes.
import { KafkaError, type KafkaErrorCode } from '../kafka-wire/error-codes';
import type { RecordBatchHeader } from '../kafka-wire/record-batch-decode';

/** The fields of a batch the sequence check reads. */
export type SequencedBatch = Pick<
  RecordBatchHeader,
  'producerId' | 'producerEpoch' | 'baseSequence' | 'lastOffsetDelta'
> &
  Partial<Pick<RecordBatchHeader, 'maxTimestamp'>>;

const REMEMBERED_BATCHES = 5;

interface BatchMeta {
  firstSeq: number;
  lastSeq: number;
  baseOffset: number;
}

interface ProducerEntry {
  epoch: number;
  batches: BatchMeta[];
  /** The largest timestamp of its last batch. */
  lastTimestamp: number;
}

/** One producer as a snapshot stores it. */
export interface ProducerSnapshotEntry extends ProducerEntry {
  producerId: number;
}

export type SequenceCheck =
  | { kind: 'append' }
  | { kind: 'duplicate'; baseOffset: number }
  | { kind: 'error'; error: KafkaErrorCode; message: string };

const lastSeqOf = (b: SequencedBatch) => (b.baseSequence + b.lastOffsetDelta) % 2 ** 31;

export class ProducerStateTable {
  private readonly producers = new Map<number, ProducerEntry>();

  check(b: SequencedBatch): SequenceCheck {
    if (b.producerId < 0) return { kind: 'append' };
    const entry = this.producers.get(b.producerId);
    if (!entry) {
      if (b.baseSequence !== 0) {
        return {
          kind: 'error',
          error: KafkaError.UNKNOWN_PRODUCER_ID,
          message: `unknown producer ${b.producerId} sent sequence ${b.baseSequence}`,
        };
      }
      return { kind: 'append' };
    }
    if (b.producerEpoch < entry.epoch) {
      return {
        kind: 'error',
        error: KafkaError.INVALID_PRODUCER_EPOCH,
        message: `epoch ${b.producerEpoch} is older than ${entry.epoch}`,
      };
    }
    if (b.producerEpoch > entry.epoch) {
      return b.baseSequence === 0
        ? { kind: 'append' }
        : {
            kind: 'error',
            error: KafkaError.OUT_OF_ORDER_SEQUENCE_NUMBER,
            message: `new epoch must start at sequence 0, got ${b.baseSequence}`,
          };
    }
    const dup = entry.batches.find((m) => m.firstSeq === b.baseSequence && m.lastSeq === lastSeqOf(b));
    if (dup) return { kind: 'duplicate', baseOffset: dup.baseOffset };
    const last = entry.batches[entry.batches.length - 1];
    const expected = last ? (last.lastSeq + 1) % 2 ** 31 : 0;
    if (b.baseSequence !== expected) {
      return {
        kind: 'error',
        error: KafkaError.OUT_OF_ORDER_SEQUENCE_NUMBER,
        message: `out of order sequence number for producer ${b.producerId}: expected ${expected}, got ${b.baseSequence}`,
      };
    }
    return { kind: 'append' };
  }

  /** Records an appended batch (also used to rebuild the table from a log read from disk). */
  record(b: SequencedBatch, baseOffset: number): void {
    if (b.producerId < 0) return;
    let entry = this.producers.get(b.producerId);
    if (!entry || b.producerEpoch > entry.epoch) {
      entry = { epoch: b.producerEpoch, batches: [], lastTimestamp: -1 };
      this.producers.set(b.producerId, entry);
    }
    entry.lastTimestamp = b.maxTimestamp ?? entry.lastTimestamp;
    entry.batches.push({
      firstSeq: b.baseSequence,
      lastSeq: (b.baseSequence + b.lastOffsetDelta) % 2 ** 31,
      baseOffset,
    });
    if (entry.batches.length > REMEMBERED_BATCHES) entry.batches.shift();
  }

  get size(): number {
    return this.producers.size;
  }

  /** Forgets producers whose last batch is older than expirationMs; returns how many. */
  expire(now: number, expirationMs: number): number {
    let n = 0;
    for (const [id, e] of this.producers) {
      if (now - e.lastTimestamp < expirationMs) continue;
      this.producers.delete(id);
      n++;
    }
    return n;
  }

  entries(): ProducerSnapshotEntry[] {
    return [...this.producers].map(([producerId, e]) => ({
      producerId,
      epoch: e.epoch,
      lastTimestamp: e.lastTimestamp,
      batches: e.batches.map((b) => ({ ...b })),
    }));
  }

  /** Replaces the table with a snapshot's producers. */
  restore(entries: readonly ProducerSnapshotEntry[]): void {
    this.producers.clear();
    for (const e of entries) {
      this.producers.set(e.producerId, {
        epoch: e.epoch,
        lastTimestamp: e.lastTimestamp,
        batches: e.batches.slice(-REMEMBERED_BATCHES).map((b) => ({ ...b })),
      });
    }
  }
}
