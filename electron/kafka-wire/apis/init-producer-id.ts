// InitProducerId v0-1: a producer id and epoch for an idempotent (or transactional) producer.
import { defineApi } from '../api';
import { ApiKey } from '../api-keys';

export interface InitProducerIdRequest {
  transactionalId: string | null;
  transactionTimeoutMs: number;
}

export interface InitProducerIdResponse {
  throttleTimeMs: number;
  errorCode: number;
  producerId: number;
  producerEpoch: number;
}

export const InitProducerId = defineApi<InitProducerIdRequest, InitProducerIdResponse>({
  apiKey: ApiKey.InitProducerId,
  name: 'InitProducerId',
  minVersion: 0,
  maxVersion: 1,
  flexibleFrom: null,
  encodeRequest(w, _v, req) {
    w.nullableString(req.transactionalId).int32(req.transactionTimeoutMs);
  },
  decodeRequest(r) {
    const transactionalId = r.nullableString();
    return { transactionalId, transactionTimeoutMs: r.int32() };
  },
  encodeResponse(w, _v, res) {
    w.int32(res.throttleTimeMs).int16(res.errorCode).int64(res.producerId).int16(res.producerEpoch);
  },
  decodeResponse(r) {
    return { throttleTimeMs: r.int32(), errorCode: r.int16(), producerId: r.int64n(), producerEpoch: r.int16() };
  },
});
