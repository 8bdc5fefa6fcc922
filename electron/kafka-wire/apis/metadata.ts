// Metadata v0-12: brokers, cluster id (v2+), controller (v1+), and per topic and partition the
// leader, replicas, ISR, offline replicas (v5+) and leader epoch (v7+), each with its own
// error code, so one topic's trouble never hides another's. v9+ is flexible (compact strings
// and arrays, tagged fields); v10+ carries each topic's id, which is how a client tells a
// re-created topic from the one it wrote to (same name, new id).
//
// Asking by topic id (v12: a request topic with a null name) is not supported here: nobody in
// the repo asks that way, and decodeRequest refuses it rather than misread it.
import { defineApi } from '../api';
import { ApiKey } from '../api-keys';
import type { KafkaReader } from '../kafka-reader';
import type { KafkaWriter } from '../kafka-writer';
import { ProtocolError } from '../protocol-error';
import { fieldReader, fieldWriter, ZERO_UUID, type FieldWriter } from '../versioned-fields';

/** authorized_operations when the client did not ask for them (v8+). */
export const AUTHORIZED_OPERATIONS_OMITTED = -2147483648;

/** The first version whose answer carries topic ids. */
export const METADATA_TOPIC_ID_FROM = 10;

const FLEXIBLE_FROM = 9;

export interface MetadataRequest {
  /** null: every topic (sent as an empty list in v0, where that meant "all"). Asked by name (topic id zero in v10+). */
  topics: string[] | null;
  /** v4+; earlier versions always allow it. */
  allowAutoTopicCreation?: boolean;
  /** v8-10 */
  includeClusterAuthorizedOperations?: boolean;
  /** v8+ */
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
  /**
   * v10+: the topic's id (22 characters of URL-safe base64). null when not reported: before
   * v10, or Kafka's zero UUID (a topic it does not know). Written as the zero UUID.
   */
  topicId?: string | null;
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
  /** v8-10 */
  clusterAuthorizedOperations: number;
}

const int32s = (r: KafkaReader, flexible: boolean) => fieldReader(r, flexible).array((x) => x.int32());
const writeInt32s = (f: FieldWriter, ids: readonly number[]) => f.array(ids, (w2, id) => w2.int32(id));

export const Metadata = defineApi<MetadataRequest, MetadataResponse>({
  apiKey: ApiKey.Metadata,
  name: 'Metadata',
  minVersion: 0,
  maxVersion: 12,
  flexibleFrom: FLEXIBLE_FROM,
  encodeRequest(w: KafkaWriter, v, req) {
    const f = fieldWriter(w, v >= FLEXIBLE_FROM);
    const writeTopic = (w2: KafkaWriter, name: string) => {
      if (v >= 10) w2.uuid(ZERO_UUID);
      f.string(name);
      f.endStruct();
    };
    if (v === 0) f.array(req.topics ?? [], writeTopic);
    else f.nullableArray(req.topics, writeTopic);
    if (v >= 4) w.boolean(req.allowAutoTopicCreation ?? true);
    if (v >= 8 && v <= 10) w.boolean(req.includeClusterAuthorizedOperations ?? false);
    if (v >= 8) w.boolean(req.includeTopicAuthorizedOperations ?? false);
    f.endStruct();
  },
  decodeRequest(r, v) {
    const f = fieldReader(r, v >= FLEXIBLE_FROM);
    const readTopic = (x: KafkaReader): string => {
      const topicId = v >= 10 ? x.uuid() : ZERO_UUID;
      const name = v >= 10 ? f.nullableString() : f.string();
      f.endStruct();
      if (name === null || topicId !== ZERO_UUID)
        throw new ProtocolError(`Metadata v${v}: asking by topic id (${topicId}) is not supported`);
      return name;
    };
    const listed = v === 0 ? f.array(readTopic) : f.nullableArray(readTopic);
    const topics = v === 0 && listed !== null && listed.length === 0 ? null : listed;
    const allowAutoTopicCreation = v >= 4 ? r.boolean() : true;
    const req: MetadataRequest = { topics, allowAutoTopicCreation };
    if (v >= 8 && v <= 10) req.includeClusterAuthorizedOperations = r.boolean();
    if (v >= 8) req.includeTopicAuthorizedOperations = r.boolean();
    f.endStruct();
    return req;
  },
  encodeResponse(w, v, res) {
    const f = fieldWriter(w, v >= FLEXIBLE_FROM);
    if (v >= 3) w.int32(res.throttleTimeMs);
    f.array(res.brokers, (w2, b) => {
      w2.int32(b.nodeId);
      f.string(b.host);
      w2.int32(b.port);
      if (v >= 1) f.nullableString(b.rack);
      f.endStruct();
    });
    if (v >= 2) f.nullableString(res.clusterId);
    if (v >= 1) w.int32(res.controllerId);
    f.array(res.topics, (w2, t) => {
      w2.int16(t.errorCode);
      // Never null in our answers: we are never asked by id (see the top of this file).
      if (v >= 12) f.nullableString(t.name);
      else f.string(t.name);
      if (v >= 10) w2.uuid(t.topicId ?? ZERO_UUID);
      if (v >= 1) w2.boolean(t.isInternal);
      f.array(t.partitions, (w3, p) => {
        w3.int16(p.errorCode).int32(p.partitionIndex).int32(p.leaderId);
        if (v >= 7) w3.int32(p.leaderEpoch);
        writeInt32s(f, p.replicaNodes);
        writeInt32s(f, p.isrNodes);
        if (v >= 5) writeInt32s(f, p.offlineReplicas);
        f.endStruct();
      });
      if (v >= 8) w2.int32(t.topicAuthorizedOperations);
      f.endStruct();
    });
    if (v >= 8 && v <= 10) w.int32(res.clusterAuthorizedOperations);
    f.endStruct();
  },
  decodeResponse(r, v) {
    const flexible = v >= FLEXIBLE_FROM;
    const f = fieldReader(r, flexible);
    const throttleTimeMs = v >= 3 ? r.int32() : 0;
    const brokers = f.array((x): MetadataBroker => {
      const b = { nodeId: x.int32(), host: f.string(), port: x.int32(), rack: v >= 1 ? f.nullableString() : null };
      f.endStruct();
      return b;
    });
    const clusterId = v >= 2 ? f.nullableString() : null;
    const controllerId = v >= 1 ? r.int32() : -1;
    const topics = f.array((x): MetadataTopic => {
      const errorCode = x.int16();
      const name = v >= 12 ? f.nullableString() : f.string();
      // A null name answers a question by id, which nobody here asks.
      if (name === null) throw new ProtocolError('Metadata: a topic without a name (asked by id?)');
      const id = v >= 10 ? x.uuid() : ZERO_UUID;
      const isInternal = v >= 1 ? x.boolean() : false;
      const partitions = f.array((y): MetadataPartition => {
        const p = {
          errorCode: y.int16(),
          partitionIndex: y.int32(),
          leaderId: y.int32(),
          leaderEpoch: v >= 7 ? y.int32() : -1,
          replicaNodes: int32s(y, flexible),
          isrNodes: int32s(y, flexible),
          offlineReplicas: v >= 5 ? int32s(y, flexible) : [],
        };
        f.endStruct();
        return p;
      });
      const topicAuthorizedOperations = v >= 8 ? x.int32() : AUTHORIZED_OPERATIONS_OMITTED;
      f.endStruct();
      return {
        errorCode,
        name,
        ...(v >= 10 ? { topicId: id === ZERO_UUID ? null : id } : {}),
        isInternal,
        partitions,
        topicAuthorizedOperations,
      };
    });
    const clusterAuthorizedOperations = v >= 8 && v <= 10 ? r.int32() : AUTHORIZED_OPERATIONS_OMITTED;
    f.endStruct();
    return { throttleTimeMs, brokers, clusterId, controllerId, topics, clusterAuthorizedOperations };
  },
});
