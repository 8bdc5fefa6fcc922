// Messages are error-code keys (error-codes.ts), as in order-schema.ts, so a settings error is
// said in the operator's language with its limit, never as raw schema text.
import { z } from 'zod';

const brokerAddress = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._-]+:\d{1,5}$/, { error: 'field.brokerAddress' });

const text = (max: number) =>
  z.string({ error: 'field.required' }).trim().min(1, { error: 'field.required' }).max(max, { error: 'field.tooLong' });

export const settingsSchema = z.strictObject({
  brokers: z.array(brokerAddress).max(20, { error: 'field.brokersMax' }),
  topic: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._-]{1,249}$/, { error: 'field.topicName' }),
  clientId: text(100),
  storeId: text(64),
  terminalId: text(64),
  clerk: text(100),
  language: z.enum(['en', 'ko'], { error: 'field.invalid' }),
  sasl: z
    .strictObject({
      mechanism: z.literal('plain'),
      username: z.string().min(1, { error: 'field.required' }),
      password: z.string(),
    })
    .nullable(),
  ssl: z.boolean(),
  /** Delivered orders are kept this many days in the terminal's history, then deleted. */
  historyRetentionDays: z.number().int().min(1).max(3650),
  /** Text and button size in per cent: 125 and 150 for a counter screen read from a step away. */
  uiScale: z.union([z.literal(100), z.literal(125), z.literal(150)], { error: 'field.invalid' }),
});

export const UI_SCALES = [100, 125, 150] as const;
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
  uiScale: 100,
};
