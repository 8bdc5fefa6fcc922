// The one place the app's ClusterConfig becomes kafkajs's KafkaConfig (the order producer and
// the operator's topic creation run on kafkajs).
import { logLevel, type KafkaConfig, type RetryOptions, type SASLOptions } from 'kafkajs';
import type { ClusterConfig } from './cluster-config';

/** Connecting is retried briefly here and then by the caller (the dispatcher's backoff, forever). */
const DEFAULT_RETRY: RetryOptions = { retries: 2, initialRetryTime: 200, maxRetryTime: 1_000 };

export function toKafkaJsConfig(config: ClusterConfig, tuning: { retry?: RetryOptions } = {}): KafkaConfig {
  const { tls, sasl } = config;
  return {
    clientId: config.clientId,
    brokers: [...config.brokers],
    // true: TLS trusting the system's authorities; an object when certificates are given.
    ssl:
      tls === null
        ? false
        : tls.ca || tls.cert || tls.key || tls.passphrase || tls.checkServerName === false
          ? {
              ca: tls.ca,
              cert: tls.cert,
              key: tls.key,
              passphrase: tls.passphrase,
              ...(tls.checkServerName === false ? { checkServerIdentity: () => undefined } : {}),
            }
          : true,
    ...(sasl
      ? { sasl: { mechanism: sasl.mechanism, username: sasl.username, password: sasl.password } as SASLOptions }
      : {}),
    connectionTimeout: config.timeouts.connectMs,
    requestTimeout: config.timeouts.requestMs,
    retry: tuning.retry ?? DEFAULT_RETRY,
    // kafkajs logs every failed attempt at ERROR; the app reports state through its own
    // connection events instead. ORDER_DESK_KAFKA_LOG=1 brings kafkajs' log back for debugging.
    logLevel: process.env.ORDER_DESK_KAFKA_LOG ? logLevel.INFO : logLevel.NOTHING,
  };
}
