// LeaveGroup v0-3: one member (v0-2) or a batch of members (v3, KIP-345) leave; the rest rebalance.
import type { ApiHandler } from '../api-handler';
import { groupCoordinatorOf } from '../group-coordinator';
import { ApiKey } from '../protocol/api-keys';
import { KafkaError } from '../protocol/error-codes';
import { KafkaWriter } from '../protocol/kafka-writer';

export const leaveGroupHandler: ApiHandler = {
  apiKey: ApiKey.LeaveGroup,
  name: 'LeaveGroup',
  minVersion: 0,
  maxVersion: 3,
  handle(ctx, r) {
    const v = ctx.apiVersion;
    const groupId = r.string();
    const leaving =
      v >= 3 ? r.array((x) => ({ memberId: x.string(), groupInstanceId: x.nullableString() })) : [{ memberId: r.string(), groupInstanceId: null }];
    const result = groupCoordinatorOf(ctx.services).leave(
      ctx.broker.id,
      groupId,
      leaving.map((m) => m.memberId),
    );
    const w = new KafkaWriter();
    if (v >= 1) w.int32(0); // throttle_time_ms
    if (v < 3) {
      // One member: its own error is the answer, as Kafka folds it for old versions.
      const memberError = result.members[0]?.error ?? KafkaError.NONE;
      return w.int16(result.error !== KafkaError.NONE ? result.error : memberError);
    }
    w.int16(result.error);
    const answered = result.error === KafkaError.NONE ? leaving.map((m, i) => ({ ...m, error: result.members[i].error })) : [];
    w.array(answered, (w2, m) => {
      w2.string(m.memberId).nullableString(m.groupInstanceId).int16(m.error);
    });
    return w;
  },
};
