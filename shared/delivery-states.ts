// What the clerk is told about an order's delivery (issue 10), derived from its outbox record:
// the one place that decides it, used by the renderer's rows and badges and by the tests that
// check what a clerk would have seen.
//
//   saved → waiting (with a reason in plain words) → sending → delivered
//   needs attention: only when a person must act (a poison order the server refuses for good,
//   credentials or certificates it refuses); voided: a person decided it is never sent.
//
// The stored record keeps the technical error (broker text, addresses) for Diagnostics and the
// logs; `reason` is a clerk's sentence with none of that.
import type { ErrorCode } from './error-codes';
import type { DeliveryState } from './outbox-types';

export const CLERK_STATES = ['saved', 'waiting', 'sending', 'delivered', 'attention', 'voided'] as const;
export type ClerkState = (typeof CLERK_STATES)[number];

/** The fields of a record (or of a change event) the clerk's view is made of. */
export interface DeliveryFacts {
  state: DeliveryState;
  autoRetry: boolean;
  error: { code: ErrorCode; params?: Record<string, string | number> } | null;
}

export interface ClerkView {
  state: ClerkState;
  /** The clerk's words for why it waits or needs attention; null when nothing needs saying. */
  reason: ErrorCode | null;
  params?: Record<string, string | number>;
}

/** Refusals a person must act on because the order itself is bad (the order is held). */
export const POISON_ERRORS: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'kafka.messageTooLarge',
  'kafka.recordInvalid',
]);

/**
 * Refusals a person must act on in Settings (orders still wait and go once fixed). Their own
 * words are written for that person (what to fix, which file), so the header keeps them.
 */
const CREDENTIAL_ERRORS: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'sasl.passwordMissing',
  'tls.fileUnreadable',
  'tls.fileNotPem',
  'secrets.unavailable',
  'kafka.authFailed',
  'kafka.saslMechanism',
  'sasl.notOnListener',
  'tls.untrusted',
  'tls.nameMismatch',
  'tls.expired',
  'tls.clientCertRequired',
  'tls.keyPassphrase',
  'tls.toPlaintext',
  'tls.plainToTls',
]);

/**
 * Why orders were set aside when the app went from its own training cluster to the store's, or
 * back (the outbox's sendsTo), or from one store cluster to another while an order's answer was
 * lost (atCluster): saved for one, they are never sent to the other unless a person resends that
 * order (not Alt+T, which resends what needs attention without a look).
 */
export const SET_ASIDE_CODES = [
  'order.trainingNotSent',
  'order.storeOrderNotSent',
  'order.inDoubtOtherCluster',
] as const;
export type SetAsideCode = (typeof SET_ASIDE_CODES)[number];
const isSetAside = (code: ErrorCode | undefined): code is SetAsideCode =>
  (SET_ASIDE_CODES as readonly string[]).includes(code ?? '');

/** Why an order waits, for each technical error; anything else the server said is "not taking orders". */
const WAITING_REASONS: Partial<Record<ErrorCode, ErrorCode>> = {
  'kafka.unreachable': 'waiting.offline',
  'kafka.timeout': 'waiting.slow',
  'kafka.slow': 'waiting.slow',
  'kafka.notEnoughReplicas': 'waiting.replicas',
  'kafka.topicMissing': 'waiting.topicMissing',
  'waiting.heldBehind': 'waiting.heldBehind',
};

/** An order that needs attention and that Alt+T may resend as it is: not one set aside for another cluster. */
export function resendableByKey(r: DeliveryFacts): boolean {
  return r.state === 'failed' && !r.autoRetry && !isSetAside(r.error?.code);
}

export function clerkView(r: DeliveryFacts): ClerkView {
  switch (r.state) {
    case 'delivered':
      return { state: 'delivered', reason: null };
    case 'delivered-previous-topic':
      // Delivered, but to a topic since deleted and re-created: an operator decides to re-send.
      return { state: 'attention', reason: 'attention.previousTopic' };
    case 'voided':
      return {
        state: 'voided',
        reason: 'attention.voided',
        params: { reason: String(r.error?.params?.reason ?? '') },
      };
    case 'sending':
      return { state: 'sending', reason: null };
    case 'saved':
      // A saved order held behind its customer's poison order carries that as its error.
      return r.error?.code === 'waiting.heldBehind'
        ? { state: 'waiting', reason: 'waiting.heldBehind' }
        : { state: 'saved', reason: null };
    case 'failed': {
      const code = r.error?.code;
      if (code && CREDENTIAL_ERRORS.has(code)) return { state: 'attention', reason: 'attention.credentials' };
      // Saved for the training cluster or the store's, and the app now sends to the other one.
      if (isSetAside(code)) return { state: 'attention', reason: code };
      if (!r.autoRetry)
        return {
          state: 'attention',
          reason: code === 'kafka.messageTooLarge' ? 'attention.tooLarge' : 'attention.refused',
        };
      // A mistyped broker name is no outage that ends by itself: the order names it, as the header does.
      const host = code === 'kafka.unreachable' ? r.error?.params?.host : undefined;
      if (host)
        return {
          state: 'waiting',
          reason: 'waiting.unknownHost',
          params: { host, errno: r.error?.params?.errno ?? '' },
        };
      return { state: 'waiting', reason: (code && WAITING_REASONS[code]) ?? 'waiting.server' };
    }
  }
}

/**
 * What the clerk is told of an order, given the connection as the header sees it: a saved order
 * nothing has been said of yet waits for the header's reason while the cluster cannot be reached
 * or takes no order. The dispatcher marks the waiting orders only at its next attempt (its
 * backoff: up to 10 s), and only the oldest batch of a backlog: the Outbox read "Saved" with
 * nothing beside it meanwhile. Said here from the connection's error, rather than written to each
 * order while offline, which cost Save's loop a commit for every batch saved.
 */
export function clerkViewNow(
  r: DeliveryFacts,
  connection: { status: string; error: DeliveryFacts['error'] } | null,
): ClerkView {
  const outage = connection?.status === 'offline' || connection?.status === 'blocked';
  if (r.state === 'saved' && !r.error && outage && connection.error)
    return clerkView({ state: 'failed', autoRetry: true, error: connection.error });
  return clerkView(r);
}

/**
 * The header's words for the connection's error: a Settings problem in its own words (they say
 * what to fix), anything the cluster said as why orders wait, in plain words: never broker
 * addresses or Kafka's text (kafka.authFailed's detail is Kafka's text, so it gets the plain
 * "credentials refused").
 */
export function connectionReason(error: DeliveryFacts['error']): DeliveryFacts['error'] {
  if (!error) return null;
  if (CREDENTIAL_ERRORS.has(error.code) && error.code !== 'kafka.authFailed') return error;
  // The cause each waiting order gives (a broker name that does not resolve named with it).
  const { reason, params } = clerkView({ state: 'failed', autoRetry: true, error });
  if (!reason) return null;
  // The cause alone: an order's "Waiting: … It will be sent by itself" read wrong in a banner
  // that already says how many wait, and with none waiting.
  return { code: CONNECTION_CAUSES[reason] ?? reason, ...(params ? { params } : {}) };
}

const CONNECTION_CAUSES: Partial<Record<ErrorCode, ErrorCode>> = {
  'waiting.offline': 'cause.offline',
  'waiting.unknownHost': 'cause.unknownHost',
  'waiting.slow': 'cause.slow',
  'waiting.replicas': 'cause.replicas',
  'waiting.topicMissing': 'cause.topicMissing',
  'waiting.server': 'cause.server',
};
