// JoinGroup v0-5. The coordinator holds the answer until the rebalance completes, so this
// connection waits (as a Kafka connection does) while every other connection goes on.
import { JoinGroup } from '../../kafka-wire/apis/join-group';
import { defineHandler } from '../api-handler';
import { clientHostOf, groupCoordinatorOf } from '../group-coordinator';

export const joinGroupHandler = defineHandler({
  api: JoinGroup,
  minVersion: 0,
  maxVersion: 5,
  async handle(ctx, req) {
    const result = await groupCoordinatorOf(ctx.services).join(ctx.broker.id, {
      groupId: req.groupId,
      sessionTimeoutMs: req.sessionTimeoutMs,
      rebalanceTimeoutMs: req.rebalanceTimeoutMs,
      memberId: req.memberId,
      groupInstanceId: req.groupInstanceId,
      protocolType: req.protocolType,
      // Copied: the frame's buffer is not kept alive by a member's metadata.
      protocols: req.protocols.map((p) => ({ name: p.name, metadata: Buffer.from(p.metadata) })),
      clientId: ctx.clientId ?? '',
      clientHost: clientHostOf(ctx.session.remoteAddress),
      requireKnownMemberId: ctx.apiVersion >= 4,
    });
    return {
      throttleTimeMs: 0,
      errorCode: result.error,
      generationId: result.generationId,
      protocolName: result.protocolName,
      leader: result.leaderId,
      memberId: result.memberId,
      members: result.members.map((m) => ({
        memberId: m.memberId,
        groupInstanceId: m.groupInstanceId,
        metadata: m.metadata,
      })),
    };
  },
});
