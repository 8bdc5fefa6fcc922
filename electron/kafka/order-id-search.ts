// Finds which of some order ids already sit in one topic-partition, and at which offsets, by
// reading the partition from a point in time to its end. The outbox asks this before a new
// producer session sends orders that an earlier session may already have delivered (the app
// died, or its settings changed, while a send was in flight): an order found there is marked
// delivered at its real offset instead of being sent twice.
//
// It reads through the cluster's partition reader (electron/cluster/partition-reader.ts):
// no consumer group, only READ on the topic.
import { KAFKA_HEADER_NAMES, messageIdOfHeaders } from '../../shared/order-schema';
import type { ClusterConfig } from '../cluster/cluster-config';
import { ClusterClient } from '../cluster/cluster-client';
import { withTimeouts } from '../cluster/cluster-config';
import {
  EARLIEST_TIMESTAMP,
  LATEST_TIMESTAMP,
  listOffset,
  partitionLeader,
  PartitionReadError,
  readPartition,
} from '../cluster/partition-reader';

export { FETCH_VERSION, LIST_OFFSETS_VERSION } from '../cluster/partition-reader';

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
  /**
   * Where to start reading: `fromOffset`, the end of the partition's log recorded before the
   * orders were first sent (no clock involved: a record of ours cannot sit below it), or, for
   * orders saved before that was recorded, `sinceMs`, a time before they were sent.
   */
  fromOffset?: number;
  /** Epoch ms: records older than this are not looked at (orders are never sent before they are saved). */
  sinceMs: number;
  orderIds: ReadonlySet<string>;
}

/**
 * Offsets (as strings) of the wanted order ids found in the partition. A cancellation is wanted
 * and found by its own id (cancellationMessageId), never by its order's.
 */
export async function findOrderIds(
  config: ClusterConfig,
  s: OrderSearch,
  timeoutMs = 10_000,
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (s.orderIds.size === 0) return found;
  const client = new ClusterClient(withTimeouts(config, { connectMs: timeoutMs, requestMs: timeoutMs }));
  try {
    const leader = await partitionLeader(client, s);
    if (!leader) return found;
    let start = s.fromOffset ?? (await listOffset(client, leader, s, Math.max(0, s.sinceMs)));
    if (start === null) return found;
    if (s.fromOffset !== undefined) {
      // A log that now ends below the recorded offset (or starts above it) was re-created or
      // truncated since: our records, if any, can only be in what it holds now.
      const end = (await listOffset(client, leader, s, LATEST_TIMESTAMP)) ?? 0;
      const first = (await listOffset(client, leader, s, EARLIEST_TIMESTAMP)) ?? 0;
      if (start > end || start < first) start = first;
    }
    await readPartition(client, leader, s, start, ({ records }) => {
      for (const r of records) {
        // A cancellation carries its order's order-id: it is known by its event type too
        // (shared/order-schema.ts messageIdOfHeaders), so neither is taken for the other.
        let orderId: string | null = null;
        let eventType: string | null = null;
        for (const h of r.headers) {
          if (h.value === null) continue;
          if (h.key === KAFKA_HEADER_NAMES.orderId) orderId = h.value.toString('utf8');
          else if (h.key === KAFKA_HEADER_NAMES.eventType) eventType = h.value.toString('utf8');
        }
        if (orderId === null) continue;
        const id = messageIdOfHeaders(orderId, eventType);
        if (s.orderIds.has(id) && !found.has(id)) found.set(id, String(r.offset));
      }
      return found.size < s.orderIds.size;
    });
    return found;
  } catch (e) {
    if (e instanceof PartitionReadError)
      throw new OrderSearchError(e.message, e.kafkaError === 'TOPIC_AUTHORIZATION_FAILED', { cause: e.cause ?? e });
    throw e;
  } finally {
    client.close();
  }
}

/** Where the partition's log ends now: recorded before an order's first send (see OrderSearch.fromOffset). */
export async function partitionLogEnd(
  config: ClusterConfig,
  topic: string,
  partition: number,
  timeoutMs = 10_000,
): Promise<number> {
  const client = new ClusterClient(withTimeouts(config, { connectMs: timeoutMs, requestMs: timeoutMs }));
  try {
    const ref = { topic, partition };
    const leader = await partitionLeader(client, ref);
    if (!leader) throw new OrderSearchError(`topic ${topic} does not exist`);
    return (await listOffset(client, leader, ref, LATEST_TIMESTAMP)) ?? 0;
  } finally {
    client.close();
  }
}

/** What a partition holds at one offset: where its log starts and ends, and the order id of the record there. */
export interface OffsetProbe {
  logStart: number;
  logEnd: number;
  /** A record is at the offset (false outside [logStart, logEnd), or when compaction removed it). */
  found: boolean;
  /** The `order-id` header of the record at the offset: null when there is none (or no record). */
  orderId: string | null;
}

/**
 * Reads the record at one offset of a partition (topic re-creation and truncation, issue 10):
 * a log that now ends at or below an offset we recorded as delivered, or whose record there no
 * longer carries the order id we delivered, is not the log we delivered to. A topic that no
 * longer exists answers an empty log.
 */
export async function probeOffset(
  config: ClusterConfig,
  topic: string,
  partition: number,
  offset: number,
  timeoutMs = 10_000,
): Promise<OffsetProbe> {
  const client = new ClusterClient(withTimeouts(config, { connectMs: timeoutMs, requestMs: timeoutMs }));
  try {
    const ref = { topic, partition };
    const leader = await partitionLeader(client, ref);
    if (!leader) return { logStart: 0, logEnd: 0, found: false, orderId: null };
    const logEnd = (await listOffset(client, leader, ref, LATEST_TIMESTAMP)) ?? 0;
    const logStart = (await listOffset(client, leader, ref, EARLIEST_TIMESTAMP)) ?? 0;
    let orderId: string | null = null;
    let found = false;
    if (offset >= logStart && offset < logEnd) {
      await readPartition(
        client,
        leader,
        ref,
        offset,
        ({ records }) => {
          const r = records.find((x) => x.offset === offset);
          found = r !== undefined;
          const h = r?.headers.find((x) => x.key === KAFKA_HEADER_NAMES.orderId && x.value !== null);
          orderId = h?.value ? h.value.toString('utf8') : null;
          return false; // one fetch is enough: it starts at the offset
        },
        { maxBytes: 256 * 1024 },
      );
    }
    return { logStart, logEnd, found, orderId };
  } catch (e) {
    if (e instanceof PartitionReadError)
      throw new OrderSearchError(e.message, e.kafkaError === 'TOPIC_AUTHORIZATION_FAILED', { cause: e.cause ?? e });
    throw e;
  } finally {
    client.close();
  }
}
