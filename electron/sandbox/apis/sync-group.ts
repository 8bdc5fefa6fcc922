// SyncGroup v0-3: the leader hands in every member's assignment; each member waits for its own.
// group_instance_id (v3) is not used: static membership is not modelled.
import { SyncGroup } from '../../kafka-wire/apis/sync-group';
import { defineHandler } from '../api-handler';
import { groupCoordinatorOf } from '../group-coordinator';

export const syncGroupHandler = defineHandler({
  api: SyncGroup,
  minVersion: 0,
  maxVersion: 3,
  async handle(ctx, req) {
    const result = await groupCoordinatorOf(ctx.services).sync(ctx.broker.id, {
      groupId: req.groupId,
      generationId: req.generationId,
      memberId: req.memberId,
      // Copied: the frame's buffer is not kept alive by a member's assignment.
      assignments: req.assignments.map((a) => ({ memberId: a.memberId, assignment: Buffer.from(a.assignment) })),
    });
    return { throttleTimeMs: 0, errorCode: result.error, assignment: result.assignment };
  },
});
