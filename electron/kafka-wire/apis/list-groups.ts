// ListGroups v0-2: the groups one broker coordinates (clients ask every broker and merge).
import { defineApi } from '../api';
import { ApiKey } from '../api-keys';

export type ListGroupsRequest = Record<string, never>;

export interface ListGroupsResponse {
  /** v1+ */
  throttleTimeMs: number;
  errorCode: number;
  groups: Array<{ groupId: string; protocolType: string }>;
}

export const ListGroups = defineApi<ListGroupsRequest, ListGroupsResponse>({
  apiKey: ApiKey.ListGroups,
  name: 'ListGroups',
  minVersion: 0,
  maxVersion: 2,
  flexibleFrom: null,
  encodeRequest() {},
  decodeRequest() {
    return {};
  },
  encodeResponse(w, v, res) {
    if (v >= 1) w.int32(res.throttleTimeMs);
    w.int16(res.errorCode).array(res.groups, (w2, g) => w2.string(g.groupId).string(g.protocolType));
  },
  decodeResponse(r, v) {
    const throttleTimeMs = v >= 1 ? r.int32() : 0;
    const errorCode = r.int16();
    return { throttleTimeMs, errorCode, groups: r.array((x) => ({ groupId: x.string(), protocolType: x.string() })) };
  },
});
