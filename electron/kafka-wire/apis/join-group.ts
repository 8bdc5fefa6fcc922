// JoinGroup v0-5: a member joins (or rejoins) a consumer group and, once the rebalance
// completes, learns the generation, the chosen protocol and (the leader) every member's metadata.
import { defineApi } from '../api';
import { ApiKey } from '../api-keys';

export interface JoinGroupRequest {
  groupId: string;
  sessionTimeoutMs: number;
  /** v1+; v0 uses the session timeout for both. */
  rebalanceTimeoutMs: number;
  memberId: string;
  /** v5+ (static membership) */
  groupInstanceId: string | null;
  protocolType: string;
  /** Metadata buffers are views into the frame when decoded. */
  protocols: Array<{ name: string; metadata: Buffer }>;
}

export interface JoinGroupMember {
  memberId: string;
  /** v5+ */
  groupInstanceId: string | null;
  metadata: Buffer;
}

export interface JoinGroupResponse {
  /** v2+ */
  throttleTimeMs: number;
  errorCode: number;
  generationId: number;
  protocolName: string;
  leader: string;
  memberId: string;
  members: JoinGroupMember[];
}

export const JoinGroup = defineApi<JoinGroupRequest, JoinGroupResponse>({
  apiKey: ApiKey.JoinGroup,
  name: 'JoinGroup',
  minVersion: 0,
  maxVersion: 5,
  flexibleFrom: null,
  encodeRequest(w, v, req) {
    w.string(req.groupId).int32(req.sessionTimeoutMs);
    if (v >= 1) w.int32(req.rebalanceTimeoutMs);
    w.string(req.memberId);
    if (v >= 5) w.nullableString(req.groupInstanceId);
    w.string(req.protocolType).array(req.protocols, (w2, p) => w2.string(p.name).bytes(p.metadata));
  },
  decodeRequest(r, v) {
    const groupId = r.string();
    const sessionTimeoutMs = r.int32();
    const rebalanceTimeoutMs = v >= 1 ? r.int32() : sessionTimeoutMs;
    const memberId = r.string();
    const groupInstanceId = v >= 5 ? r.nullableString() : null;
    const protocolType = r.string();
    const protocols = r.array((x) => ({ name: x.string(), metadata: x.bytes() }));
    return { groupId, sessionTimeoutMs, rebalanceTimeoutMs, memberId, groupInstanceId, protocolType, protocols };
  },
  encodeResponse(w, v, res) {
    if (v >= 2) w.int32(res.throttleTimeMs);
    w.int16(res.errorCode).int32(res.generationId).string(res.protocolName).string(res.leader).string(res.memberId);
    w.array(res.members, (w2, m) => {
      w2.string(m.memberId);
      if (v >= 5) w2.nullableString(m.groupInstanceId);
      w2.bytes(m.metadata);
    });
  },
  decodeResponse(r, v) {
    const throttleTimeMs = v >= 2 ? r.int32() : 0;
    const errorCode = r.int16();
    const generationId = r.int32();
    const protocolName = r.string();
    const leader = r.string();
    const memberId = r.string();
    const members = r.array((x) => ({
      memberId: x.string(),
      groupInstanceId: v >= 5 ? x.nullableString() : null,
      metadata: x.bytes(),
    }));
    return { throttleTimeMs, errorCode, generationId, protocolName, leader, memberId, members };
  },
});
