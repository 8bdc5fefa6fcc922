// Produce v3-8 (v3 is the first version carrying record batches v2, and the oldest Kafka 4.x
// accepts). acks=0 requests get no response at all.
import { defineApi } from '../api';
import { ApiKey } from '../api-keys';

export interface ProducePartitionData {
  index: number;
  /** One record batch (v2); a view into the frame when decoded. */
  records: Buffer | null;
}

export interface ProduceRequest {
  transactionalId: string | null;
  /** 0, 1 or -1 (all). */
  acks: number;
  timeoutMs: number;
  topicData: Array<{ name: string; partitionData: ProducePartitionData[] }>;
}

export interface ProducePartitionResponse {
  index: number;
  errorCode: number;
  baseOffset: number;
  /** -1 unless the topic uses LogAppendTime. */
  logAppendTimeMs: number;
  /** v5+ */
  logStartOffset: number;
  /** v8+: records of the batch that made it fail. */
  recordErrors: Array<{ batchIndex: number; batchIndexErrorMessage: string | null }>;
  /** v8+ */
  errorMessage: string | null;
}

export interface ProduceResponse {
  responses: Array<{ name: string; partitionResponses: ProducePartitionResponse[] }>;
  throttleTimeMs: number;
}

export const Produce = defineApi<ProduceRequest, ProduceResponse>({
  apiKey: ApiKey.Produce,
  name: 'Produce',
  minVersion: 3,
  maxVersion: 8,
  flexibleFrom: null,
  encodeRequest(w, _v, req) {
    w.nullableString(req.transactionalId).int16(req.acks).int32(req.timeoutMs);
    w.array(req.topicData, (w2, t) =>
      w2.string(t.name).array(t.partitionData, (w3, p) => w3.int32(p.index).nullableBytes(p.records)),
    );
  },
  decodeRequest(r) {
    const transactionalId = r.nullableString();
    const acks = r.int16();
    const timeoutMs = r.int32();
    const topicData = r.array((x) => ({
      name: x.string(),
      partitionData: x.array((y) => ({ index: y.int32(), records: y.nullableBytes() })),
    }));
    return { transactionalId, acks, timeoutMs, topicData };
  },
  encodeResponse(w, v, res) {
    w.array(res.responses, (w2, t) => {
      w2.string(t.name);
      w2.array(t.partitionResponses, (w3, p) => {
        w3.int32(p.index).int16(p.errorCode).int64(p.baseOffset).int64(p.logAppendTimeMs);
        if (v >= 5) w3.int64(p.logStartOffset);
        if (v >= 8) {
          w3.array(p.recordErrors, (w4, e) => w4.int32(e.batchIndex).nullableString(e.batchIndexErrorMessage));
          w3.nullableString(p.errorMessage);
        }
      });
    });
    w.int32(res.throttleTimeMs);
  },
  decodeResponse(r, v) {
    const responses = r.array((x) => ({
      name: x.string(),
      partitionResponses: x.array((y): ProducePartitionResponse => ({
        index: y.int32(),
        errorCode: y.int16(),
        baseOffset: y.int64n(),
        logAppendTimeMs: y.int64n(),
        logStartOffset: v >= 5 ? y.int64n() : -1,
        recordErrors:
          v >= 8 ? y.array((z) => ({ batchIndex: z.int32(), batchIndexErrorMessage: z.nullableString() })) : [],
        errorMessage: v >= 8 ? y.nullableString() : null,
      })),
    }));
    return { responses, throttleTimeMs: r.int32() };
  },
});
