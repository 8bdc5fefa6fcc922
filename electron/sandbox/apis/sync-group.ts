// SyncGroup v0-3: the leader hands in every member's assignment; each member waits for its own.
import type { ApiHandler } from '../api-handler';
import { groupCoordinatorOf } from '../group-coordinator';
import { ApiKey } from '../protocol/api-keys';
import { KafkaWriter } from '../protocol/kafka-writer';

export const syncGroupHandler: ApiHandler = {
  apiKey: ApiKey.SyncGroup,
  name: 'SyncGroup',
  minVersion: 0,
  maxVersion: 3,
  async handle(ctx, r) {
    const v = ctx.apiVersion;
    const groupId = r.string();
    const generationId = r.int32();
    const memberId = r.string();
    if (v >= 3) r.nullableString(); // group_instance_id: static membership is not modelled
    const assignments = r.array((x) => ({ memberId: x.string(), assignment: Buffer.from(x.bytes()) }));
    const result = await groupCoordinatorOf(ctx.services).sync(ctx.broker.id, { groupId, generationId, memberId, assignments });
    const w = new KafkaWriter();
    if (v >= 1) w.int32(0); // throttle_time_ms
    return w.int16(result.error).nullableBytes(result.assignment);
  },
};
