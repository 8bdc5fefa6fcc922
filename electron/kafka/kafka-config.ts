// The one place kafkajs client options are derived from Settings, shared by the order
// producer, diagnostics and the benchmark so they all talk to the cluster the same way.
import { logLevel, type KafkaConfig } from 'kafkajs';
import type { Settings } from '../../shared/settings-schema';

/** Short timeouts: the dispatcher retries with its own backoff, so kafkajs should give up fast. */
export const KAFKA_TIMEOUTS = {
  connectionTimeout: 3_000,
  requestTimeout: 10_000,
} as const;

export function kafkaConfigFor(settings: Settings, brokers: readonly string[]): KafkaConfig {
  return {
    clientId: settings.clientId,
    brokers: [...brokers],
    ssl: settings.ssl,
    ...(settings.sasl ? { sasl: { mechanism: 'plain' as const, username: settings.sasl.username, password: settings.sasl.password } } : {}),
    ...KAFKA_TIMEOUTS,
    // Connecting is retried briefly here and then by the dispatcher's backoff, forever.
    retry: { retries: 2, initialRetryTime: 200, maxRetryTime: 1_000 },
    // kafkajs logs every failed attempt at ERROR; the app reports state through its own
    // connection events instead. ORDER_DESK_KAFKA_LOG=1 brings kafkajs' log back for debugging.
    logLevel: process.env.ORDER_DESK_KAFKA_LOG ? logLevel.INFO : logLevel.NOTHING,
  };
}
