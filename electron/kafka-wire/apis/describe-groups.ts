// DescribeGroups v0-4: state, protocol and members of consumer groups.
import { defineApi } from '../api';
import { ApiKey } from '../api-keys';
import { AUTHORIZED_OPERATIONS_OMITTED } from './metadata';

export interface DescribeGroupsRequest {
  groups: string[];
  /** v3+ */
  includeAuthorizedOperations: boolean;
}

export interface DescribedGroupMember {
  memberId: string;
  /** v4+ */
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  memberMetadata: Buffer;
  memberAssignment: Buffer;
}

export interface DescribedGroup {
  errorCode: number;
  groupId: string;
  groupState: string;
  protocolType: string;
  protocolData: string;
  members: DescribedGroupMember[];
  /** v3+ */
  authorizedOperations: number;
}

export interface DescribeGroupsResponse {
  /** v1+ */
  throttleTimeMs: number;
  groups: DescribedGroup[];
}

export const DescribeGroups = defineApi<DescribeGroupsRequest, DescribeGroupsResponse>({
  apiKey: ApiKey.DescribeGroups,
  name: 'DescribeGroups',
  minVersion: 0,
  maxVersion: 4,
  flexibleFrom: null,
  encodeRequest(w, v, req) {
    w.array(req.groups, (w2, g) => w2.string(g));
    if (v >= 3) w.boolean(req.includeAuthorizedOperations);
  },
  decodeRequest(r, v) {
    const groups = r.array((x) => x.string());
    return { groups, includeAuthorizedOperations: v >= 3 ? r.boolean() : false };
  },
  encodeResponse(w, v, res) {
    if (v >= 1) w.int32(res.throttleTimeMs);
    w.array(res.groups, (w2, g) => {
      w2.int16(g.errorCode).string(g.groupId).string(g.groupState).string(g.protocolType).string(g.protocolData);
      w2.array(g.members, (w3, m) => {
        w3.string(m.memberId);
        if (v >= 4) w3.nullableString(m.groupInstanceId);
        w3.string(m.clientId).string(m.clientHost).bytes(m.memberMetadata).bytes(m.memberAssignment);
      });
      if (v >= 3) w2.int32(g.authorizedOperations);
    });
  },
  decodeResponse(r, v) {
    const throttleTimeMs = v >= 1 ? r.int32() : 0;
    const groups = r.array((x): DescribedGroup => ({
      errorCode: x.int16(),
      groupId: x.string(),
      groupState: x.string(),
      protocolType: x.string(),
      protocolData: x.string(),
      members: x.array((y) => ({
        memberId: y.string(),
        groupInstanceId: v >= 4 ? y.nullableString() : null,
        clientId: y.string(),
        clientHost: y.string(),
        memberMetadata: y.bytes(),
        memberAssignment: y.bytes(),
      })),
      authorizedOperations: v >= 3 ? x.int32() : AUTHORIZED_OPERATIONS_OMITTED,
    }));
    return { throttleTimeMs, groups };
  },
});
