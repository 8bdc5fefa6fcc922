// Reading one topic-partition without a consumer group: where its log starts and ends, the
// first offset at or after a time, and the records from an offset up to the end as it was when
// the read began. Plain Metadata, ListOffsets v1 and Fetch v4 (the oldest versions Kafka 4.x
// answers, and every Kafka since 0.11); only READ on the topic is needed. Used by the in-doubt
// order search and by the risk checks' history of the whole store's orders.
import type { BrokerAddress } from './cluster-config';
import type { ClusterClient } from './cluster-client';
import {
  CONSUMER_REPLICA_ID,
  Fetch,
  fetchedRecords,
  FINAL_SESSION_EPOCH,
  IsolationLevel,
} from '../kafka-wire/apis/fetch';
import { ListOffsets } from '../kafka-wire/apis/list-offsets';
import { KafkaError, KafkaResponseError } from '../kafka-wire/error-codes';
import { BATCH_MAGIC } from '../kafka-wire/record-batch-layout';
import {
  decodeRecordBatch,
  READABLE_CODECS,
  splitRecordBatches,
  type DecodedRecord,
} from '../kafka-wire/record-batch-decode';

export const LIST_OFFSETS_VERSION = 1;
export const FETCH_VERSION = 4;
const FETCH_MAX_BYTES = 4 * 1024 * 1024;

/** ListOffsets' special timestamps. */
export const LATEST_TIMESTAMP = -1;
export const EARLIEST_TIMESTAMP = -2;

export interface PartitionRef {
  topic: string;
  partition: number;
}

export class PartitionReadError extends Error {
  constructor(
    message: string,
    /** Kafka's error name, when the broker answered one (UNKNOWN_TOPIC_OR_PARTITION, NOT_LEADER_OR_FOLLOWER, ...). */
    readonly kafkaError: string | null,
    opts: { cause?: unknown } = {},
  ) {
    super(message, { cause: opts.cause });
    this.name = 'PartitionReadError';
  }
}

function refused(code: number, what: string): PartitionReadError {
  const cause = new KafkaResponseError(code, { context: what });
  return new PartitionReadError(cause.message, cause.type ?? null, { cause });
}

/** The partition's leader, or null when the topic does not exist. */
export async function partitionLeader(client: ClusterClient, ref: PartitionRef): Promise<BrokerAddress | null> {
  const meta = await client.metadata([ref.topic]);
  const t = meta.topics.find((x) => x.name === ref.topic);
  if (!t || t.errorCode === KafkaError.UNKNOWN_TOPIC_OR_PARTITION) return null;
  if (t.errorCode !== KafkaError.NONE) throw refused(t.errorCode, `Metadata for ${ref.topic}`);
  const p = t.partitions.find((x) => x.partitionIndex === ref.partition);
  const leader = p ? meta.brokersById.get(p.leaderId) : undefined;
  if (!leader) throw new PartitionReadError(`partition ${ref.topic}-${ref.partition} has no leader right now`, null);
  return leader;
}

/**
 * ListOffsets for one partition: the first offset whose timestamp is at or after `timestamp`
 * (null when no record is), or with LATEST_TIMESTAMP the end of the log (the next offset to be
 * written), with EARLIEST_TIMESTAMP its start.
 */
export async function listOffset(
  client: ClusterClient,
  leader: BrokerAddress,
  ref: PartitionRef,
  timestamp: number,
): Promise<number | null> {
  const conn = await client.connectionTo(leader);
  const res = await conn.request(ListOffsets, LIST_OFFSETS_VERSION, {
    replicaId: CONSUMER_REPLICA_ID,
    isolationLevel: IsolationLevel.READ_UNCOMMITTED,
    topics: [
      {
        name: ref.topic,
        partitions: [
          {
            partitionIndex: ref.partition,
            currentLeaderEpoch: -1,
            timestamp: timestamp < 0 ? timestamp : Math.floor(timestamp),
          },
        ],
      },
    ],
  });
  const p = res.topics[0]?.partitions[0];
  if (!p) throw new PartitionReadError(`ListOffsets ${ref.topic}-${ref.partition} answered no partition`, null);
  if (p.errorCode !== KafkaError.NONE) throw refused(p.errorCode, `ListOffsets ${ref.topic}-${ref.partition}`);
  return p.offset >= 0 ? p.offset : null;
}

export interface ReadBatch {
  records: DecodedRecord[];
  /** The next offset to read. */
  next: number;
  /** The partition's high watermark when this batch was fetched. */
  highWatermark: number;
  logStartOffset: number;
}

/**
 * Reads from `from` until the end of the log (as each fetch reports it) or until `visit`
 * returns false, one fetch at a time. Batches it cannot open (snappy, lz4, zstd: never the
 * order producer's) are stepped over. Returns where it stopped.
 */
export async function readPartition(
  client: ClusterClient,
  leader: BrokerAddress,
  ref: PartitionRef,
  from: number,
  visit: (batch: ReadBatch) => boolean | void,
  opts: { maxBytes?: number } = {},
): Promise<number> {
  const conn = await client.connectionTo(leader);
  const maxBytes = opts.maxBytes ?? FETCH_MAX_BYTES;
  let offset = from;
  for (;;) {
    const res = await conn.request(Fetch, FETCH_VERSION, {
      replicaId: CONSUMER_REPLICA_ID,
      maxWaitMs: 0, // answer at once
      minBytes: 0,
      maxBytes,
      isolationLevel: IsolationLevel.READ_UNCOMMITTED, // the order producer is not transactional
      sessionId: 0, // no fetch session: one full fetch at a time
      sessionEpoch: FINAL_SESSION_EPOCH,
      topics: [
        {
          topic: ref.topic,
          partitions: [
            {
              partition: ref.partition,
              currentLeaderEpoch: -1,
              fetchOffset: offset,
              logStartOffset: -1,
              partitionMaxBytes: maxBytes,
            },
          ],
        },
      ],
      forgottenTopicsData: [],
      rackId: '',
    });
    const p = res.responses[0]?.partitions[0];
    if (!p) throw new PartitionReadError(`Fetch ${ref.topic}-${ref.partition} answered no partition`, null);
    if (p.errorCode !== KafkaError.NONE) throw refused(p.errorCode, `Fetch ${ref.topic}-${ref.partition}`);
    if (offset >= p.highWatermark) return offset;
    const records: DecodedRecord[] = [];
    let next = offset;
    const raw = fetchedRecords(p);
    for (const batch of raw ? splitRecordBatches(raw) : []) {
      next = Math.max(next, batch.baseOffset + batch.lastOffsetDelta + 1);
      if (batch.magic !== BATCH_MAGIC || batch.isControl || !READABLE_CODECS.has(batch.compression)) continue;
      for (const r of decodeRecordBatch(batch.bytes).records) if (r.offset >= offset) records.push(r);
    }
    if (next <= offset)
      throw new PartitionReadError(`reading ${ref.topic}-${ref.partition} made no progress at offset ${offset}`, null);
    offset = next;
    const goOn = visit({ records, next, highWatermark: p.highWatermark, logStartOffset: p.logStartOffset });
    if (goOn === false) return offset;
  }
}
