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
import { defineHandler } from '../api-handler';
import type { PartitionState } from '../cluster-state';
import { checkPartitionRead } from '../partition-read-check';

function answer(p: PartitionState, partitionIndex: number, ts: number): ListOffsetsPartitionResponse {
  const log = p.log;
  const ok = KafkaError.NONE;
  if (ts === LATEST_TIMESTAMP)
    return { partitionIndex, errorCode: ok, timestamp: -1, offset: log.nextOffset, leaderEpoch: p.leaderEpoch };
  if (ts === EARLIEST_TIMESTAMP) {
    const leaderEpoch = log.firstBatchHeader()?.partitionLeaderEpoch ?? p.leaderEpoch;
    return { partitionIndex, errorCode: ok, timestamp: -1, offset: log.logStartOffset, leaderEpoch };
  }
  // Other negative values (-3 = max timestamp) only mean something from v7 on.
  if (ts < 0)
    return { partitionIndex, errorCode: KafkaError.INVALID_REQUEST, timestamp: -1, offset: -1, leaderEpoch: -1 };
  // The first record at or after ts, found through the segments' time and offset indexes.
  const found = log.offsetForTimestamp(ts);
  // No record that late: Kafka answers offset -1 with no error.
  return found
    ? { partitionIndex, errorCode: ok, ...found }
    : { partitionIndex, errorCode: ok, timestamp: -1, offset: -1, leaderEpoch: -1 };
}

export const listOffsetsHandler = defineHandler({
  api: ListOffsets,
  minVersion: 1,
  maxVersion: 5,
  handle(ctx, req) {
    const key = (topic: string, partition: number) => `${topic}\0${partition}`;
    const seen = new Map<string, number>();
    for (const t of req.topics)
      for (const p of t.partitions)
        seen.set(key(t.name, p.partitionIndex), (seen.get(key(t.name, p.partitionIndex)) ?? 0) + 1);

    const state = ctx.services.state;
    const topics = req.topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.map((p): ListOffsetsPartitionResponse => {
        const fail = (errorCode: number) => ({
          partitionIndex: p.partitionIndex,
          errorCode,
          timestamp: -1,
          offset: -1,
          leaderEpoch: -1,
        });
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
