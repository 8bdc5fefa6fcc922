// Heartbeat v0-3: keeps a member's session alive; REBALANCE_IN_PROGRESS tells it to rejoin.
import { Heartbeat } from '../../kafka-wire/apis/heartbeat';
import { defineHandler } from '../api-handler';
import { groupCoordinatorOf } from '../group-coordinator';

export const heartbeatHandler = defineHandler({
  api: Heartbeat,
  minVersion: 0,
  maxVersion: 3,
  handle(ctx, req) {
    const errorCode = groupCoordinatorOf(ctx.services).heartbeat(
      ctx.broker.id,
      req.groupId,
      req.generationId,
      req.memberId,
    );
    return { throttleTimeMs: 0, errorCode };
  },
});
