// What the Orders screen's search means, written here on its own by reading every order, so the
// indexed search (electron/counter/order-history.ts) can be compared with it: the phone index
// (phone-search.test.ts) and the name windows' index (name-search.test.ts).
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { OrderHistory } from '../../../electron/counter/order-history';
import { OutboxStore } from '../../../electron/orders/outbox-store';
import { tempDir } from '../orders/temp-dir';
import type { Order } from '../../../shared/order-schema';
import { toHalfWidth } from '../../../shared/number-text';

/** A small deterministic generator (mulberry32), so a failure repeats. */
export function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Order i of a test, with this name and phone. */
export function testOrder(i: number, customerName: string, phone: string | undefined): Order {
  return {
    orderId: crypto.randomUUID(),
    schemaVersion: 1,
    customerName,
    customerId: `C-${i}`,
    phone,
    lines: [{ sku: 'S', productName: 'P', quantity: 1, unitPrice: 1000 }],
    currency: 'KRW',
    paymentMethod: 'card' as const,
    storeId: 's',
    terminalId: 't',
    clerk: 'c',
    createdAt: new Date().toISOString(),
    total: 1000,
  };
}

/**
 * The search by reading every order (newest first): every order for an empty query; else each
 * order the query names by any key: customer ID as typed or in either case, an order id's start, a name holding the
 * query (from two characters; or its digits, from three; a Korean one with its spaces taken out too;
 * a Korean name is read with and without its spaces), or for a query written like a phone
 * number (full-width forms too) with four digits or more, a phone whose digits hold them.
 */
export function scan(orders: Order[], query: string): string[] {
  const q = query.trim();
  const newest = [...orders].reverse();
  if (q === '') return newest.map((o) => o.orderId);
  const byId = (o: Order) =>
    [q, q.toUpperCase(), q.toLowerCase()].includes(o.customerId) ||
    (/^[0-9a-f-]{4,36}$/i.test(q) && o.orderId.startsWith(q.toLowerCase()));
  const half = q.normalize('NFKC');
  const phoneLike = /^[0-9+().\- ]+$/.test(half) && /\d/.test(half);
  const digits = half.replace(/\D/g, '');
  // A Korean number written the other way: +82 10-… as 010-…, and 010-… (six digits or more) as +82 10-….
  const forms = [digits];
  if (half.trim().startsWith('+') && /^82[1-9]/.test(digits)) forms.push(`0${digits.slice(2)}`);
  if (/^0[1-9]/.test(digits) && digits.length >= 6) forms.push(`82${digits.slice(1)}`);
  // A Korean name (Hangul and spaces) saved with a space is also found without it (outbox schema 25).
  const has = (text: string, part: string) =>
    [text, closedKorean(text)].some((t) => t.toLowerCase().includes(part.toLowerCase()));
  // A Korean name typed with a space, also without it.
  const closed = closedKorean(q) === q ? '' : closedKorean(q);
  // A Latin name typed in full-width: as the ASCII it stands for (two characters only so).
  const half2 = toHalfWidth(q);
  return newest
    .filter(
      (o) =>
        byId(o) ||
        (phoneLike
          ? [q, digits].some((t) => [...t].length >= 3 && has(o.customerName, t)) ||
            forms.some((f) => f.length >= 4 && (o.phone ?? '').replace(/\D/g, '').includes(f))
          : ([...q].length >= 3 && has(o.customerName, q)) ||
            ([...half2].length >= 2 && has(o.customerName, half2)) ||
            ([...closed].length >= 2 && has(o.customerName, closed))),
    )
    .map((o) => o.orderId);
}

/** Korean text (Hangul and spaces only) without its spaces; any other text as it is. */
export const closedKorean = (text: string): string =>
  /^[\p{Script=Hangul}\s]+$/u.test(text) ? text.replace(/\s+/g, '') : text;

/** Every page of the screen's search, 7 a page, as order ids. */
export function searchAll(history: OrderHistory, query: string): string[] {
  const ids: string[] = [];
  let before: number | null = null;
  do {
    const page = history.search({ query, from: null, to: null, before, limit: 7 });
    ids.push(...page.orders.map((r) => r.order.orderId));
    before = page.next;
  } while (before !== null);
  return ids;
}

/**
 * (window, order) pairs in one of the FTS5 windows indexes (outbox schemas 16 and 18), counted
 * through its vocabulary table (`doc` is the order's seq, `term` the window as the index spells
 * it), for the orders `where` picks.
 */
export function windowRows(
  db: Database.Database,
  index: 'order_phone_windows' | 'order_name_windows',
  where = 'true',
): number {
  db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.${index}_vocab USING fts5vocab(main, ${index}, 'instance')`);
  return db.prepare(`SELECT count(*) FROM temp.${index}_vocab WHERE ${where}`).pluck().get() as number;
}

/**
 * A new outbox holding the orders, saved three at a time with a search batch after each, as a
 * quiet counter's 100 ms: each batch writes one small segment to each FTS5 index. Returns the
 * store and a read-only connection to its file; both go on `open` to be closed.
 */
export function afterSmallBatches(
  orders: Order[],
  open: Array<{ close(): void }>,
): { file: string; outbox: OutboxStore; db: Database.Database } {
  const file = path.join(tempDir(), 'outbox.sqlite');
  const outbox = OutboxStore.open(file);
  open.push(outbox);
  for (let i = 0; i < orders.length; i += 3) {
    for (const r of outbox.addMany(orders.slice(i, i + 3))) expect(r.ok).toBe(true);
    expect(outbox.indexForSearch()).toBe(Math.min(3, orders.length - i));
  }
  const db = new Database(file, { readonly: true });
  open.push(db);
  return { file, outbox, db };
}

/** An FTS5 index's own merging settings, from its config table. */
export function mergeSettings(db: Database.Database, index: string): Record<string, number> {
  const rows = db.prepare(`SELECT k, v FROM ${index}_config WHERE k IN ('usermerge', 'automerge')`).all();
  return Object.fromEntries(rows.map((r) => [(r as { k: string }).k, (r as { v: number }).v]));
}
