// DescribeGroups v0-4: state, protocol and members of groups this broker coordinates. An unknown
// group is reported as Dead with no error, as Kafka does.
import { DescribeGroups } from '../../kafka-wire/apis/describe-groups';
import { AUTHORIZED_OPERATIONS_OMITTED } from '../../kafka-wire/apis/metadata';
import { defineHandler } from '../api-handler';
import { groupCoordinatorOf } from '../group-coordinator';

export const describeGroupsHandler = defineHandler({
  api: DescribeGroups,
  minVersion: 0,
  maxVersion: 4,
  handle(ctx, req) {
    // include_authorized_operations (v3+) is ignored: there are no ACLs.
    const coordinator = groupCoordinatorOf(ctx.services);
    const groups = req.groups.map((id) => {
      const g = coordinator.describeGroup(ctx.broker.id, id);
      return {
        errorCode: g.error,
        groupId: g.groupId,
        groupState: g.state,
        protocolType: g.protocolType,
        protocolData: g.protocolName,
        members: g.members.map((m) => ({
          memberId: m.memberId,
          groupInstanceId: m.groupInstanceId,
          clientId: m.clientId,
          clientHost: m.clientHost,
          memberMetadata: m.metadata,
          memberAssignment: m.assignment,
        })),
        authorizedOperations: AUTHORIZED_OPERATIONS_OMITTED,
      };
    });
    return { throttleTimeMs: 0, groups };
  },
});
