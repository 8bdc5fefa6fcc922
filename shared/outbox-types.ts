import { z } from 'zod';
import { orderSchema, type Order } from './order-schema';
import { ERROR_CODES, type ErrorCode } from './error-codes';

export const appErrorSchema = z.object({
  code: z.enum(ERROR_CODES as [ErrorCode, ...ErrorCode[]]),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

/**
 * The stored states. `failed` is stored for both an order waiting to be retried and one a person
 * must act on; what the clerk is shown is derived in delivery-states.ts. `voided`: a person
 * decided the order is never sent (kept with the reason, see outbox-store.ts).
 * 'delivered-previous-topic': it was delivered, but to a topic that has since been deleted and
 * re-created (or truncated): it is no longer in the topic. An operator may re-send it.
 */
export const DELIVERY_STATES = [
  'saved',
  'sending',
  'delivered',
  'failed',
  'voided',
  'delivered-previous-topic',
] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/**
 * A voided order's cancellation (issue 11): the order stays (delivered or waiting) and a
 * cancellation message follows it on the topic. `state`: waiting (in the outbox, behind the
 * order) or delivered (partition and offset known).
 */
export const cancellationSchema = z.object({
  reason: z.string(),
  voidedAt: z.iso.datetime(),
  state: z.enum(['waiting', 'delivered']),
  partition: z.number().int().nullable(),
  offset: z.string().nullable(),
  /**
   * Waiting, set aside for the cluster its order is (or may be) on while the app sends to the
   * other one: it goes by itself once the app sends there again, never to the other cluster.
   * `elsewhere`: for the store brokers and topic its order went to (or may be in), which Settings
   * has since changed.
   */
  waitsFor: z.enum(['store', 'training', 'elsewhere']).optional(),
});
export type Cancellation = z.infer<typeof cancellationSchema>;

/** One outbox row as the UI sees it. */
export const orderRecordSchema = z.object({
  order: orderSchema,
  state: z.enum(DELIVERY_STATES),
  attempts: z.number().int().min(0),
  savedAt: z.iso.datetime(),
  deliveredAt: z.iso.datetime().nullable(),
  partition: z.number().int().nullable(),
  offset: z.string().nullable(),
  error: appErrorSchema.nullable(),
  /** false when only the clerk's Retry can send it again (e.g. the message is too large). */
  autoRetry: z.boolean(),
  nextAttemptAt: z.iso.datetime().nullable(),
  /** Set once the order was voided with a cancellation sent after it (absent: not voided that way). */
  cancellation: cancellationSchema.nullable().optional(),
  /**
   * Saved for or delivered to the app's training cluster (outbox schema 21): a practice order,
   * marked while it waits too (even with the whole practice cluster stopped) and still once the
   * app sends to the store's. Absent for any other order.
   */
  practice: z.literal(true).optional(),
});
export type OrderRecord = z.infer<typeof orderRecordSchema>;

/** An order as it is before any attempt to send it: saved, nowhere yet. */
export function unsentRecord(order: Order, savedAt: string): OrderRecord {
  return {
    order,
    state: 'saved',
    attempts: 0,
    savedAt,
    deliveredAt: null,
    partition: null,
    offset: null,
    error: null,
    autoRetry: true,
    nextAttemptAt: null,
  };
}

/**
 * What changed about one order: its state and where it landed, never the order itself. Every
 * window and tab receives these (the `orders.changed` event), so they stay small; a window that
 * does not show the order yet asks for the page it shows (orders.recent).
 */
/**
 * Orders still waiting listed beyond a window's newest page (orders.recent), besides every one
 * that needs attention or waits behind one: a long offline backlog would otherwise go whole to
 * every window, which draws each as a row and looks through all of them at every change.
 */
export const OLDER_WAITING_MAX = 1_000;

export const orderChangeSchema = orderRecordSchema.omit({ order: true, savedAt: true }).extend({
  orderId: z.string(),
});
export type OrderChange = z.infer<typeof orderChangeSchema>;

/** The change a record stands for (what the other windows are told). */
export function changeOf(record: OrderRecord): OrderChange {
  const { order, savedAt: _savedAt, ...rest } = record;
  return { ...rest, orderId: order.orderId };
}

/** The changes of one step (a group commit, a batch marked sending or delivered). */
export const orderChangesSchema = z.object({ changes: z.array(orderChangeSchema) });
export type OrderChanges = z.infer<typeof orderChangesSchema>;

/** The delivered-order history for Diagnostics. */
export const historyInfoSchema = z.object({
  count: z.number().int().min(0),
  retentionDays: z.number().int().min(1),
  oldestDeliveredAt: z.iso.datetime().nullable(),
});
export type HistoryInfo = z.infer<typeof historyInfoSchema>;

/** Orders found gone from the topic they were delivered to: how many, and since when (delivery time). */
export const previousTopicSchema = z.object({
  count: z.number().int().min(1),
  since: z.iso.datetime(),
  /** When the loss was noticed. */
  detectedAt: z.iso.datetime(),
  /**
   * Present when the topic ids say it (Metadata v10+): the id of the topic these orders were
   * delivered to, and the different id the broker reports for the topic of that name now.
   */
  topicId: z.object({ delivered: z.string(), now: z.string() }).optional(),
});
export type PreviousTopic = z.infer<typeof previousTopicSchema>;

/**
 * How the cluster is, as the header says it. `blocked`: the brokers answer, but the order topic
 * takes no order: it does not exist, or a partition has fewer replicas in sync than the topic's
 * min.insync.replicas, so it refuses the app's acks=all writes (NOT_ENOUGH_REPLICAS); orders
 * wait and go by themselves once the topic is there or the replicas catch up.
 */
export const CONNECTION_STATUSES = ['connected', 'connecting', 'blocked', 'offline'] as const;

export const connectionStateSchema = z.object({
  status: z.enum(CONNECTION_STATUSES),
  brokers: z.array(z.string()),
  topic: z.string(),
  waiting: z.number().int().min(0),
  /**
   * Of `waiting`, those that need a person and never go by themselves (refused for good, set
   * aside at a change between the training cluster and the store's): the header and the offline
   * banner count them apart from the orders still on their way.
   */
  attention: z.number().int().min(0),
  /**
   * Voided orders' cancellations on their way, counted apart from `waiting`: they are not orders
   * (the Outbox lists none), and one counted as an order read as a sale still to be sent.
   */
  cancellations: z.number().int().min(0),
  sandbox: z.boolean(),
  error: appErrorSchema.nullable(),
  /** Orders delivered to a topic since deleted, re-created or truncated, awaiting an operator (issue 10). */
  previousTopic: previousTopicSchema.nullable().optional(),
});
export type ConnectionState = z.infer<typeof connectionStateSchema>;
