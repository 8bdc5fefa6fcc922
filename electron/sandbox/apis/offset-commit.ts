// OffsetCommit v2-7: a group member (or, with generation -1, a client that assigns partitions
// itself) stores offsets. Unknown topics are refused per partition before the group is asked,
// as Kafka does. retention_time_ms (v2-4) is ignored: offsets are kept until the topic or
// cluster goes.
import { OffsetCommit } from '../../kafka-wire/apis/offset-commit';
import { defineHandler } from '../api-handler';
import { groupCoordinatorOf } from '../group-coordinator';

export const offsetCommitHandler = defineHandler({
  api: OffsetCommit,
  minVersion: 2,
  maxVersion: 7,
  handle(ctx, req) {
    const topics = req.topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.map((p) => ({
        index: p.partitionIndex,
        offset: p.committedOffset,
        leaderEpoch: p.committedLeaderEpoch,
        metadata: p.committedMetadata,
      })),
    }));
    const state = ctx.services.state;
    const errors = groupCoordinatorOf(ctx.services).commitOffsets(
      ctx.broker.id,
      { groupId: req.groupId, generationId: req.generationId, memberId: req.memberId, topics },
      (topic, partition) => state.findPartition(topic, partition) !== null,
    );
    return {
      throttleTimeMs: 0,
      topics: topics.map((t, ti) => ({
        name: t.name,
        partitions: t.partitions.map((p, pi) => ({ partitionIndex: p.index, errorCode: errors[ti][pi] })),
      })),
    };
  },
});
