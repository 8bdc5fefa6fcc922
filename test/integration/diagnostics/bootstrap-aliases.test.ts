// The addresses the app was given and those brokers advertise name the same endpoints in other
// words (localhost:19093 given, 127.0.0.1:19093 advertised). Diagnostics listed a stopped broker
// twice ("? localhost:19093 Unreachable" and "2 127.0.0.1:19093 Unreachable") and counted 4
// brokers of 3 with one down, 5 with two. On the sandbox and on real Apache Kafka.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkClusterHealth, type BrokerMemory } from '../../../electron/diagnostics/cluster-health';
import { clusterConfig } from '../../../electron/cluster/cluster-config';
import { brokerCount } from '../../../renderer/diagnostics/CreateTopicForm';
import { faultCluster, noFaultControls, type FaultCluster } from '../../support/kafka-target';

let down: FaultCluster;

describe.skipIf(noFaultControls('the bootstrap alias tests'))(
  'brokers given as localhost, advertised as 127.0.0.1',
  () => {
    beforeAll(async () => {
      down = await faultCluster();
    });
    afterAll(async () => {
      await down?.restore();
      await down?.close();
    });

    it('lists each broker once, by node id, with one and with two of three down, and counts three', async () => {
      const given = down.brokers.map((b) => b.replace(/^127\.0\.0\.1:/, 'localhost:'));
      expect(given.every((b) => b.startsWith('localhost:'))).toBe(true);
      const config = clusterConfig({ brokers: given, clientId: 'diag-test' });
      const memory: BrokerMemory = new Map();
      const topic = down.topic('user-data');

      const all = await checkClusterHealth(config, topic, memory);
      const ids = [...down.faults.state.brokers.keys()].sort();
      expect(all.brokers.map((b) => b.nodeId)).toEqual(ids);
      // The brokers advertise 127.0.0.1: the given name was not simply reused.
      expect(all.brokers.every((b) => b.host === '127.0.0.1')).toBe(true);

      await down.faults.stopBroker(ids[1]);
      const one = await checkClusterHealth(config, topic, memory);
      expect(one.brokers.map((b) => [b.nodeId, b.reachable])).toEqual([
        [ids[0], true],
        [ids[1], false],
        [ids[2], true],
      ]);
      expect(brokerCount(one)).toEqual({ known: 3, reachable: 2 });

      await down.faults.stopBroker(ids[2]);
      const two = await checkClusterHealth(config, topic, memory);
      expect(two.brokers.map((b) => [b.nodeId, b.reachable])).toEqual([
        [ids[0], true],
        [ids[1], false],
        [ids[2], false],
      ]);
      expect(brokerCount(two)).toEqual({ known: 3, reachable: 1 });
    });
  },
);
