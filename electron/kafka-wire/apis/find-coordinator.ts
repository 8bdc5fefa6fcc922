// FindCoordinator v0-2: which broker coordinates a consumer group (key type 0) or a
// transactional id (key type 1).
import { defineApi } from '../api';
import { ApiKey } from '../api-keys';

export const CoordinatorKeyType = { GROUP: 0, TRANSACTION: 1 } as const;

export interface FindCoordinatorRequest {
  key: string;
  /** v1+; v0 only knows groups. */
  keyType: number;
}

export interface FindCoordinatorResponse {
  /** v1+ */
  throttleTimeMs: number;
  errorCode: number;
  /** v1+ */
  errorMessage: string | null;
  nodeId: number;
  host: string;
  port: number;
}

export const FindCoordinator = defineApi<FindCoordinatorRequest, FindCoordinatorResponse>({
  apiKey: ApiKey.FindCoordinator,
  name: 'FindCoordinator',
  minVersion: 0,
  maxVersion: 2,
  flexibleFrom: null,
  encodeRequest(w, v, req) {
    w.string(req.key);
    if (v >= 1) w.int8(req.keyType);
  },
  decodeRequest(r, v) {
    const key = r.string();
    return { key, keyType: v >= 1 ? r.int8() : CoordinatorKeyType.GROUP };
  },
  encodeResponse(w, v, res) {
    if (v >= 1) w.int32(res.throttleTimeMs);
    w.int16(res.errorCode);
    if (v >= 1) w.nullableString(res.errorMessage);
    w.int32(res.nodeId).string(res.host).int32(res.port);
  },
  decodeResponse(r, v) {
    const throttleTimeMs = v >= 1 ? r.int32() : 0;
    const errorCode = r.int16();
    const errorMessage = v >= 1 ? r.nullableString() : null;
    return { throttleTimeMs, errorCode, errorMessage, nodeId: r.int32(), host: r.string(), port: r.int32() };
  },
});
