// The app's one description of how to reach its Kafka cluster: brokers, client id, TLS, SASL
// and timeouts. Built from Settings here and nowhere else; mapped to kafkajs in
// kafkajs-config.ts and to the raw connection's socket options in raw-connection.ts. Users
// pass it along whole and never look inside, so new TLS or SASL options (CA and client
// certificates, SCRAM) change this file and the two mappings, not them. Plain data: it
// crosses the benchmark's worker boundary as it is.
import type { Settings } from '../../shared/settings-schema';

/** TLS to the brokers. An empty object: TLS, trusting the system's certificate authorities. */
export interface ClusterTls {
  /** PEM certificate authorities to trust instead of the system's. */
  ca?: string[];
  /** PEM client certificate and key, for brokers that require one (mutual TLS). */
  cert?: string;
  key?: string;
  /** Decrypts an encrypted client key. */
  passphrase?: string;
  /** false only when the operator turned the host-name check off (a CA's certificate for another name). */
  checkServerName?: boolean;
}

/** SASL credentials; more mechanisms join this union (and sasl-login.ts, kafkajs-config.ts). */
export type ClusterSasl = {
  mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512';
  username: string;
  password: string;
};

export interface ClusterTimeouts {
  /** TCP (and TLS) connect. */
  connectMs: number;
  /** One request's answer. */
  requestMs: number;
}

export interface ClusterConfig {
  brokers: readonly string[];
  clientId: string;
  tls: ClusterTls | null;
  sasl: ClusterSasl | null;
  timeouts: ClusterTimeouts;
}

/** Short: the order dispatcher retries with its own backoff, so a client should give up fast. */
export const DEFAULT_TIMEOUTS: ClusterTimeouts = { connectMs: 3_000, requestMs: 10_000 };

/** A diagnostic look (Diagnostics, the benchmark's checks) must answer within seconds even when the cluster is down. */
export const DIAGNOSTIC_TIMEOUTS: ClusterTimeouts = { connectMs: 3_000, requestMs: 6_000 };

export const DEFAULT_CLIENT_ID = 'order-desk';

/** A whole config from the parts a caller has (tests, the benchmark CLI); the rest defaults to plaintext, no SASL. */
export function clusterConfig(
  parts: Partial<Omit<ClusterConfig, 'timeouts'>> & { timeouts?: Partial<ClusterTimeouts> },
): ClusterConfig {
  return {
    brokers: [...(parts.brokers ?? [])],
    clientId: parts.clientId ?? DEFAULT_CLIENT_ID,
    tls: parts.tls ?? null,
    sasl: parts.sasl ?? null,
    timeouts: { ...DEFAULT_TIMEOUTS, ...parts.timeouts },
  };
}

/** What the app connects with, from its Settings; `brokers` may differ from Settings' (the sandbox's, KAFKA_BROKERS). */
export function clusterConfigFromSettings(settings: Settings, brokers: readonly string[]): ClusterConfig {
  return clusterConfig({
    brokers,
    clientId: settings.clientId,
    tls: settings.ssl ? {} : null,
    sasl: settings.sasl
      ? { mechanism: 'plain', username: settings.sasl.username, password: settings.sasl.password }
      : null,
  });
}

/** The same cluster with other timeouts (a diagnostic look must answer within seconds). */
export function withTimeouts(config: ClusterConfig, timeouts: Partial<ClusterTimeouts>): ClusterConfig {
  return { ...config, timeouts: { ...config.timeouts, ...timeouts } };
}

export interface BrokerAddress {
  host: string;
  port: number;
}

/** "host:port" → address (IPv6 in brackets allowed). */
export function parseBrokerAddress(s: string): BrokerAddress {
  const m = /^\[?([^\]]+?)\]?:(\d+)$/.exec(s.trim());
  if (!m) throw new Error(`not a host:port broker address: ${s}`);
  return { host: m[1], port: Number(m[2]) };
}

/** The bootstrap addresses that parse; a malformed one is skipped (Settings validates them on save). */
export function bootstrapAddresses(config: ClusterConfig): BrokerAddress[] {
  return config.brokers.flatMap((b) => {
    try {
      return [parseBrokerAddress(b)];
    } catch {
      return [];
    }
  });
}
