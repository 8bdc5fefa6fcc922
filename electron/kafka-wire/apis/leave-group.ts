// LeaveGroup v0-3: one member (v0-2) or several (v3, KIP-345) leave a group.
import { defineApi } from '../api';
import { ApiKey } from '../api-keys';

export interface LeavingMember {
  memberId: string;
  /** v3+ */
  groupInstanceId: string | null;
}

export interface LeaveGroupRequest {
  groupId: string;
  /** v0-2 carry exactly one member (its id only). */
  members: LeavingMember[];
}

export interface LeaveGroupResponse {
  /** v1+ */
  throttleTimeMs: number;
  errorCode: number;
  /** v3+ */
  members: Array<LeavingMember & { errorCode: number }>;
}

export const LeaveGroup = defineApi<LeaveGroupRequest, LeaveGroupResponse>({
  apiKey: ApiKey.LeaveGroup,
  name: 'LeaveGroup',
  minVersion: 0,
  maxVersion: 3,
  flexibleFrom: null,
  encodeRequest(w, v, req) {
    w.string(req.groupId);
    if (v >= 3) {
      w.array(req.members, (w2, m) => w2.string(m.memberId).nullableString(m.groupInstanceId));
      return;
    }
    if (req.members.length !== 1)
      throw new RangeError(`LeaveGroup v${v} carries exactly one member, not ${req.members.length}`);
    w.string(req.members[0].memberId);
  },
  decodeRequest(r, v) {
    const groupId = r.string();
    const members =
      v >= 3
        ? r.array((x) => ({ memberId: x.string(), groupInstanceId: x.nullableString() }))
        : [{ memberId: r.string(), groupInstanceId: null }];
    return { groupId, members };
  },
  encodeResponse(w, v, res) {
    if (v >= 1) w.int32(res.throttleTimeMs);
    w.int16(res.errorCode);
    if (v >= 3)
      w.array(res.members, (w2, m) => w2.string(m.memberId).nullableString(m.groupInstanceId).int16(m.errorCode));
  },
  decodeResponse(r, v) {
    const throttleTimeMs = v >= 1 ? r.int32() : 0;
    const errorCode = r.int16();
    const members =
      v >= 3
        ? r.array((x) => ({ memberId: x.string(), groupInstanceId: x.nullableString(), errorCode: x.int16() }))
        : [];
    return { throttleTimeMs, errorCode, members };
  },
});
