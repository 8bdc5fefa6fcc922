// Messages are error-code keys (error-codes.ts), as in order-schema.ts, so a settings error is
// said in the operator's language with its limit, never as raw schema text.
import { z } from 'zod';
import { topicNameSchema } from './topic-name';
import { requiredText } from './order-schema';
import { RISK_CODES } from './risk-flags';
import { DEFAULT_RISK_LIMITS, riskLimitsSchema, riskPoliciesSchema, type RiskPolicies } from './risk-types';

/** How many days the terminal may keep delivered orders. */
export const HISTORY_RETENTION_DAYS = { min: 1, max: 3650 } as const;

// Parts between dots, none empty, none starting or ending with a dash (RFC 1123's host names).
const HOST_NAME = /^[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?(\.[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?)*$/;

const brokerAddress = z
  .string()
  // A Korean keyboard's full-width mode types "１２７.０.０.１：９０９２": the address it looks like.
  .normalize('NFKC')
  .trim()
  // The Kafka client reads a broker as host:port split at its colon, so an IPv6 literal
  // ([::1]:9092) cannot reach it: said as such, not as a malformed address.
  .refine((a) => !/^\[.*\](:\d*)?$/.test(a) && (a.match(/:/g) ?? []).length < 2, {
    error: 'field.brokerIpv6',
    abort: true,
  })
  .regex(/^[A-Za-z0-9._-]+:\d{1,5}$/, { error: 'field.brokerAddress', abort: true })
  // "-x", ".." or "kafka-" were saved, and every connection then failed at the resolver, the app
  // "Connecting…" for ever. Underscores stay: container and internal DNS names use them.
  .refine((a) => HOST_NAME.test(a.slice(0, a.lastIndexOf(':'))), { error: 'field.brokerHost', abort: true })
  // A port past 65535 passed the pattern, was saved, and every connection then failed in the
  // socket layer, the app "Connecting…" for ever.
  .refine(
    (a) => {
      const port = Number(a.slice(a.lastIndexOf(':') + 1));
      return port >= 1 && port <= 65_535;
    },
    { error: 'field.brokerPort' },
  )
  // "localhost:09092" is localhost:9092, kept once beside it (the list drops repeats).
  .transform((a) => `${a.slice(0, a.lastIndexOf(':'))}:${Number(a.slice(a.lastIndexOf(':') + 1))}`);

const text = (max: number) =>
  z.string({ error: 'field.required' }).trim().min(1, { error: 'field.required' }).max(max, { error: 'field.tooLong' });

export const SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;
export type SaslMechanism = (typeof SASL_MECHANISMS)[number];

/** The texts that go into every order or a Kafka header, and their lengths: read and saved alike. */
const SETTINGS_TEXT_MAX = { clientId: 100, storeId: 64, terminalId: 64, clerk: 100, saslUser: 255 } as const;

const sasl = <U extends z.ZodType<string, string>>(username: U) =>
  z.strictObject({ mechanism: z.enum(SASL_MECHANISMS, { error: 'field.invalid' }), username }).nullable();

// A file on the terminal, by absolute path (POSIX or Windows): the services read it, not the window.
const pemFile = z
  .string()
  .trim()
  .max(1024, { error: 'field.tooLong' })
  .regex(/^(\/|[A-Za-z]:[\\/]|\\\\)/, { error: 'field.absolutePath' })
  .nullable();

/** Every check warns on a fresh install: flags shown and carried in the `risk` header, nothing held. */
export const DEFAULT_RISK_POLICIES = Object.fromEntries(RISK_CODES.map((c) => [c, 'warn'])) as RiskPolicies;

export const DEFAULT_RISK_SETTINGS = {
  policies: DEFAULT_RISK_POLICIES,
  reviewTopic: 'user-data.review',
  historyWindowHours: 24,
  historyMaxOrders: 100_000,
  limits: DEFAULT_RISK_LIMITS,
};

/**
 * The brokers as typed into one field or set in KAFKA_BROKERS: separated by commas, spaces or
 * line breaks, a Korean keyboard's full-width comma (，) among them, which NFKC makes a comma.
 */
export function brokerList(text: string): string[] {
  return text
    .normalize('NFKC')
    .split(/[\s,]+/)
    .filter(Boolean);
}

/**
 * Each broker once, the first as typed. Host names ignore letter case: KAFKA1:9092 and
 * kafka1:9092 were kept as two brokers, one broker's connections and errors counted twice.
 * Runs on checked addresses (ports normalized), which every list goes through: the Settings
 * field's, KAFKA_BROKERS, settings.json and a script's settings.save.
 */
function withoutRepeatedBrokers(list: string[]): string[] {
  const seen = new Set<string>();
  return list.filter((address) => {
    const key = address.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export const settingsSchema = z.strictObject({
  brokers: z
    .array(brokerAddress)
    .max(20, { error: 'field.brokersMax' })
    // One broker listed twice was saved as typed; kept once (a file saved so still loads).
    .transform(withoutRepeatedBrokers),
  topic: topicNameSchema,
  clientId: text(SETTINGS_TEXT_MAX.clientId),
  storeId: text(SETTINGS_TEXT_MAX.storeId),
  terminalId: text(SETTINGS_TEXT_MAX.terminalId),
  clerk: text(SETTINGS_TEXT_MAX.clerk),
  language: z.enum(['en', 'ko'], { error: 'field.invalid' }),
  /** The password is a secret (shared/secret-types.ts): never here, never in settings.json. */
  sasl: sasl(text(SETTINGS_TEXT_MAX.saslUser)),
  ssl: z.boolean(),
  /** Used when `ssl` is on. The client key's passphrase is a secret, kept apart like the password. */
  tls: z
    .strictObject({
      /** PEM file of the certificate authorities to trust instead of the system's. */
      caFile: pemFile,
      /** PEM client certificate and key, for mutual TLS: both or neither. */
      certFile: pemFile,
      keyFile: pemFile,
      /** Off only for a broker whose certificate names another host (say why in the runbook). */
      checkServerName: z.boolean(),
    })
    .refine((t) => (t.certFile === null) === (t.keyFile === null), {
      error: 'field.certAndKey',
      path: ['keyFile'],
    }),
  /**
   * Delivered orders are kept this many days in the terminal's history, then deleted. One check
   * with its range, so the operator is told the range ("Invalid value" said nothing).
   */
  historyRetentionDays: z.custom<number>(
    (v) =>
      typeof v === 'number' &&
      Number.isInteger(v) &&
      v >= HISTORY_RETENTION_DAYS.min &&
      v <= HISTORY_RETENTION_DAYS.max,
    { error: 'field.retentionDays', params: HISTORY_RETENTION_DAYS },
  ),
  /** Text and button size in per cent: 125 and 150 for a counter screen read from a step away. */
  uiScale: z.union([z.literal(100), z.literal(125), z.literal(150)], { error: 'field.invalid' }),
  /**
   * Risk checks (issue 12). Changed only through the risk requests, which ask for the
   * supervisor PIN (its hash is kept apart, in supervisor-pin.json); settings.save keeps these.
   */
  risk: z.strictObject({
    policies: riskPoliciesSchema,
    /** Where orders of a `route` policy go instead of the order topic. */
    reviewTopic: topicNameSchema,
    /** How far back the order topic is read for the store's recent orders. */
    historyWindowHours: z.number().int().min(1).max(168),
    /** At most this many recent orders are kept in memory for the checks. */
    historyMaxOrders: z.number().int().min(1_000).max(1_000_000),
    /** The checks' windows and limits. */
    limits: riskLimitsSchema,
  }),
});

export const UI_SCALES = [100, 125, 150] as const;
export type Settings = z.infer<typeof settingsSchema>;

/**
 * What a save must also meet: the texts that go into every order or a Kafka header (the clerk,
 * the store and terminal ids, the client id, the SASL user) follow the order's text rule,
 * requiredText itself (a line break in the terminal id wrote a header line of its own, and the
 * receipt shows store, terminal and clerk as it shows the customer's name). Checked when saved,
 * not when a file saved before is read, which would then fall back to the defaults.
 */
export const settingsSaveSchema = settingsSchema.extend({
  clientId: requiredText(SETTINGS_TEXT_MAX.clientId),
  storeId: requiredText(SETTINGS_TEXT_MAX.storeId),
  terminalId: requiredText(SETTINGS_TEXT_MAX.terminalId),
  clerk: requiredText(SETTINGS_TEXT_MAX.clerk),
  sasl: sasl(requiredText(SETTINGS_TEXT_MAX.saslUser)),
});

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
  tls: { caFile: null, certFile: null, keyFile: null, checkServerName: true },
  historyRetentionDays: 400,
  uiScale: 100,
  risk: DEFAULT_RISK_SETTINGS,
};
