// Fetch v4-11 for consumers. Record batches go out exactly as stored, as chunks of the response:
// the stored buffers themselves without a data directory, one positional read per partition with
// one (partition-log.ts). A fetch below the log start offset gets OFFSET_OUT_OF_RANGE. A fetch
// that finds fewer than min_bytes waits up to max_wait_ms for appends to the partitions it asked
// for; the wait is a timer and an event listener, so other connections keep going, and it lets
// go when the connection or the cluster closes. A fetched topic's deletion (the 'topic-deleted'
// event) ends the wait too.
//
// Fetch sessions (KIP-227): every fetch is a full, sessionless one. A client asking to open a
// session (session_id 0, epoch 0) gets session_id 0 back, which Kafka also answers when it
// declines to create one; the client then keeps sending full fetches.
//
// replica_id is ignored (the sandbox has no follower fetchers), and so are a follower's
// log_start_offset, the forgotten topics of incremental sessions and rack_id (one rack, so no
// preferred read replica).
import {
  Fetch,
  FINAL_SESSION_EPOCH,
  INITIAL_SESSION_EPOCH,
  IsolationLevel,
  type FetchPartitionResponse,
  type FetchRequest,
  type FetchResponse,
} from '../../kafka-wire/apis/fetch';
import { KafkaError } from '../../kafka-wire/error-codes';
import { defineHandler, type RequestContext } from '../api-handler';
import { checkPartitionRead } from '../partition-read-check';

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
    name: t.topic,
    partitions: t.partitions.map((p): PartitionData => {
      const fail = (error: number): PartitionData => {
        anyError = true;
        return { index: p.partition, error, highWatermark: -1, logStartOffset: -1, records: [] };
      };
      const check = checkPartitionRead(state, ctx.broker.id, t.topic, p.partition, p.currentLeaderEpoch);
      if (!check.ok) return fail(check.error);
      const log = check.partition.log;
      if (p.fetchOffset < log.logStartOffset || p.fetchOffset > log.nextOffset)
        return fail(KafkaError.OFFSET_OUT_OF_RANGE);
      const partitionLimit = Math.min(Math.max(0, p.partitionMaxBytes), limit);
      const records = log.read(p.fetchOffset, partitionLimit, minOneBatch);
      let size = 0;
      for (const b of records) size += b.length;
      if (size > 0) minOneBatch = false;
      limit = Math.max(0, limit - size);
      bytes += size;
      return {
        index: p.partition,
        error: KafkaError.NONE,
        highWatermark: log.nextOffset,
        logStartOffset: log.logStartOffset,
        records,
      };
    }),
  }));
  return { topics, bytes, anyError };
}

function response(req: FetchRequest, topError: number, read: FetchRead | null): FetchResponse {
  return {
    throttleTimeMs: 0,
    errorCode: topError,
    sessionId: 0, // sessionless
    responses: (read?.topics ?? []).map((t) => ({
      topic: t.name,
      partitions: t.partitions.map((p): FetchPartitionResponse => ({
        partitionIndex: p.index,
        errorCode: p.error,
        highWatermark: p.highWatermark,
        // No transactions, so the last stable offset is the high watermark.
        lastStableOffset: p.highWatermark,
        logStartOffset: p.logStartOffset,
        // None. Kafka sends an empty list to read_committed consumers, null otherwise.
        abortedTransactions: req.isolationLevel === IsolationLevel.READ_COMMITTED ? [] : null,
        preferredReadReplica: -1, // read from the leader
        records: p.records,
      })),
    })),
  };
}

/** Waits for appends to the fetched partitions until min_bytes is there, max_wait_ms passes, or the connection or cluster closes. */
function waitForData(ctx: RequestContext, req: FetchRequest, first: FetchRead): Promise<FetchRead> {
  const events = ctx.services.events;
  const signal = ctx.session.closedSignal;
  if (signal?.aborted) return Promise.resolve(first);
  const wanted = new Set<string>();
  for (const t of req.topics) for (const p of t.partitions) wanted.add(`${t.topic}\0${p.partition}`);
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
      if (req.topics.some((t) => t.topic === topic)) finish(readFetch(ctx, req));
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

export const fetchHandler = defineHandler({
  api: Fetch,
  minVersion: 4,
  maxVersion: 11,
  async handle(ctx, req) {
    if (ctx.apiVersion >= 7) {
      // Session id 0 with epoch -1 (full fetch) or 0 (open a session, which we decline) is fine;
      // so is any id with epoch -1, which closes that session. Anything else names a session we never made.
      if (
        req.sessionId === 0 &&
        req.sessionEpoch !== FINAL_SESSION_EPOCH &&
        req.sessionEpoch !== INITIAL_SESSION_EPOCH
      ) {
        return response(req, KafkaError.INVALID_FETCH_SESSION_EPOCH, null);
      }
      if (req.sessionId !== 0 && req.sessionEpoch !== FINAL_SESSION_EPOCH) {
        return response(req, KafkaError.FETCH_SESSION_ID_NOT_FOUND, null);
      }
    }
    const first = readFetch(ctx, req);
    const partitions = req.topics.reduce((n, t) => n + t.partitions.length, 0);
    if (req.maxWaitMs <= 0 || partitions === 0 || first.bytes >= req.minBytes || first.anyError) {
      return response(req, KafkaError.NONE, first);
    }
    return response(req, KafkaError.NONE, await waitForData(ctx, req, first));
  },
});
