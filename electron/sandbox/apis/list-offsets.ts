// ListOffsets v1-5: the offset for a timestamp, where -1 is the latest offset (the high
// watermark, which is also the last stable offset: the sandbox has no transactions) and -2 the
// earliest (the log start offset). Only the partition's leader answers, as in Kafka.
// replica_id and isolation_level are ignored: there are no follower fetchers, and the last
// stable offset is the high watermark either way.
import {
  EARLIEST_TIMESTAMP,
  LATEST_TIMESTAMP,
  ListOffsets,
  type ListOffsetsPartitionResponse,
} from '../../kafka-wire/apis/list-offsets';
import { KafkaError } from '../../kafka-wire/error-codes';
import { BATCH_HEADER_BYTES, Compression } from '../../kafka-wire/record-batch-layout';
import { readBatchHeader, RecordCursor } from '../../kafka-wire/record-batch-decode';
import { defineHandler } from '../api-handler';
import type { PartitionState } from '../cluster-state';
import { checkPartitionRead } from '../partition-read-check';

/**
 * The first record at or after `ts` (Kafka's fetchOffsetByTimestamp): the first batch whose max
 * timestamp reaches it, then the first record inside it that does. Compressed batches are not
 * opened; their base offset and max timestamp answer, which is where a consumer would start anyway.
 */
export function offsetForTimestamp(p: PartitionState, ts: number): { offset: number; timestamp: number; leaderEpoch: number } | null {
  const log = p.log;
  for (const b of log.batches) {
    if (b.maxTimestamp < ts || b.lastOffset < log.logStartOffset) continue;
    const h = readBatchHeader(b.bytes);
    const leaderEpoch = h.partitionLeaderEpoch;
    if (h.compression !== Compression.none || h.logAppendTime) {
      return { offset: Math.max(b.baseOffset, log.logStartOffset), timestamp: b.maxTimestamp, leaderEpoch };
    }
    const records = new RecordCursor(b.bytes.subarray(BATCH_HEADER_BYTES), h.recordCount);
    while (records.next()) {
      const timestamp = h.firstTimestamp + records.timestampDelta;
      const offset = b.baseOffset + records.offsetDelta;
      if (timestamp >= ts && offset >= log.logStartOffset) return { offset, timestamp, leaderEpoch };
    }
  }
  return null;
}

function answer(p: PartitionState, partitionIndex: number, ts: number): ListOffsetsPartitionResponse {
  const log = p.log;
  const ok = KafkaError.NONE;
  if (ts === LATEST_TIMESTAMP) return { partitionIndex, errorCode: ok, timestamp: -1, offset: log.nextOffset, leaderEpoch: p.leaderEpoch };
  if (ts === EARLIEST_TIMESTAMP) {
    const first = log.batches.find((b) => b.lastOffset >= log.logStartOffset);
    const leaderEpoch = first ? readBatchHeader(first.bytes).partitionLeaderEpoch : p.leaderEpoch;
    return { partitionIndex, errorCode: ok, timestamp: -1, offset: log.logStartOffset, leaderEpoch };
  }
  // Other negative values (-3 = max timestamp) only mean something from v7 on.
  if (ts < 0) return { partitionIndex, errorCode: KafkaError.INVALID_REQUEST, timestamp: -1, offset: -1, leaderEpoch: -1 };
  const found = offsetForTimestamp(p, ts);
  // No record that late: Kafka answers offset -1 with no error.
  return found ? { partitionIndex, errorCode: ok, ...found } : { partitionIndex, errorCode: ok, timestamp: -1, offset: -1, leaderEpoch: -1 };
}

export const listOffsetsHandler = defineHandler({
  api: ListOffsets,
  minVersion: 1,
  maxVersion: 5,
  handle(ctx, req) {
    const key = (topic: string, partition: number) => `${topic}\0${partition}`;
    const seen = new Map<string, number>();
    for (const t of req.topics) for (const p of t.partitions) seen.set(key(t.name, p.partitionIndex), (seen.get(key(t.name, p.partitionIndex)) ?? 0) + 1);

    const state = ctx.services.state;
    const topics = req.topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.map((p): ListOffsetsPartitionResponse => {
        const fail = (errorCode: number) => ({ partitionIndex: p.partitionIndex, errorCode, timestamp: -1, offset: -1, leaderEpoch: -1 });
        // Kafka refuses a partition listed twice in one request.
        if ((seen.get(key(t.name, p.partitionIndex)) ?? 0) > 1) return fail(KafkaError.INVALID_REQUEST);
        const check = checkPartitionRead(state, ctx.broker.id, t.name, p.partitionIndex, p.currentLeaderEpoch);
        if (!check.ok) return fail(check.error);
        return answer(check.partition, p.partitionIndex, p.timestamp);
      }),
    }));
    return { throttleTimeMs: 0, topics };
  },
});
