// The header's banner gives the connection's cause in words of its own: never an order's
// "Waiting: … It will be sent by itself" (the banner counts the orders itself, often none),
// and never Kafka's text or a broker address.
import { describe, expect, it } from 'vitest';
import { connectionReason } from '../../../shared/delivery-states';
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

  it('keeps a Settings problem in its own words, and has nothing to say without an error', () => {
    expect(connectionReason(appError('tls.plainToTls'))).toEqual(appError('tls.plainToTls'));
    expect(connectionReason(null)).toBeNull();
  });
});
