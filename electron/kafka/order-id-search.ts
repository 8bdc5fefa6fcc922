// Finds which of some order ids already sit in one topic-partition, and at which offsets, by
// reading the partition from a point in time to its end. The outbox asks this before a new
// producer session sends orders that an earlier session may already have delivered (the app
// died, or its settings changed, while a send was in flight): an order found there is marked
// delivered at its real offset instead of being sent twice.
//
// It reads with plain Metadata, ListOffsets v1 and Fetch v4 requests (the oldest versions Kafka
// 4.x answers, and every Kafka since 0.11), through the cluster client: no consumer group, only
// READ on the topic. Records come out of the wire module's one record batch decoder. Only
// uncompressed batches are opened: the order producer never compresses, so a compressed batch
// cannot hold one of our orders.
import { KAFKA_HEADER_NAMES } from '../../shared/order-schema';
import type { BrokerAddress, ClusterConfig } from '../cluster/cluster-config';
import { ClusterClient } from '../cluster/cluster-client';
import { withTimeouts } from '../cluster/cluster-config';
import {
  CONSUMER_REPLICA_ID,
  Fetch,
  fetchedRecords,
  FINAL_SESSION_EPOCH,
  IsolationLevel,
} from '../kafka-wire/apis/fetch';
import { ListOffsets } from '../kafka-wire/apis/list-offsets';
import { KafkaError, KafkaResponseError } from '../kafka-wire/error-codes';
import { BATCH_HEADER_BYTES, BATCH_MAGIC, Compression } from '../kafka-wire/record-batch-layout';
import { RecordCursor, splitRecordBatches } from '../kafka-wire/record-batch-decode';

export const LIST_OFFSETS_VERSION = 1;
export const FETCH_VERSION = 4;
const FETCH_MAX_BYTES = 4 * 1024 * 1024;

export class OrderSearchError extends Error {
  constructor(
    message: string,
    /** True when the credentials may not read the topic: asking again will not help. */
    readonly unauthorized = false,
    opts: { cause?: unknown } = {},
  ) {
    super(message, { cause: opts.cause });
    this.name = 'OrderSearchError';
  }
}

export interface OrderSearch {
  topic: string;
  partition: number;
  /** Epoch ms: records older than this are not looked at (orders are never sent before they are saved). */
  sinceMs: number;
  orderIds: ReadonlySet<string>;
}

/** A partition-level error code as an OrderSearchError, keeping Kafka's own error as its cause. */
function partitionError(code: number, what: string): OrderSearchError {
  const cause = new KafkaResponseError(code, { context: what });
  return new OrderSearchError(cause.message, code === KafkaError.TOPIC_AUTHORIZATION_FAILED, { cause });
}

/** Leader address of the partition, or null when the topic does not exist. */
async function findLeader(client: ClusterClient, topic: string, partition: number): Promise<BrokerAddress | null> {
  const meta = await client.metadata([topic]);
  const t = meta.topics.find((x) => x.name === topic);
  if (!t || t.errorCode === KafkaError.UNKNOWN_TOPIC_OR_PARTITION) return null;
  if (t.errorCode !== KafkaError.NONE) throw partitionError(t.errorCode, `Metadata for ${topic}`);
  const p = t.partitions.find((x) => x.partitionIndex === partition);
  const leader = p ? meta.brokersById.get(p.leaderId) : undefined;
  if (!leader) throw new OrderSearchError(`partition ${topic}-${partition} has no leader right now`);
  return leader;
}

/** First offset whose record timestamp is at or after sinceMs, or null when there is none. */
async function offsetForTime(client: ClusterClient, leader: BrokerAddress, s: OrderSearch): Promise<number | null> {
  const conn = await client.connectionTo(leader);
  const res = await conn.request(ListOffsets, LIST_OFFSETS_VERSION, {
    replicaId: CONSUMER_REPLICA_ID,
    isolationLevel: IsolationLevel.READ_UNCOMMITTED,
    topics: [
      {
        name: s.topic,
        partitions: [
          { partitionIndex: s.partition, currentLeaderEpoch: -1, timestamp: Math.max(0, Math.floor(s.sinceMs)) },
        ],
      },
    ],
  });
  const p = res.topics[0]?.partitions[0];
  if (!p) throw new OrderSearchError(`ListOffsets ${s.topic}-${s.partition} answered no partition`);
  if (p.errorCode !== KafkaError.NONE) throw partitionError(p.errorCode, `ListOffsets ${s.topic}-${s.partition}`);
  return p.offset >= 0 ? p.offset : null;
}

/** Looks at the order-id header of every record in the fetched batches; returns the next offset to fetch. */
function scanBatches(records: Buffer, from: number, wanted: ReadonlySet<string>, found: Map<string, string>): number {
  let next = from;
  for (const batch of splitRecordBatches(records)) {
    next = Math.max(next, batch.baseOffset + batch.lastOffsetDelta + 1);
    if (batch.magic !== BATCH_MAGIC || batch.compression !== Compression.none || batch.isControl) continue;
    const cursor = new RecordCursor(batch.bytes.subarray(BATCH_HEADER_BYTES), batch.recordCount);
    while (cursor.next()) {
      for (const h of cursor.headers()) {
        if (h.key !== KAFKA_HEADER_NAMES.orderId || h.value === null) continue;
        const id = h.value.toString('utf8');
        if (wanted.has(id) && !found.has(id)) found.set(id, String(batch.baseOffset + cursor.offsetDelta));
      }
    }
  }
  return next;
}

/** Offsets (as strings) of the wanted order ids found in the partition. */
export async function findOrderIds(
  config: ClusterConfig,
  s: OrderSearch,
  timeoutMs = 10_000,
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (s.orderIds.size === 0) return found;
  const client = new ClusterClient(withTimeouts(config, { connectMs: timeoutMs, requestMs: timeoutMs }));
  try {
    const leader = await findLeader(client, s.topic, s.partition);
    if (!leader) return found;
    const start = await offsetForTime(client, leader, s);
    if (start === null) return found;
    const conn = await client.connectionTo(leader);
    let offset: number = start;
    for (;;) {
      const res = await conn.request(Fetch, FETCH_VERSION, {
        replicaId: CONSUMER_REPLICA_ID,
        maxWaitMs: 0, // answer at once
        minBytes: 0,
        maxBytes: FETCH_MAX_BYTES,
        isolationLevel: IsolationLevel.READ_UNCOMMITTED, // the order producer is not transactional
        sessionId: 0, // no fetch session: one full fetch at a time
        sessionEpoch: FINAL_SESSION_EPOCH,
        topics: [
          {
            topic: s.topic,
            partitions: [
              {
                partition: s.partition,
                currentLeaderEpoch: -1,
                fetchOffset: offset,
                logStartOffset: -1,
                partitionMaxBytes: FETCH_MAX_BYTES,
              },
            ],
          },
        ],
        forgottenTopicsData: [],
        rackId: '',
      });
      const p = res.responses[0]?.partitions[0];
      if (!p) throw new OrderSearchError(`Fetch ${s.topic}-${s.partition} answered no partition`);
      if (p.errorCode !== KafkaError.NONE) throw partitionError(p.errorCode, `Fetch ${s.topic}-${s.partition}`);
      if (found.size === s.orderIds.size || offset >= p.highWatermark) return found;
      const records = fetchedRecords(p);
      const next: number = records ? scanBatches(records, offset, s.orderIds, found) : offset;
      if (found.size === s.orderIds.size) return found;
      if (next <= offset)
        throw new OrderSearchError(`reading ${s.topic}-${s.partition} made no progress at offset ${offset}`);
      offset = next;
    }
  } finally {
    client.close();
  }
}
