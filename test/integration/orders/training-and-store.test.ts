// Orders saved in training, on the app's own practice cluster, never reach the store's cluster
// once its brokers are set, nor do orders saved for the store reach the practice cluster: what
// waits at the change needs a person (Resend or Void), in Settings or across a restart. The
// practice orders delivered before are not reported gone from the store's topic of the same
// name. (Both happened: a practice order went to the store's topic, and the delivered ones were
// offered for re-sending there.) On the sandbox or on Apache Kafka as the store's cluster.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kafkaCluster, type TestCluster } from '../../support/kafka-target';
import { until } from '../../support/until';
import { draft, orderTopic, useOrderCores } from './order-core';

const { core } = useOrderCores();

let store: TestCluster;
beforeAll(async () => {
  store = await kafkaCluster();
});
afterAll(() => store?.close());

async function recordsIn(topic: string): Promise<number> {
  const admin = store.kafka().admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(topic)).reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
  } finally {
    await admin.disconnect();
  }
}

describe('training and the store cluster', () => {
  it("a practice order waiting when the store's brokers are set is not sent there until a person resends it", async () => {
    const t = await orderTopic(store);
    const c = await core({ brokers: [], topic: t.topic, training: true });
    const practiced = await c.submit(draft('train-1', 1));
    await until(() => c.state(practiced.order.orderId) === 'delivered', 30_000, 'delivered to the training cluster');
    expect(await c.core.sandboxCommand('stop-all')).toBe('ok');
    const waiting = await c.submit(draft('train-2', 2));

    const s = await c.core.handlers.settings.get(undefined);
    if (!s.ok) throw new Error('settings');
    expect((await c.core.handlers.settings.save({ ...s.value, brokers: t.brokers })).ok).toBe(true);
    await until(() => c.state(waiting.order.orderId) === 'failed', 10_000, 'set aside');
    expect(c.records.get(waiting.order.orderId)?.error).toEqual({ code: 'order.trainingNotSent' });

    // A store order goes out; the practice order does not, and the one delivered to the training
    // cluster is not reported gone from the store's topic of the same name.
    const real = await c.submit(draft('kim-01', 3));
    await until(() => c.state(real.order.orderId) === 'delivered', 30_000, 'delivered to the store');
    const previous = await c.core.handlers.orders.previousTopic(undefined);
    expect(previous.ok && previous.value).toBeNull();
    expect(c.state(practiced.order.orderId)).toBe('delivered');
    expect(await recordsIn(t.topic)).toBe(1);
    // The Orders screen and the recent list mark the practice order as one; the sale is not.
    const listed = await c.core.handlers.history.search({ query: '', from: null, to: null, before: null, limit: 10 });
    const recent = await c.core.handlers.orders.recent({ limit: 10 });
    for (const r of [listed.ok ? listed.value.orders : [], recent.ok ? recent.value : []])
      expect(Object.fromEntries(r.map((o) => [o.order.customerId, o.practice ?? false]))).toMatchObject({
        'train-1': true,
        'kim-01': false,
      });
    // Nor is it looked for there, or voided with a cancellation to where it never was.
    const found = await c.core.handlers.history.findOnTopic({ orderId: practiced.order.orderId });
    expect(found.ok && found.value).toMatchObject({ record: null, problem: 'otherCluster', detail: t.topic });
    expect((await c.core.handlers.risk.setPin({ currentPin: null, newPin: '2468' })).ok).toBe(true);
    const voided = await c.core.handlers.orders.void({
      orderId: practiced.order.orderId,
      reason: 'practice',
      pin: '2468',
    });
    expect(voided.ok ? null : voided.error.code).toBe('order.voidOtherCluster');

    // Resent by a person, it goes to the store's cluster.
    expect((await c.core.handlers.orders.retry({ orderId: waiting.order.orderId })).ok).toBe(true);
    await until(() => c.state(waiting.order.orderId) === 'delivered', 30_000, 'resent');
    const read = await t.readBack(2);
    expect(read.map((m) => m.key).sort()).toEqual(['kim-01', 'train-2']);
  }, 120_000);

  // As a tester met it: set aside at the store's brokers, the practice order still needed a
  // person once they were cleared, its text promising the store's cluster; and one routed for
  // review waited for a supervisor in Review.
  it("a practice order set aside at the store's brokers goes to the practice cluster by itself once they are cleared, a routed one to review", async () => {
    const t = await orderTopic(store);
    const c = await core({ brokers: [], topic: t.topic, training: true });
    const h = c.core.handlers.risk;
    expect((await h.setPin({ currentPin: null, newPin: '2468' })).ok).toBe(true);
    const before = await c.core.handlers.settings.get(undefined);
    if (!before.ok) throw new Error('settings');
    const policies = { ...before.value.risk.policies, duplicate: 'route' as const };
    expect((await h.setPolicies({ pin: '2468', policies, reviewTopic: `${t.topic}.review` })).ok).toBe(true);
    expect(await c.core.sandboxCommand('stop-all')).toBe('ok');
    const waiting = await c.submit(draft('train-7', 10));
    // The same basket again: routed for review, and waiting too (the cluster is down).
    const routed = await c.submit(draft('train-7', 10));
    const review = async () => {
      const r = await h.review({ query: '', since: 0 });
      return r.ok ? r.value.find((e) => e.orderId === routed.order.orderId) : undefined;
    };
    expect(await review()).toMatchObject({ outcome: 'routed', delivery: 'waiting' });
    const s = await c.core.handlers.settings.get(undefined);
    if (!s.ok) throw new Error('settings');
    const brokers = async (list: string[]) =>
      expect((await c.core.handlers.settings.save({ ...s.value, brokers: list })).ok).toBe(true);
    await brokers(['127.0.0.1:1']);
    await until(() => c.state(waiting.order.orderId) === 'failed', 10_000, 'set aside');
    expect(await review()).toMatchObject({ outcome: 'held' });

    // Back in training, the routed one waits for the review topic again, not for a person.
    await brokers([]);
    expect(await review()).toMatchObject({ outcome: 'routed', delivery: 'waiting', practice: true });
    expect(await c.core.sandboxCommand('start-all')).toBe('ok');
    await until(() => c.state(waiting.order.orderId) === 'delivered', 30_000, 'delivered to the practice cluster');
    const r = await c.core.handlers.orders.recent({ limit: 5 });
    expect(r.ok && r.value.find((o) => o.order.orderId === waiting.order.orderId)).toMatchObject({ practice: true });
  }, 60_000);

  it("a practice order routed for review and not yet sent waits for a supervisor once the store's brokers are set", async () => {
    const t = await orderTopic(store);
    const reviewTopic = `${t.topic}.review`;
    await store.createTopic(reviewTopic, { partitions: 1 });
    const c = await core({ brokers: [], topic: t.topic, training: true });
    const h = c.core.handlers.risk;
    expect((await h.setPin({ currentPin: null, newPin: '2468' })).ok).toBe(true);
    const s = await c.core.handlers.settings.get(undefined);
    if (!s.ok) throw new Error('settings');
    const set = await h.setPolicies({
      pin: '2468',
      policies: { ...s.value.risk.policies, duplicate: 'route' },
      reviewTopic,
    });
    expect(set.ok).toBe(true);
    const first = await c.submit(draft('train-4', 6));
    await until(() => c.state(first.order.orderId) === 'delivered', 30_000, 'practice delivered');
    expect(await c.core.sandboxCommand('stop-all')).toBe('ok');
    // The same basket again is a duplicate, routed to the review topic: it waits, the cluster is down.
    const routed = (await c.submit(draft('train-4', 6))) as {
      order: { orderId: string };
      risk?: { outcome: string | null };
    };
    expect(routed.risk?.outcome).toBe('routed');

    const now = await c.core.handlers.settings.get(undefined);
    if (!now.ok) throw new Error('settings');
    expect((await c.core.handlers.settings.save({ ...now.value, brokers: t.brokers })).ok).toBe(true);
    const entry = async () => {
      const r = await h.review({ query: '', since: 0 });
      return r.ok ? r.value.find((e) => e.orderId === routed.order.orderId) : undefined;
    };
    await until(async () => (await entry())?.outcome === 'held', 10_000, 'held for a supervisor');
    // The Review screen says it is a practice order before anyone confirms it.
    expect((await entry())?.practice).toBe(true);
    // The review sender had the store's cluster for a while: nothing reached its review topic.
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await recordsIn(reviewTopic)).toBe(0);

    // Confirmed by the supervisor, it goes where orders go now.
    const confirmed = await h.decide({
      orderId: routed.order.orderId,
      decision: 'confirm',
      supervisor: 'Park',
      pin: '2468',
    });
    expect(confirmed.ok).toBe(true);
    await until(() => c.state(routed.order.orderId) === 'delivered', 30_000, 'confirmed and delivered');
    expect(await recordsIn(t.topic)).toBe(1);
  }, 120_000);

  it('a store order waiting when the app restarts on its training cluster is not sent to it', async () => {
    const t = await orderTopic(store);
    // The store's cluster cannot be reached: the order waits for it.
    const first = await core({ brokers: ['127.0.0.1:1'], topic: t.topic });
    const waiting = await first.submit(draft('kim-02', 4));
    await first.core.close();

    // The brokers are cleared while the app is closed: it comes back on its training cluster.
    const again = await core({ brokers: [], topic: t.topic, training: true, dataDir: first.dataDir });
    const practiced = await again.submit(draft('train-3', 5));
    await until(() => again.state(practiced.order.orderId) === 'delivered', 30_000, 'practice delivered');
    const r = await again.core.handlers.orders.recent({ limit: 10 });
    const kept = r.ok ? r.value.find((o) => o.order.orderId === waiting.order.orderId) : undefined;
    expect(kept).toMatchObject({ state: 'failed', error: { code: 'order.storeOrderNotSent' }, autoRetry: false });
  }, 120_000);
  it("a store order's cancellation waiting when the app goes to its training cluster goes to the store's once the app is back on it", async () => {
    const t = await orderTopic(store);
    // Its brokers set, the app may still start its training cluster when they are cleared.
    const c = await core({ brokers: t.brokers, topic: t.topic, training: true });
    const sold = await c.submit(draft('kim-03', 7));
    await until(() => c.state(sold.order.orderId) === 'delivered', 30_000, 'delivered to the store');
    expect((await c.core.handlers.risk.setPin({ currentPin: null, newPin: '2468' })).ok).toBe(true);
    const s = await c.core.handlers.settings.get(undefined);
    if (!s.ok) throw new Error('settings');
    const brokers = async (list: string[]) =>
      expect((await c.core.handlers.settings.save({ ...s.value, brokers: list })).ok).toBe(true);
    // The store's cluster cannot be reached: the void's cancellation waits for it.
    await brokers(['127.0.0.1:1']);
    const voided = await c.core.handlers.orders.void({ orderId: sold.order.orderId, reason: 'refund', pin: '2468' });
    expect(voided.ok).toBe(true);

    // On its training cluster, which answers (a practice order is delivered), the store's
    // cancellation stays where it is.
    await brokers([]);
    const practiced = await c.submit(draft('train-6', 8));
    await until(() => c.state(practiced.order.orderId) === 'delivered', 30_000, 'practice delivered');
    await new Promise((r) => setTimeout(r, 1_000));
    expect(c.records.get(sold.order.orderId)?.cancellation).toMatchObject({ partition: null });

    // Back on the store's cluster, it is sent there, after its order.
    await brokers(t.brokers);
    await until(
      () => typeof c.records.get(sold.order.orderId)?.cancellation?.partition === 'number',
      30_000,
      'cancellation delivered',
    );
    const read = await t.readBack(2);
    expect(read.map((m) => m.key)).toEqual(['kim-03', 'kim-03']);
    expect(read.map((m) => (m.value as { eventType?: string }).eventType ?? 'order')).toEqual([
      'order',
      'order-cancelled',
    ]);
  }, 120_000);
  it("the risk checks do not take the day's practice orders for the store's once its brokers are set", async () => {
    const t = await orderTopic(store);
    const c = await core({ brokers: [], topic: t.topic, training: true });
    const practiced = (await c.submit(draft('kim-05', 9))) as {
      order: { orderId: string };
      risk?: { flags: unknown[] };
    };
    await until(() => c.state(practiced.order.orderId) === 'delivered', 30_000, 'practice delivered');
    // Practising, the same basket again is a duplicate of the practice order.
    const twice = await c.core.handlers.risk.check(draft('kim-05', 9) as never);
    expect(twice.ok && twice.value.flags.map((f) => f.code)).toContain('duplicate');

    const s = await c.core.handlers.settings.get(undefined);
    if (!s.ok) throw new Error('settings');
    expect((await c.core.handlers.settings.save({ ...s.value, brokers: t.brokers })).ok).toBe(true);
    // The first real sale of that basket is no duplicate of it.
    const real = (await c.submit(draft('kim-05', 9))) as { risk?: { flags: Array<{ code: string }> } };
    expect(real.risk?.flags.map((f) => f.code) ?? []).not.toContain('duplicate');
  }, 120_000);
});
