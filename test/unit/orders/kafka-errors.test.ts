import { describe, expect, it } from 'vitest';
import {
  KafkaJSConnectionError,
  KafkaJSNonRetriableError,
  KafkaJSNumberOfRetriesExceeded,
  KafkaJSProtocolError,
  KafkaJSRequestTimeoutError,
  KafkaJSSASLAuthenticationError,
} from 'kafkajs';
import { isAutoRetryable, kafkaErrorToAppError, needsNewProducer } from '../../../electron/cluster/error-mapper';
import { formatError } from '../../../shared/error-codes';

const ctx = { brokers: ['10.0.0.1:9092', '10.0.0.2:9092'], topic: 'user-data' };
const protocol = (type: string, code: number, retriable: boolean, message = type) =>
  new KafkaJSProtocolError({ message, type, code, retriable } as unknown as Error);
// kafkajs' .d.ts declares fewer constructor parameters than its classes take.
const NonRetriable = KafkaJSNonRetriableError as unknown as new (e: Error, o: { cause: Error }) => Error;
const SaslError = KafkaJSSASLAuthenticationError as unknown as new (message: string) => Error;
const exhausted = (cause: Error) =>
  new KafkaJSNumberOfRetriesExceeded(cause, { retryCount: 3, retryTime: 1000 } as never);

describe("kafkajs errors in the clerk's words", () => {
  it("keeps the brokers out of the clerk's text when they cannot be reached (also through kafkajs' wrappers)", () => {
    const refused = new KafkaJSConnectionError('Connection error: connect ECONNREFUSED 10.0.0.1:9092', {
      code: 'ECONNREFUSED',
    } as never);
    for (const e of [refused, exhausted(refused), new NonRetriable(refused, { cause: refused })]) {
      const err = kafkaErrorToAppError(e, ctx);
      expect(err).toEqual({ code: 'kafka.unreachable', params: { brokers: '10.0.0.1:9092, 10.0.0.2:9092' } });
      expect(isAutoRetryable(err, e)).toBe(true);
    }
    // The clerk's text names no broker (issue 10); the addresses stay in the parameters for the logs.
    expect(formatError(kafkaErrorToAppError(refused, ctx))).not.toContain('10.0.0.1');
    expect(formatError(kafkaErrorToAppError(refused, ctx), 'ko')).not.toContain('10.0.0.1');
  });

  it('names the missing topic and says how to create it', () => {
    const e = exhausted(
      protocol('UNKNOWN_TOPIC_OR_PARTITION', 3, true, 'This server does not host this topic-partition'),
    );
    const err = kafkaErrorToAppError(e, ctx);
    expect(err).toEqual({ code: 'kafka.topicMissing', params: { topic: 'user-data' } });
    expect(formatError(err)).toMatch(/Topic "user-data" does not exist.*--create --topic user-data/);
    expect(formatError(err, 'ko')).toContain('토픽 user-data가 없습니다');
    expect(isAutoRetryable(err, e)).toBe(true);
  });

  it('maps NOT_ENOUGH_REPLICAS, auth, too large and timeouts', () => {
    const ner = exhausted(protocol('NOT_ENOUGH_REPLICAS', 19, true));
    expect(kafkaErrorToAppError(ner, ctx).code).toBe('kafka.notEnoughReplicas');
    expect(isAutoRetryable(kafkaErrorToAppError(ner, ctx), ner)).toBe(true);

    const sasl = new SaslError('SASL PLAIN authentication failed: Authentication failed');
    expect(kafkaErrorToAppError(sasl, ctx)).toMatchObject({
      code: 'kafka.authFailed',
      params: { detail: expect.stringContaining('Authentication failed') },
    });
    expect(kafkaErrorToAppError(protocol('TOPIC_AUTHORIZATION_FAILED', 29, false), ctx).code).toBe('kafka.authFailed');

    const big = protocol('MESSAGE_TOO_LARGE', 10, false);
    expect(kafkaErrorToAppError(big, ctx).code).toBe('kafka.messageTooLarge');
    expect(isAutoRetryable(kafkaErrorToAppError(big, ctx), big)).toBe(false);

    const slow = new KafkaJSRequestTimeoutError('Request Produce(key: 0, version: 7) timed out');
    expect(kafkaErrorToAppError(exhausted(slow), ctx).code).toBe('kafka.timeout');
    expect(kafkaErrorToAppError(protocol('REQUEST_TIMED_OUT', 7, true), ctx).code).toBe('kafka.timeout');
  });

  it('anything else is a generic error with its detail, retried only when kafkajs calls it retriable', () => {
    const corrupt = protocol('CORRUPT_MESSAGE', 2, false, 'This message has failed its CRC checksum');
    const err = kafkaErrorToAppError(corrupt, ctx);
    expect(err).toEqual({ code: 'kafka.error', params: { detail: 'This message has failed its CRC checksum' } });
    expect(isAutoRetryable(err, corrupt)).toBe(false);
    const leader = exhausted(protocol('LEADER_NOT_AVAILABLE', 5, true));
    expect(isAutoRetryable(kafkaErrorToAppError(leader, ctx), leader)).toBe(true);
    expect(kafkaErrorToAppError('weird', ctx)).toEqual({ code: 'kafka.error', params: { detail: 'weird' } });
  });

  it('knows when the broker has forgotten the producer session', () => {
    expect(needsNewProducer(exhausted(protocol('OUT_OF_ORDER_SEQUENCE_NUMBER', 45, false)))).toBe(true);
    expect(needsNewProducer(protocol('UNKNOWN_PRODUCER_ID', 59, false))).toBe(true);
    expect(needsNewProducer(protocol('NOT_ENOUGH_REPLICAS', 19, true))).toBe(false);
  });
});
