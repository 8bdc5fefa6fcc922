// ListOffsets v1-5: the offset for a timestamp, or the latest (-1) / earliest (-2). v1 is the
// oldest Kafka 4.x accepts.
import { defineApi } from '../api';
import { ApiKey } from '../api-keys';

export const LATEST_TIMESTAMP = -1;
export const EARLIEST_TIMESTAMP = -2;

export interface ListOffsetsRequest {
  replicaId: number;
  /** v2+ */
  isolationLevel: number;
  topics: Array<{
    name: string;
    partitions: Array<{ partitionIndex: number; currentLeaderEpoch: number; timestamp: number }>;
  }>;
}

export interface ListOffsetsPartitionResponse {
  partitionIndex: number;
  errorCode: number;
  timestamp: number;
  offset: number;
  /** v4+ */
  leaderEpoch: number;
}

export interface ListOffsetsResponse {
  /** v2+ */
  throttleTimeMs: number;
  topics: Array<{ name: string; partitions: ListOffsetsPartitionResponse[] }>;
}

export const ListOffsets = defineApi<ListOffsetsRequest, ListOffsetsResponse>({
  apiKey: ApiKey.ListOffsets,
  name: 'ListOffsets',
  minVersion: 1,
  maxVersion: 5,
  flexibleFrom: null,
  encodeRequest(w, v, req) {
    w.int32(req.replicaId);
    if (v >= 2) w.int8(req.isolationLevel);
    w.array(req.topics, (w2, t) => {
      w2.string(t.name).array(t.partitions, (w3, p) => {
        w3.int32(p.partitionIndex);
        if (v >= 4) w3.int32(p.currentLeaderEpoch);
        w3.int64(p.timestamp);
      });
    });
  },
  decodeRequest(r, v) {
    const replicaId = r.int32();
    const isolationLevel = v >= 2 ? r.int8() : 0;
    const topics = r.array((x) => ({
      name: x.string(),
      partitions: x.array((y) => ({
        partitionIndex: y.int32(),
        currentLeaderEpoch: v >= 4 ? y.int32() : -1,
        timestamp: y.int64n(),
      })),
    }));
    return { replicaId, isolationLevel, topics };
  },
  encodeResponse(w, v, res) {
    if (v >= 2) w.int32(res.throttleTimeMs);
    w.array(res.topics, (w2, t) => {
      w2.string(t.name);
      w2.array(t.partitions, (w3, p) => {
        w3.int32(p.partitionIndex).int16(p.errorCode).int64(p.timestamp).int64(p.offset);
        if (v >= 4) w3.int32(p.leaderEpoch);
      });
    });
  },
  decodeResponse(r, v) {
    const throttleTimeMs = v >= 2 ? r.int32() : 0;
    const topics = r.array((x) => ({
      name: x.string(),
      partitions: x.array((y): ListOffsetsPartitionResponse => ({
        partitionIndex: y.int32(),
        errorCode: y.int16(),
        timestamp: y.int64n(),
        offset: y.int64n(),
        leaderEpoch: v >= 4 ? y.int32() : -1,
      })),
    }));
    return { throttleTimeMs, topics };
  },
});
