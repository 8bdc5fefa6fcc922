import { describe, expect, it } from 'vitest';
import { applyChanges, EarlyChanges, mergeNewer, upsert } from '../../../renderer/store/order-list';
import { changeOf, unsentRecord, type OrderRecord } from '../../../shared/outbox-types';
import { newOrderId } from '../../../shared/order-ids';
import { order } from '../orders/fixtures';

// A submit's answer as the form gets it: the order saved, not yet sent.
function saved(): OrderRecord {
  return unsentRecord(order({ orderId: newOrderId() }), new Date().toISOString());
}
const sending = (r: OrderRecord): OrderRecord => ({ ...r, state: 'sending', attempts: 1 });
const delivered = (r: OrderRecord): OrderRecord => ({
  ...r,
  state: 'delivered',
  attempts: 1,
  partition: 0,
  offset: '1',
  deliveredAt: new Date().toISOString(),
});

describe("a window's recent orders", () => {
  it('shows Delivered when the delivery came before the answer to its own submit', () => {
    const early = new EarlyChanges();
    const answer = saved();
    const other = saved();
    let list: OrderRecord[] = [other];
    // The order's changes overtake the submit's answer: the window does not hold it yet.
    const applied = applyChanges(list, [changeOf(answer), changeOf(sending(answer)), changeOf(delivered(answer))]);
    expect(applied.orders).toBeNull();
    expect(applied.unknown.map((c) => c.state)).toEqual(['saved', 'sending', 'delivered']);
    for (const c of applied.unknown) early.keep(c);
    // Then the answer comes, saying "saved": the order is shown delivered, where it landed.
    list = upsert(list, early.settle(answer), 200)!;
    expect(list[0]).toMatchObject({ state: 'delivered', partition: 0, offset: '1' });
    expect(list[0].order).toEqual(answer.order);
    // Only once: a later answer for it (a retried submit) does not take it back to saved.
    expect(upsert(list, early.settle(answer), 200)).toBeNull();
  });

  it("shows a correction's lines and total when its resend was delivered before the answer came", () => {
    const held: OrderRecord = { ...saved(), state: 'failed', attempts: 1 };
    let list: OrderRecord[] = [held];
    // Correct's answer: the order as corrected, saved again; its changes (saved, sending,
    // delivered) overtake it.
    const fixed = { ...held.order, lines: held.order.lines.slice(0, 1), total: 3600 };
    const answer: OrderRecord = { ...held, state: 'saved', error: null, order: fixed };
    const resent = { ...answer, state: 'delivered' as const, attempts: 2, partition: 0, offset: '4' };
    list = applyChanges(list, [
      changeOf(answer),
      changeOf({ ...answer, state: 'sending', attempts: 2 }),
      changeOf(resent),
    ]).orders!;
    expect(list[0]).toMatchObject({ state: 'delivered', order: { total: held.order.total } });
    list = upsert(list, answer, 200)!;
    expect(list[0]).toMatchObject({ state: 'delivered', attempts: 2, offset: '4', order: { total: 3600 } });
    expect(list[0].order.lines).toEqual(fixed.lines);
    // The same answer again changes nothing.
    expect(upsert(list, { ...answer, order: structuredClone(fixed) }, 200)).toBeNull();
  });

  it('applies changes in order, never moving an order back, and reports the orders it does not hold', () => {
    const a = saved();
    const b = saved();
    const { orders, unknown } = applyChanges([a], [changeOf(delivered(a)), changeOf(sending(a)), changeOf(b)]);
    expect(orders![0]).toMatchObject({ state: 'delivered', offset: '1' });
    expect(unknown.map((c) => c.orderId)).toEqual([b.order.orderId]);
    // An answer that comes after the events keeps what they said.
    expect(upsert(orders!, a, 200)).toBeNull();
  });

  it('keeps early changes for a bounded number of orders, the newest per order', () => {
    const early = new EarlyChanges(2);
    const [a, b, c] = [saved(), saved(), saved()];
    early.keep(changeOf(sending(a)));
    early.keep(changeOf(delivered(a)));
    early.keep(changeOf(delivered(b)));
    early.keep(changeOf(delivered(c)));
    // a was the oldest of three: forgotten (the page is asked for again in that case).
    expect(early.settle(a).state).toBe('saved');
    expect(early.settle(b).state).toBe('delivered');
    expect(early.settle(c).state).toBe('delivered');
  });

  it('an order saved in another window shows where it landed when its delivery overtook the page read for it', () => {
    const early = new EarlyChanges();
    const other = saved();
    // Its first changes reach this window, which does not hold it: kept, and the page is read.
    const first = applyChanges([], [changeOf(other), changeOf(sending(other))]);
    expect(first.unknown.map((c) => c.state)).toEqual(['saved', 'sending']);
    for (const c of first.unknown) early.keep(c);
    // The page was read while the order was being sent; its delivery arrives before that answer.
    for (const c of applyChanges([], [changeOf(delivered(other))]).unknown) early.keep(c);
    const list = mergeNewer([sending(other)], [], early, 200);
    expect(list.map((r) => [r.order.orderId, r.state])).toEqual([[other.order.orderId, 'delivered']]);
    expect(list[0]).toMatchObject({ partition: 0, offset: '1' });
    // Applied once: a later read that still says "sending" is kept back by the list, not by early changes.
    expect(mergeNewer([sending(other)], list, early, 200)[0].state).toBe('delivered');
  });

  it('a page read again keeps what events said meanwhile, and answers that came after it on top', () => {
    const [a, b, c] = [saved(), saved(), saved()];
    const live = [{ ...c, savedAt: new Date(Date.now() + 1000).toISOString() }, delivered(a)];
    const merged = mergeNewer([b, a], live, new EarlyChanges(), 200);
    expect(merged.map((r) => [r.order.orderId, r.state])).toEqual([
      [c.order.orderId, 'saved'],
      [b.order.orderId, 'saved'],
      [a.order.orderId, 'delivered'],
    ]);
  });

  it('keeps an order that needs attention past the limit, through new submits and a page read again', () => {
    const refused: OrderRecord = {
      ...saved(),
      state: 'failed',
      attempts: 1,
      autoRetry: false,
      error: { code: 'kafka.messageTooLarge' },
    };
    const waiting = saved();
    const gone = delivered(saved());
    let list: OrderRecord[] = [waiting, gone, refused];
    // Three newer orders, a limit of two: the delivered one goes, the undelivered two stay.
    for (let i = 0; i < 3; i++) list = upsert(list, delivered(saved()), 2)!;
    expect(list).toHaveLength(4);
    expect(list.slice(2).map((r) => r.order.orderId)).toEqual([waiting.order.orderId, refused.order.orderId]);
    // The page (orders.recent) lists them after its newest two; read again, they stay.
    const merged = mergeNewer([list[0], list[1], waiting, refused], list, new EarlyChanges(), 2);
    expect(merged.map((r) => r.order.orderId)).toEqual(list.map((r) => r.order.orderId));
  });
});
