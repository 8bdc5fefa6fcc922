// Diagnostics' controller is the metadata quorum's leader, on the sandbox and on real Apache
// Kafka (KAFKA_TARGET=kafka). Before, it showed Metadata's controller_id, which under KRaft is a
// live broker picked at random on every answer: three loads in 10 s said 2, 3, then 1, and with
// the quorum lost it still named one. And its brokers, listed once however their addresses were
// typed: given as localhost:19093 and advertised as 127.0.0.1:19093, a stopped broker was listed
// twice and 4 brokers of 3 counted with one down, 5 with two. One cluster of their own for both
// (each stops brokers; a real one takes a while to start).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkClusterHealth, type BrokerMemory } from '../../../electron/diagnostics/cluster-health';
import { brokerCount } from '../../../renderer/diagnostics/CreateTopicForm';
import { clusterConfig } from '../../../electron/cluster/cluster-config';
import { faultCluster, noFaultControls, targetKind, type FaultCluster } from '../../support/kafka-target';

let down: FaultCluster;
// As the screen does, a stopped broker is remembered from the looks before.
let memory: BrokerMemory = new Map();
const health = () =>
  checkClusterHealth(clusterConfig({ brokers: down.brokers, clientId: 'diag-test' }), 'user-data', memory);

describe.skipIf(noFaultControls('the controller tests'))('the controller Diagnostics shows', () => {
  beforeAll(async () => {
    down = await faultCluster();
  });
  afterEach(async () => {
    memory = new Map();
    await down?.restore();
  });
  afterAll(() => down?.close());

  it('is the same node on every look, one of the quorum voters, and the broker row marked controller', async () => {
    const voters = [...down.faults.state.brokers.keys()];
    const seen = new Set<number | null>();
    for (let i = 0; i < 9; i++) {
      const h = await health();
      expect(h.reachable).toBe(true);
      seen.add(h.controllerId);
      expect(h.brokers.filter((b) => b.isController).map((b) => b.nodeId)).toEqual([h.controllerId]);
    }
    expect(seen.size).toBe(1);
    const [controller] = seen;
    expect(voters).toContain(controller);
    // The sandbox's quorum leader is its controller; what Kafka says is checked below by stopping it.
    if (down.sandbox) expect(controller).toBe(down.sandbox.state.controllerId);
  });

  it('moves to another live node when the controller stops, and the stopped one is no longer named', async () => {
    const before = (await health()).controllerId;
    expect(before).not.toBeNull();
    await down.faults.stopBroker(before!);
    // Kafka elects a new quorum leader within its election timeout; until then the answer is unknown.
    await expect.poll(async () => (await health()).controllerId, { timeout: 30_000, interval: 500 }).not.toBeNull();
    const after = await health();
    expect(after.controllerId).not.toBe(before);
    expect(after.brokers.find((b) => b.nodeId === after.controllerId)).toMatchObject({ reachable: true });
    expect(after.brokers.find((b) => b.nodeId === before)).toMatchObject({ reachable: false, isController: false });
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

  it.skipIf(
    targetKind === 'sandbox' &&
      (console.log('skipping the lost-quorum case on the sandbox: it has no controller quorum to lose (README)'), true),
  )('with two of three nodes down (quorum lost) claims no controller', async () => {
    // The hardest case: the node left running is the leader, which keeps the job until it sees
    // no majority fetching from it (check-quorum) and only then stops answering as leader.
    const leader = (await health()).controllerId!;
    const others = [...down.faults.state.brokers.keys()].filter((id) => id !== leader);
    for (const id of others) await down.faults.stopBroker(id);
    const seen: Array<number | null> = [];
    await expect
      .poll(
        async () => {
          const h = await health();
          seen.push(h.controllerId);
          return h.reachable && h.controllerId === null && !h.brokers.some((x) => x.isController);
        },
        { timeout: 60_000, interval: 1_000 },
      )
      .toBe(true);
    console.log(`controller seen after the quorum was lost, look by look: ${seen.join(', ')}`);
  });
});
