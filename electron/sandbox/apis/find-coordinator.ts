// FindCoordinator v0-2 for consumer groups (key_type 0): the live broker that coordinates the
// group. Transaction coordinators (key_type 1) do not exist in the sandbox.
import type { ApiHandler } from '../api-handler';
import { groupCoordinatorOf } from '../group-coordinator';
import { ApiKey } from '../protocol/api-keys';
import { KafkaError } from '../protocol/error-codes';
import { KafkaWriter } from '../protocol/kafka-writer';

const GROUP_KEY_TYPE = 0;

export const findCoordinatorHandler: ApiHandler = {
  apiKey: ApiKey.FindCoordinator,
  name: 'FindCoordinator',
  minVersion: 0,
  maxVersion: 2,
  handle(ctx, r) {
    const v = ctx.apiVersion;
    const key = r.string();
    const keyType = v >= 1 ? r.int8() : GROUP_KEY_TYPE;
    let error: number = KafkaError.NONE;
    let message: string | null = null;
    let node = null;
    if (keyType !== GROUP_KEY_TYPE) {
      error = KafkaError.INVALID_REQUEST;
      message = `key type ${keyType} is not supported: the sandbox only coordinates consumer groups (0)`;
    } else {
      node = groupCoordinatorOf(ctx.services).coordinatorFor(key);
      if (!node) {
        error = KafkaError.COORDINATOR_NOT_AVAILABLE;
        message = 'The coordinator is not available.';
      }
    }
    const w = new KafkaWriter();
    if (v >= 1) w.int32(0); // throttle_time_ms
    w.int16(error);
    if (v >= 1) w.nullableString(message);
    w.int32(node?.id ?? -1).string(node?.host ?? '').int32(node?.port ?? -1);
    return w;
  },
};
