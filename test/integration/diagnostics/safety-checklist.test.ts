// The safety checklist read with DescribeConfigs from clusters set up the safe way and the
// careless way, on the sandbox or real Apache Kafka (KAFKA_TARGET): each setup is a cluster of
// its own there, since delete.topic.enable and auto.create.topics.enable are static broker settings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSafety } from '../../../electron/diagnostics/safety-checklist';
import {
  type ClusterRequest,
  faultCluster,
  kafkaCluster,
  noBrokerSettings,
  noFaultControls,
  type FaultCluster,
  type TestCluster,
} from '../../support/kafka-target';
import { clusterConfig } from '../../../electron/cluster/cluster-config';

const statusById = (items: Array<{ id: string; status: string }>) =>
  Object.fromEntries(items.map((i) => [i.id, i.status]));

const SAFE: ClusterRequest = {
  minInsyncReplicas: 2,
  deleteTopicEnable: false,
  autoCreateTopics: false,
  brokerConfig: { 'unclean.leader.election.enable': 'false' },
};
const CARELESS: ClusterRequest = { minInsyncReplicas: 1, deleteTopicEnable: true, autoCreateTopics: true };

describe.skipIf(noBrokerSettings('the safe-setup checklist test', SAFE))(
  'safety checklist on a cluster set up the safe way',
  () => {
    let cluster: TestCluster;
    beforeAll(async () => {
      cluster = await kafkaCluster(SAFE);
    });
    afterAll(() => cluster?.close());

    it('passes every item', async () => {
      const topic = cluster.topic('user-data');
      await cluster.createTopic(topic, { partitions: 3, replicationFactor: 3 });
      const list = await checkSafety(clusterConfig({ brokers: cluster.brokers, clientId: 't' }), topic, {
        acks: -1,
        idempotent: true,
      });
      expect(list.error).toBeNull();
      expect(statusById(list.items)).toEqual({
        autoCreateTopics: 'pass',
        deleteTopic: 'pass',
        replicationFactor: 'pass',
        minInsyncReplicas: 'pass',
        uncleanLeaderElection: 'pass',
        producerAcksIdempotent: 'pass',
        // Kafka's default 7 days, against the history's default 400: the one warning left.
        topicRetention: 'warn',
      });
      expect(list.items.find((i) => i.id === 'topicRetention')).toMatchObject({
        value: 'retention.ms=604800000',
        durationMs: 604_800_000,
      });
      const sevenDays = await checkSafety(
        clusterConfig({ brokers: cluster.brokers, clientId: 't' }),
        topic,
        { acks: -1, idempotent: true },
        7,
      );
      expect(sevenDays.items.find((i) => i.id === 'topicRetention')?.status).toBe('pass');
      expect(list.items.find((i) => i.id === 'replicationFactor')?.value).toBe('3');
      expect(list.items.find((i) => i.id === 'minInsyncReplicas')?.value).toBe('2');
    });

    it('says why the replication factor is unknown when the order topic does not exist', async () => {
      const gone = cluster.topic('gone');
      const list = await checkSafety(clusterConfig({ brokers: cluster.brokers, clientId: 't' }), gone, {
        acks: -1,
        idempotent: true,
      });
      expect(list.error).toBeNull();
      const reason = { code: 'checklist.topicMissing', params: { topic: gone } };
      expect(list.items.find((i) => i.id === 'replicationFactor')).toEqual({
        id: 'replicationFactor',
        status: 'unknown',
        value: null,
        reason,
      });
      // The retention, read from the topic too, says the same rather than "Unknown" alone.
      expect(list.items.find((i) => i.id === 'topicRetention')).toEqual({
        id: 'topicRetention',
        status: 'unknown',
        value: null,
        reason,
      });
    });
  },
);

describe.skipIf(noFaultControls('the careless-setup checklist tests'))(
  'safety checklist on a cluster set up carelessly',
  () => {
    let cluster: FaultCluster;
    beforeAll(async () => {
      cluster = await faultCluster(CARELESS);
    });
    afterAll(() => cluster?.close());

    it('warns about auto-create on, delete enabled and min.insync.replicas 1', async () => {
      const topic = cluster.topic('user-data');
      await cluster.createTopic(topic, { partitions: 3, replicationFactor: 3 });
      const list = await checkSafety(clusterConfig({ brokers: cluster.brokers, clientId: 't' }), topic, {
        acks: 1,
        idempotent: false,
      });
      expect(list.error).toBeNull();
      expect(statusById(list.items)).toMatchObject({
        autoCreateTopics: 'warn',
        deleteTopic: 'warn',
        replicationFactor: 'pass',
        minInsyncReplicas: 'warn',
        producerAcksIdempotent: 'warn',
      });
      expect(list.items.find((i) => i.id === 'deleteTopic')?.value).toBe('true');
    });

    // Last in this block: it leaves the cluster stopped.
    it('warns about a replication factor below 3 and marks cluster items unknown when unreachable', async () => {
      const thinTopic = cluster.topic('thin');
      await cluster.createTopic(thinTopic, { partitions: 1, replicationFactor: 1 });
      const thin = await checkSafety(clusterConfig({ brokers: cluster.brokers, clientId: 't' }), thinTopic, {
        acks: -1,
        idempotent: true,
      });
      expect(statusById(thin.items).replicationFactor).toBe('warn');
      const brokers = cluster.brokers;
      await cluster.faults.stopAll();
      const down = await checkSafety(clusterConfig({ brokers, clientId: 't' }), thinTopic, {
        acks: -1,
        idempotent: true,
      });
      expect(down.error?.code).toBe('cluster.refused');
      expect(statusById(down.items)).toEqual({
        autoCreateTopics: 'unknown',
        deleteTopic: 'unknown',
        replicationFactor: 'unknown',
        minInsyncReplicas: 'unknown',
        uncleanLeaderElection: 'unknown',
        producerAcksIdempotent: 'pass',
        topicRetention: 'unknown',
      });
    });
  },
);
