// kafkajs errors → the app's error codes, so the clerk reads "cannot reach the order server"
// rather than "KafkaJSNumberOfRetriesExceeded". Also decides whether an error is worth an
// automatic retry and whether the producer itself must be replaced.
import { appError, type AppError } from '../../shared/error-codes';

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
]);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN']);
const TOPIC_MISSING = new Set(['UNKNOWN_TOPIC_OR_PARTITION']);
const NOT_ENOUGH_REPLICAS = new Set(['NOT_ENOUGH_REPLICAS', 'NOT_ENOUGH_REPLICAS_AFTER_APPEND']);
const AUTH = new Set([
  'SASL_AUTHENTICATION_FAILED',
  'TOPIC_AUTHORIZATION_FAILED',
  'CLUSTER_AUTHORIZATION_FAILED',
  'ILLEGAL_SASL_STATE',
  'UNSUPPORTED_SASL_MECHANISM',
]);
const TOO_LARGE = new Set(['MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE']);
const TIMEOUT_TYPES = new Set(['REQUEST_TIMED_OUT']);
/** The broker no longer knows this producer's session; only a new producer id helps. */
const PRODUCER_FENCED = new Set(['OUT_OF_ORDER_SEQUENCE_NUMBER', 'UNKNOWN_PRODUCER_ID', 'INVALID_PRODUCER_EPOCH', 'INVALID_PRODUCER_ID_MAPPING']);

/** The chain kafkajs builds (retries exceeded → cause → ...), outermost first. */
function chain(err: unknown): ErrorLike[] {
  const out: ErrorLike[] = [];
  let e: unknown = err;
  while (e && typeof e === 'object' && out.length < 8 && !out.includes(e as ErrorLike)) {
    out.push(e as ErrorLike);
    const next: unknown = (e as ErrorLike).cause ?? (e as ErrorLike).originalError;
    e = next;
  }
  if (out.length === 0) out.push({ message: String(err) });
  return out;
}

function detailOf(err: unknown): string {
  const links = chain(err);
  const last = links[links.length - 1];
  const text = last.message || links[0].message || String(err);
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

export function kafkaErrorToAppError(err: unknown, ctx: KafkaErrorContext): AppError {
  const links = chain(err);
  const has = (pred: (e: ErrorLike) => boolean) => links.some(pred);
  const brokers = ctx.brokers.length ? ctx.brokers.join(', ') : '—';

  if (has((e) => !!e.type && TOPIC_MISSING.has(e.type)) || has((e) => e.name === 'KafkaJSTopicMetadataNotLoaded')) {
    return appError('kafka.topicMissing', { topic: ctx.topic });
  }
  if (has((e) => !!e.type && NOT_ENOUGH_REPLICAS.has(e.type))) return appError('kafka.notEnoughReplicas');
  if (has((e) => e.name === 'KafkaJSSASLAuthenticationError' || (!!e.type && AUTH.has(e.type)))) {
    return appError('kafka.authFailed', { detail: detailOf(err) });
  }
  if (has((e) => !!e.type && TOO_LARGE.has(e.type))) return appError('kafka.messageTooLarge');
  if (
    has((e) => !!e.name && CONNECTION_ERRORS.has(e.name)) ||
    has((e) => typeof e.code === 'string' && NETWORK_CODES.has(e.code)) ||
    has((e) => /ECONNREFUSED|Connection error|Connection timeout|Closed connection|not connected/i.test(e.message ?? ''))
  ) {
    return appError('kafka.unreachable', { brokers });
  }
  if (
    has((e) => e.name === 'KafkaJSRequestTimeoutError' || e.name === 'KafkaJSTimeout' || e.name === 'KafkaJSLockTimeout') ||
    has((e) => !!e.type && TIMEOUT_TYPES.has(e.type))
  ) {
    return appError('kafka.timeout');
  }
  return appError('kafka.error', { detail: detailOf(err) });
}

/** Errors after which the orders wait and are sent again automatically. */
export function isAutoRetryable(error: AppError, err: unknown): boolean {
  switch (error.code) {
    case 'kafka.unreachable':
    case 'kafka.topicMissing':
    case 'kafka.notEnoughReplicas':
    case 'kafka.timeout':
    // Credentials are fixed in Settings, which reconnects; until then the orders wait.
    case 'kafka.authFailed':
      return true;
    case 'kafka.messageTooLarge':
      return false;
    default:
      // Unknown broker errors: trust kafkajs' judgement of the root cause (the wrappers it adds
      // after exhausting its own retries always say "not retriable").
      return chain(err).at(-1)?.retriable === true;
  }
}

/** The broker rejected this producer session (sequence or epoch): make a new producer. */
export function needsNewProducer(err: unknown): boolean {
  return chain(err).some((e) => !!e.type && PRODUCER_FENCED.has(e.type));
}

/** Whether the broker definitely did not append the batch (safe to split or regroup it). */
export function definitelyNotAppended(error: AppError): boolean {
  return error.code === 'kafka.messageTooLarge';
}
