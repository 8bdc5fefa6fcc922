// JoinGroup v0-5. The coordinator holds the answer until the rebalance completes, so this
// connection waits (as a Kafka connection does) while every other connection goes on.
import type { ApiHandler } from '../api-handler';
import { clientHostOf, groupCoordinatorOf } from '../group-coordinator';
import { ApiKey } from '../protocol/api-keys';
import { KafkaWriter } from '../protocol/kafka-writer';

export const joinGroupHandler: ApiHandler = {
  apiKey: ApiKey.JoinGroup,
  name: 'JoinGroup',
  minVersion: 0,
  maxVersion: 5,
  async handle(ctx, r) {
    const v = ctx.apiVersion;
    const groupId = r.string();
    const sessionTimeoutMs = r.int32();
    // v0 has no rebalance timeout: Kafka uses the session timeout for both.
    const rebalanceTimeoutMs = v >= 1 ? r.int32() : sessionTimeoutMs;
    const memberId = r.string();
    const groupInstanceId = v >= 5 ? r.nullableString() : null;
    const protocolType = r.string();
    // Copied: the frame's buffer is not kept alive by a member's metadata.
    const protocols = r.array((x) => ({ name: x.string(), metadata: Buffer.from(x.bytes()) }));
    const result = await groupCoordinatorOf(ctx.services).join(ctx.broker.id, {
      groupId,
      sessionTimeoutMs,
      rebalanceTimeoutMs,
      memberId,
      groupInstanceId,
      protocolType,
      protocols,
      clientId: ctx.clientId ?? '',
      clientHost: clientHostOf(ctx.session.remoteAddress),
      requireKnownMemberId: v >= 4,
    });
    const w = new KafkaWriter();
    if (v >= 2) w.int32(0); // throttle_time_ms
    w.int16(result.error).int32(result.generationId).string(result.protocolName).string(result.leaderId).string(result.memberId);
    w.array(result.members, (w2, m) => {
      w2.string(m.memberId);
      if (v >= 5) w2.nullableString(m.groupInstanceId);
      w2.nullableBytes(m.metadata);
    });
    return w;
  },
};
