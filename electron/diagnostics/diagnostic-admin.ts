// A short-lived kafkajs admin for one diagnostic look. Diagnostics must answer within seconds
// even when the cluster is down, so retries and timeouts are much shorter than the order
// producer's; a fresh client per look also follows broker changes made in Settings at once.
import { Kafka, logLevel, type Admin, type KafkaConfig } from 'kafkajs';
import { appError, type AppError } from '../../shared/error-codes';

export const DIAGNOSTIC_TIMEOUT_MS = 3000;

export function diagnosticKafkaConfig(base: KafkaConfig): KafkaConfig {
  return {
    ...base,
    connectionTimeout: DIAGNOSTIC_TIMEOUT_MS,
    requestTimeout: 2 * DIAGNOSTIC_TIMEOUT_MS,
    retry: { retries: 1, initialRetryTime: 100, maxRetryTime: 1000 },
    logLevel: logLevel.NOTHING,
  };
}

export type AdminOutcome<T> = { ok: true; value: T } | { ok: false; error: AppError; cause: unknown };

/** Connects an admin, runs `fn`, always disconnects. Connection failures become `cluster.unreachable`. */
export async function withAdmin<T>(
  base: KafkaConfig,
  fn: (admin: Admin) => Promise<T>,
): Promise<AdminOutcome<T>> {
  const brokers = brokerList(base);
  if (brokers.length === 0) return { ok: false, error: appError('cluster.noBrokers'), cause: null };
  const admin = new Kafka(diagnosticKafkaConfig(base)).admin();
  try {
    await admin.connect();
  } catch (e) {
    await admin.disconnect().catch(() => undefined);
    return { ok: false, error: unreachable(brokers, e), cause: e };
  }
  try {
    return { ok: true, value: await fn(admin) };
  } catch (e) {
    const error = isConnectionError(e) ? unreachable(brokers, e) : appError('kafka.error', { detail: kafkaErrorText(e) });
    return { ok: false, error, cause: e };
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

export function brokerList(config: KafkaConfig): string[] {
  return Array.isArray(config.brokers) ? config.brokers : [];
}

export function unreachable(brokers: string[], e: unknown): AppError {
  return appError('cluster.unreachable', { brokers: brokers.join(', '), detail: kafkaErrorText(e) });
}

/** The most specific message kafkajs gives (a retry error wraps the real cause). */
export function kafkaErrorText(e: unknown): string {
  let cur = e as { message?: string; cause?: unknown; originalError?: unknown } | undefined;
  let text = cur?.message ?? String(e);
  for (let i = 0; i < 5 && cur; i++) {
    const next = (cur.originalError ?? cur.cause) as typeof cur;
    if (next?.message) text = next.message;
    cur = next;
  }
  return text;
}

export function kafkaErrorType(e: unknown): string | null {
  let cur = e as { type?: string; cause?: unknown; originalError?: unknown } | undefined;
  for (let i = 0; i < 5 && cur; i++) {
    if (typeof cur.type === 'string') return cur.type;
    cur = (cur.originalError ?? cur.cause) as typeof cur;
  }
  return null;
}

function isConnectionError(e: unknown): boolean {
  let cur = e as { name?: string; cause?: unknown; originalError?: unknown } | undefined;
  for (let i = 0; i < 5 && cur; i++) {
    if (cur.name === 'KafkaJSConnectionError' || cur.name === 'KafkaJSBrokerNotFound') return true;
    cur = (cur.originalError ?? cur.cause) as typeof cur;
  }
  return false;
}
