// Heartbeat v0-3: keeps a member's session alive; REBALANCE_IN_PROGRESS tells it to rejoin.
import type { ApiHandler } from '../api-handler';
import { groupCoordinatorOf } from '../group-coordinator';
import { ApiKey } from '../protocol/api-keys';
import { KafkaWriter } from '../protocol/kafka-writer';

export const heartbeatHandler: ApiHandler = {
  apiKey: ApiKey.Heartbeat,
  name: 'Heartbeat',
  minVersion: 0,
  maxVersion: 3,
  handle(ctx, r) {
    const v = ctx.apiVersion;
    const groupId = r.string();
    const generationId = r.int32();
    const memberId = r.string();
    if (v >= 3) r.nullableString(); // group_instance_id
    const error = groupCoordinatorOf(ctx.services).heartbeat(ctx.broker.id, groupId, generationId, memberId);
    const w = new KafkaWriter();
    if (v >= 1) w.int32(0); // throttle_time_ms
    return w.int16(error);
  },
};
