// OffsetCommit v2-7: a group member (or, with generation -1, a client that assigns partitions
// itself) stores offsets. Unknown topics are refused per partition before the group is asked,
// as Kafka does.
import type { ApiHandler } from '../api-handler';
import { groupCoordinatorOf } from '../group-coordinator';
import { ApiKey } from '../protocol/api-keys';
import { KafkaWriter } from '../protocol/kafka-writer';

export const offsetCommitHandler: ApiHandler = {
  apiKey: ApiKey.OffsetCommit,
  name: 'OffsetCommit',
  minVersion: 2,
  maxVersion: 7,
  handle(ctx, r) {
    const v = ctx.apiVersion;
    const groupId = r.string();
    const generationId = r.int32();
    const memberId = r.string();
    if (v >= 7) r.nullableString(); // group_instance_id
    if (v <= 4) r.int64(); // retention_time_ms: offsets are kept until the topic or cluster goes
    const topics = r.array((x) => ({
      name: x.string(),
      partitions: x.array((y) => ({
        index: y.int32(),
        offset: y.int64n(),
        leaderEpoch: v >= 6 ? y.int32() : -1,
        metadata: y.nullableString(),
      })),
    }));
    const state = ctx.services.state;
    const errors = groupCoordinatorOf(ctx.services).commitOffsets(
      ctx.broker.id,
      { groupId, generationId, memberId, topics },
      (topic, partition) => state.findPartition(topic, partition) !== null,
    );
    const w = new KafkaWriter();
    if (v >= 3) w.int32(0); // throttle_time_ms
    const results = topics.map((t, ti) => ({ name: t.name, partitions: t.partitions.map((p, pi) => ({ index: p.index, error: errors[ti][pi] })) }));
    w.array(results, (w2, t) => {
      w2.string(t.name).array(t.partitions, (w3, p) => w3.int32(p.index).int16(p.error));
    });
    return w;
  },
};
