// Reads a sandbox partition's log back, batch by batch, whether it lives in memory or on disk.
import type { PartitionLog } from '../../electron/sandbox/partition-log';
import type { RecordBatchHeader } from '../../electron/kafka-wire/record-batch-decode';

export interface StoredBatch {
  baseOffset: number;
  header: RecordBatchHeader;
  bytes: Buffer;
}

export function storedBatches(log: PartitionLog, fromOffset = log.logStartOffset): StoredBatch[] {
  return [...log.batchesFrom(fromOffset)].map((b) => ({
    baseOffset: b.header.baseOffset,
    header: b.header,
    bytes: b.bytes(),
  }));
}
