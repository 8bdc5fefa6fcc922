// Fetch v4-11 for consumers. Record batches go out exactly as stored, as chunks of the response
// (no copies). A fetch that finds fewer than min_bytes waits up to max_wait_ms for appends to the
// partitions it asked for; the wait is a timer and an event listener, so other connections keep
// going, and it lets go when the connection or the cluster closes. A fetched topic's deletion
// (the 'topic-deleted' event) ends the wait too.
//
// Fetch sessions (KIP-227): every fetch is a full, sessionless one. A client asking to open a
// session (session_id 0, epoch 0) gets session_id 0 back, which Kafka also answers when it
// declines to create one; the client then keeps sending full fetches.
import type { ApiHandler, RequestContext } from '../api-handler';
import { checkPartitionRead } from '../partition-read-check';
import { ApiKey } from '../protocol/api-keys';
import { KafkaError } from '../protocol/error-codes';
import type { KafkaReader } from '../protocol/kafka-reader';
import { KafkaWriter } from '../protocol/kafka-writer';

const READ_COMMITTED = 1;
/** epoch -1 in a request: a full fetch outside any session (or closing one). */
const FINAL_EPOCH = -1;
/** epoch 0: the client asks for a new session. */
const INITIAL_EPOCH = 0;

export interface FetchPartitionRequest {
  index: number;
  currentLeaderEpoch: number;
  fetchOffset: number;
  maxBytes: number;
}

export interface FetchRequest {
  maxWaitMs: number;
  minBytes: number;
  maxBytes: number;
  isolationLevel: number;
  sessionId: number;
  sessionEpoch: number;
  topics: Array<{ name: string; partitions: FetchPartitionRequest[] }>;
  forgotten: Array<{ name: string; partitions: number[] }>;
}

interface PartitionData {
  index: number;
  error: number;
  highWatermark: number;
  logStartOffset: number;
  records: Buffer[];
}

interface FetchRead {
  topics: Array<{ name: string; partitions: PartitionData[] }>;
  bytes: number;
  anyError: boolean;
}

export function parseFetchRequest(v: number, r: KafkaReader): FetchRequest {
  r.int32(); // replica_id: -1 for consumers; the sandbox has no follower fetchers
  const maxWaitMs = r.int32();
  const minBytes = r.int32();
  const maxBytes = r.int32();
  const isolationLevel = r.int8();
  const sessionId = v >= 7 ? r.int32() : 0;
  const sessionEpoch = v >= 7 ? r.int32() : FINAL_EPOCH;
  const topics = r.array((x) => ({
    name: x.string(),
    partitions: x.array((y) => {
      const index = y.int32();
      const currentLeaderEpoch = v >= 9 ? y.int32() : -1;
      const fetchOffset = y.int64n();
      if (v >= 5) y.int64(); // log_start_offset: only followers send one
      return { index, currentLeaderEpoch, fetchOffset, maxBytes: y.int32() };
    }),
  }));
  // Forgotten topics only matter to an incremental session; parsed so the frame is checked whole.
  const forgotten = v >= 7 ? r.array((x) => ({ name: x.string(), partitions: x.array((y) => y.int32()) })) : [];
  if (v >= 11) r.string(); // rack_id: there is one rack, so no preferred read replica
  return { maxWaitMs, minBytes, maxBytes, isolationLevel, sessionId, sessionEpoch, topics, forgotten };
}

/**
 * Reads every requested partition in request order, as Kafka's ReplicaManager does: the response
 * stops growing at max_bytes and each partition at its own max_bytes, except that the first
 * non-empty partition always gets one whole batch (KIP-74) so a large batch still gets through.
 */
export function readFetch(ctx: RequestContext, req: FetchRequest): FetchRead {
  const state = ctx.services.state;
  let limit = Math.max(0, req.maxBytes);
  let minOneBatch = true;
  let bytes = 0;
  let anyError = false;
  const topics = req.topics.map((t) => ({
    name: t.name,
    partitions: t.partitions.map((p): PartitionData => {
      const fail = (error: number): PartitionData => {
        anyError = true;
        return { index: p.index, error, highWatermark: -1, logStartOffset: -1, records: [] };
      };
      const check = checkPartitionRead(state, ctx.broker.id, t.name, p.index, p.currentLeaderEpoch);
      if (!check.ok) return fail(check.error);
      const log = check.partition.log;
      if (p.fetchOffset < log.logStartOffset || p.fetchOffset > log.nextOffset) return fail(KafkaError.OFFSET_OUT_OF_RANGE);
      const partitionLimit = Math.min(Math.max(0, p.maxBytes), limit);
      let records = log.read(p.fetchOffset, partitionLimit);
      if (!minOneBatch && records.length > 0 && records[0].length > partitionLimit) records = [];
      let size = 0;
      for (const b of records) size += b.length;
      if (size > 0) minOneBatch = false;
      limit = Math.max(0, limit - size);
      bytes += size;
      return { index: p.index, error: KafkaError.NONE, highWatermark: log.nextOffset, logStartOffset: log.logStartOffset, records };
    }),
  }));
  return { topics, bytes, anyError };
}

function writeResponse(v: number, req: FetchRequest, topError: number, read: FetchRead | null): KafkaWriter {
  const w = new KafkaWriter().int32(0); // throttle_time_ms
  if (v >= 7) w.int16(topError).int32(0); // session_id 0: sessionless
  w.array(read?.topics ?? [], (w2, t) => {
    w2.string(t.name);
    w2.array(t.partitions, (w3, p) => {
      w3.int32(p.index).int16(p.error).int64(p.highWatermark);
      w3.int64(p.highWatermark); // last_stable_offset: no transactions, so it is the high watermark
      if (v >= 5) w3.int64(p.logStartOffset);
      // aborted_transactions: none. Kafka sends an empty list to read_committed consumers, null otherwise.
      w3.nullableArray(req.isolationLevel === READ_COMMITTED ? [] : null, () => {});
      if (v >= 11) w3.int32(-1); // preferred_read_replica: read from the leader
      w3.bytesChunks(p.records);
    });
  });
  return w;
}

/** Waits for appends to the fetched partitions until min_bytes is there, max_wait_ms passes, or the connection or cluster closes. */
function waitForData(ctx: RequestContext, req: FetchRequest, first: FetchRead): Promise<FetchRead> {
  const events = ctx.services.events;
  const signal = ctx.session.closedSignal;
  if (signal?.aborted) return Promise.resolve(first);
  const wanted = new Set<string>();
  for (const t of req.topics) for (const p of t.partitions) wanted.add(`${t.name}\0${p.index}`);
  return new Promise<FetchRead>((resolve) => {
    let done = false;
    let scheduled = false;
    const finish = (read: FetchRead) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      events.off('append', onAppend);
      events.off('topic-deleted', onDeleted);
      events.off('close', onGone);
      signal?.removeEventListener('abort', onGone);
      resolve(read);
    };
    const onAppend = (topic: string, partition: number) => {
      if (done || scheduled || !wanted.has(`${topic}\0${partition}`)) return;
      // Appends come in bursts; look once per burst rather than once per batch.
      scheduled = true;
      setImmediate(() => {
        scheduled = false;
        if (done) return;
        const read = readFetch(ctx, req);
        if (read.bytes >= req.minBytes || read.anyError) finish(read);
      });
    };
    // A deleted topic answers at once with its error, as Kafka's delayed fetch does.
    const onDeleted = (topic: string) => {
      if (req.topics.some((t) => t.name === topic)) finish(readFetch(ctx, req));
    };
    // The connection or the cluster is gone: nobody reads the answer, only let go.
    const onGone = () => finish(first);
    const timer = setTimeout(() => finish(readFetch(ctx, req)), req.maxWaitMs);
    events.on('append', onAppend);
    events.on('topic-deleted', onDeleted);
    events.once('close', onGone);
    signal?.addEventListener('abort', onGone, { once: true });
  });
}

export const fetchHandler: ApiHandler = {
  apiKey: ApiKey.Fetch,
  name: 'Fetch',
  minVersion: 4,
  maxVersion: 11,
  async handle(ctx, r) {
    const v = ctx.apiVersion;
    const req = parseFetchRequest(v, r);
    if (v >= 7) {
      // Session id 0 with epoch -1 (full fetch) or 0 (open a session, which we decline) is fine;
      // so is any id with epoch -1, which closes that session. Anything else names a session we never made.
      if (req.sessionId === 0 && req.sessionEpoch !== FINAL_EPOCH && req.sessionEpoch !== INITIAL_EPOCH) {
        return writeResponse(v, req, KafkaError.INVALID_FETCH_SESSION_EPOCH, null);
      }
      if (req.sessionId !== 0 && req.sessionEpoch !== FINAL_EPOCH) {
        return writeResponse(v, req, KafkaError.FETCH_SESSION_ID_NOT_FOUND, null);
      }
    }
    const first = readFetch(ctx, req);
    const partitions = req.topics.reduce((n, t) => n + t.partitions.length, 0);
    if (req.maxWaitMs <= 0 || partitions === 0 || first.bytes >= req.minBytes || first.anyError) {
      return writeResponse(v, req, KafkaError.NONE, first);
    }
    return writeResponse(v, req, KafkaError.NONE, await waitForData(ctx, req, first));
  },
};
