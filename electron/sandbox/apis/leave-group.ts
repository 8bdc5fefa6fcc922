// LeaveGroup v0-3: one member (v0-2) or a batch of members (v3, KIP-345) leave; the rest rebalance.
import { LeaveGroup } from '../../kafka-wire/apis/leave-group';
import { KafkaError } from '../../kafka-wire/error-codes';
import { defineHandler } from '../api-handler';
import { groupCoordinatorOf } from '../group-coordinator';

export const leaveGroupHandler = defineHandler({
  api: LeaveGroup,
  minVersion: 0,
  maxVersion: 3,
  handle(ctx, req) {
    const leaving = req.members;
    const result = groupCoordinatorOf(ctx.services).leave(
      ctx.broker.id,
      req.groupId,
      leaving.map((m) => m.memberId),
    );
    if (ctx.apiVersion < 3) {
      // One member: its own error is the answer, as Kafka folds it for old versions.
      const memberError = result.members[0]?.error ?? KafkaError.NONE;
      return {
        throttleTimeMs: 0,
        errorCode: result.error !== KafkaError.NONE ? result.error : memberError,
        members: [],
      };
    }
    const members =
      result.error === KafkaError.NONE ? leaving.map((m, i) => ({ ...m, errorCode: result.members[i].error })) : [];
    return { throttleTimeMs: 0, errorCode: result.error, members };
  },
});
