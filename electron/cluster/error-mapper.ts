// The one error mapper: errors from kafkajs (producer, admin), from the raw connection and
// from Kafka's own error codes (the wire module's table) become the app's error codes, so the
// clerk reads "cannot reach the order server" rather than "KafkaJSNumberOfRetriesExceeded".
// Also decides whether an error is worth an automatic retry and whether the producer itself
// must be replaced. One walker follows the chains both clients build (retries exceeded →
// cause → ...).
import { appError, type AppError } from '../../shared/error-codes';
import { KafkaError, kafkaErrorInfo, type KafkaErrorName } from '../kafka-wire/error-codes';

export interface KafkaErrorContext {
  brokers: readonly string[];
  topic: string;
}

interface ErrorLike {
  name?: string;
  message?: string;
  type?: string;
  code?: string | number;
  retriable?: boolean;
  cause?: unknown;
  originalError?: unknown;
}

const CONNECTION_ERRORS = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSBrokerNotFound',
  'KafkaJSNoBrokerAvailableError',
  'KafkaJSMetadataNotLoaded',
  'ClusterConnectionError',
]);
const TIMEOUT_ERRORS = new Set([
  'KafkaJSRequestTimeoutError',
  'KafkaJSTimeout',
  'KafkaJSLockTimeout',
  'ClusterRequestTimeoutError',
]);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
]);

const names = (...n: KafkaErrorName[]) => new Set<string>(n);
const TOPIC_MISSING = names('UNKNOWN_TOPIC_OR_PARTITION');
const NOT_ENOUGH_REPLICAS = names('NOT_ENOUGH_REPLICAS', 'NOT_ENOUGH_REPLICAS_AFTER_APPEND');
const AUTH = names(
  'SASL_AUTHENTICATION_FAILED',
  'TOPIC_AUTHORIZATION_FAILED',
  'CLUSTER_AUTHORIZATION_FAILED',
  'ILLEGAL_SASL_STATE',
  'UNSUPPORTED_SASL_MECHANISM',
);
const TOO_LARGE = names('MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE');
/** The broker's validation refused a record (e.g. a key the topic requires); re-sending it as it is never helps. */
const INVALID_RECORD = names('INVALID_RECORD');
const TIMEOUT_TYPES = names('REQUEST_TIMED_OUT');
/** The broker no longer knows this producer's session; only a new producer id helps. */
const PRODUCER_FENCED = names(
  'OUT_OF_ORDER_SEQUENCE_NUMBER',
  'UNKNOWN_PRODUCER_ID',
  'INVALID_PRODUCER_EPOCH',
  'INVALID_PRODUCER_ID_MAPPING',
);

/** The chain of an error and its causes, outermost first. */
export function errorChain(err: unknown): ErrorLike[] {
  const out: ErrorLike[] = [];
  let e: unknown = err;
  while (e && typeof e === 'object' && out.length < 8 && !out.includes(e as ErrorLike)) {
    out.push(e as ErrorLike);
    e = (e as ErrorLike).cause ?? (e as ErrorLike).originalError;
  }
  if (out.length === 0) out.push({ message: String(err) });
  return out;
}

/**
 * The Kafka error name a link carries: from its numeric code through the wire module's table
 * (so kafkajs's 2.x names and Kafka 4.x's agree), else its `type`.
 */
function kafkaType(e: ErrorLike): string | undefined {
  if (typeof e.code === 'number' && e.code !== KafkaError.NONE) return kafkaErrorInfo(e.code).name;
  return e.type;
}

/** The most specific message in the chain (the root cause's), for "detail" parameters. */
export function errorDetail(err: unknown): string {
  const links = errorChain(err);
  return links[links.length - 1].message || links[0].message || String(err);
}

function isConnectionFailure(links: ErrorLike[]): boolean {
  return (
    links.some((e) => !!e.name && CONNECTION_ERRORS.has(e.name)) ||
    links.some((e) => typeof e.code === 'string' && NETWORK_CODES.has(e.code)) ||
    links.some((e) =>
      /ECONNREFUSED|Connection error|Connection timeout|Closed connection|not connected/i.test(e.message ?? ''),
    )
  );
}

const UNTRUSTED_CERT = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
]);

/** Set by the raw connection when a plaintext connection was closed by a port that answers TLS (broker-probe.ts). */
export const TLS_LISTENER_CODE = 'ORDER_DESK_TLS_LISTENER';

/**
 * A failure to connect securely, told apart so each gets its own message: the certificate
 * (untrusted, another name, expired), the client's own certificate or key, TLS against a
 * plaintext port and the reverse, and SASL (mechanism not offered, a port without SASL).
 * Node's TLS error codes and OpenSSL's messages identify them; kafkajs keeps Node's code on
 * its KafkaJSConnectionError, so both clients are read the same way.
 */
export function securityFailure(err: unknown): AppError | null {
  const links = errorChain(err);
  const code = (set: Set<string> | string) =>
    links.some((e) => typeof e.code === 'string' && (typeof set === 'string' ? e.code === set : set.has(e.code)));
  const message = (re: RegExp) => links.some((e) => re.test(e.message ?? ''));
  if (code('ERR_TLS_CERT_ALTNAME_INVALID')) {
    const m = /altnames: (.*)$/.exec(links.map((e) => e.message ?? '').find((t) => /altnames/.test(t)) ?? '');
    return appError('tls.nameMismatch', { detail: (m?.[1] ?? errorDetail(err)).trim().slice(0, 160) });
  }
  if (code('CERT_HAS_EXPIRED')) return appError('tls.expired');
  if (code(UNTRUSTED_CERT)) return appError('tls.untrusted');
  if (
    code('ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED') ||
    message(/alert certificate required|alert bad certificate|alert unknown ca/i)
  )
    return appError('tls.clientCertRequired');
  // A wrong passphrase usually fails the cipher's padding check (bad decrypt), but about one in
  // two hundred decrypts to well-padded garbage, which OpenSSL then cannot decode as a key.
  if (code('ERR_OSSL_BAD_DECRYPT') || message(/bad decrypt|bad password read|PEM routines|DECODER routines/i))
    return appError('tls.keyPassphrase');
  if (
    code('ERR_SSL_WRONG_VERSION_NUMBER') ||
    message(/before secure TLS connection was established|wrong version number/i)
  )
    return appError('tls.toPlaintext');
  if (code(TLS_LISTENER_CODE)) return appError('tls.plainToTls');
  // Apache Kafka answers a SASL handshake on a listener without SASL with ILLEGAL_SASL_STATE
  // and no mechanisms: nothing refused the credentials (it read "refused the user name or password").
  if (links.some((e) => kafkaType(e) === 'ILLEGAL_SASL_STATE')) return appError('sasl.notOnListener');
  const unsupported = links.find((e) => kafkaType(e) === 'UNSUPPORTED_SASL_MECHANISM');
  if (unsupported) {
    const offered = /offers ([^)]*)\)/.exec(unsupported.message ?? '')?.[1] ?? '—';
    const mechanism = /for ([A-Z0-9-]+) refused/.exec(unsupported.message ?? '')?.[1] ?? 'this';
    return appError('kafka.saslMechanism', { mechanism, offered });
  }
  return null;
}

/** For the order path: the clerk's words for why an order is not out yet. */
export function kafkaErrorToAppError(err: unknown, ctx: KafkaErrorContext): AppError {
  const links = errorChain(err);
  const has = (pred: (e: ErrorLike) => boolean) => links.some(pred);
  const typeIn = (set: Set<string>) => has((e) => set.has(kafkaType(e) ?? ''));
  const brokers = ctx.brokers.length ? ctx.brokers.join(', ') : '—';
  const detail = () => {
    const text = errorDetail(err);
    return text.length > 200 ? `${text.slice(0, 199)}…` : text;
  };

  if (typeIn(TOPIC_MISSING) || has((e) => e.name === 'KafkaJSTopicMetadataNotLoaded')) {
    return appError('kafka.topicMissing', { topic: ctx.topic });
  }
  if (typeIn(NOT_ENOUGH_REPLICAS)) return appError('kafka.notEnoughReplicas');
  const security = securityFailure(err);
  if (security) return security;
  if (has((e) => e.name === 'KafkaJSSASLAuthenticationError') || typeIn(AUTH))
    return appError('kafka.authFailed', { detail: detail() });
  if (typeIn(TOO_LARGE)) return appError('kafka.messageTooLarge');
  if (typeIn(INVALID_RECORD)) return appError('kafka.recordInvalid', { detail: detail() });
  if (isConnectionFailure(links)) {
    // A broker name that does not resolve will not come back by itself: the header says which
    // name and to check it (connectionReason), where "when it is back" would have the clerk wait.
    const cause = networkCause(links);
    return appError(
      'kafka.unreachable',
      cause?.kind === 'unknownHost' ? { brokers, host: cause.host, errno: cause.errno } : { brokers },
    );
  }
  if (has((e) => !!e.name && TIMEOUT_ERRORS.has(e.name)) || typeIn(TIMEOUT_TYPES)) return appError('kafka.timeout');
  return appError('kafka.error', { detail: detail() });
}

/**
 * For the benchmark: why its records failed, in the operator's words. The order path's words
 * ("It will be sent again", "orders are kept") are not true of a benchmark, so the Kafka
 * answers an operator meets there have the benchmark's own; Kafka's name rides along in
 * `kafka` for the operator to look up.
 */
export function benchFailureToAppError(err: unknown, ctx: KafkaErrorContext): AppError {
  const kafka = errorChain(err).map(kafkaType).find(Boolean) ?? null;
  const mapped = kafkaErrorToAppError(err, ctx);
  if (mapped.code === 'kafka.notEnoughReplicas') return appError('bench.notEnoughReplicas', { kafka: kafka ?? '' });
  if (mapped.code === 'kafka.topicMissing') return appError('bench.topicMissing', { topic: ctx.topic });
  if (mapped.code === 'kafka.unreachable') return appError('bench.unreachable');
  if (mapped.code === 'kafka.error' && kafka) return appError('bench.refused', { kafka });
  return mapped;
}

/** A secure connection or a login that failed (the same words wherever it is met), else null. */
function securityOrLoginFailure(err: unknown): AppError | null {
  const security = securityFailure(err);
  if (security) return security;
  const login = errorChain(err).some(
    (e) => e.name === 'KafkaJSSASLAuthenticationError' || kafkaType(e) === 'SASL_AUTHENTICATION_FAILED',
  );
  return login ? appError('kafka.authFailed', { detail: errorDetail(err) }) : null;
}

/**
 * For Diagnostics and the benchmark's checks: a cluster that cannot be reached names the
 * brokers and why; anything else is Kafka's own answer. `connecting`: the failure happened
 * while connecting, so whatever it is, the cluster was not reached.
 */
export function clusterErrorToAppError(
  err: unknown,
  brokers: readonly string[],
  opts: { connecting?: boolean } = {},
): AppError {
  const refused = securityOrLoginFailure(err);
  if (refused) return refused;
  const links = errorChain(err);
  if (opts.connecting || isConnectionFailure(errorChain(err))) {
    const cause = networkCause(links);
    const listed = brokers.join(', ');
    if (cause?.kind === 'unknownHost')
      return appError('cluster.unknownHost', { brokers: listed, host: cause.host, errno: cause.errno });
    if (cause?.kind === 'refused') return appError('cluster.refused', { brokers: listed, address: cause.address });
    return appError('cluster.unreachable', { brokers: listed, detail: errorDetail(err) });
  }
  return appError('kafka.error', { detail: errorDetail(err) });
}

/**
 * For the safety checklist's items read from the order topic: why the cluster gave nothing for
 * it (Kafka's answer for the topic in Metadata or DescribeConfigs, or a failed request). Those
 * items read "Unknown" with no reason unless the topic was missing.
 */
export function topicReadErrorToAppError(err: unknown, topic: string, brokers: readonly string[]): AppError {
  const types = new Set(errorChain(err).map(kafkaType));
  if (types.has('UNKNOWN_TOPIC_OR_PARTITION')) return appError('checklist.topicMissing', { topic });
  if (types.has('TOPIC_AUTHORIZATION_FAILED')) return appError('checklist.topicNotAuthorized', { topic });
  return clusterErrorToAppError(err, brokers);
}

/**
 * For one broker's row on Diagnostics (a probe that failed): what happened at that address, in
 * the operator's language. The system's own text ("connect ECONNREFUSED 127.0.0.1:9092") was
 * all the row said, in English on a Korean screen; it stays beside the sentence as the detail.
 */
export function brokerErrorToAppError(err: unknown, address: string): AppError {
  const refused = securityOrLoginFailure(err);
  if (refused) return refused;
  const links = errorChain(err);
  const cause = networkCause(links);
  if (cause?.kind === 'unknownHost') return appError('broker.unknownHost', { host: cause.host, errno: cause.errno });
  if (cause?.kind === 'refused') return appError('broker.refused', { address });
  if (links.some((e) => (!!e.name && TIMEOUT_ERRORS.has(e.name)) || e.code === 'ETIMEDOUT'))
    return appError('broker.timeout', { address });
  return appError('broker.unreachable', { address });
}

type NetworkCause = { kind: 'unknownHost'; host: string; errno: string } | { kind: 'refused'; address: string };

/**
 * A name that does not resolve, or an address where nothing listens, told as such: the system's
 * own text ("getaddrinfo ENOTFOUND …") was all an operator read, in English on a Korean screen.
 * Null for any other cause, or when the host or address cannot be read from the error.
 */
function networkCause(links: ErrorLike[]): NetworkCause | null {
  const texts = links.map((e) => e.message ?? '');
  const hasCode = (c: string) => links.some((e) => e.code === c) || texts.some((t) => t.includes(c));
  for (const errno of ['ENOTFOUND', 'EAI_AGAIN']) {
    if (!hasCode(errno)) continue;
    const host =
      links.map((e) => (e as { hostname?: unknown }).hostname).find((h) => typeof h === 'string') ??
      texts.map((t) => new RegExp(`${errno} (\\S+)`).exec(t)?.[1]).find(Boolean);
    return typeof host === 'string' ? { kind: 'unknownHost', host, errno } : null;
  }
  if (hasCode('ECONNREFUSED')) {
    const at = links.find((e) => typeof (e as { address?: unknown }).address === 'string') as
      { address: string; port?: number } | undefined;
    const address = at
      ? `${at.address}${at.port ? `:${at.port}` : ''}`
      : texts.map((t) => /ECONNREFUSED (\S+)/.exec(t)?.[1]).find(Boolean);
    return address ? { kind: 'refused', address } : null;
  }
  return null;
}

/** Errors after which the orders wait and are sent again automatically. */
export function isAutoRetryable(error: AppError, err: unknown): boolean {
  switch (error.code) {
    case 'kafka.unreachable':
    case 'kafka.topicMissing':
    case 'kafka.notEnoughReplicas':
    case 'kafka.timeout':
    case 'kafka.authFailed': // credentials are fixed in Settings, which reconnects; until then the orders wait
    case 'kafka.saslMechanism':
    case 'sasl.notOnListener':
    case 'tls.untrusted':
    case 'tls.nameMismatch':
    case 'tls.expired':
    case 'tls.clientCertRequired':
    case 'tls.keyPassphrase':
    case 'tls.toPlaintext':
    case 'tls.plainToTls':
      return true;
    case 'kafka.messageTooLarge':
    case 'kafka.recordInvalid':
      return false;
    default:
      // Unknown broker errors: trust the client's judgement of the root cause (the wrappers
      // kafkajs adds after exhausting its own retries always say "not retriable").
      return errorChain(err).at(-1)?.retriable === true;
  }
}

/** The broker rejected this producer session (sequence or epoch): make a new producer. */
export function needsNewProducer(err: unknown): boolean {
  return errorChain(err).some((e) => PRODUCER_FENCED.has(kafkaType(e) ?? ''));
}

/**
 * Whether the broker definitely did not append the batch (safe to split or regroup it). Also
 * asked of an outbox row's stored error code (outbox-store.ts void).
 */
export function definitelyNotAppended(error: { code: string }): boolean {
  return error.code === 'kafka.messageTooLarge' || error.code === 'kafka.recordInvalid';
}
