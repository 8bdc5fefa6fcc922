// OffsetFetch v1-5: a group's committed offsets for the listed partitions, or (v2+, topics null)
// for every partition it committed. Nothing committed reads as offset -1.
import type { ApiHandler } from '../api-handler';
import { groupCoordinatorOf } from '../group-coordinator';
import { ApiKey } from '../protocol/api-keys';
import { KafkaWriter } from '../protocol/kafka-writer';

export const offsetFetchHandler: ApiHandler = {
  apiKey: ApiKey.OffsetFetch,
  name: 'OffsetFetch',
  minVersion: 1,
  maxVersion: 5,
  handle(ctx, r) {
    const v = ctx.apiVersion;
    const groupId = r.string();
    const readTopic = (x: typeof r) => ({ name: x.string(), partitions: x.array((y) => y.int32()) });
    const topics = v >= 2 ? r.nullableArray(readTopic) : r.array(readTopic);
    const result = groupCoordinatorOf(ctx.services).fetchOffsets(ctx.broker.id, groupId, topics);
    const w = new KafkaWriter();
    if (v >= 3) w.int32(0); // throttle_time_ms
    w.array(result.topics, (w2, t) => {
      w2.string(t.name).array(t.partitions, (w3, p) => {
        w3.int32(p.index).int64(p.offset);
        if (v >= 5) w3.int32(p.leaderEpoch);
        w3.nullableString(p.metadata).int16(p.error);
      });
    });
    if (v >= 2) w.int16(result.error);
    return w;
  },
};
