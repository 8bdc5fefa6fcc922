// Orders that need attention in the outbox (issue 10): the hold on a customer's later orders,
// kept across a restart; correct keeps the order's place; void keeps the order with its reason
// and never lets it be sent; neither acts on an order that does not need attention.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OutboxStore } from '../../../electron/orders/outbox-store';
import { OrderHistory } from '../../../electron/counter/order-history';
import { AttentionDesk } from '../../../electron/orders/attention-desk';
import { orderCorrectionSchema, type Order } from '../../../shared/order-schema';
import { newOrderId, shortOrderId } from '../../../shared/order-ids';
import { appError, formatError, type AppError } from '../../../shared/error-codes';
import { clerkView } from '../../../shared/delivery-states';
import { order, refuseAsTooLarge } from './fixtures';
import { tempDir } from './temp-dir';

const opened: OutboxStore[] = [];
function openAt(file: string): OutboxStore {
  const s = OutboxStore.open(file);
  opened.push(s);
  return s;
}
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
});

/** kim's first order refused for good and held; kim's second and lee's waiting. */

function setup(file = path.join(tempDir(), 'outbox.sqlite')) {
  const s = openAt(file);
  const [p, k2, l1] = [
    order({ customerId: 'kim', orderId: newOrderId() }),
    order({ customerId: 'kim' }),
    order({ customerId: 'lee' }),
  ];
  s.addMany([p, k2, l1]);
  const seq = (id: string) => s.candidates(10).find((r) => r.order.orderId === id)!.seq;
  const pSeq = seq(p.orderId);
  refuseAsTooLarge(s, pSeq);
  const held = s.holdCustomer('kim', pSeq);
  return { s, file, p, k2, l1, held };
}

describe('outbox: orders that need attention', () => {
  it("holds the customer's later orders (also saved later, and after a restart); others stay sendable", () => {
    const { s, file, p, k2, l1, held } = setup();
    expect(held.map((c) => c.orderId)).toEqual([k2.orderId]);
    expect(clerkView(s.get(p.orderId)!)).toEqual({ state: 'attention', reason: 'attention.tooLarge' });
    expect(clerkView(s.get(k2.orderId)!)).toEqual({ state: 'waiting', reason: 'waiting.heldBehind' });
    expect([...s.heldCustomers()]).toEqual(['kim']);
    const k3 = order({ customerId: 'kim' });
    s.add(k3);
    expect(s.get(k3.orderId)!.error).toEqual({ code: 'waiting.heldBehind' });
    expect(s.get(l1.orderId)!.error).toBeNull();
    s.close();
    const again = openAt(file);
    expect([...again.heldCustomers()]).toEqual(['kim']);
    expect(again.candidates(10).map((r) => r.order.orderId)).toEqual([k2.orderId, l1.orderId, k3.orderId]);
  });

  it('correct keeps the order id and its place and releases the customer; a delivered order cannot be corrected', () => {
    const { s, p, k2 } = setup();
    const fixed = { ...p, note: 'short', lines: p.lines.slice(0, 1) };
    const r = s.correct(p.orderId, fixed);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.record).toMatchObject({ state: 'saved', error: null, order: { orderId: p.orderId, note: 'short' } });
    expect(r.value.changes.map((c) => [c.orderId, c.state, c.error])).toEqual([
      [p.orderId, 'saved', null],
      [k2.orderId, 'saved', null],
    ]);
    expect(s.heldCustomers().size).toBe(0);
    expect(s.candidates(10)[0].order).toMatchObject({ orderId: p.orderId, note: 'short' });
    expect(s.correct(p.orderId, fixed)).toEqual({ ok: false, error: { code: 'order.notHeld' } });
    expect(s.correct('3f2b8c1e-1111-4222-8333-444455556666', fixed)).toEqual({
      ok: false,
      error: { code: 'order.notFound', params: { orderId: '3f2b8c1e-1111-4222-8333-444455556666' } },
    });
  });

  it('void keeps the order with its reason, never sendable, counted; the customer is released', () => {
    const { s, p, k2 } = setup();
    const waitingBefore = s.countWaiting();
    const r = s.void(p.orderId, 'customer cancelled');
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.record).toMatchObject({ state: 'voided', order: { orderId: p.orderId } });
    expect(clerkView(r.value.record)).toEqual({
      state: 'voided',
      reason: 'attention.voided',
      params: { reason: 'customer cancelled' },
    });
    expect(s.get(p.orderId)).toMatchObject({ state: 'voided' });
    expect(s.candidates(10).map((c) => c.order.orderId)).not.toContain(p.orderId);
    expect(s.undelivered().map((u) => u.orderId)).not.toContain(p.orderId);
    expect(s.countWaiting()).toBe(waitingBefore - 1);
    expect(s.countsByState().voided).toBe(1);
    expect(s.get(k2.orderId)!.error).toBeNull();
    expect(s.void(p.orderId, 'again')).toEqual({ ok: false, error: { code: 'order.notHeld' } });
  });

  it('a voided order is still listed with the others and found by the Orders search, with its reason', () => {
    const { s, file, p, k2 } = setup();
    s.indexForSearch();
    expect(s.void(p.orderId, 'customer cancelled').ok).toBe(true);
    // The Outbox's page after a reload: it was only on the screen that voided it.
    const voided = {
      order: { orderId: p.orderId },
      state: 'voided',
      error: { params: { reason: 'customer cancelled' } },
    };
    expect(s.recent(10).map((r) => r.order.orderId)).toContain(p.orderId);
    expect(s.recent(10).find((r) => r.order.orderId === p.orderId)).toMatchObject(voided);
    // The Orders screen: listed, and found by its customer ID, its order id, its short id and its name.
    const history = new OrderHistory(file);
    try {
      const search = (query: string) =>
        history.search({ query, from: null, to: null, before: null, limit: 10 }).orders.map((r) => r.order.orderId);
      expect(search('')).toEqual(expect.arrayContaining([p.orderId, k2.orderId]));
      expect(search('kim')).toEqual(expect.arrayContaining([p.orderId, k2.orderId]));
      expect(search(p.orderId)).toEqual([p.orderId]);
      expect(search(shortOrderId(p.orderId))).toContain(p.orderId);
      expect(search(p.customerName.slice(0, 4))).toContain(p.orderId);
      expect(history.byOrderId(p.orderId)).toMatchObject(voided);
      expect(
        history.search({ query: p.orderId, from: null, to: null, before: null, limit: 10 }).orders[0],
      ).toMatchObject(voided);
    } finally {
      history.close();
    }
  });

  describe('the Outbox page lists every undelivered order, whatever its age', () => {
    /** `n` ordinary orders of other customers, saved after setup's; delivered unless told. */
    function newer(s: OutboxStore, n: number, deliver: boolean): string[] {
      const orders = Array.from({ length: n }, (_, i) => order({ customerId: `c-${i}` }));
      s.addMany(orders);
      if (deliver) {
        const ids = new Set(orders.map((o) => o.orderId));
        const rows = s.candidates(n + 10).filter((r) => ids.has(r.order.orderId));
        s.markSending(rows.map((r) => r.seq));
        s.markDelivered(rows.map((r, i) => ({ seq: r.seq, partition: 0, offset: String(i) })));
      }
      return orders.map((o) => o.orderId);
    }

    it('after 205 newer delivered orders: the newest 200, then the refused, the held and the waiting one', () => {
      const { s, p, k2, l1 } = setup();
      const ids = newer(s, 205, true);
      const page = s.recent(200);
      expect(page.slice(0, 200).map((r) => r.order.orderId)).toEqual(ids.slice(5).reverse());
      expect(page.slice(200).map((r) => [r.order.orderId, clerkView(r).state])).toEqual([
        [l1.orderId, 'saved'],
        [k2.orderId, 'waiting'],
        [p.orderId, 'attention'],
      ]);
    });

    it('after 205 newer orders still waiting (offline): the same, found by index below the page', () => {
      const { s, p, k2, l1 } = setup();
      const ids = newer(s, 205, false);
      const page = s.recent(200);
      expect(page.slice(0, 200).map((r) => r.order.orderId)).toEqual(ids.slice(5).reverse());
      expect(page.slice(200).map((r) => r.order.orderId)).toEqual([
        ...ids.slice(0, 5).reverse(),
        l1.orderId,
        k2.orderId,
        p.orderId,
      ]);
    });

    it('beyond 1,000 older waiting ones, those that need a person and their held orders are still listed', () => {
      const s = openAt(path.join(tempDir(), 'outbox.sqlite'));
      const oldest = newer(s, 1_100, false);
      const [p, k2] = [order({ customerId: 'kim' }), order({ customerId: 'kim' })];
      s.addMany([p, k2]);
      const pSeq = s.candidates(2_000).find((r) => r.order.orderId === p.orderId)!.seq;
      refuseAsTooLarge(s, pSeq);
      s.holdCustomer('kim', pSeq);
      const newest = newer(s, 205, false);
      const page = s.recent(200).map((r) => r.order.orderId);
      expect(page.slice(0, 200)).toEqual(newest.slice(5).reverse());
      // Then newest first: kim's two, and the 1,000 that waited longest (not the 100 after them).
      expect(page.slice(200)).toEqual([k2.orderId, p.orderId, ...oldest.slice(0, 1_000).reverse()]);
    });
  });
});

/** An attention desk over an outbox holding `was`, refused by the topic: it needs attention. */
function deskHolding(was: Order) {
  const file = path.join(tempDir(), 'outbox.sqlite');
  const s = openAt(file);
  s.addMany([was]);
  refuseAsTooLarge(s, s.candidates(1)[0].seq);
  const desk = new AttentionDesk({
    outbox: s,
    dataDir: path.dirname(file),
    maxMessageBytes: () => 1_000_000,
    onChanges: () => {},
    nudge: () => {},
    settings: () => ({ storeId: 'store-1', terminalId: 'terminal-1', clerk: 'clerk', topic: 'user-data' }),
    checkPin: () => null,
  });
  return { s, desk };
}

describe('the attention desk: a correction', () => {
  it("keeps a line's stored SKU though it fails today's rule; refuses a line the order did not have, or a changed quantity, in both languages; the order is left as it was", async () => {
    // Saved before SKUs were checked for invisible characters.
    const was = order({
      lines: [
        { sku: 'APL\u200B-01', productName: 'Apple', quantity: 3, unitPrice: 1200 },
        { sku: 'MLK-02', productName: 'Milk 1L', quantity: 1, unitPrice: 2450 },
      ],
    });
    const { s, desk } = deskHolding(was);
    const correction = (lines: Order['lines']) =>
      orderCorrectionSchema.parse({
        customerName: was.customerName,
        customerId: was.customerId,
        lines,
        currency: 'KRW',
        paymentMethod: 'card',
      });
    const unchanged = () => {
      expect(clerkView(s.get(was.orderId)!).state).toBe('attention');
      expect(s.get(was.orderId)!.order.lines).toEqual(was.lines);
    };

    const added = await desk.correct(
      was.orderId,
      correction([...was.lines, { sku: 'NEW-03', productName: 'Bread', quantity: 1, unitPrice: 100 }]),
    );
    expect(added).toEqual({ ok: false, error: { code: 'order.correctLines', params: { sku: 'NEW-03' } } });
    expect(formatError(added.ok ? null! : added.error, 'ko')).toBe(
      '고치기에서는 품목을 빼거나 내용을 고칠 수만 있습니다. 이 NEW-03 품목은 주문에 없던 것입니다. 주문을 취소하고 다시 입력하세요.',
    );
    unchanged();
    const more = await desk.correct(was.orderId, correction([{ ...was.lines[0], quantity: 30 }]));
    expect(more).toEqual({
      ok: false,
      error: { code: 'order.correctQuantity', params: { sku: 'APL\u200B-01', was: 3, now: 30 } },
    });
    expect(formatError(more.ok ? null! : more.error, 'en')).toBe(
      'The quantity of APL\u200B-01 cannot be changed (3 to 30). Void the order and enter it again.',
    );
    unchanged();

    // A line removed, the other kept with its stored SKU.
    const kept = await desk.correct(was.orderId, correction([was.lines[0]]));
    if (!kept.ok) throw new Error(JSON.stringify(kept.error));
    expect(kept.value.order.lines).toEqual([was.lines[0]]);
    expect(kept.value.state).toBe('saved');
  });
});

describe('the attention desk: what a correction may not change', () => {
  function held(was: Order) {
    const { s, desk } = deskHolding(was);
    const correct = (change: { currency?: string; unitPrice?: number }) =>
      desk.correct(
        was.orderId,
        orderCorrectionSchema.parse({
          customerName: was.customerName,
          customerId: was.customerId,
          lines: [{ ...was.lines[0], unitPrice: change.unitPrice ?? was.lines[0].unitPrice }],
          currency: change.currency ?? was.currency,
          paymentMethod: was.paymentMethod,
        }),
      );
    const leftAsItWas = () => {
      expect(clerkView(s.get(was.orderId)!).state).toBe('attention');
      expect(s.get(was.orderId)!.order).toEqual(was);
    };
    return { correct, leftAsItWas };
  }
  const apple = (unitPrice: number) => [{ sku: 'APL-01', productName: 'Apple', quantity: 2, unitPrice }];
  /** Refused with `error`, which reads `en` and `ko`. */
  function refused(r: Awaited<ReturnType<AttentionDesk['correct']>>, error: AppError, en: string, ko: string) {
    expect(r).toEqual({ ok: false, error });
    expect([formatError(error, 'en'), formatError(error, 'ko')]).toEqual([en, ko]);
  }

  it('refuses changing a valid saved currency (KRW to USD), in both languages, and leaves the order as it was', async () => {
    const was = order({ currency: 'KRW', lines: apple(1000) });
    const { correct, leftAsItWas } = held(was);
    refused(
      await correct({ currency: 'USD' }),
      appError('order.correctCurrency', { was: 'KRW', now: 'USD' }),
      'The currency of a saved order cannot be changed (KRW to USD): its prices were given in KRW. Void the order and enter it again.',
      '저장된 주문의 통화는 바꿀 수 없습니다 (KRW에서 USD로). 가격이 KRW 기준입니다. 주문을 취소하고 다시 입력하세요.',
    );
    leftAsItWas();
  });

  it('refuses changing a currency ISO 4217 withdrew since the order was saved (HRK to EUR): its prices are kuna', async () => {
    const was = order({ currency: 'HRK', lines: apple(1000) });
    const { correct, leftAsItWas } = held(was);
    expect(await correct({ currency: 'EUR' })).toEqual({
      ok: false,
      error: appError('order.correctCurrency', { was: 'HRK', now: 'EUR' }),
    });
    leftAsItWas();
  });

  it('takes a currency saved before the ISO 4217 check corrected (KWR to KRW)', async () => {
    const { correct } = held(order({ currency: 'KWR', lines: apple(1000) }));
    const r = await correct({ currency: 'KRW' });
    expect(r.ok && r.value.order.currency).toBe('KRW');
  });

  it('refuses changing a valid saved price (KRW 1000 to 900), in both languages, and leaves the order as it was', async () => {
    const was = order({ lines: apple(1000) });
    const { correct, leftAsItWas } = held(was);
    refused(
      await correct({ unitPrice: 900 }),
      appError('order.correctPrice', { sku: 'APL-01', was: 1000, now: 900 }),
      'The unit price of APL-01 cannot be changed (1000 to 900): only a price that breaks the price rule can be corrected, rounded to the nearest one it takes. Void the order and enter it again.',
      'APL-01의 단가는 바꿀 수 없습니다 (1000에서 900으로). 가격 규칙에 맞지 않는 단가만 가장 가까운 맞는 값으로 고칠 수 있습니다. 주문을 취소하고 다시 입력하세요.',
    );
    leftAsItWas();
  });

  it('takes a price that breaks the rule in the corrected currency corrected (KRW 1200.5 to 1200, KWR 1200.5 to KRW 1201)', async () => {
    const krw = held(order({ lines: apple(1200.5) }));
    const r = await krw.correct({ unitPrice: 1200 });
    expect(r.ok && r.value.order.lines[0].unitPrice).toBe(1200);
    const kwr = held(order({ currency: 'KWR', lines: apple(1200.5) }));
    const k = await kwr.correct({ currency: 'KRW', unitPrice: 1201 });
    expect(k.ok && k.value.order).toMatchObject({ currency: 'KRW', lines: [{ unitPrice: 1201 }] });
  });

  it('refuses a rule-breaking price changed beyond rounding (KRW 1200.5 to 1), a line copied, a quantity and a price swapped between two lines of one SKU, and another payment method', async () => {
    const far = held(order({ lines: apple(1200.5) }));
    expect(await far.correct({ unitPrice: 1 })).toMatchObject({ ok: false, error: { code: 'order.correctPrice' } });
    far.leftAsItWas();

    const two = order({
      paymentMethod: 'card',
      lines: [
        { sku: 'APL-01', productName: 'Apple', quantity: 3, unitPrice: 1200 },
        { sku: 'APL-01', productName: 'Apple', quantity: 1, unitPrice: 1000 },
        { sku: 'MLK-02', productName: 'Milk 1L', quantity: 1, unitPrice: 2450 },
      ],
    });
    const { s, desk } = deskHolding(two);
    const correct = (lines: Order['lines'], paymentMethod = two.paymentMethod) =>
      desk.correct(
        two.orderId,
        orderCorrectionSchema.parse({
          customerName: two.customerName,
          customerId: two.customerId,
          lines,
          currency: two.currency,
          paymentMethod,
        }),
      );
    const [apl3, apl1, milk] = two.lines;
    // A line copied: the order had one milk line, and the second Apple line is the one of 1.
    expect(await correct([apl3, apl1, milk, milk])).toEqual({
      ok: false,
      error: { code: 'order.correctLines', params: { sku: 'MLK-02' } },
    });
    expect(await correct([apl3, apl3, milk])).toEqual({
      ok: false,
      error: { code: 'order.correctQuantity', params: { sku: 'APL-01', was: 1, now: 3 } },
    });
    expect(await correct([{ ...apl3, unitPrice: 1000 }])).toEqual({
      ok: false,
      error: { code: 'order.correctPrice', params: { sku: 'APL-01', was: 1200, now: 1000 } },
    });
    const cash = await correct(two.lines, 'cash');
    expect(cash).toEqual({ ok: false, error: { code: 'order.correctPayment' } });
    expect(formatError(appError('order.correctPayment'), 'ko')).toBe(
      '저장된 주문의 결제 수단은 바꿀 수 없습니다. 주문을 취소하고 다시 입력하세요.',
    );
    expect(s.get(two.orderId)!.order).toMatchObject({ paymentMethod: 'card', lines: two.lines });
    expect(clerkView(s.get(two.orderId)!).state).toBe('attention');
    // Both lines of the SKU, in the other order, and the milk removed: taken.
    const ok = await correct([apl1, apl3]);
    expect(ok.ok && ok.value.order).toMatchObject({ paymentMethod: 'card', lines: [apl1, apl3], total: 4600 });
  });
});

describe("the outbox's delivery facts (Review's question, without reading the orders)", () => {
  it('say for each order what get() says: waiting, held behind, needing attention, voided, delivered, voided with a cancellation, and its name and total; an unknown id is left out', () => {
    const { s, p, k2, l1 } = setup();
    const gone = order({ customerId: 'park' });
    const sent = order({ customerId: 'choi' });
    s.addMany([gone, sent]);
    const seqOf = (id: string) => s.candidates(10).find((r) => r.order.orderId === id)!.seq;
    refuseAsTooLarge(s, seqOf(gone.orderId));
    if (!s.void(gone.orderId, 'customer left').ok) throw new Error('void');
    const sentSeq = seqOf(sent.orderId);
    s.markSending([sentSeq]);
    s.markDelivered([{ seq: sentSeq, partition: 0, offset: '7' }]);
    const ids = [p.orderId, k2.orderId, l1.orderId, gone.orderId, sent.orderId];
    const facts = s.deliveryFacts([...ids, newOrderId()]);
    expect([...facts.keys()].sort()).toEqual([...ids].sort());
    for (const id of ids) {
      const record = s.get(id)!;
      expect({ id, ...facts.get(id)! }).toEqual({
        id,
        state: record.state,
        error: record.error,
        autoRetry: record.autoRetry,
        cancelled: Boolean(record.cancellation),
        // From each table (outbox, history, voided): Review shows the name and total as they are now.
        customerName: record.order.customerName,
        total: record.order.total,
        currency: record.order.currency,
      });
    }
    expect(ids.map((id) => clerkView(facts.get(id)!).state)).toEqual([
      'attention',
      'waiting',
      'saved',
      'voided',
      'delivered',
    ]);
    expect(s.deliveryFacts([])).toEqual(new Map());
  });
});
