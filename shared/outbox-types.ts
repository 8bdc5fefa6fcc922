import { z } from 'zod';
import { orderSchema } from './order-schema';
import { ERROR_CODES, type ErrorCode } from './error-codes';

export const appErrorSchema = z.object({
  code: z.enum(ERROR_CODES as [ErrorCode, ...ErrorCode[]]),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

export const DELIVERY_STATES = ['saved', 'sending', 'delivered', 'failed', 'delivered-previous-topic'] as const;
// 'delivered-previous-topic': it was delivered, but to a topic that has since been deleted and
// re-created (or truncated): it is no longer in the topic. An operator may re-send it.
export type DeliveryState = (typeof DELIVERY_STATES)[number];

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
});
export type OrderRecord = z.infer<typeof orderRecordSchema>;

/**
 * What changed about one order: its state and where it landed, never the order itself. Every
 * window and tab receives these (the `orders.changed` event), so they stay small; a window that
 * does not show the order yet asks for the page it shows (orders.recent).
 */
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
});
export type PreviousTopic = z.infer<typeof previousTopicSchema>;

export const connectionStateSchema = z.object({
  status: z.enum(['connected', 'connecting', 'offline']),
  brokers: z.array(z.string()),
  topic: z.string(),
  waiting: z.number().int().min(0),
  sandbox: z.boolean(),
  error: appErrorSchema.nullable(),
  /** Orders delivered to a topic since deleted, re-created or truncated, awaiting an operator (issue 10). */
  previousTopic: previousTopicSchema.nullable().optional(),
});
export type ConnectionState = z.infer<typeof connectionStateSchema>;
