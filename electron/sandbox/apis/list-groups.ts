// ListGroups v0-2: the groups this broker coordinates (clients ask every broker and merge).
import { ListGroups } from '../../kafka-wire/apis/list-groups';
import { KafkaError } from '../../kafka-wire/error-codes';
import { defineHandler } from '../api-handler';
import { groupCoordinatorOf } from '../group-coordinator';

export const listGroupsHandler = defineHandler({
  api: ListGroups,
  minVersion: 0,
  maxVersion: 2,
  handle(ctx) {
    const groups = groupCoordinatorOf(ctx.services).listGroups(ctx.broker.id);
    return {
      throttleTimeMs: 0,
      errorCode: KafkaError.NONE,
      groups: groups.map((g) => ({ groupId: g.groupId, protocolType: g.protocolType })),
    };
  },
});
