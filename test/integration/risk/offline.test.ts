// Offline, the checks run on this terminal's own orders and say so; missing history is never a
// flag, and the order is saved as ever (it waits in the outbox).
import { describe, expect, it } from 'vitest';
import { useOrderCores } from '../orders/order-core';
import type { OrderDraftInput } from '../../../shared/order-schema';
import type { ReviewEntry } from '../../../shared/risk-types';
import { i18next } from '../../../renderer/i18n/i18n';
import { outcomeLabel } from '../../../renderer/review/outcome-label';
import { reviewCsv } from '../../../renderer/review/review-csv';

/** Review's outcome cell for an entry, in English and in Korean. */
const outcomeWords = (e: ReviewEntry) =>
  (['en', 'ko'] as const).map((lng) => i18next.t(outcomeLabel(e), { ns: 'ui', lng }));

/** One Americano for Kim Minji under this customer ID: the same basket twice is a duplicate. */
function americano(customerId: string): OrderDraftInput {
  return {
    customerName: 'Kim Minji',
    customerId,
    lines: [{ sku: 'AMER-R', productName: 'Americano (R)', quantity: 1, unitPrice: 4500 }],
    currency: 'KRW',
    paymentMethod: 'card',
  };
}

describe('risk checks offline', () => {
  const cores = useOrderCores();

  it('flags from this terminal’s own orders only, says the topic cannot be read, and never blocks the order', async () => {
    // A broker address where nothing listens: the cluster cannot be reached.
    const c = await cores.core({ brokers: ['127.0.0.1:1'], topic: 'user-data', risk: { pollMs: 200 } });
    const d = americano('C-9');
    const first = await c.submit(d);
    expect((first as { risk?: { flags: unknown[] } }).risk?.flags).toEqual([]);
    const check = await c.core.handlers.risk.check(d as never);
    expect(check.ok && check.value.history.source).toBe('terminal');
    // The waiting order, from this terminal's outbox, is still history: a duplicate is flagged.
    expect(check.ok && check.value.flags.map((f) => f.code)).toEqual(['duplicate']);
    const second = (await c.submit(d)) as { state: string; risk?: { outcome: string | null } };
    expect(second.state).toBe('saved');
    expect(second.risk?.outcome).toBe('sent');
  }, 30_000);

  it('a submit repeated after a lost answer returns the saved order, not a held copy flagged as its own duplicate', async () => {
    const c = await cores.core({ brokers: ['127.0.0.1:1'], topic: 'user-data' });
    const h = c.core.handlers.risk;
    await h.setPin({ currentPin: null, newPin: '2468' });
    const s = await c.core.handlers.settings.get(undefined);
    if (!s.ok) throw new Error('settings');
    await h.setPolicies({
      pin: '2468',
      policies: { ...s.value.risk.policies, duplicate: 'hold' },
      reviewTopic: s.value.risk.reviewTopic,
    });
    const d = { ...americano('C-10'), submissionId: '5b0c7e1a-1111-4111-8111-111111111111' };
    const first = await c.submit(d);
    const again = (await c.submit(d)) as typeof first & { risk?: { flags: unknown[]; outcome: string | null } };
    expect(again.order.orderId).toBe(first.order.orderId);
    expect(again.risk).toMatchObject({ flags: [], outcome: null });
    const review = await h.review({ query: '', since: 0 });
    expect(review.ok && review.value).toEqual([]);
    // A new submission of the same basket is a duplicate, and held.
    const { submissionId: _first, ...fresh } = d;
    const third = (await c.submit(fresh)) as { order: { orderId: string }; risk?: { outcome: string | null } };
    expect(third.risk?.outcome).toBe('held');
    // Held, its answer lost, then changed in the form: the held order stands, the change is refused.
    const heldId = '5b0c7e1a-3333-4333-8333-333333333333';
    const heldDraft = { ...fresh, submissionId: heldId };
    const held = (await c.submit(heldDraft)) as { order: { orderId: string } };
    const changed = await c.core.handlers.orders.submit({ ...fresh, note: 'two shots', submissionId: heldId } as never);
    expect(changed.ok ? null : changed.error.code).toBe('order.changedSinceSaved');
    const reviewed = await h.review({ query: '', since: 0 });
    expect(reviewed.ok && reviewed.value.map((e) => e.orderId).sort()).toEqual(
      [third.order.orderId, held.order.orderId].sort(),
    );
  }, 30_000);

  it('a flagged order submitted twice at once (the same submission) is saved and reviewed once', async () => {
    const c = await cores.core({ brokers: ['127.0.0.1:1'], topic: 'user-data' });
    const d = americano('C-11');
    await c.submit(d);
    // The same basket again is a duplicate (warned, sent): both copies of this submission arrive
    // in one turn, so its review row is still waiting to be written with the batch when the
    // second is screened.
    const repeat = { ...d, submissionId: '5b0c7e1a-2222-4222-8222-222222222222' };
    const [a, b] = (await Promise.all([c.submit(repeat), c.submit(repeat)])) as Array<{
      order: { orderId: string };
      risk?: { flags: Array<{ code: string }>; outcome: string | null };
    }>;
    expect(b.order.orderId).toBe(a.order.orderId);
    expect(a.risk?.outcome).toBe('sent');
    expect(b.risk?.flags.map((f) => f.code)).toEqual(['duplicate']);
    const review = await c.core.handlers.risk.review({ query: '', since: 0 });
    expect(review.ok && review.value.map((e) => e.orderId)).toEqual([a.order.orderId]);
    const recent = await c.core.handlers.orders.recent({ limit: 10 });
    expect(recent.ok && recent.value.filter((r) => r.order.customerId === 'C-11')).toHaveLength(2);
  }, 30_000);

  it('uses the limits a supervisor set: a lower per-hour limit flags velocity at once, a wrong PIN changes nothing', async () => {
    const c = await cores.core({ brokers: ['127.0.0.1:1'], topic: 'user-data' });
    const h = c.core.handlers.risk;
    await h.setPin({ currentPin: null, newPin: '1357' });
    const s = await c.core.handlers.settings.get(undefined);
    if (!s.ok) throw new Error('settings');
    const basket = (n: number) => ({
      customerName: 'Park Jisoo',
      customerId: 'C-77',
      lines: [{ sku: `SKU-${n}`, productName: `Item ${n}`, quantity: 1, unitPrice: 1000 + n }],
      currency: 'KRW',
      paymentMethod: 'card' as const,
    });
    await c.submit(basket(1));
    const codes = async (n: number) => {
      const r = await h.check(basket(n) as never);
      return r.ok ? r.value.flags.map((f) => f.code) : ['check failed'];
    };
    // The defaults: 3 orders an hour per customer, so a second order is fine.
    expect(await codes(2)).toEqual([]);
    const stricter = { ...s.value.risk.limits, customerMaxOrders: [1, null] as [number, null] };
    const wrong = await h.setPolicies({
      pin: '0000',
      policies: s.value.risk.policies,
      reviewTopic: s.value.risk.reviewTopic,
      limits: stricter,
    });
    expect(wrong.ok).toBe(false);
    expect(await codes(2)).toEqual([]);
    const set = await h.setPolicies({
      pin: '1357',
      policies: s.value.risk.policies,
      reviewTopic: s.value.risk.reviewTopic,
      limits: stricter,
    });
    expect(set.ok && set.value.risk.limits.customerMaxOrders).toEqual([1, null]);
    const flags = await h.check(basket(3) as never);
    expect(flags.ok && flags.value.flags).toMatchObject([
      { code: 'velocity', params: { scope: 'customer', measure: 'orders', value: 2, limit: 1, windowHours: 1 } },
    ]);
    // Limits the settings schema refuses (a 0-minute window) change nothing.
    const bad = await h.setPolicies({
      pin: '1357',
      policies: s.value.risk.policies,
      reviewTopic: s.value.risk.reviewTopic,
      limits: { ...stricter, duplicateWindowMinutes: 0 },
    } as never);
    expect(bad.ok).toBe(false);
  }, 30_000);

  it('Review says a flagged order saved while the cluster is down is waiting to be sent, not sent; voided from its receipt, that it was voided', async () => {
    const c = await cores.core({ brokers: ['127.0.0.1:1'], topic: 'user-data' });
    const h = c.core.handlers.risk;
    const d = americano('C-12');
    await c.submit(d);
    const flagged = (await c.submit(d)) as { order: { orderId: string }; risk?: { outcome: string | null } };
    expect(flagged.risk?.outcome).toBe('sent');
    const entry = async () => {
      const r = await h.review({ query: 'C-12', since: 0 });
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      expect(r.value.map((e) => e.orderId)).toEqual([flagged.order.orderId]);
      return r.value[0];
    };
    const waiting = await entry();
    expect(outcomeWords(waiting)).toEqual(['Saved, flagged; waiting to be sent', '표시와 함께 저장함, 전송 대기 중']);
    expect(reviewCsv([waiting], 'en').split('\r\n')[1]).toMatch(/,warn,sent,user-data,,,waiting,,,,false,[^,]+$/);
    // Voided from its receipt while it waits: it goes, a cancellation after it.
    await h.setPin({ currentPin: null, newPin: '2468' });
    const voided = await c.core.handlers.orders.void({
      orderId: flagged.order.orderId,
      reason: 'typed twice',
      pin: '2468',
    });
    expect(voided.ok).toBe(true);
    expect(outcomeWords(await entry())).toEqual(['Sent, flagged, then voided', '표시와 함께 보낸 뒤 취소함']);
  }, 30_000);
});
