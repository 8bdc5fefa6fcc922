// InitProducerId v0-1 for idempotent producers; transactions are not part of the sandbox.
import { InitProducerId } from '../../kafka-wire/apis/init-producer-id';
import { KafkaError } from '../../kafka-wire/error-codes';
import { defineHandler } from '../api-handler';

export const initProducerIdHandler = defineHandler({
  api: InitProducerId,
  minVersion: 0,
  maxVersion: 1,
  handle(ctx, req) {
    if (req.transactionalId !== null)
      return { throttleTimeMs: 0, errorCode: KafkaError.INVALID_REQUEST, producerId: -1, producerEpoch: -1 };
    return {
      throttleTimeMs: 0,
      errorCode: KafkaError.NONE,
      producerId: ctx.services.state.allocateProducerId(),
      producerEpoch: 0,
    };
  },
});
