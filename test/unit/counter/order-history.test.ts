import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OutboxStore } from '../../../electron/orders/outbox-store';
import { OrderHistory } from '../../../electron/counter/order-history';
import type { Order } from '../../../shared/order-schema';
import { isTimeOrderedId, newOrderId, shortOrderId } from '../../../shared/order-ids';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function makeOrder(i: number, at: Date): Order {
  return {
    orderId: crypto.randomUUID(),
    schemaVersion: 1,
    customerName: i === 7 ? '정하늘 100%_name' : `Customer ${i}`,
    customerId: `C-${i}`,
    phone: i === 7 ? '010-5555-1717' : undefined,
    lines: [{ sku: 'S', productName: 'P', quantity: 1, unitPrice: 1000 }],
    currency: 'KRW',
    paymentMethod: 'card',
    storeId: 's',
    terminalId: 't',
    clerk: 'c',
    createdAt: at.toISOString(),
    total: 1000,
  };
}

describe('orders history', () => {
  it('pages newest first by keyset, and searches by customer ID, order id prefix, phone digits and name', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'order-desk-history-'));
    dirs.push(dir);
    const file = path.join(dir, 'outbox.sqlite');
    const history = new OrderHistory(file);
    // No outbox yet: no orders, no error.
    expect(history.search({ query: '', from: null, to: null, before: null, limit: 5 })).toEqual({
      orders: [],
      next: null,
    });
    const outbox = OutboxStore.open(file);
    const orders = Array.from({ length: 12 }, (_, i) => makeOrder(i, new Date(Date.UTC(2026, 0, 1 + i))));
    for (const o of orders) expect(outbox.add(o).ok).toBe(true);
    // The six oldest (seq 1-6) are delivered: they move to the outbox's history table.
    outbox.markSending([1, 2, 3, 4, 5, 6]);
    outbox.markDelivered([1, 2, 3, 4, 5, 6].map((seq) => ({ seq, partition: 0, offset: String(100 + seq) })));

    const all = { query: '', from: null, to: null, before: null, limit: 5 };
    const p1 = history.search(all);
    expect(p1.orders.map((r) => r.order.customerId)).toEqual(['C-11', 'C-10', 'C-9', 'C-8', 'C-7']);
    const p2 = history.search({ ...all, before: p1.next });
    expect(p2.orders.map((r) => r.order.customerId)).toEqual(['C-6', 'C-5', 'C-4', 'C-3', 'C-2']);
    const p3 = history.search({ ...all, before: p2.next });
    expect(p3).toMatchObject({ next: null });
    expect(p3.orders).toHaveLength(2);
    // Waiting and delivered orders in one newest-first list, each with its state.
    expect(p2.orders.map((r) => r.state)).toEqual(['saved', 'delivered', 'delivered', 'delivered', 'delivered']);
    expect(p3.orders[0]).toMatchObject({ state: 'delivered', partition: 0, offset: '102' });
    expect(history.byOrderId(orders[0].orderId)).toMatchObject({ state: 'delivered', offset: '101' });
    expect(history.byOrderId(orders[11].orderId)).toMatchObject({ state: 'saved', offset: null });

    const find = (query: string) => history.search({ ...all, query }).orders.map((r) => r.order.customerId);
    expect(find('C-3')).toEqual(['C-3']);
    // Typed in lower case, as clerks do.
    expect(find('c-3')).toEqual(['C-3']);
    expect(find(orders[5].orderId.slice(0, 6).toUpperCase())).toEqual(['C-5']);
    expect(find('01055551717')).toEqual(['C-7']);
    expect(find('5555-1717')).toEqual(['C-7']);
    expect(find('하늘')).toEqual(['C-7']);
    // Typed with a space between family and given name, as clerks do.
    expect(find('정 하늘')).toEqual(['C-7']);
    // Two spaces typed where the name has one (it found nothing).
    expect(find('customer  3')).toEqual(['C-3']);
    expect(find('정하늘  100%')).toEqual(['C-7']);
    // Digits inside something else (an order id prefix) are no phone search.
    expect(find('x5555')).toEqual([]);
    // LIKE's wildcards are taken literally.
    expect(find('100%_')).toEqual(['C-7']);
    expect(find('%_')).toEqual(['C-7']);
    expect(find('_Cust')).toEqual([]);
    expect(find('_C')).toEqual([]);
    // One character is not looked for in names (the screen says names need two).
    expect(find('%')).toEqual([]);
    expect(find('정')).toEqual([]);
    // A date range on when the order was saved (all saved now): today matches, last year does not.
    const day = new Date();
    const from = new Date(day.getTime() - 3600_000).toISOString();
    expect(history.search({ ...all, from, to: null, limit: 100 }).orders).toHaveLength(12);
    expect(history.search({ ...all, from: '2001-01-01T00:00:00.000Z', to: '2001-02-01T00:00:00.000Z' }).orders).toEqual(
      [],
    );
    history.close();
    outbox.close();
  });

  it('finds a customer’s orders an older version saved with the ID as typed (c-1001, Cust-7) by the ID in any case', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'order-desk-history-'));
    dirs.push(dir);
    const file = path.join(dir, 'outbox.sqlite');
    const outbox = OutboxStore.open(file);
    const at = new Date();
    for (const customerId of ['c-1001', 'Cust-7', 'C-1001'])
      expect(outbox.add({ ...makeOrder(1, at), customerId }).ok).toBe(true);
    const history = new OrderHistory(file);
    const find = (query: string) =>
      history.search({ query, from: null, to: null, before: null, limit: 5 }).orders.map((r) => r.order.customerId);
    expect(find('C-1001')).toEqual(['C-1001', 'c-1001']);
    expect(find('cust-7')).toEqual(['Cust-7']);
    expect(find('ＣＵＳＴ－７')).toEqual(['Cust-7']);
    history.close();
    outbox.close();
  });

  it('finds part of a name or phone among many orders through the trigram index, pages it, and forgets pruned orders', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'order-desk-history-'));
    dirs.push(dir);
    const file = path.join(dir, 'outbox.sqlite');
    const outbox = OutboxStore.open(file);
    // 450 orders of 김민지 (three Hangul syllables), one of 박서준 in the middle.
    const orders = Array.from({ length: 451 }, (_, i) => ({
      ...makeOrder(i, new Date()),
      customerName: i === 200 ? '박서준' : `김민지 ${i}`,
      phone: i === 200 ? '010-7777-3131' : `010-1234-${String(i).padStart(4, '0')}`,
    }));
    for (const o of orders) expect(outbox.add(o).ok).toBe(true);
    const seqs = orders.map((_, i) => i + 1);
    outbox.markSending(seqs.slice(0, 300));
    outbox.markDelivered(seqs.slice(0, 300).map((seq) => ({ seq, partition: 0, offset: String(seq) })));
    const history = new OrderHistory(file);
    const all = { query: '', from: null, to: null, before: null, limit: 25 };
    const find = (query: string) => history.search({ ...all, query }).orders.map((r) => r.order.customerName);

    expect(find('박서준')).toEqual(['박서준']);
    expect(find('서준')).toEqual(['박서준']); // two syllables: no trigram, the name windows' index finds it
    expect(find('민지')).toHaveLength(25);
    expect(find('7777-31')).toEqual(['박서준']);
    // Paged newest first through all 450 matches: every one once, in order.
    const seen: string[] = [];
    let before: number | null = null;
    do {
      const page = history.search({ ...all, query: '김민지', before });
      seen.push(...page.orders.map((r) => r.order.customerName));
      before = page.next;
    } while (before !== null);
    expect(seen).toHaveLength(450);
    expect(seen[0]).toBe('김민지 450');
    expect(seen.at(-1)).toBe('김민지 0');
    // With a date range that excludes them all, the index's hits are filtered out.
    expect(
      history.search({ ...all, query: '김민지', from: '2001-01-01T00:00:00.000Z', to: '2001-01-02T00:00:00.000Z' })
        .orders,
    ).toEqual([]);
    // Pruned from the history: gone from the index too.
    expect(outbox.pruneHistory(Date.now() + 60_000)).toBe(300);
    expect(find('1234-0005')).toEqual([]);
    expect(find('1234-0305')).toEqual(['김민지 305']);
    history.close();
    outbox.close();
  });

  it('finds a time-ordered order by the short id the screens show (its end), before and after the search batch, and forgets it when pruned', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'order-desk-history-'));
    dirs.push(dir);
    const file = path.join(dir, 'outbox.sqlite');
    const outbox = OutboxStore.open(file);
    // 300 orders saved within a few milliseconds share the start of their ids; one older order
    // has a random id, found by its start as before.
    const old = makeOrder(0, new Date());
    const orders = Array.from({ length: 300 }, (_, i) => ({ ...makeOrder(i + 1, new Date()), orderId: newOrderId() }));
    for (const o of [old, ...orders]) expect(outbox.add(o).ok).toBe(true);
    const history = new OrderHistory(file);
    const all = { query: '', from: null, to: null, before: null, limit: 25 };
    const find = (query: string) => history.search({ ...all, query }).orders.map((r) => r.order.orderId);
    const target = orders[150].orderId;
    expect(shortOrderId(target)).toBe(target.slice(-8));
    expect(orders.filter((o) => o.orderId.startsWith(target.slice(0, 8))).length).toBeGreaterThan(1);

    // Not in the index yet (no search batch has run): read directly.
    expect(find(shortOrderId(target))).toEqual([target]);
    expect(find(shortOrderId(target).toUpperCase())).toEqual([target]);
    expect(find(shortOrderId(old.orderId))).toEqual([old.orderId]);
    // Through the index once the batch has run, delivered or waiting.
    expect(outbox.indexForSearch()).toBe(301);
    outbox.markSending([1, 2, 3, 4, 5, 6, 152]);
    outbox.markDelivered([1, 2, 3, 4, 5, 6, 152].map((seq) => ({ seq, partition: 0, offset: String(seq) })));
    expect(find(shortOrderId(target))).toEqual([target]);
    expect(find(shortOrderId(orders[299].orderId))).toEqual([orders[299].orderId]);
    // Four characters find every order whose short id starts so, newest first.
    const prefix = shortOrderId(target).slice(0, 4);
    const expected = orders
      .map((o) => o.orderId)
      .filter((id) => shortOrderId(id).startsWith(prefix))
      .reverse();
    expect(find(prefix)).toEqual(expected.slice(0, 25));
    // Pruned from the history: gone from the index too.
    expect(outbox.pruneHistory(Date.now() + 60_000)).toBe(7);
    expect(find(shortOrderId(target))).toEqual([]);
    expect(find(shortOrderId(orders[10].orderId))).toEqual([orders[10].orderId]);
    history.close();
    outbox.close();
  });

  it('shows every order a query names by any key: "1717" as the start of a short id, the end of a phone, part of a name and a customer ID', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'order-desk-history-'));
    dirs.push(dir);
    const file = path.join(dir, 'outbox.sqlite');
    const outbox = OutboxStore.open(file);
    const at = new Date();
    const withShortId = (id: string) => `${newOrderId().slice(0, -8)}${id}`;
    const orders = [
      { ...makeOrder(1, at), orderId: withShortId('1717abcd'), customerName: 'Receipt 1' },
      { ...makeOrder(2, at), orderId: newOrderId(), phone: '010-5555-1717' },
      { ...makeOrder(3, at), orderId: newOrderId(), customerName: 'Room 1717 guest' },
      { ...makeOrder(4, at), orderId: newOrderId(), customerId: '1717' },
      { ...makeOrder(5, at), orderId: withShortId('91717000'), phone: '010-1234-5678' },
    ];
    for (const o of orders) expect(outbox.add(o).ok).toBe(true);
    expect(isTimeOrderedId(orders[0].orderId)).toBe(true);
    const history = new OrderHistory(file);
    const all = { query: '', from: null, to: null, before: null, limit: 25 };
    const find = (query: string) => history.search({ ...all, query }).orders.map((r) => r.order.customerId);
    const named = ['1717', 'C-3', 'C-2', 'C-1'];
    // Before the search batch has run (read directly) and through the indexes after it, delivered or waiting.
    expect(find('1717')).toEqual(named);
    expect(outbox.indexForSearch()).toBe(5);
    expect(find('1717')).toEqual(named);
    outbox.markSending([1, 2]);
    outbox.markDelivered([1, 2].map((seq) => ({ seq, partition: 0, offset: String(seq) })));
    expect(find('1717')).toEqual(named);
    // Paged two at a time, each once, newest first.
    const page1 = history.search({ ...all, query: '1717', limit: 2 });
    const page2 = history.search({ ...all, query: '1717', limit: 2, before: page1.next });
    expect([...page1.orders, ...page2.orders].map((r) => r.order.customerId)).toEqual(named);
    expect(page2.next).toBeNull();
    // The short id alone still finds its one order, and a phone's full number its one.
    expect(find('1717abcd')).toEqual(['C-1']);
    expect(find('010-5555-1717')).toEqual(['C-2']);
    history.close();
    outbox.close();
  });
});
