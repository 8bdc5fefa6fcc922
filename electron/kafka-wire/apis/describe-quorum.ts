// DescribeQuorum v0 (flexible from v0): the KRaft metadata quorum as its leader sees it, asked
// of any broker, which forwards it to the active controller. The leader of the __cluster_metadata
// partition is the active controller; Metadata's controller_id under KRaft is a live broker
// picked at random (clients cannot reach controllers), so this is the only honest answer.
// v1 (follower timestamps) and v2 (controller endpoints, error messages) add nothing we read.
import { defineApi } from '../api';
import { ApiKey } from '../api-keys';
import type { KafkaReader } from '../kafka-reader';
import type { KafkaWriter } from '../kafka-writer';
import { fieldReader, fieldWriter } from '../versioned-fields';

/** The KRaft metadata log: the one topic DescribeQuorum describes, partition 0. */
export const CLUSTER_METADATA_TOPIC = '__cluster_metadata';

export interface DescribeQuorumRequest {
  topics: Array<{ topicName: string; partitions: number[] }>;
}

export interface QuorumReplica {
  replicaId: number;
  /** -1 when unknown. */
  logEndOffset: bigint;
}

export interface QuorumPartition {
  partitionIndex: number;
  errorCode: number;
  /** -1 when the quorum has no leader it knows of. */
  leaderId: number;
  leaderEpoch: number;
  highWatermark: bigint;
  currentVoters: QuorumReplica[];
  observers: QuorumReplica[];
}

export interface DescribeQuorumResponse {
  errorCode: number;
  topics: Array<{ topicName: string; partitions: QuorumPartition[] }>;
}

export const DescribeQuorum = defineApi<DescribeQuorumRequest, DescribeQuorumResponse>({
  apiKey: ApiKey.DescribeQuorum,
  name: 'DescribeQuorum',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  encodeRequest(w, _v, req) {
    const f = fieldWriter(w, true);
    f.array(req.topics, (w2, t) => {
      f.string(t.topicName);
      f.array(t.partitions, (w3, p) => {
        w3.int32(p);
        f.endStruct();
      });
      f.endStruct();
    });
    f.endStruct();
  },
  decodeRequest(r) {
    const f = fieldReader(r, true);
    const topics = f.array(() => {
      const topicName = f.string();
      const partitions = f.array((y) => {
        const p = y.int32();
        f.endStruct();
        return p;
      });
      f.endStruct();
      return { topicName, partitions };
    });
    f.endStruct();
    return { topics };
  },
  encodeResponse(w, _v, res) {
    const f = fieldWriter(w, true);
    const writeReplicas = (rs: readonly QuorumReplica[]) =>
      f.array(rs, (w4: KafkaWriter, q) => {
        w4.int32(q.replicaId).int64(q.logEndOffset);
        f.endStruct();
      });
    w.int16(res.errorCode);
    f.array(res.topics, (w2, t) => {
      f.string(t.topicName);
      f.array(t.partitions, (w3, p) => {
        w3.int32(p.partitionIndex).int16(p.errorCode).int32(p.leaderId).int32(p.leaderEpoch).int64(p.highWatermark);
        writeReplicas(p.currentVoters);
        writeReplicas(p.observers);
        f.endStruct();
      });
      f.endStruct();
    });
    f.endStruct();
  },
  decodeResponse(r) {
    const f = fieldReader(r, true);
    const readReplicas = () =>
      f.array((z: KafkaReader): QuorumReplica => {
        const q = { replicaId: z.int32(), logEndOffset: z.int64() };
        f.endStruct();
        return q;
      });
    const errorCode = r.int16();
    const topics = f.array(() => {
      const topicName = f.string();
      const partitions = f.array((y): QuorumPartition => {
        const partitionIndex = y.int32();
        const errorCode = y.int16();
        const leaderId = y.int32();
        const leaderEpoch = y.int32();
        const highWatermark = y.int64();
        const currentVoters = readReplicas();
        const observers = readReplicas();
        f.endStruct();
        return { partitionIndex, errorCode, leaderId, leaderEpoch, highWatermark, currentVoters, observers };
      });
      f.endStruct();
      return { topicName, partitions };
    });
    f.endStruct();
    return { errorCode, topics };
  },
});
