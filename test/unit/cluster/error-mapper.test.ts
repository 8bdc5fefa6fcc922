// The one error mapper on the errors the app's own raw clients raise (the wire module's Kafka
// codes, the network) and on what Diagnostics shows. kafkajs's errors: test/unit/orders/kafka-errors.test.ts.
import { describe, expect, it } from 'vitest';
import { KafkaJSConnectionError, KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError } from 'kafkajs';
import { ClusterConnectionError, ClusterRequestTimeoutError } from '../../../electron/cluster/cluster-errors';
import {
  brokerErrorToAppError,
  clusterErrorToAppError,
  errorDetail,
  isAutoRetryable,
  kafkaErrorToAppError,
  needsNewProducer,
} from '../../../electron/cluster/error-mapper';
import { OrderSearchError } from '../../../electron/kafka/order-id-search';
import { KafkaError, KafkaResponseError } from '../../../electron/kafka-wire/error-codes';
import { formatError } from '../../../shared/error-codes';
import { connectionReason } from '../../../shared/delivery-states';

const ctx = { brokers: ['10.0.0.1:9092'], topic: 'user-data' };
const refused = () =>
  new ClusterConnectionError('10.0.0.1:9092: connect ECONNREFUSED 10.0.0.1:9092', {
    code: 'ECONNREFUSED',
    cause: Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:9092'), { code: 'ECONNREFUSED' }),
  });

describe("raw client errors in the clerk's words", () => {
  it('a broker that cannot be reached or stops answering', () => {
    expect(kafkaErrorToAppError(refused(), ctx)).toEqual({
      code: 'kafka.unreachable',
      params: { brokers: '10.0.0.1:9092' },
    });
    expect(
      kafkaErrorToAppError(
        new ClusterConnectionError('10.0.0.1:9092: no connection within 3000 ms', { code: 'ETIMEDOUT' }),
        ctx,
      ).code,
    ).toBe('kafka.unreachable');
    const slow = new ClusterRequestTimeoutError('10.0.0.1:9092: no answer within 10000 ms (Fetch v4)');
    expect(kafkaErrorToAppError(slow, ctx).code).toBe('kafka.timeout');
    expect(isAutoRetryable(kafkaErrorToAppError(slow, ctx), slow)).toBe(true);
  });

  it("Kafka's own codes, read through the wire module's table, also when wrapped by the order search", () => {
    const missing = new KafkaResponseError(KafkaError.UNKNOWN_TOPIC_OR_PARTITION, { context: 'Fetch user-data-0' });
    expect(kafkaErrorToAppError(missing, ctx)).toEqual({ code: 'kafka.topicMissing', params: { topic: 'user-data' } });
    const denied = new OrderSearchError('no read', true, {
      cause: new KafkaResponseError(KafkaError.TOPIC_AUTHORIZATION_FAILED),
    });
    expect(kafkaErrorToAppError(denied, ctx)).toMatchObject({
      code: 'kafka.authFailed',
      params: { detail: expect.stringContaining('TOPIC_AUTHORIZATION_FAILED') },
    });
    const login = new KafkaResponseError(KafkaError.SASL_AUTHENTICATION_FAILED, {
      context: 'SASL login refused',
      brokerMessage: 'Authentication failed: Invalid username or password',
    });
    expect(kafkaErrorToAppError(login, ctx)).toEqual({
      code: 'kafka.authFailed',
      params: {
        detail: 'SASL login refused: SASL_AUTHENTICATION_FAILED: Authentication failed: Invalid username or password',
      },
    });
    // NOT_LEADER_OR_FOLLOWER has no words of its own; Kafka calls it retriable, so orders wait and go again.
    const moved = new KafkaResponseError(KafkaError.NOT_LEADER_OR_FOLLOWER);
    expect(kafkaErrorToAppError(moved, ctx).code).toBe('kafka.error');
    expect(isAutoRetryable(kafkaErrorToAppError(moved, ctx), moved)).toBe(true);
    expect(needsNewProducer(new KafkaResponseError(KafkaError.UNKNOWN_PRODUCER_ID))).toBe(true);
  });

  it("reads kafkajs's 2.x names and Kafka 4.x's through the code: the same error either way", () => {
    const kafkajsNotLeader = new KafkaJSProtocolError({
      message: 'not leader',
      type: 'NOT_LEADER_FOR_PARTITION',
      code: 6,
      retriable: true,
    } as unknown as Error);
    const wireNotLeader = new KafkaResponseError(6);
    expect(kafkaErrorToAppError(kafkajsNotLeader, ctx).code).toBe(kafkaErrorToAppError(wireNotLeader, ctx).code);
    expect(isAutoRetryable(kafkaErrorToAppError(kafkajsNotLeader, ctx), kafkajsNotLeader)).toBe(
      isAutoRetryable(kafkaErrorToAppError(wireNotLeader, ctx), wireNotLeader),
    );
    const nerKafkajs = new KafkaJSNumberOfRetriesExceeded(
      new KafkaJSProtocolError({
        message: 'm',
        type: 'NOT_ENOUGH_REPLICAS',
        code: 19,
        retriable: true,
      } as unknown as Error),
      { retryCount: 1, retryTime: 1 } as never,
    );
    expect(kafkaErrorToAppError(nerKafkajs, ctx).code).toBe(kafkaErrorToAppError(new KafkaResponseError(19), ctx).code);
  });
});

describe('errors as Diagnostics and the benchmark show them', () => {
  it('a cluster that cannot be reached names the brokers and the cause, in words for a refused connection or an unknown name', () => {
    expect(clusterErrorToAppError(refused(), ['10.0.0.1:9092', '10.0.0.2:9092'])).toEqual({
      code: 'cluster.refused',
      params: { brokers: '10.0.0.1:9092, 10.0.0.2:9092', address: '10.0.0.1:9092' },
    });
    const dns = Object.assign(new Error('getaddrinfo ENOTFOUND no-such-host.invalid'), {
      code: 'ENOTFOUND',
      hostname: 'no-such-host.invalid',
    });
    const notFound = clusterErrorToAppError(new ClusterConnectionError('no-such-host.invalid:9092', { cause: dns }), [
      'no-such-host.invalid:9092',
    ]);
    expect(formatError(notFound)).toBe(
      'Cannot reach the Kafka cluster (no-such-host.invalid:9092): the host name no-such-host.invalid is not known (ENOTFOUND)',
    );
    expect(formatError(notFound, 'ko')).toBe(
      'Kafka 클러스터(no-such-host.invalid:9092)에 연결할 수 없습니다: 호스트 이름 no-such-host.invalid를 찾을 수 없습니다 (ENOTFOUND)',
    );
    // Through kafkajs, which keeps only the text: read from it.
    const kafkajs = new KafkaJSNumberOfRetriesExceeded(
      new KafkaJSConnectionError('Connection error: getaddrinfo EAI_AGAIN kafka-1.store', {
        code: 'EAI_AGAIN',
      } as never),
      { retryCount: 1, retryTime: 1 } as never,
    );
    expect(clusterErrorToAppError(kafkajs, ['kafka-1.store:9092'])).toMatchObject({
      code: 'cluster.unknownHost',
      params: { host: 'kafka-1.store', errno: 'EAI_AGAIN' },
    });
    // Another cause, or one whose address cannot be read: the system's text, as before.
    const reset = new KafkaJSConnectionError('Connection error: read ECONNRESET', { code: 'ECONNRESET' } as never);
    expect(clusterErrorToAppError(reset, ['b:1'])).toEqual({
      code: 'cluster.unreachable',
      params: { brokers: 'b:1', detail: 'Connection error: read ECONNRESET' },
    });
  });

  it('SASL login on a broker port without SASL says so, in the operator\'s language, not "credentials refused"', () => {
    // What Apache Kafka 4.4.0 answers a SaslHandshake on a PLAINTEXT listener, as the raw
    // client throws it (sasl-login.ts) and as kafkajs does on the order path.
    const raw = new KafkaResponseError(KafkaError.ILLEGAL_SASL_STATE, {
      context: 'SASL handshake for PLAIN refused (the broker offers none)',
    });
    const kafkajs = new KafkaJSProtocolError({
      message: 'Request is not valid given the current SASL state',
      type: 'ILLEGAL_SASL_STATE',
      code: 34,
    } as unknown as Error);
    const expected = { code: 'sasl.notOnListener' };
    expect(kafkaErrorToAppError(kafkajs, ctx)).toEqual(expected);
    expect(kafkaErrorToAppError(raw, ctx)).toEqual(expected);
    expect(clusterErrorToAppError(raw, ['127.0.0.1:19292'])).toEqual(expected);
    expect(brokerErrorToAppError(raw, '127.0.0.1:19292')).toEqual(expected);
    const header = connectionReason(kafkaErrorToAppError(kafkajs, ctx));
    expect(header && formatError(header, 'en')).toBe(
      'SASL login is on, but the broker port does not use SASL (a listener without login). Turn SASL login off or use the SASL port in Settings. Orders are kept meanwhile.',
    );
    expect(header && formatError(header, 'ko')).toBe(
      'SASL 로그인이 켜져 있지만 브로커 포트는 SASL 로그인을 쓰지 않습니다 (로그인 없는 리스너). 설정에서 SASL 로그인을 끄거나 SASL 포트를 사용하세요. 그동안 주문은 보관됩니다.',
    );
    expect(isAutoRetryable(kafkaErrorToAppError(raw, ctx), raw)).toBe(true);
  });

  it('anything else is Kafka\'s own answer, and a failure while connecting is always "unreachable"', () => {
    expect(
      clusterErrorToAppError(new KafkaResponseError(KafkaError.CLUSTER_AUTHORIZATION_FAILED), ['b:1']),
    ).toMatchObject({ code: 'kafka.error' });
    expect(clusterErrorToAppError(new Error('odd'), ['b:1'], { connecting: true })).toEqual({
      code: 'cluster.unreachable',
      params: { brokers: 'b:1', detail: 'odd' },
    });
    expect(errorDetail('plain text')).toBe('plain text');
  });
});
