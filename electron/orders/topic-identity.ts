// Is the topic still the one we delivered to? (issue 10: the original team's topic was deleted
// and re-created; the orders delivered before were gone, the outbox still said "delivered", and
// the consumers' checkpoints pointed at offsets the new topic reused.)
//
// Always by offsets, which every Kafka answers: for each partition, the delivered order with the
// highest offset (order_history keeps partition and offset) must still be there. The log
// ending at or below that offset (re-created, or truncated) puts it and everything above it
// out of the topic; the record at that offset carrying another order id, or none, means the log
// is not the one we delivered to (re-created and written again), so none of that partition's
// orders is in it. A record below the log start was removed by retention: normal, nothing to
// compare, and so is an offset compaction emptied. A partition the topic no longer has holds none
// of its orders.
//
// And by topic id where the broker reports one (Metadata v10+, Kafka 2.8 and later): every
// topic gets a new id when it is created, so a delivered order recorded with an id other than
// the one the broker reports now was delivered to a topic since deleted, whatever its offset.
// That is certain and costs no read of the log, and it catches what the offsets can miss: a
// re-created topic written to past our offsets, whose record at our offset may not be looked at
// again (only each partition's highest delivered order is). The offsets check still always
// runs: brokers without ids, orders recorded without one, and truncation (same topic, same id,
// fewer records) are only seen by it. An id is recorded only when the broker reported the same
// one before and after the batch was delivered (dispatcher.ts; added to the rows after they are
// marked delivered), so a topic re-created while a batch was in flight never makes its orders
// look like the previous topic's.
//
// Orders found gone are marked 'delivered-previous-topic' (never silently re-sent): the header
// and Diagnostics say so, and an operator re-sends them after a confirmation (resend-previous.ts).
import type { OrderChange } from '../../shared/outbox-types';
import type { OffsetProbe } from '../kafka/order-id-search';
import type { OutboxStore } from './outbox-store';

export type ProbeOffset = (partition: number, offset: number) => Promise<OffsetProbe>;

/** Past any offset or partition a topic can have. */
const BEYOND = Number.MAX_SAFE_INTEGER;
const LAST_PARTITION = 2 ** 31 - 1;

/**
 * By id: the delivered orders of `topic` recorded with an id other than `topicId` (the one the
 * broker reports now) are in a previous topic of that name. Orders recorded without an id are
 * left to the offsets.
 */
export function checkTopicId(outbox: OutboxStore, topic: string, topicId: string): OrderChange[] {
  return outbox.markOtherTopicId(topic, topicId);
}

/** Checks every partition of `topic` (it has `partitionCount` now); returns the orders found gone. */
export async function checkTopic(
  outbox: OutboxStore,
  topic: string,
  partitionCount: number,
  probe: ProbeOffset,
): Promise<OrderChange[]> {
  // Partitions the topic no longer has (re-created with fewer): none of their orders is in it.
  const changes = outbox.markPreviousTopic(topic, {
    fromPartition: partitionCount,
    toPartition: LAST_PARTITION,
    fromOffset: 0,
    toOffset: BEYOND,
  });
  for (let p = 0; p < partitionCount; p++) changes.push(...(await checkPartition(outbox, topic, p, probe)));
  return changes;
}

/**
 * Checks one partition's delivered orders below `below` (the first offset of a batch just
 * delivered to it, whose orders are known to be there; BEYOND for all of them).
 */
export async function checkPartition(
  outbox: OutboxStore,
  topic: string,
  partition: number,
  probe: ProbeOffset,
  below = BEYOND,
): Promise<OrderChange[]> {
  const changes: OrderChange[] = [];
  const mark = (fromOffset: number, toOffset: number) =>
    changes.push(
      ...outbox.markPreviousTopic(topic, { fromPartition: partition, toPartition: partition, fromOffset, toOffset }),
    );
  let top = outbox.topDelivered(topic, partition, below);
  if (!top) return changes;
  let seen = await probe(partition, top.offset);
  if (top.offset >= seen.logEnd) {
    // The log ends at or below offsets we delivered to: those orders are not in it.
    mark(seen.logEnd, below);
    top = outbox.topDelivered(topic, partition, seen.logEnd);
    if (!top) return changes;
    seen = await probe(partition, top.offset);
  }
  // Removed by retention (below the log start) or by compaction (no record there): nothing to compare.
  if (top.offset < seen.logStart || top.offset >= seen.logEnd || !seen.found) return changes;
  if (seen.orderId !== top.orderId) mark(0, Math.min(below, seen.logEnd));
  return changes;
}

/**
 * A batch just acknowledged at `firstOffset`: if we had recorded an order at that offset or
 * above in this partition, the log went backwards (re-created or truncated) and those orders
 * are certainly gone. Marks them at once (no request needed); the caller checks the rest below.
 */
export function wentBackwards(
  outbox: OutboxStore,
  topic: string,
  partition: number,
  firstOffset: number,
): OrderChange[] | null {
  const top = outbox.topDelivered(topic, partition, BEYOND);
  if (!top || top.offset < firstOffset) return null;
  return outbox.markPreviousTopic(topic, {
    fromPartition: partition,
    toPartition: partition,
    fromOffset: firstOffset,
    toOffset: BEYOND,
  });
}
