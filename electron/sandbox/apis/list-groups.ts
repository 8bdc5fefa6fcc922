// ListGroups v0-2: the groups this broker coordinates (clients ask every broker and merge).
import type { ApiHandler } from '../api-handler';
import { groupCoordinatorOf } from '../group-coordinator';
import { ApiKey } from '../protocol/api-keys';
import { KafkaError } from '../protocol/error-codes';
import { KafkaWriter } from '../protocol/kafka-writer';

export const listGroupsHandler: ApiHandler = {
  apiKey: ApiKey.ListGroups,
  name: 'ListGroups',
  minVersion: 0,
  maxVersion: 2,
  handle(ctx) {
    const v = ctx.apiVersion;
    const groups = groupCoordinatorOf(ctx.services).listGroups(ctx.broker.id);
    const w = new KafkaWriter();
    if (v >= 1) w.int32(0); // throttle_time_ms
    w.int16(KafkaError.NONE);
    return w.array(groups, (w2, g) => w2.string(g.groupId).string(g.protocolType));
  },
};
