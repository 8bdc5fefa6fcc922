import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { probeBroker } from '../../../electron/cluster/broker-probe';
import { clusterConfig } from '../../../electron/cluster/cluster-config';
import type { MetadataPartition } from '../../../electron/kafka-wire/apis/metadata';
import { checkClusterHealth, partitionHealth, topicProblems } from '../../../electron/diagnostics/cluster-health';
import { formatError } from '../../../shared/error-codes';

/** A partition as the wire module decodes Metadata v5+. */
const part = (p: {
  partitionId: number;
  leader: number;
  replicas: number[];
  isr: number[];
  offlineReplicas?: number[];
  partitionErrorCode: number;
}): MetadataPartition => ({
  partitionIndex: p.partitionId,
  leaderId: p.leader,
  leaderEpoch: -1,
  replicaNodes: p.replicas,
  isrNodes: p.isr,
  offlineReplicas: p.offlineReplicas ?? [],
  errorCode: p.partitionErrorCode,
});

describe('partition health flags', () => {
  const live = new Set([1, 3]);
  it('flags under-replicated partitions (ISR smaller than replicas) and names offline replicas', () => {
    const p = partitionHealth(
      part({ partitionId: 0, leader: 1, replicas: [1, 2, 3], isr: [1, 3], offlineReplicas: [], partitionErrorCode: 0 }),
      live,
    );
    expect(p).toMatchObject({ underReplicated: true, offline: false, offlineReplicas: [2] });
  });
  it('flags writes blocked when fewer replicas are in sync than min.insync.replicas, and only then', () => {
    const p = (isr: number[]) => part({ partitionId: 0, leader: 1, replicas: [1, 2, 3], isr, partitionErrorCode: 0 });
    const all = new Set([1, 2, 3]);
    expect(partitionHealth(p([1]), all, 2)).toMatchObject({ underReplicated: true, writesBlocked: true });
    expect(partitionHealth(p([1, 3]), all, 2)).toMatchObject({ underReplicated: true, writesBlocked: false });
    expect(partitionHealth(p([1, 2, 3]), all, 2)).toMatchObject({ underReplicated: false, writesBlocked: false });
    // Unknown min.insync.replicas (not allowed to ask): never claimed blocked.
    expect(partitionHealth(p([1]), all, null).writesBlocked).toBe(false);
    // Offline outranks it: no leader at all.
    expect(
      partitionHealth(
        part({ partitionId: 0, leader: -1, replicas: [1, 2, 3], isr: [], partitionErrorCode: 5 }),
        all,
        2,
      ),
    ).toMatchObject({ offline: true, writesBlocked: false });
  });
  it("another topic's partitions are judged against its own min.insync.replicas, as the order topic's are", () => {
    // Seen on Apache Kafka with two of three nodes stopped: order-desk-bench said
    // "Under-replicated" while acks=all to it was refused with NOT_ENOUGH_REPLICAS.
    const all = new Set([1, 2, 3]);
    const topic = (name: string) => ({
      name,
      errorCode: 0,
      isInternal: false,
      topicId: '',
      partitions: [part({ partitionId: 0, leader: 1, replicas: [1, 2, 3], isr: [1], partitionErrorCode: 0 })],
    });
    const problems = topicProblems(
      [topic('order-desk-bench'), topic('lenient')] as never,
      all,
      new Map([
        ['order-desk-bench', 2],
        ['lenient', 1],
      ]),
    );
    expect(problems.map((o) => [o.name, o.minInsyncReplicas, o.partitions[0].writesBlocked])).toEqual([
      ['lenient', 1, false],
      ['order-desk-bench', 2, true],
    ]);
  });
  it('flags offline partitions (no leader, or the leader is not a live broker)', () => {
    expect(
      partitionHealth(
        part({ partitionId: 1, leader: -1, replicas: [2], isr: [], offlineReplicas: [2], partitionErrorCode: 5 }),
        live,
      ).offline,
    ).toBe(true);
    expect(
      partitionHealth(part({ partitionId: 2, leader: 2, replicas: [2], isr: [2], partitionErrorCode: 0 }), live)
        .offline,
    ).toBe(true);
  });
  it('a healthy partition has no flags', () => {
    expect(
      partitionHealth(part({ partitionId: 0, leader: 1, replicas: [1, 3], isr: [3, 1], partitionErrorCode: 0 }), live),
    ).toMatchObject({
      underReplicated: false,
      offline: false,
      offlineReplicas: [],
    });
  });
});

describe('broker probe and unreachable clusters', () => {
  const servers: net.Server[] = [];
  afterEach(() => servers.splice(0).forEach((s) => s.close()));

  it('reports a broker that accepts TCP but never answers as unreachable, within the timeout', async () => {
    const silent = net.createServer(() => undefined);
    servers.push(silent);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as net.AddressInfo).port;
    const started = Date.now();
    const r = await probeBroker(
      { host: '127.0.0.1', port },
      clusterConfig({ clientId: 't', timeouts: { connectMs: 300, requestMs: 300 } }),
    );
    expect(r).toMatchObject({ reachable: false, rttMs: null });
    expect(r.error).toEqual({ code: 'broker.timeout', params: { address: `127.0.0.1:${port}` } });
    expect(r.detail).toContain('no answer within 300 ms');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('survives garbage from the other end', async () => {
    const garbage = net.createServer((s) => s.end(Buffer.from([0, 0, 0, 1, 9])));
    servers.push(garbage);
    await new Promise<void>((r) => garbage.listen(0, '127.0.0.1', r));
    const port = (garbage.address() as net.AddressInfo).port;
    const r = await probeBroker(
      { host: '127.0.0.1', port },
      clusterConfig({ clientId: 't', timeouts: { connectMs: 1000, requestMs: 1000 } }),
    );
    expect(r.reachable).toBe(false);
    expect(r.error).toBeTruthy();
  });

  it('never throws for a cluster nobody listens on: reachable false with the reason', async () => {
    const h = await checkClusterHealth(clusterConfig({ brokers: ['127.0.0.1:1'], clientId: 't' }), 'user-data');
    expect(h.reachable).toBe(false);
    expect(h.error).toEqual({ code: 'cluster.allRefused', params: { brokers: '127.0.0.1:1' } });
    expect(h.brokers).toEqual([expect.objectContaining({ host: '127.0.0.1', port: 1, reachable: false })]);
    const none = await checkClusterHealth(clusterConfig({ brokers: [], clientId: 't' }), 'user-data');
    expect(none.error?.code).toBe('cluster.noBrokers');
  });

  it('names every broker that refused, in English and in Korean, with a subject in the Korean sentence', async () => {
    // It named the one address the client tried last: "nothing accepts connections at
    // 127.0.0.1:2 (connection refused)", as if the other broker were up.
    const h = await checkClusterHealth(
      clusterConfig({ brokers: ['127.0.0.1:1', '127.0.0.1:2'], clientId: 't' }),
      'user-data',
    );
    expect(formatError(h.error!, 'en')).toBe(
      'Cannot reach the Kafka cluster: every broker refused the connection (127.0.0.1:1, 127.0.0.1:2). Nothing is listening at those addresses: the brokers are stopped, or the ports are wrong.',
    );
    expect(formatError(h.error!, 'ko')).toBe(
      'Kafka 클러스터에 연결할 수 없습니다. 모든 브로커가 연결을 거부했습니다 (127.0.0.1:1, 127.0.0.1:2). 그 주소에서 연결을 받는 프로그램이 없습니다 (브로커가 멈췄거나 포트가 다릅니다).',
    );
  });
});
