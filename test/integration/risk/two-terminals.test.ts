// Risk checks in the order flow, with two app instances on two data directories (two terminals)
// against one cluster (sandbox or Apache Kafka, KAFKA_TARGET): a duplicate typed on the second
// terminal is flagged from the first terminal's order as read back from the order topic, and
// the policies decide what leaves: warn sends with a `risk` header, hold waits for a supervisor
// (confirmed: sent with `risk-decision`; voided or undecided: never sent), route sends to the
// review topic only.
import { DEFAULT_RISK_LIMITS } from '../../../shared/risk-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kafkaCluster, type TestCluster } from '../../support/kafka-target';
import { topicRecords } from '../../support/topic-records';
import { useOrderCores, type Core } from '../orders/order-core';
import type { OrderDraftInput } from '../../../shared/order-schema';
import { DEFAULT_RISK_POLICIES } from '../../../shared/settings-schema';
import { shortOrderId } from '../../../shared/order-ids';
import { formatErrorBoth } from '../../../shared/error-codes';

const basket = (customerId: string): OrderDraftInput => ({
  customerName: 'Kim Minji',
  customerId,
  lines: [{ sku: 'AMER-R', productName: 'Americano (R)', quantity: 2, unitPrice: 4500 }],
  currency: 'KRW',
  paymentMethod: 'card',
});

async function until<T>(what: string, f: () => Promise<T | null | undefined | false>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('risk checks across two terminals', () => {
  const cores = useOrderCores();
  let cluster: TestCluster;
  let topic: string;
  let review: string;

  beforeAll(async () => {
    cluster = await kafkaCluster();
    topic = cluster.topic('risk-orders');
    review = cluster.topic('risk-review');
    await cluster.createTopic(topic, { partitions: 3, replicationFactor: 3 });
    await cluster.createTopic(review, { partitions: 1, replicationFactor: 3 });
  }, 120_000);
  afterAll(() => cluster?.close());

  const terminal = (terminalId: string) =>
    cores.core({
      brokers: cluster.brokers,
      topic,
      settings: { terminalId, risk: { ...defaults(), reviewTopic: review } },
      risk: { pollMs: 200 },
    });
  const defaults = () => ({
    policies: { ...DEFAULT_RISK_POLICIES },
    reviewTopic: 'user-data.review',
    historyWindowHours: 24,
    historyMaxOrders: 100_000,
    limits: DEFAULT_RISK_LIMITS,
  });
  const delivered = (c: Core, id: string) => until(`${id} delivered`, async () => c.state(id) === 'delivered');

  it('flags on the second terminal a duplicate of the first terminal’s order, read back from the topic, and sends it with a risk header', async () => {
    const second = await terminal('pos-B');
    const first = await terminal('pos-A');
    const customer = `C-${Date.now()}`;

    // The second terminal knows nothing of this customer yet.
    const before = await second.core.handlers.risk.check(basket(customer) as never);
    expect(before.ok && before.value.flags).toEqual([]);

    const a = await first.submit(basket(customer));
    expect((a as { risk?: { flags: unknown[] } }).risk?.flags ?? []).toEqual([]);
    await delivered(first, a.order.orderId);

    // Kept up to date while running: the first terminal's order reaches the second through the topic.
    const seen = await until('the duplicate flag on the second terminal', async () => {
      const r = await second.core.handlers.risk.check(basket(customer) as never);
      return r.ok && r.value.flags.some((f) => f.code === 'duplicate') ? r.value : null;
    });
    expect(seen.history.source).toBe('terminal+topic');
    const dup = seen.flags.find((f) => f.code === 'duplicate')!;
    expect(dup.params).toMatchObject({ customerId: customer, terminalId: 'pos-A', windowMinutes: 10 });

    const b = await second.submit(basket(customer));
    const risk = (b as { risk?: { flags: Array<{ code: string }>; outcome: string | null } }).risk;
    expect(risk?.flags.map((f) => f.code)).toContain('duplicate');
    expect(risk?.outcome).toBe('sent');
    await delivered(second, b.order.orderId);

    const records = await topicRecords(cluster.brokers, topic);
    const sentB = records.find((r) => r.headers['order-id'] === b.order.orderId)!;
    expect(sentB.headers.risk.split(',')).toContain('duplicate');
    expect(sentB.headers['risk-decision']).toBeUndefined();
    // The first, unflagged order carries no risk header.
    expect(records.find((r) => r.headers['order-id'] === a.order.orderId)!.headers.risk).toBeUndefined();

    const today = await second.core.handlers.risk.review({ query: customer, since: Date.now() - 3_600_000 });
    // Delivered: now, and only now, Review says it was sent.
    expect(today.ok && today.value.map((e) => [e.orderId, e.outcome, e.delivery])).toEqual([
      [b.order.orderId, 'sent', 'delivered'],
    ]);
  }, 90_000);

  it('holds, confirms with the PIN, voids and routes, each reaching the topic it should and no other', async () => {
    const t = await terminal('pos-H');
    const h = t.core.handlers.risk;
    expect((await h.setPolicies({ pin: '1234', policies: { ...DEFAULT_RISK_POLICIES }, reviewTopic: review })).ok).toBe(
      false,
    );
    expect(await h.setPin({ currentPin: null, newPin: '2468' })).toEqual({ ok: true, value: { pinSet: true } });
    // A second PIN change needs the first.
    const wrong = await h.setPin({ currentPin: '0000', newPin: '1357' });
    expect(!wrong.ok && wrong.error.code).toBe('risk.pinWrong');
    const held = await h.setPolicies({
      pin: '2468',
      policies: { ...DEFAULT_RISK_POLICIES, duplicate: 'hold' },
      reviewTopic: review,
    });
    expect(held.ok && held.value.risk.policies.duplicate).toBe('hold');

    const customer = `H-${Date.now()}`;
    const first = await t.submit(basket(customer));
    await delivered(t, first.order.orderId);
    const confirmMe = await t.submit(basket(customer));
    const voidMe = await t.submit(basket(customer));
    const waitMe = await t.submit(basket(customer));
    for (const r of [confirmMe, voidMe, waitMe])
      expect((r as { risk?: { outcome: string } }).risk?.outcome).toBe('held');

    const bad = await h.decide({
      orderId: confirmMe.order.orderId,
      decision: 'confirm',
      supervisor: 'Lee',
      pin: '9999',
    });
    expect(!bad.ok && bad.error.code).toBe('risk.pinWrong');
    const ok = await h.decide({
      orderId: confirmMe.order.orderId,
      decision: 'confirm',
      supervisor: 'Lee',
      pin: '2468',
    });
    expect(ok.ok && ok.value.outcome).toBe('confirmed');
    const voided = await h.decide({ orderId: voidMe.order.orderId, decision: 'void', supervisor: 'Lee', pin: '2468' });
    expect(voided.ok && voided.value.outcome).toBe('voided');
    const again = await h.decide({
      orderId: voidMe.order.orderId,
      decision: 'confirm',
      supervisor: 'Lee',
      pin: '2468',
    });
    expect(!again.ok && again.error.code).toBe('risk.alreadyVoided');
    await delivered(t, confirmMe.order.orderId);

    // Route: a routed order goes to the review topic only.
    await h.setPolicies({
      pin: '2468',
      policies: { ...DEFAULT_RISK_POLICIES, duplicate: 'route' },
      reviewTopic: review,
    });
    const routed = await t.submit(basket(customer));
    expect((routed as { risk?: { outcome: string } }).risk?.outcome).toBe('routed');
    await until('the routed order on the review topic', async () => {
      const r = await h.review({ query: shortOrderId(routed.order.orderId), since: 0 });
      return r.ok && r.value[0]?.delivered;
    });

    const orders = await topicRecords(cluster.brokers, topic);
    const ids = (rs: typeof orders) => rs.map((r) => r.headers['order-id']);
    const confirmed = orders.find((r) => r.headers['order-id'] === confirmMe.order.orderId)!;
    expect(confirmed.headers.risk).toBe('duplicate');
    expect(JSON.parse(confirmed.headers['risk-decision'])).toMatchObject({ decision: 'confirm', by: 'Lee' });
    expect(ids(orders)).not.toContain(voidMe.order.orderId);
    expect(ids(orders)).not.toContain(waitMe.order.orderId);
    expect(ids(orders)).not.toContain(routed.order.orderId);
    const reviewed = await topicRecords(cluster.brokers, review);
    expect(ids(reviewed)).toEqual([routed.order.orderId]);
    // Its fifth order within the hour: over the velocity limit (3) as well, which warns.
    expect(reviewed[0].headers.risk).toBe('duplicate,velocity');

    const outcomes = await h.review({ query: '', since: 0 });
    expect(outcomes.ok && Object.fromEntries(outcomes.value.map((e) => [e.orderId, e.outcome]))).toEqual({
      [confirmMe.order.orderId]: 'confirmed',
      [voidMe.order.orderId]: 'voided',
      [waitMe.order.orderId]: 'held',
      [routed.order.orderId]: 'routed',
    });
    // The held order the supervisor never decided is still not sent after a while.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(ids(await topicRecords(cluster.brokers, topic))).not.toContain(waitMe.order.orderId);
  }, 90_000);

  it('says beside a routed order why it waits while its review topic is missing, and goes once it is created', async () => {
    const t = await terminal('pos-R');
    const h = t.core.handlers.risk;
    await h.setPin({ currentPin: null, newPin: '2468' });
    const missing = cluster.topic('risk-review-later');
    await h.setPolicies({
      pin: '2468',
      policies: { ...DEFAULT_RISK_POLICIES, duplicate: 'route' },
      reviewTopic: missing,
    });
    const customer = `R-${Date.now()}`;
    const first = await t.submit(basket(customer));
    await delivered(t, first.order.orderId);
    const routed = await t.submit(basket(customer));
    expect((routed as { risk?: { outcome: string } }).risk?.outcome).toBe('routed');
    const row = async () => {
      const r = await h.review({ query: shortOrderId(routed.order.orderId), since: 0 });
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      return r.value[0];
    };
    const waiting = await until('the reason beside the routed order', async () => (await row()).waitingBecause);
    expect(waiting).toEqual({ code: 'kafka.topicMissing', params: { topic: missing } });
    expect(formatErrorBoth(waiting)).toContain(`Topic "${missing}" does not exist`);
    expect(formatErrorBoth(waiting)).toContain(`토픽 ${missing}`);

    await cluster.createTopic(missing, { partitions: 1, replicationFactor: 3 });
    const sent = await until(
      'the routed order on the review topic',
      async () => {
        const e = await row();
        return e.delivered ? e : null;
      },
      60_000,
    );
    expect(sent.waitingBecause).toBeUndefined();
    expect((await topicRecords(cluster.brokers, missing)).map((r) => r.headers['order-id'])).toEqual([
      routed.order.orderId,
    ]);
  }, 120_000);
});
