// OffsetFetch v1-5: a group's committed offsets for the listed partitions, or (v2+, topics null)
// for every partition it committed. Nothing committed reads as offset -1.
import { OffsetFetch } from '../../kafka-wire/apis/offset-fetch';
import { defineHandler } from '../api-handler';
import { groupCoordinatorOf } from '../group-coordinator';

export const offsetFetchHandler = defineHandler({
  api: OffsetFetch,
  minVersion: 1,
  maxVersion: 5,
  handle(ctx, req) {
    const asked =
      req.topics === null ? null : req.topics.map((t) => ({ name: t.name, partitions: t.partitionIndexes }));
    const result = groupCoordinatorOf(ctx.services).fetchOffsets(ctx.broker.id, req.groupId, asked);
    return {
      throttleTimeMs: 0,
      topics: result.topics.map((t) => ({
        name: t.name,
        partitions: t.partitions.map((p) => ({
          partitionIndex: p.index,
          committedOffset: p.offset,
          committedLeaderEpoch: p.leaderEpoch,
          metadata: p.metadata,
          errorCode: p.error,
        })),
      })),
      errorCode: result.error,
    };
  },
});
