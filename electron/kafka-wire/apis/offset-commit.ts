// OffsetCommit v2-7 (v2 is the oldest Kafka 4.x accepts): a group member, or with generation
// -1 a client assigning partitions itself, stores offsets.
import { defineApi } from '../api';
import { ApiKey } from '../api-keys';

export interface OffsetCommitPartition {
  partitionIndex: number;
  committedOffset: number;
  /** v6+ */
  committedLeaderEpoch: number;
  committedMetadata: string | null;
}

export interface OffsetCommitRequest {
  groupId: string;
  generationId: number;
  memberId: string;
  /** v7+ */
  groupInstanceId: string | null;
  /** v2-4; -1 = the broker's retention */
  retentionTimeMs: number;
  topics: Array<{ name: string; partitions: OffsetCommitPartition[] }>;
}

export interface OffsetCommitResponse {
  /** v3+ */
  throttleTimeMs: number;
  topics: Array<{ name: string; partitions: Array<{ partitionIndex: number; errorCode: number }> }>;
}

export const OffsetCommit = defineApi<OffsetCommitRequest, OffsetCommitResponse>({
  apiKey: ApiKey.OffsetCommit,
  name: 'OffsetCommit',
  minVersion: 2,
  maxVersion: 7,
  flexibleFrom: null,
  encodeRequest(w, v, req) {
    w.string(req.groupId).int32(req.generationId).string(req.memberId);
    if (v >= 7) w.nullableString(req.groupInstanceId);
    if (v <= 4) w.int64(req.retentionTimeMs);
    w.array(req.topics, (w2, t) => {
      w2.string(t.name).array(t.partitions, (w3, p) => {
        w3.int32(p.partitionIndex).int64(p.committedOffset);
        if (v >= 6) w3.int32(p.committedLeaderEpoch);
        w3.nullableString(p.committedMetadata);
      });
    });
  },
  decodeRequest(r, v) {
    const groupId = r.string();
    const generationId = r.int32();
    const memberId = r.string();
    const groupInstanceId = v >= 7 ? r.nullableString() : null;
    // Read without a range check: the sandbox keeps offsets until the topic goes, whatever is asked.
    const retentionTimeMs = v <= 4 ? Number(r.int64()) : -1;
    const topics = r.array((x) => ({
      name: x.string(),
      partitions: x.array((y): OffsetCommitPartition => ({
        partitionIndex: y.int32(),
        committedOffset: y.int64n(),
        committedLeaderEpoch: v >= 6 ? y.int32() : -1,
        committedMetadata: y.nullableString(),
      })),
    }));
    return { groupId, generationId, memberId, groupInstanceId, retentionTimeMs, topics };
  },
  encodeResponse(w, v, res) {
    if (v >= 3) w.int32(res.throttleTimeMs);
    w.array(res.topics, (w2, t) =>
      w2.string(t.name).array(t.partitions, (w3, p) => w3.int32(p.partitionIndex).int16(p.errorCode)),
    );
  },
  decodeResponse(r, v) {
    const throttleTimeMs = v >= 3 ? r.int32() : 0;
    const topics = r.array((x) => ({
      name: x.string(),
      partitions: x.array((y) => ({ partitionIndex: y.int32(), errorCode: y.int16() })),
    }));
    return { throttleTimeMs, topics };
  },
});
