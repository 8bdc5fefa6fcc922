// Heartbeat v0-3: keeps a group member's session alive; REBALANCE_IN_PROGRESS tells it to rejoin.
import { defineApi } from '../api';
import { ApiKey } from '../api-keys';

export interface HeartbeatRequest {
  groupId: string;
  generationId: number;
  memberId: string;
  /** v3+ */
  groupInstanceId: string | null;
}

export interface HeartbeatResponse {
  /** v1+ */
  throttleTimeMs: number;
  errorCode: number;
}

export const Heartbeat = defineApi<HeartbeatRequest, HeartbeatResponse>({
  apiKey: ApiKey.Heartbeat,
  name: 'Heartbeat',
  minVersion: 0,
  maxVersion: 3,
  flexibleFrom: null,
  encodeRequest(w, v, req) {
    w.string(req.groupId).int32(req.generationId).string(req.memberId);
    if (v >= 3) w.nullableString(req.groupInstanceId);
  },
  decodeRequest(r, v) {
    const groupId = r.string();
    const generationId = r.int32();
    const memberId = r.string();
    return { groupId, generationId, memberId, groupInstanceId: v >= 3 ? r.nullableString() : null };
  },
  encodeResponse(w, v, res) {
    if (v >= 1) w.int32(res.throttleTimeMs);
    w.int16(res.errorCode);
  },
  decodeResponse(r, v) {
    const throttleTimeMs = v >= 1 ? r.int32() : 0;
    return { throttleTimeMs, errorCode: r.int16() };
  },
});
