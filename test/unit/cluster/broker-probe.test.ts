// A broker row on Diagnostics whose address nothing listens at: the operator reads what happened
// in their language (it read Node's "connect ECONNREFUSED 127.0.0.1:9092" alone, in English on a
// Korean screen), with the system's text kept beside it as the detail.
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { probeBroker } from '../../../electron/cluster/broker-probe';
import { clusterConfig, withTimeouts } from '../../../electron/cluster/cluster-config';
import { ClusterConnectionError, ClusterRequestTimeoutError } from '../../../electron/cluster/cluster-errors';
import { brokerErrorToAppError } from '../../../electron/cluster/error-mapper';
import { formatError } from '../../../shared/error-codes';

/** A port on this host that was free a moment ago: nothing listens there. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("a broker's row when it cannot be reached", () => {
  it('says in English and in Korean that nothing listens at its address, with the system text as the detail', async () => {
    const port = await closedPort();
    const address = `127.0.0.1:${port}`;
    const config = withTimeouts(clusterConfig({ brokers: [address] }), { connectMs: 2_000, requestMs: 2_000 });
    const probe = await probeBroker({ host: '127.0.0.1', port }, config);
    expect(probe.reachable).toBe(false);
    if (!probe.error) throw new Error('the probe of a closed port reported no error');
    expect(formatError(probe.error, 'en')).toBe(
      `The broker at ${address} refused the connection: nothing is listening there (the broker is stopped, or the port is wrong).`,
    );
    expect(formatError(probe.error, 'ko')).toBe(
      `${address}의 브로커가 연결을 거부했습니다. 그 주소에서 연결을 받는 프로그램이 없습니다 (브로커가 멈췄거나 포트가 다릅니다).`,
    );
    expect(probe.detail).toContain('ECONNREFUSED');
  });

  it('tells an unknown host name, a broker that does not answer, and any other failure apart', () => {
    const unknown = new ClusterConnectionError('kafka-9.store:9092: getaddrinfo ENOTFOUND kafka-9.store', {
      code: 'ENOTFOUND',
    });
    expect(formatError(brokerErrorToAppError(unknown, 'kafka-9.store:9092'), 'en')).toBe(
      'The broker’s host name kafka-9.store is not known (ENOTFOUND): check the address.',
    );
    expect(formatError(brokerErrorToAppError(unknown, 'kafka-9.store:9092'), 'ko')).toBe(
      '브로커의 호스트 이름 kafka-9.store를 찾을 수 없습니다 (ENOTFOUND). 주소를 확인하세요.',
    );
    const silent = new ClusterRequestTimeoutError('10.0.0.1:9092: no answer within 3000 ms (Metadata v9)');
    expect(formatError(brokerErrorToAppError(silent, '10.0.0.1:9092'), 'ko')).toBe(
      '10.0.0.1:9092의 브로커가 제때 응답하지 않았습니다.',
    );
    const closed = new ClusterConnectionError('10.0.0.1:9092: connection closed');
    expect(formatError(brokerErrorToAppError(closed, '10.0.0.1:9092'), 'en')).toBe(
      'The broker at 10.0.0.1:9092 cannot be reached.',
    );
  });
});
