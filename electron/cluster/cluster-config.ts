// The app's one description of how to reach its Kafka cluster: brokers, client id, TLS, SASL
// and timeouts. Built from Settings here and nowhere else; mapped to kafkajs in
// kafkajs-config.ts and to the raw connection's socket options in raw-connection.ts. Users
// pass it along whole and never look inside, so new TLS or SASL options (CA and client
// certificates, SCRAM) change this file and the two mappings, not them. Plain data: it
// crosses the benchmark's worker boundary as it is.
import fs from 'node:fs';
import type { Settings } from '../../shared/settings-schema';
import type { Secrets } from '../../shared/secret-types';
import { appError, type AppError } from '../../shared/error-codes';

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

/** Reads a file the settings name; tests pass their own. */
export type ReadTextFile = (file: string) => string;

/** Larger than any chain of certificates or key. */
const MAX_PEM_BYTES = 1024 * 1024;

/**
 * A PEM file, only if it is a regular file of a sensible size: a named pipe (or a device) given
 * as the CA file blocked the service process in its read, every request with it, and every start
 * after, since the setting was saved. Anything else reads as unreadable.
 */
export function readPemFile(file: string): string {
  const st = fs.statSync(file);
  if (!st.isFile()) throw new Error(`${file} is not a regular file`);
  if (st.size > MAX_PEM_BYTES) throw new Error(`${file} is larger than ${MAX_PEM_BYTES} bytes`);
  return fs.readFileSync(file, 'utf8');
}

export type ClusterConfigResult = { ok: true; config: ClusterConfig } | { ok: false; problem: AppError };

/**
 * What the app connects with, from its Settings, the secrets the relay holds and the PEM files
 * the settings name (read here, each time, so a renewed certificate is picked up on the next
 * reconnect). `brokers` may differ from Settings' (the sandbox's, KAFKA_BROKERS). A setting
 * that cannot work (a missing file, a user name without its password) is a problem the header
 * and Diagnostics show, not a connection attempt that fails later in vaguer words.
 */
export function clusterConfigFromSettings(
  settings: Settings,
  brokers: readonly string[],
  secrets: Secrets = {},
  readFile: ReadTextFile = readPemFile,
): ClusterConfigResult {
  let tls: ClusterTls | null = null;
  if (settings.ssl) {
    tls = { checkServerName: settings.tls.checkServerName };
    const pem = (file: string, kind: 'CERTIFICATE' | 'PRIVATE KEY'): string | AppError => {
      let text: string;
      try {
        text = readFile(file);
      } catch {
        return appError('tls.fileUnreadable', { file });
      }
      return new RegExp(`-----BEGIN [A-Z ]*${kind}-----`).test(text)
        ? text
        : appError('tls.fileNotPem', { file, kind });
    };
    for (const [file, kind, put] of [
      [settings.tls.caFile, 'CERTIFICATE', (t: string) => (tls!.ca = [t])],
      [settings.tls.certFile, 'CERTIFICATE', (t: string) => (tls!.cert = t)],
      [settings.tls.keyFile, 'PRIVATE KEY', (t: string) => (tls!.key = t)],
    ] as const) {
      if (file === null) continue;
      const text = pem(file, kind);
      if (typeof text !== 'string') return { ok: false, problem: text };
      put(text);
    }
    if (tls.key && secrets.tlsKeyPassphrase) tls.passphrase = secrets.tlsKeyPassphrase;
  }
  let sasl: ClusterSasl | null = null;
  if (settings.sasl) {
    if (!secrets.saslPassword) return { ok: false, problem: appError('sasl.passwordMissing') };
    sasl = { mechanism: settings.sasl.mechanism, username: settings.sasl.username, password: secrets.saslPassword };
  }
  return { ok: true, config: clusterConfig({ brokers, clientId: settings.clientId, tls, sasl }) };
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
