// DescribeGroups v0-4: state, protocol and members of groups this broker coordinates. An unknown
// group is reported as Dead with no error, as Kafka does.
import type { ApiHandler } from '../api-handler';
import { groupCoordinatorOf } from '../group-coordinator';
import { ApiKey } from '../protocol/api-keys';
import { KafkaWriter } from '../protocol/kafka-writer';

const NO_AUTHORIZED_OPERATIONS = -2147483648;

export const describeGroupsHandler: ApiHandler = {
  apiKey: ApiKey.DescribeGroups,
  name: 'DescribeGroups',
  minVersion: 0,
  maxVersion: 4,
  handle(ctx, r) {
    const v = ctx.apiVersion;
    const groupIds = r.array((x) => x.string());
    if (v >= 3) r.boolean(); // include_authorized_operations: there are no ACLs
    const coordinator = groupCoordinatorOf(ctx.services);
    const groups = groupIds.map((id) => coordinator.describeGroup(ctx.broker.id, id));
    const w = new KafkaWriter();
    if (v >= 1) w.int32(0); // throttle_time_ms
    w.array(groups, (w2, g) => {
      w2.int16(g.error).string(g.groupId).string(g.state).string(g.protocolType).string(g.protocolName);
      w2.array(g.members, (w3, m) => {
        w3.string(m.memberId);
        if (v >= 4) w3.nullableString(m.groupInstanceId);
        w3.string(m.clientId).string(m.clientHost).nullableBytes(m.metadata).nullableBytes(m.assignment);
      });
      if (v >= 3) w2.int32(NO_AUTHORIZED_OPERATIONS);
    });
    return w;
  },
};
