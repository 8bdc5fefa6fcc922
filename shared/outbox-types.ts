import { z } from 'zod';
import { orderSchema } from './order-schema';
import { ERROR_CODES, type ErrorCode } from './error-codes';

export const appErrorSchema = z.object({
  code: z.enum(ERROR_CODES as [ErrorCode, ...ErrorCode[]]),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

export const DELIVERY_STATES = ['saved', 'sending', 'delivered', 'failed'] as const;
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

export const connectionStateSchema = z.object({
  status: z.enum(['connected', 'connecting', 'offline']),
  brokers: z.array(z.string()),
  topic: z.string(),
  waiting: z.number().int().min(0),
  sandbox: z.boolean(),
  error: appErrorSchema.nullable(),
});
export type ConnectionState = z.infer<typeof connectionStateSchema>;
