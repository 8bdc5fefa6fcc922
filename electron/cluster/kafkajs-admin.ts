// A short-lived kafkajs admin, for what the app still asks kafkajs (creating a topic: kafkajs
// finds the controller and waits for the new partitions' leaders). A fresh client per use
// follows broker changes made in Settings at once.
import { Kafka, type Admin, type RetryOptions } from 'kafkajs';
import { appError, type AppError } from '../../shared/error-codes';
import { DIAGNOSTIC_TIMEOUTS, withTimeouts, type ClusterConfig } from './cluster-config';
import { clusterErrorToAppError } from './error-mapper';
import { toKafkaJsConfig } from './kafkajs-config';

const DIAGNOSTIC_RETRY: RetryOptions = { retries: 1, initialRetryTime: 100, maxRetryTime: 1_000 };

export type AdminOutcome<T> = { ok: true; value: T } | { ok: false; error: AppError; cause: unknown };

/** Connects an admin, runs `fn`, always disconnects. Connection failures become `cluster.unreachable`. */
export async function withAdmin<T>(config: ClusterConfig, fn: (admin: Admin) => Promise<T>): Promise<AdminOutcome<T>> {
  if (config.brokers.length === 0) return { ok: false, error: appError('cluster.noBrokers'), cause: null };
  const admin = new Kafka(
    toKafkaJsConfig(withTimeouts(config, DIAGNOSTIC_TIMEOUTS), { retry: DIAGNOSTIC_RETRY }),
  ).admin();
  try {
    await admin.connect();
  } catch (e) {
    await admin.disconnect().catch(() => undefined);
    return { ok: false, error: clusterErrorToAppError(e, config.brokers, { connecting: true }), cause: e };
  }
  try {
    return { ok: true, value: await fn(admin) };
  } catch (e) {
    return { ok: false, error: clusterErrorToAppError(e, config.brokers), cause: e };
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
