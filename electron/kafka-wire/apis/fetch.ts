// Fetch v4-11 (v4 is the oldest Kafka 4.x accepts). Sessions (v7+, KIP-227), leader epochs
// (v9+) and rack-aware reads (v11+) as the fields go; record batches travel as they are
// stored. A response's records may be given as several chunks, written without joining them.
import { defineApi } from '../api';
import { ApiKey } from '../api-keys';

export const IsolationLevel = { READ_UNCOMMITTED: 0, READ_COMMITTED: 1 } as const;
/** replica_id of a consumer (not a follower broker). */
export const CONSUMER_REPLICA_ID = -1;
/** session_epoch -1: a full fetch outside any session (or closing one); 0: asks for a new session. */
export const FINAL_SESSION_EPOCH = -1;
export const INITIAL_SESSION_EPOCH = 0;

export interface FetchPartitionRequest {
  partition: number;
  /** v9+, -1 = not given */
  currentLeaderEpoch: number;
  fetchOffset: number;
  /** v5+, only followers send one (-1) */
  logStartOffset: number;
  partitionMaxBytes: number;
}

export interface FetchRequest {
  replicaId: number;
  maxWaitMs: number;
  minBytes: number;
  maxBytes: number;
  isolationLevel: number;
  /** v7+ */
  sessionId: number;
  sessionEpoch: number;
  topics: Array<{ topic: string; partitions: FetchPartitionRequest[] }>;
  /** v7+ */
  forgottenTopicsData: Array<{ topic: string; partitions: number[] }>;
  /** v11+ */
  rackId: string;
}

/** Record batches: one buffer, several chunks (encoding only), or null. */
export type RecordsField = Buffer | readonly Buffer[] | null;

export interface FetchPartitionResponse {
  partitionIndex: number;
  errorCode: number;
  highWatermark: number;
  lastStableOffset: number;
  /** v5+ */
  logStartOffset: number;
  abortedTransactions: Array<{ producerId: number; firstOffset: number }> | null;
  /** v11+, -1 = read from the leader */
  preferredReadReplica: number;
  /** Decoded as one buffer (a view into the frame) or null. */
  records: RecordsField;
}

export interface FetchResponse {
  throttleTimeMs: number;
  /** v7+ */
  errorCode: number;
  sessionId: number;
  responses: Array<{ topic: string; partitions: FetchPartitionResponse[] }>;
}

export const Fetch = defineApi<FetchRequest, FetchResponse>({
  apiKey: ApiKey.Fetch,
  name: 'Fetch',
  minVersion: 4,
  maxVersion: 11,
  flexibleFrom: null,
  encodeRequest(w, v, req) {
    w.int32(req.replicaId).int32(req.maxWaitMs).int32(req.minBytes).int32(req.maxBytes).int8(req.isolationLevel);
    if (v >= 7) w.int32(req.sessionId).int32(req.sessionEpoch);
    w.array(req.topics, (w2, t) => {
      w2.string(t.topic).array(t.partitions, (w3, p) => {
        w3.int32(p.partition);
        if (v >= 9) w3.int32(p.currentLeaderEpoch);
        w3.int64(p.fetchOffset);
        if (v >= 5) w3.int64(p.logStartOffset);
        w3.int32(p.partitionMaxBytes);
      });
    });
    if (v >= 7)
      w.array(req.forgottenTopicsData, (w2, f) => w2.string(f.topic).array(f.partitions, (w3, p) => w3.int32(p)));
    if (v >= 11) w.string(req.rackId);
  },
  decodeRequest(r, v) {
    const replicaId = r.int32();
    const maxWaitMs = r.int32();
    const minBytes = r.int32();
    const maxBytes = r.int32();
    const isolationLevel = r.int8();
    const sessionId = v >= 7 ? r.int32() : 0;
    const sessionEpoch = v >= 7 ? r.int32() : FINAL_SESSION_EPOCH;
    const topics = r.array((x) => ({
      topic: x.string(),
      partitions: x.array((y): FetchPartitionRequest => {
        const partition = y.int32();
        const currentLeaderEpoch = v >= 9 ? y.int32() : -1;
        const fetchOffset = y.int64n();
        // Read without a range check: only followers send one, and nothing uses it.
        const logStartOffset = v >= 5 ? Number(y.int64()) : -1;
        return { partition, currentLeaderEpoch, fetchOffset, logStartOffset, partitionMaxBytes: y.int32() };
      }),
    }));
    const forgottenTopicsData =
      v >= 7 ? r.array((x) => ({ topic: x.string(), partitions: x.array((y) => y.int32()) })) : [];
    const rackId = v >= 11 ? r.string() : '';
    return {
      replicaId,
      maxWaitMs,
      minBytes,
      maxBytes,
      isolationLevel,
      sessionId,
      sessionEpoch,
      topics,
      forgottenTopicsData,
      rackId,
    };
  },
  encodeResponse(w, v, res) {
    w.int32(res.throttleTimeMs);
    if (v >= 7) w.int16(res.errorCode).int32(res.sessionId);
    w.array(res.responses, (w2, t) => {
      w2.string(t.topic);
      w2.array(t.partitions, (w3, p) => {
        w3.int32(p.partitionIndex).int16(p.errorCode).int64(p.highWatermark).int64(p.lastStableOffset);
        if (v >= 5) w3.int64(p.logStartOffset);
        w3.nullableArray(p.abortedTransactions, (w4, a) => w4.int64(a.producerId).int64(a.firstOffset));
        if (v >= 11) w3.int32(p.preferredReadReplica);
        const records = p.records;
        if (records === null || Buffer.isBuffer(records)) w3.nullableBytes(records as Buffer | null);
        else w3.bytesChunks(records as readonly Buffer[]);
      });
    });
  },
  decodeResponse(r, v) {
    const throttleTimeMs = r.int32();
    const errorCode = v >= 7 ? r.int16() : 0;
    const sessionId = v >= 7 ? r.int32() : 0;
    const responses = r.array((x) => ({
      topic: x.string(),
      partitions: x.array((y): FetchPartitionResponse => ({
        partitionIndex: y.int32(),
        errorCode: y.int16(),
        highWatermark: y.int64n(),
        lastStableOffset: y.int64n(),
        logStartOffset: v >= 5 ? y.int64n() : -1,
        abortedTransactions: y.nullableArray((z) => ({ producerId: z.int64n(), firstOffset: z.int64n() })),
        preferredReadReplica: v >= 11 ? y.int32() : -1,
        records: y.nullableBytes(),
      })),
    }));
    return { throttleTimeMs, errorCode, sessionId, responses };
  },
});

/** The records of a decoded partition as one buffer (null when there are none). */
export function fetchedRecords(p: FetchPartitionResponse): Buffer | null {
  const r = p.records;
  if (r === null || Buffer.isBuffer(r)) return r as Buffer | null;
  return Buffer.concat(r as readonly Buffer[]);
}
