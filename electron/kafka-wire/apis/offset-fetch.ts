// OffsetFetch v1-5: a group's committed offsets for the listed partitions, or (v2+, topics
// null) for every partition it committed.
import { defineApi } from '../api';
import { ApiKey } from '../api-keys';

export interface OffsetFetchRequest {
  groupId: string;
  /** null (v2+): every committed partition. */
  topics: Array<{ name: string; partitionIndexes: number[] }> | null;
}

export interface OffsetFetchPartition {
  partitionIndex: number;
  committedOffset: number;
  /** v5+ */
  committedLeaderEpoch: number;
  metadata: string | null;
  errorCode: number;
}

export interface OffsetFetchResponse {
  /** v3+ */
  throttleTimeMs: number;
  topics: Array<{ name: string; partitions: OffsetFetchPartition[] }>;
  /** v2+ */
  errorCode: number;
}

export const OffsetFetch = defineApi<OffsetFetchRequest, OffsetFetchResponse>({
  apiKey: ApiKey.OffsetFetch,
  name: 'OffsetFetch',
  minVersion: 1,
  maxVersion: 5,
  flexibleFrom: null,
  encodeRequest(w, v, req) {
    w.string(req.groupId);
    const write = (w2: typeof w, t: { name: string; partitionIndexes: number[] }) =>
      w2.string(t.name).array(t.partitionIndexes, (w3, p) => w3.int32(p));
    if (v >= 2) w.nullableArray(req.topics, write);
    else w.array(req.topics ?? [], write);
  },
  decodeRequest(r, v) {
    const groupId = r.string();
    const read = (x: typeof r) => ({ name: x.string(), partitionIndexes: x.array((y) => y.int32()) });
    return { groupId, topics: v >= 2 ? r.nullableArray(read) : r.array(read) };
  },
  encodeResponse(w, v, res) {
    if (v >= 3) w.int32(res.throttleTimeMs);
    w.array(res.topics, (w2, t) => {
      w2.string(t.name).array(t.partitions, (w3, p) => {
        w3.int32(p.partitionIndex).int64(p.committedOffset);
        if (v >= 5) w3.int32(p.committedLeaderEpoch);
        w3.nullableString(p.metadata).int16(p.errorCode);
      });
    });
    if (v >= 2) w.int16(res.errorCode);
  },
  decodeResponse(r, v) {
    const throttleTimeMs = v >= 3 ? r.int32() : 0;
    const topics = r.array((x) => ({
      name: x.string(),
      partitions: x.array((y): OffsetFetchPartition => ({
        partitionIndex: y.int32(),
        committedOffset: y.int64n(),
        committedLeaderEpoch: v >= 5 ? y.int32() : -1,
        metadata: y.nullableString(),
        errorCode: y.int16(),
      })),
    }));
    return { throttleTimeMs, topics, errorCode: v >= 2 ? r.int16() : 0 };
  },
});
