// Metadata v0-8: brokers, cluster id (v2+), controller (v1+), and per topic and partition the
// leader, replicas, ISR, offline replicas (v5+) and leader epoch (v7+), each with its own
// error code, so one topic's trouble never hides another's.
import { defineApi } from '../api';
import { ApiKey } from '../api-keys';
import type { KafkaReader } from '../kafka-reader';
import type { KafkaWriter } from '../kafka-writer';

/** authorized_operations when the client did not ask for them (v8+). */
export const AUTHORIZED_OPERATIONS_OMITTED = -2147483648;

export interface MetadataRequest {
  /** null: every topic (sent as an empty list in v0, where that meant "all"). */
  topics: string[] | null;
  /** v4+; earlier versions always allow it. */
  allowAutoTopicCreation?: boolean;
  /** v8+ */
  includeClusterAuthorizedOperations?: boolean;
  includeTopicAuthorizedOperations?: boolean;
}

export interface MetadataBroker {
  nodeId: number;
  host: string;
  port: number;
  /** v1+ */
  rack: string | null;
}

export interface MetadataPartition {
  errorCode: number;
  partitionIndex: number;
  leaderId: number;
  /** v7+, else -1 */
  leaderEpoch: number;
  replicaNodes: number[];
  isrNodes: number[];
  /** v5+, else [] */
  offlineReplicas: number[];
}

export interface MetadataTopic {
  errorCode: number;
  name: string;
  /** v1+ */
  isInternal: boolean;
  partitions: MetadataPartition[];
  /** v8+ */
  topicAuthorizedOperations: number;
}

export interface MetadataResponse {
  /** v3+ */
  throttleTimeMs: number;
  brokers: MetadataBroker[];
  /** v2+ */
  clusterId: string | null;
  /** v1+, else -1 */
  controllerId: number;
  topics: MetadataTopic[];
  /** v8+ */
  clusterAuthorizedOperations: number;
}

const int32s = (r: KafkaReader) => r.array((x) => x.int32());
const writeInt32s = (w: KafkaWriter, ids: readonly number[]) => w.array(ids, (w2, id) => w2.int32(id));

export const Metadata = defineApi<MetadataRequest, MetadataResponse>({
  apiKey: ApiKey.Metadata,
  name: 'Metadata',
  minVersion: 0,
  maxVersion: 8,
  flexibleFrom: null,
  encodeRequest(w, v, req) {
    if (v === 0) w.array(req.topics ?? [], (w2, t) => w2.string(t));
    else w.nullableArray(req.topics, (w2, t) => w2.string(t));
    if (v >= 4) w.boolean(req.allowAutoTopicCreation ?? true);
    if (v >= 8)
      w.boolean(req.includeClusterAuthorizedOperations ?? false).boolean(req.includeTopicAuthorizedOperations ?? false);
  },
  decodeRequest(r, v) {
    const listed = v === 0 ? r.array((x) => x.string()) : r.nullableArray((x) => x.string());
    const topics = v === 0 && listed !== null && listed.length === 0 ? null : listed;
    const allowAutoTopicCreation = v >= 4 ? r.boolean() : true;
    const req: MetadataRequest = { topics, allowAutoTopicCreation };
    if (v >= 8) {
      req.includeClusterAuthorizedOperations = r.boolean();
      req.includeTopicAuthorizedOperations = r.boolean();
    }
    return req;
  },
  encodeResponse(w, v, res) {
    if (v >= 3) w.int32(res.throttleTimeMs);
    w.array(res.brokers, (w2, b) => {
      w2.int32(b.nodeId).string(b.host).int32(b.port);
      if (v >= 1) w2.nullableString(b.rack);
    });
    if (v >= 2) w.nullableString(res.clusterId);
    if (v >= 1) w.int32(res.controllerId);
    w.array(res.topics, (w2, t) => {
      w2.int16(t.errorCode).string(t.name);
      if (v >= 1) w2.boolean(t.isInternal);
      w2.array(t.partitions, (w3, p) => {
        w3.int16(p.errorCode).int32(p.partitionIndex).int32(p.leaderId);
        if (v >= 7) w3.int32(p.leaderEpoch);
        writeInt32s(w3, p.replicaNodes);
        writeInt32s(w3, p.isrNodes);
        if (v >= 5) writeInt32s(w3, p.offlineReplicas);
      });
      if (v >= 8) w2.int32(t.topicAuthorizedOperations);
    });
    if (v >= 8) w.int32(res.clusterAuthorizedOperations);
  },
  decodeResponse(r, v) {
    const throttleTimeMs = v >= 3 ? r.int32() : 0;
    const brokers = r.array((x) => ({
      nodeId: x.int32(),
      host: x.string(),
      port: x.int32(),
      rack: v >= 1 ? x.nullableString() : null,
    }));
    const clusterId = v >= 2 ? r.nullableString() : null;
    const controllerId = v >= 1 ? r.int32() : -1;
    const topics = r.array((x): MetadataTopic => ({
      errorCode: x.int16(),
      name: x.string(),
      isInternal: v >= 1 ? x.boolean() : false,
      partitions: x.array((y): MetadataPartition => ({
        errorCode: y.int16(),
        partitionIndex: y.int32(),
        leaderId: y.int32(),
        leaderEpoch: v >= 7 ? y.int32() : -1,
        replicaNodes: int32s(y),
        isrNodes: int32s(y),
        offlineReplicas: v >= 5 ? int32s(y) : [],
      })),
      topicAuthorizedOperations: v >= 8 ? x.int32() : AUTHORIZED_OPERATIONS_OMITTED,
    }));
    const clusterAuthorizedOperations = v >= 8 ? r.int32() : AUTHORIZED_OPERATIONS_OMITTED;
    return { throttleTimeMs, brokers, clusterId, controllerId, topics, clusterAuthorizedOperations };
  },
});
