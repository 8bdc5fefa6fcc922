import type { ApiHandler } from '../api-handler';
import { ApiKey } from '../protocol/api-keys';
import { KafkaError } from '../protocol/error-codes';
import { KafkaWriter } from '../protocol/kafka-writer';

/** InitProducerId v0-1 for idempotent producers; transactions are not part of the sandbox. */
export const initProducerIdHandler: ApiHandler = {
  apiKey: ApiKey.InitProducerId,
  name: 'InitProducerId',
  minVersion: 0,
  maxVersion: 1,
  handle(ctx, r) {
    const transactionalId = r.nullableString();
    r.int32(); // transaction_timeout_ms
    const w = new KafkaWriter().int32(0);
    if (transactionalId !== null) return w.int16(KafkaError.INVALID_REQUEST).int64(-1).int16(-1);
    return w.int16(KafkaError.NONE).int64(ctx.services.state.allocateProducerId()).int16(0);
  },
};
