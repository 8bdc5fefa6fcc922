// FindCoordinator v0-2 for consumer groups (key_type 0): the live broker that coordinates the
// group. Transaction coordinators (key_type 1) do not exist in the sandbox.
import { CoordinatorKeyType, FindCoordinator } from '../../kafka-wire/apis/find-coordinator';
import { KafkaError } from '../../kafka-wire/error-codes';
import { defineHandler } from '../api-handler';
import { groupCoordinatorOf } from '../group-coordinator';

export const findCoordinatorHandler = defineHandler({
  api: FindCoordinator,
  minVersion: 0,
  maxVersion: 2,
  handle(ctx, req) {
    let errorCode: number = KafkaError.NONE;
    let errorMessage: string | null = null;
    let node = null;
    if (req.keyType !== CoordinatorKeyType.GROUP) {
      errorCode = KafkaError.INVALID_REQUEST;
      errorMessage = `key type ${req.keyType} is not supported: the sandbox only coordinates consumer groups (0)`;
    } else {
      node = groupCoordinatorOf(ctx.services).coordinatorFor(req.key);
      if (!node) {
        errorCode = KafkaError.COORDINATOR_NOT_AVAILABLE;
        errorMessage = 'The coordinator is not available.';
      }
    }
    return {
      throttleTimeMs: 0,
      errorCode,
      errorMessage,
      nodeId: node?.id ?? -1,
      host: node?.host ?? '',
      port: node?.port ?? -1,
    };
  },
});
