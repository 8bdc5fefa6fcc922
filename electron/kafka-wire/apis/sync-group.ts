// SyncGroup v0-3: the leader hands in every member's assignment; each member gets its own.
import { defineApi } from '../api';
import { ApiKey } from '../api-keys';

export interface SyncGroupRequest {
  groupId: string;
  generationId: number;
  memberId: string;
  /** v3+ */
  groupInstanceId: string | null;
  /** Views into the frame when decoded. */
  assignments: Array<{ memberId: string; assignment: Buffer }>;
}

export interface SyncGroupResponse {
  /** v1+ */
  throttleTimeMs: number;
  errorCode: number;
  assignment: Buffer;
}

export const SyncGroup = defineApi<SyncGroupRequest, SyncGroupResponse>({
  apiKey: ApiKey.SyncGroup,
  name: 'SyncGroup',
  minVersion: 0,
  maxVersion: 3,
  flexibleFrom: null,
  encodeRequest(w, v, req) {
    w.string(req.groupId).int32(req.generationId).string(req.memberId);
    if (v >= 3) w.nullableString(req.groupInstanceId);
    w.array(req.assignments, (w2, a) => w2.string(a.memberId).bytes(a.assignment));
  },
  decodeRequest(r, v) {
    const groupId = r.string();
    const generationId = r.int32();
    const memberId = r.string();
    const groupInstanceId = v >= 3 ? r.nullableString() : null;
    const assignments = r.array((x) => ({ memberId: x.string(), assignment: x.bytes() }));
    return { groupId, generationId, memberId, groupInstanceId, assignments };
  },
  encodeResponse(w, v, res) {
    if (v >= 1) w.int32(res.throttleTimeMs);
    w.int16(res.errorCode).bytes(res.assignment);
  },
  decodeResponse(r, v) {
    const throttleTimeMs = v >= 1 ? r.int32() : 0;
    return { throttleTimeMs, errorCode: r.int16(), assignment: r.bytes() };
  },
});
