// The order path through broker outages, end to end through the app core, as in
// delivery.test.ts: one broker, two, the whole cluster, too few in-sync replicas, an
// app opened or restarted while the cluster is down. On the sandbox or real Apache Kafka, whose
// brokers are really stopped (test/support/kafka-target.ts). A file of its own: on the kafka leg
// these take as long as all the other delivery tests together, and vitest runs files side by side.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { faultCluster, noFaultControls, targetKind, type FaultCluster } from '../../support/kafka-target';
import { until } from '../../support/until';
import { clerkView, type ClerkState } from '../../../shared/delivery-states';
import type { OrderChanges } from '../../../shared/outbox-types';
import { allDelivered, deliveryReport, draft, orderTopic, useOrderCores } from './order-core';

const { core } = useOrderCores();

describe.skipIf(noFaultControls('the broker outage tests'))('orders through broker outages', () => {
  let cluster: FaultCluster;
  beforeAll(async () => {
    cluster = await faultCluster();
  });
  // Each test leaves the whole cluster running for the next.
  afterEach(() => cluster?.restore());
  afterAll(() => cluster?.close());

  it.skipIf(
    targetKind === 'kafka' &&
      (console.log(
        'skipping the slow-broker test on Apache Kafka: its harness cannot slow a broker (latency is a sandbox fault)',
      ),
      true),
  )(
    'brokers slower than a send: the header stops saying connected within seconds, then the orders go once',
    async () => {
      const k = await orderTopic(cluster);
      const c = await core({ brokers: k.brokers, topic: k.topic });
      const warm = await c.submit(draft('slow-0'));
      await until(() => c.state(warm.order.orderId) === 'delivered', 20_000, 'warm-up delivered');
      // Longer than the app's 3 s (SLOW_SEND_MS) before it says "slow", with room to tell them
      // apart; every request of the delivery waits it out, several in a row, so no longer.
      const latencyMs = 4_500;
      for (const id of cluster.faults.brokerIds) cluster.faults.setLatency(id, latencyMs);
      try {
        const started = Date.now();
        const ids = [
          (await c.submit(draft('slow-1', 1))).order.orderId,
          (await c.submit(draft('slow-2', 2))).order.orderId,
        ];
        await until(() => c.connection.at(-1)?.error?.code === 'kafka.slow', 10_000, 'the slow-cluster state');
        const saidSlowAfter = Date.now() - started;
        expect(c.connection.at(-1)?.status).toBe('offline');
        // Before the brokers' answers (latencyMs away) arrive.
        expect(saidSlowAfter).toBeLessThan(latencyMs);
        expect(ids.every((id) => c.state(id) !== 'delivered')).toBe(true);
        await until(() => allDelivered(c, ids), 30_000, deliveryReport(c, ids, 'delivery through the slow brokers'));
        await until(() => c.connection.at(-1)?.status === 'connected', 10_000, 'connected again');
        expect(c.connection.at(-1)?.error).toBeNull();
      } finally {
        for (const id of cluster.faults.brokerIds) cluster.faults.setLatency(id, 0);
      }
      const got = await k.readBack(3);
      expect(got).toHaveLength(3);
    },
  );

  it('opened while the cluster is down: takes orders, says offline, and delivers them when it is back', async () => {
    const k = await orderTopic(cluster);
    await cluster.faults.stopAll();
    const c = await core({ brokers: k.brokers, topic: k.topic });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await c.submit(draft(`park-${i}`, i))).order.orderId);
    await until(
      () => c.connection.some((s) => s.status === 'offline' && s.waiting === 5),
      20_000,
      'offline with 5 waiting',
    );
    expect(c.connection.at(-1)!.error).toMatchObject({ code: 'kafka.unreachable' });
    await cluster.faults.startAll();
    await until(() => allDelivered(c, ids), 40_000, deliveryReport(c, ids, 'delivery after the cluster came back'));
    await until(
      () => c.connection.at(-1)?.status === 'connected' && c.connection.at(-1)?.waiting === 0,
      5_000,
      'connected, none waiting',
    );
    const got = await k.readBack(5);
    expect(got.map((m) => (m.value as { orderId: string }).orderId).sort()).toEqual([...ids].sort());
  });

  it.each([
    ['one broker', [1]],
    ['two brokers', [2, 3]],
    // The whole cluster at once, as the harness's stop-all does it, not broker by broker.
    ['the whole cluster', 'all'],
  ] as const)(
    '%s stopped and restarted during a stream: 0 lost, 0 duplicated, per-customer order kept, shown as waiting, never failed',
    async (what, stopped) => {
      const k = await orderTopic(cluster);
      const c = await core({ brokers: k.brokers, topic: k.topic });
      // What the clerk was shown for each order (shared/delivery-states.ts), from the change events.
      const shown = new Map<string, Set<ClerkState>>();
      c.core.subscribe((event, payload) => {
        if (event !== 'orders.changed') return;
        for (const ch of (payload as OrderChanges).changes) {
          const set = shown.get(ch.orderId) ?? new Set<ClerkState>();
          set.add(clerkView(ch).state);
          shown.set(ch.orderId, set);
        }
      });
      const customers = ['o-a', 'o-b', 'o-c', 'o-d', 'o-e'];
      const saved: Array<{ id: string; customer: string }> = [];
      const submitSome = async (n: number) => {
        for (let i = 0; i < n; i++) {
          const customer = customers[saved.length % customers.length];
          saved.push({ id: (await c.submit(draft(customer, saved.length))).order.orderId, customer });
          await new Promise((r) => setTimeout(r, 5));
        }
      };
      await submitSome(50);
      const stopping =
        stopped === 'all' ? cluster.faults.stopAll() : Promise.all(stopped.map((id) => cluster.faults.stopBroker(id)));
      await submitSome(50);
      await stopping;
      await submitSome(30);
      await new Promise((r) => setTimeout(r, 2_000));
      await (stopped === 'all'
        ? cluster.faults.startAll()
        : Promise.all(stopped.map((id) => cluster.faults.startBroker(id))));
      await submitSome(20);
      const ids = saved.map((s) => s.id);
      await until(() => allDelivered(c, ids), 90_000, deliveryReport(c, ids, `all ${ids.length} delivered`));
      const got = await k.readBack(ids.length, 30_000);
      const gotIds = got.map((m) => (m.value as { orderId: string }).orderId);
      const once = new Set(gotIds);
      const lost = ids.filter((id) => !once.has(id)).length;
      const duplicated = gotIds.length - once.size;
      let outOfOrder = 0;
      for (const cust of customers) {
        const want = saved.filter((s) => s.customer === cust).map((s) => s.id);
        const read = got
          .filter((m) => m.key === cust)
          .sort((x, y) => Number(x.offset) - Number(y.offset))
          .map((m) => (m.value as { orderId: string }).orderId);
        if (JSON.stringify(read) !== JSON.stringify(want)) outOfOrder++;
      }
      const states = new Set([...shown.values()].flatMap((s) => [...s]));
      const waited = [...shown.values()].filter((s) => s.has('waiting')).length;
      console.log(
        `outage (${targetKind}, ${what} stopped): saved ${ids.length}, delivered ${once.size}, lost ${lost}, ` +
          `duplicated ${duplicated}, out of per-customer order ${outOfOrder}, shown waiting ${waited}, ` +
          `states shown ${[...states].sort().join('/')}`,
      );
      expect({ lost, duplicated, outOfOrder, delivered: once.size }).toEqual({
        lost: 0,
        duplicated: 0,
        outOfOrder: 0,
        delivered: ids.length,
      });
      // Waiting, never "needs attention" (nor the old "failed"): nobody has to act on an outage.
      expect([...states].filter((s) => !['saved', 'waiting', 'sending', 'delivered'].includes(s))).toEqual([]);
      if (stopped === 'all') {
        // The outage was seen (so the test did exercise it), and is over.
        expect(waited).toBeGreaterThan(0);
        expect(c.connection.some((s) => s.status === 'offline')).toBe(true);
      }
      // Every record's partition/offset is where the message really is.
      for (const m of got) {
        const rec = c.records.get((m.value as { orderId: string }).orderId)!;
        expect([rec.partition, rec.offset]).toEqual([m.partition, m.offset]);
      }
    },
  );

  it('too few in-sync replicas: the header says writes are blocked with none waiting, orders wait with kafka.notEnoughReplicas, then go when brokers return', async () => {
    const k = await orderTopic(cluster);
    const c = await core({ brokers: k.brokers, topic: k.topic });
    const first = await c.submit(draft('warmup'));
    await until(() => c.state(first.order.orderId) === 'delivered', 20_000, 'first order delivered');
    await until(() => c.connection.at(-1)?.status === 'connected', 10_000, 'connected after the warm-up');
    await cluster.faults.stopBroker(2);
    await cluster.faults.stopBroker(3);
    // Nothing waiting, so no send can tell it: the idle probe (Metadata's ISR against the
    // topic's min.insync.replicas) must. It said "connected" here until a saved order failed.
    await until(() => c.connection.at(-1)?.status === 'blocked', 30_000, 'blocked with none waiting');
    expect(c.connection.at(-1)).toMatchObject({ waiting: 0, error: { code: 'kafka.notEnoughReplicas' } });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await c.submit(draft(`x-${i}`, i))).order.orderId);
    await until(
      () => ids.some((id) => c.records.get(id)?.error?.code === 'kafka.notEnoughReplicas'),
      30_000,
      'NOT_ENOUGH_REPLICAS shown',
    );
    expect(ids.every((id) => c.state(id) !== 'delivered')).toBe(true);
    // With orders waiting too: never green "connected" beside the too-few-replicas reason.
    const since = c.connection.length;
    await new Promise((r) => setTimeout(r, 1_000));
    expect(c.connection.at(-1)?.status).toBe('blocked');
    expect(c.connection.slice(since).filter((s) => s.status === 'connected')).toEqual([]);
    await cluster.faults.startBroker(2);
    await cluster.faults.startBroker(3);
    await until(() => allDelivered(c, ids), 40_000, deliveryReport(c, ids, 'delivery after the brokers returned'));
    await until(
      () => c.connection.at(-1)?.status === 'connected' && c.connection.at(-1)?.error === null,
      30_000,
      'connected again once the replicas caught up',
    );
    expect(c.connection.filter((s) => s.status === 'connected' && s.error?.code === 'kafka.notEnoughReplicas')).toEqual(
      [],
    );
    const got = await k.readBack(4);
    expect(new Set(got.map((m) => (m.value as { orderId: string }).orderId)).size).toBe(4);
  });

  it('orders saved while offline survive an app restart and are delivered by the next session', async () => {
    const k = await orderTopic(cluster);
    await cluster.faults.stopAll();
    const c1 = await core({ brokers: k.brokers, topic: k.topic });
    const ids = [(await c1.submit(draft('yoon', 1))).order.orderId, (await c1.submit(draft('yoon', 2))).order.orderId];
    await c1.core.close();
    await cluster.faults.startAll();
    const c2 = await core({ brokers: k.brokers, topic: k.topic, dataDir: c1.dataDir });
    await until(() => allDelivered(c2, ids), 40_000, deliveryReport(c2, ids, 'delivery by the second session'));
    const got = await k.readBack(2);
    expect(got.map((m) => (m.value as { orderId: string }).orderId)).toEqual(ids);
  });
});
