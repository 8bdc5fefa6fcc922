// The header's banner gives the connection's cause in words of its own: never an order's
// "Waiting: … It will be sent by itself" (the banner counts the orders itself, often none),
// and never Kafka's text or a broker address.
import { describe, expect, it } from 'vitest';
import { KafkaJSConnectionError, KafkaJSNumberOfRetriesExceeded } from 'kafkajs';
import { clerkView, clerkViewNow, connectionReason } from '../../../shared/delivery-states';
import { isAutoRetryable, kafkaErrorToAppError } from '../../../electron/cluster/error-mapper';
import { appError, formatError } from '../../../shared/error-codes';

const words = (code: Parameters<typeof appError>[0], params?: Record<string, string>) => {
  const r = connectionReason(appError(code, params));
  return r ? [formatError(r, 'en'), formatError(r, 'ko')] : null;
};

describe('connectionReason', () => {
  it('names the cause alone for each way the cluster can keep orders waiting', () => {
    expect(words('kafka.unreachable', { brokers: '10.0.0.7:9092' })).toEqual([
      'The order server cannot be reached.',
      '주문 서버에 연결할 수 없습니다.',
    ]);
    expect(words('kafka.timeout')?.[0]).toBe('The order server is answering slowly.');
    expect(words('kafka.notEnoughReplicas')?.[0]).toBe('Too few order servers are running to store orders safely.');
    expect(words('kafka.topicMissing', { topic: 'user-data' })?.[0]).toBe(
      'The order topic does not exist yet: an operator must create it.',
    );
    expect(words('kafka.error', { detail: 'CORRUPT_MESSAGE from 10.0.0.7' })?.[0]).toBe(
      'The order server is not taking orders right now.',
    );
  });

  it('a broker name that does not resolve says so and what to fix, not "when it is back"; the orders still wait', () => {
    // As kafkajs raised it for a mistyped broker in Settings.
    const err = new KafkaJSNumberOfRetriesExceeded(
      new KafkaJSConnectionError('Connection error: getaddrinfo ENOTFOUND kafka-does-not-exist.local', {
        code: 'ENOTFOUND',
      } as never),
      { retryCount: 5, retryTime: 100 } as never,
    );
    const mapped = kafkaErrorToAppError(err, { brokers: ['kafka-does-not-exist.local:9092'], topic: 'user-data' });
    expect(mapped.code).toBe('kafka.unreachable');
    expect(isAutoRetryable(mapped, err)).toBe(true);
    const r = connectionReason(mapped)!;
    expect(formatError(r, 'en')).toBe(
      'The broker name kafka-does-not-exist.local cannot be found (ENOTFOUND): check the broker address in Settings.',
    );
    expect(formatError(r, 'ko')).toBe(
      '브로커 이름 kafka-does-not-exist.local을 찾을 수 없습니다 (ENOTFOUND). 설정에서 브로커 주소를 확인하세요.',
    );
    // Each waiting order on the Outbox says the same cause: it said "the order server cannot be
    // reached … sent by itself" under a header that named the broker to correct.
    const view = clerkView({ state: 'failed', autoRetry: true, error: mapped });
    expect(view.state).toBe('waiting');
    const order = { code: view.reason!, ...(view.params ? { params: view.params } : {}) };
    expect(formatError(order, 'en')).toBe(
      'Waiting: the broker name kafka-does-not-exist.local cannot be found (ENOTFOUND): check the broker address in Settings. It is sent as soon as the broker can be reached.',
    );
    expect(formatError(order, 'ko')).toBe(
      '대기 중: 브로커 이름 kafka-does-not-exist.local을 찾을 수 없습니다 (ENOTFOUND). 설정에서 브로커 주소를 확인하세요. 브로커에 연결되는 대로 전송됩니다.',
    );
  });

  it('keeps a Settings problem in its own words, and has nothing to say without an error', () => {
    expect(connectionReason(appError('tls.plainToTls'))).toEqual(appError('tls.plainToTls'));
    expect(connectionReason(null)).toBeNull();
  });
});

// The Outbox read "Saved" with nothing beside it for an order saved while the cluster was out of
// reach, until the dispatcher's next attempt (its backoff: up to 10 s), and for as long as the
// outage lasted past the oldest batch of a backlog.
describe('clerkViewNow: an order saved during an outage', () => {
  const saved = { state: 'saved' as const, autoRetry: true, error: null };
  const say = (v: ReturnType<typeof clerkViewNow>) =>
    v.reason ? [v.state, formatError({ code: v.reason, ...(v.params ? { params: v.params } : {}) }, 'en')] : [v.state];

  it('waits for the reason the header gives, while the cluster cannot be reached or takes no order', () => {
    expect(say(clerkViewNow(saved, { status: 'offline', error: appError('kafka.unreachable') }))).toEqual([
      'waiting',
      'Waiting: the order server cannot be reached. It will be sent by itself.',
    ]);
    expect(
      say(clerkViewNow(saved, { status: 'blocked', error: appError('kafka.topicMissing', { topic: 'user-data' }) })),
    ).toEqual([
      'waiting',
      'Waiting: the order topic does not exist yet (an operator must create it). It will be sent by itself.',
    ]);
  });

  it('is just saved while connected or connecting, and keeps a reason of its own', () => {
    expect(say(clerkViewNow(saved, { status: 'connected', error: null }))).toEqual(['saved']);
    expect(say(clerkViewNow(saved, { status: 'connecting', error: appError('kafka.unreachable') }))).toEqual(['saved']);
    expect(say(clerkViewNow(saved, null))).toEqual(['saved']);
    const held = { ...saved, error: appError('waiting.heldBehind') };
    expect(clerkViewNow(held, { status: 'offline', error: appError('kafka.unreachable') })).toEqual(clerkView(held));
  });
});
