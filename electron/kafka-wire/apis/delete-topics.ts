// DeleteTopics v0-3 (Kafka 4.x accepts v1 and later).
import { defineApi } from '../api';
import { ApiKey } from '../api-keys';

export interface DeleteTopicsRequest {
  topicNames: string[];
  timeoutMs: number;
}

export interface DeleteTopicsResponse {
  /** v1+ */
  throttleTimeMs: number;
  responses: Array<{ name: string; errorCode: number }>;
}

export const DeleteTopics = defineApi<DeleteTopicsRequest, DeleteTopicsResponse>({
  apiKey: ApiKey.DeleteTopics,
  name: 'DeleteTopics',
  minVersion: 0,
  maxVersion: 3,
  flexibleFrom: null,
  encodeRequest(w, _v, req) {
    w.array(req.topicNames, (w2, t) => w2.string(t)).int32(req.timeoutMs);
  },
  decodeRequest(r) {
    const topicNames = r.array((x) => x.string());
    return { topicNames, timeoutMs: r.int32() };
  },
  encodeResponse(w, v, res) {
    if (v >= 1) w.int32(res.throttleTimeMs);
    w.array(res.responses, (w2, t) => w2.string(t.name).int16(t.errorCode));
  },
  decodeResponse(r, v) {
    const throttleTimeMs = v >= 1 ? r.int32() : 0;
    return { throttleTimeMs, responses: r.array((x) => ({ name: x.string(), errorCode: x.int16() })) };
  },
});
