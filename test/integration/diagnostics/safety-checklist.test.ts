import { afterEach, describe, expect, it } from 'vitest';
import { checkSafety } from '../../../electron/diagnostics/safety-checklist';
import { clusterUnderTest, SANDBOX_ONLY_REASON, usingRealCluster, type ClusterUnderTest } from './cluster-under-test';
import { clusterConfig } from '../../../electron/cluster/cluster-config';

let cluster: ClusterUnderTest | null = null;
afterEach(async () => {
  await cluster?.close();
  cluster = null;
});

const statusById = (items: Array<{ id: string; status: string }>) => Object.fromEntries(items.map((i) => [i.id, i.status]));

describe.skipIf(usingRealCluster)(`safety checklist read with DescribeConfigs (${SANDBOX_ONLY_REASON})`, () => {
  it('passes every item on a cluster set up the safe way', async () => {
    cluster = await clusterUnderTest({
      topics: [{ name: 'user-data', partitions: 3, replicationFactor: 3 }],
      minInsyncReplicas: 2,
      deleteTopicEnable: false,
      autoCreateTopics: false,
      brokerConfig: { 'unclean.leader.election.enable': 'false' },
    });
    const list = await checkSafety(clusterConfig({ brokers: cluster.brokers, clientId: 't' }), 'user-data', { acks: -1, idempotent: true });
    expect(list.error).toBeNull();
    expect(statusById(list.items)).toEqual({
      autoCreateTopics: 'pass', deleteTopic: 'pass', replicationFactor: 'pass', minInsyncReplicas: 'pass',
      uncleanLeaderElection: 'pass', producerAcksIdempotent: 'pass',
    });
    expect(list.items.find((i) => i.id === 'replicationFactor')?.value).toBe('3');
    expect(list.items.find((i) => i.id === 'minInsyncReplicas')?.value).toBe('2');
  });

  it('warns about auto-create on, delete enabled and min.insync.replicas 1', async () => {
    cluster = await clusterUnderTest({
      topics: [{ name: 'user-data', partitions: 3, replicationFactor: 3 }],
      minInsyncReplicas: 1,
      deleteTopicEnable: true,
      autoCreateTopics: true,
    });
    const list = await checkSafety(clusterConfig({ brokers: cluster.brokers, clientId: 't' }), 'user-data', { acks: 1, idempotent: false });
    expect(list.error).toBeNull();
    expect(statusById(list.items)).toMatchObject({
      autoCreateTopics: 'warn', deleteTopic: 'warn', replicationFactor: 'pass', minInsyncReplicas: 'warn',
      producerAcksIdempotent: 'warn',
    });
    expect(list.items.find((i) => i.id === 'deleteTopic')?.value).toBe('true');
  });

  it('warns about a replication factor below 3 and marks cluster items unknown when unreachable', async () => {
    cluster = await clusterUnderTest({ topics: [{ name: 'thin', partitions: 1, replicationFactor: 1 }] });
    const thin = await checkSafety(clusterConfig({ brokers: cluster.brokers, clientId: 't' }), 'thin', { acks: -1, idempotent: true });
    expect(statusById(thin.items).replicationFactor).toBe('warn');
    const brokers = cluster.brokers;
    await cluster.sandbox!.stopAll();
    const down = await checkSafety(clusterConfig({ brokers, clientId: 't' }), 'thin', { acks: -1, idempotent: true });
    expect(down.error?.code).toBe('cluster.unreachable');
    expect(statusById(down.items)).toEqual({
      autoCreateTopics: 'unknown', deleteTopic: 'unknown', replicationFactor: 'unknown', minInsyncReplicas: 'unknown',
      uncleanLeaderElection: 'unknown', producerAcksIdempotent: 'pass',
    });
  });
});
