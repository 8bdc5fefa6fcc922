import { z } from 'zod';

const brokerAddress = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._-]+:\d{1,5}$/, { error: 'host:port, e.g. 127.0.0.1:9092' });

export const settingsSchema = z.strictObject({
  brokers: z.array(brokerAddress).max(20),
  topic: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._-]{1,249}$/, { error: 'letters, digits, . _ - (Kafka topic name)' }),
  clientId: z.string().trim().min(1).max(100),
  storeId: z.string().trim().min(1).max(64),
  terminalId: z.string().trim().min(1).max(64),
  clerk: z.string().trim().min(1).max(100),
  language: z.enum(['en', 'ko']),
  sasl: z.strictObject({ mechanism: z.literal('plain'), username: z.string().min(1), password: z.string() }).nullable(),
  ssl: z.boolean(),
  /** Delivered orders are kept this many days in the terminal's history, then deleted. */
  historyRetentionDays: z.number().int().min(1).max(3650),
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  brokers: [],
  topic: 'user-data',
  clientId: 'order-desk',
  storeId: 'store-1',
  terminalId: 'terminal-1',
  clerk: 'clerk',
  language: 'en',
  sasl: null,
  ssl: false,
  historyRetentionDays: 400,
};
