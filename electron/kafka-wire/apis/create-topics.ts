// CreateTopics v0-4 (Kafka 4.x accepts v2 and later). -1 partitions or replication factor
// (v4+, KIP-464) ask for the broker's defaults.
import { defineApi } from '../api';
import { ApiKey } from '../api-keys';

export interface CreatableTopic {
  name: string;
  numPartitions: number;
  replicationFactor: number;
  /** Explicit replica placement; then numPartitions and replicationFactor are -1. */
  assignments: Array<{ partitionIndex: number; brokerIds: number[] }>;
  configs: Array<{ name: string; value: string | null }>;
}

export interface CreateTopicsRequest {
  topics: CreatableTopic[];
  timeoutMs: number;
  /** v1+ */
  validateOnly: boolean;
}

export interface CreateTopicsResponse {
  /** v2+ */
  throttleTimeMs: number;
  /** errorMessage is v1+. */
  topics: Array<{ name: string; errorCode: number; errorMessage: string | null }>;
}

export const CreateTopics = defineApi<CreateTopicsRequest, CreateTopicsResponse>({
  apiKey: ApiKey.CreateTopics,
  name: 'CreateTopics',
  minVersion: 0,
  maxVersion: 4,
  flexibleFrom: null,
  encodeRequest(w, v, req) {
    w.array(req.topics, (w2, t) => {
      w2.string(t.name).int32(t.numPartitions).int16(t.replicationFactor);
      w2.array(t.assignments, (w3, a) => w3.int32(a.partitionIndex).array(a.brokerIds, (w4, id) => w4.int32(id)));
      w2.array(t.configs, (w3, c) => w3.string(c.name).nullableString(c.value));
    });
    w.int32(req.timeoutMs);
    if (v >= 1) w.boolean(req.validateOnly);
  },
  decodeRequest(r, v) {
    const topics = r.array((x): CreatableTopic => ({
      name: x.string(),
      numPartitions: x.int32(),
      replicationFactor: x.int16(),
      assignments: x.array((y) => ({ partitionIndex: y.int32(), brokerIds: y.array((z) => z.int32()) })),
      configs: x.array((y) => ({ name: y.string(), value: y.nullableString() })),
    }));
    const timeoutMs = r.int32();
    return { topics, timeoutMs, validateOnly: v >= 1 ? r.boolean() : false };
  },
  encodeResponse(w, v, res) {
    if (v >= 2) w.int32(res.throttleTimeMs);
    w.array(res.topics, (w2, t) => {
      w2.string(t.name).int16(t.errorCode);
      if (v >= 1) w2.nullableString(t.errorMessage);
    });
  },
  decodeResponse(r, v) {
    const throttleTimeMs = v >= 2 ? r.int32() : 0;
    const topics = r.array((x) => ({
      name: x.string(),
      errorCode: x.int16(),
      errorMessage: v >= 1 ? x.nullableString() : null,
    }));
    return { throttleTimeMs, topics };
  },
});
