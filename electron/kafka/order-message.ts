// The Kafka message an order becomes. The README's "Kafka message format" section describes
// exactly this function: key = customer ID (one customer's orders stay in order on one
// partition), value = the order as JSON, headers order-id / schema-version / terminal-id.
// The record timestamp is left to the producer (the send time), not createdAt: an order that
// waited offline longer than the topic's retention.ms would otherwise be deleted by retention
// soon after it arrived. createdAt is in the value.
import { Partitioners, type Message, type PartitionMetadata } from 'kafkajs';
import {
  KAFKA_HEADER_NAMES,
  ORDER_CANCELLED_EVENT,
  ORDER_SCHEMA_VERSION,
  type Order,
  type OrderCancellation,
} from '../../shared/order-schema';

/**
 * `json` is the order's JSON when the caller already has it (the outbox stores exactly that).
 * `extra`: a flagged order's risk headers (`risk`, `risk-decision`; electron/risk/risk-policy.ts).
 */
export function orderMessage(
  order: Order,
  json: string = JSON.stringify(order),
  extra?: Record<string, string>,
): Message {
  return {
    key: order.customerId,
    value: json,
    headers: {
      [KAFKA_HEADER_NAMES.orderId]: order.orderId,
      [KAFKA_HEADER_NAMES.schemaVersion]: String(order.schemaVersion),
      [KAFKA_HEADER_NAMES.terminalId]: order.terminalId,
      ...extra,
    },
  };
}

/**
 * A voided order's cancellation (issue 11; README "The cancellation message"): the order's key,
 * so it lands on the order's partition after it; headers `event-type: order-cancelled` and the
 * voided order's `order-id` (so a consumer finds the order it cancels, and the in-doubt search,
 * order-id-search.ts, tells it from the order by its event type). `json` is the stored value.
 */
export function cancellationMessage(
  cancellation: OrderCancellation,
  json: string = JSON.stringify(cancellation),
): Message {
  return {
    key: cancellation.customerId,
    value: json,
    headers: {
      [KAFKA_HEADER_NAMES.eventType]: ORDER_CANCELLED_EVENT,
      [KAFKA_HEADER_NAMES.orderId]: cancellation.orderId,
      [KAFKA_HEADER_NAMES.schemaVersion]: String(ORDER_SCHEMA_VERSION),
      [KAFKA_HEADER_NAMES.terminalId]: cancellation.terminalId,
    },
  };
}

// kafkajs' default (Java-compatible murmur2) partitioner, so an order lands on the partition
// any Kafka client would pick for its key. The dispatcher needs the partition before sending
// because it sends one partition's batch per request (see dispatcher.ts).
const defaultPartitioner = Partitioners.DefaultPartitioner();

export function partitionForKey(topic: string, key: string, partitionCount: number): number {
  const partitionMetadata: PartitionMetadata[] = Array.from({ length: partitionCount }, (_, i) => ({
    partitionErrorCode: 0,
    partitionId: i,
    leader: 0,
    replicas: [],
    isr: [],
  }));
  return defaultPartitioner({ topic, partitionMetadata, message: { key, value: null } });
}
