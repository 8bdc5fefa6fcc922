// "Find on topic": proof of delivery for one order. Reads the record at the partition and
// offset the outbox recorded, straight from the partition's leader (Metadata, then one Fetch v4,
// as the in-doubt order search does: no consumer group, READ on the topic only), and checks its
// `order-id` header is the order's. Returns the record with its key, headers, timestamp and value.
import type { TopicRecord } from '../../shared/counter-types';
import { KAFKA_HEADER_NAMES } from '../../shared/order-schema';
import { ClusterClient } from '../cluster/cluster-client';
import { withTimeouts, type ClusterConfig } from '../cluster/cluster-config';
import {
  CONSUMER_REPLICA_ID,
  Fetch,
  fetchedRecords,
  FINAL_SESSION_EPOCH,
  IsolationLevel,
} from '../kafka-wire/apis/fetch';
import { KafkaError, KafkaResponseError } from '../kafka-wire/error-codes';
import { BATCH_MAGIC } from '../kafka-wire/record-batch-layout';
import { decodeRecordBatch, splitRecordBatches } from '../kafka-wire/record-batch-decode';
import { FETCH_VERSION } from '../kafka/order-id-search';

const MAX_BYTES = 1024 * 1024;

export type ReadbackResult =
  | { found: true; record: TopicRecord }
  | { found: false; reason: 'noTopic' | 'noRecord' | 'otherOrder'; detail: string };

export async function readBackOrder(
  config: ClusterConfig,
  where: { topic: string; partition: number; offset: number; orderId: string },
  timeoutMs = 10_000,
): Promise<ReadbackResult> {
  const client = new ClusterClient(withTimeouts(config, { connectMs: timeoutMs, requestMs: timeoutMs }));
  try {
    const meta = await client.metadata([where.topic]);
    const t = meta.topics.find((x) => x.name === where.topic);
    if (!t || t.errorCode === KafkaError.UNKNOWN_TOPIC_OR_PARTITION)
      return { found: false, reason: 'noTopic', detail: where.topic };
    if (t.errorCode !== KafkaError.NONE) throw new KafkaResponseError(t.errorCode, { context: 'Metadata' });
    const p = t.partitions.find((x) => x.partitionIndex === where.partition);
    const leader = p ? meta.brokersById.get(p.leaderId) : undefined;
    if (!leader) throw new Error(`partition ${where.topic}-${where.partition} has no leader right now`);
    const conn = await client.connectionTo(leader);
    const res = await conn.request(Fetch, FETCH_VERSION, {
      replicaId: CONSUMER_REPLICA_ID,
      maxWaitMs: 0,
      minBytes: 0,
      maxBytes: MAX_BYTES,
      isolationLevel: IsolationLevel.READ_UNCOMMITTED,
      sessionId: 0,
      sessionEpoch: FINAL_SESSION_EPOCH,
      topics: [
        {
          topic: where.topic,
          partitions: [
            {
              partition: where.partition,
              currentLeaderEpoch: -1,
              fetchOffset: where.offset,
              logStartOffset: -1,
              partitionMaxBytes: MAX_BYTES,
            },
          ],
        },
      ],
      forgottenTopicsData: [],
      rackId: '',
    });
    const part = res.responses[0]?.partitions[0];
    if (!part) throw new Error('Fetch answered no partition');
    if (part.errorCode === KafkaError.OFFSET_OUT_OF_RANGE)
      return { found: false, reason: 'noRecord', detail: `${where.partition}:${where.offset}` };
    if (part.errorCode !== KafkaError.NONE) throw new KafkaResponseError(part.errorCode, { context: 'Fetch' });
    const records = fetchedRecords(part);
    for (const batch of records ? splitRecordBatches(records) : []) {
      if (batch.magic !== BATCH_MAGIC) continue;
      for (const r of decodeRecordBatch(batch.bytes).records) {
        if (r.offset !== where.offset) continue;
        const headers = Object.fromEntries(r.headers.map((h) => [h.key, h.value?.toString('utf8') ?? '']));
        const record: TopicRecord = {
          topic: where.topic,
          partition: where.partition,
          offset: String(r.offset),
          timestamp: new Date(r.timestamp).toISOString(),
          key: r.key?.toString('utf8') ?? null,
          headers,
          value: r.value?.toString('utf8') ?? '',
        };
        if (headers[KAFKA_HEADER_NAMES.orderId] !== where.orderId)
          return { found: false, reason: 'otherOrder', detail: headers[KAFKA_HEADER_NAMES.orderId] ?? '' };
        return { found: true, record };
      }
    }
    return { found: false, reason: 'noRecord', detail: `${where.partition}:${where.offset}` };
  } finally {
    client.close();
  }
}
