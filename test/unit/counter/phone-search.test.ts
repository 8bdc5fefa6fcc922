// The phone index (outbox schema 11) finds exactly what reading every order would: the Orders
// screen's search, paged through to the end, compared with a plain scan written here on its own
// (history-search-oracle.ts) over generated orders (phones in every format the order form accepts, names with digits,
// orders waiting and delivered, some pruned). Then the migration from schema 10 and a re-send.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { OrderHistory } from '../../../electron/counter/order-history';
import { migrateOutbox, OUTBOX_SCHEMA_VERSION } from '../../../electron/orders/outbox-schema';
import { OutboxStore } from '../../../electron/orders/outbox-store';
import type { Order } from '../../../shared/order-schema';
import { phoneQueryTooShort } from '../../../shared/phone-search';
import { tempDir } from '../orders/temp-dir';
import {
  mergeSettings,
  random,
  afterSmallBatches,
  scan,
  searchAll,
  testOrder,
  windowRows,
} from './history-search-oracle';

const open: Array<{ close(): void }> = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

const four = (n: number) => String(n).padStart(4, '0');
const NAMES = ['김민지', '박서준', '이하늘', 'Kim Minji', 'Park 1234', '정 5678 하늘', 'Lee', '최010'];

function makeOrders(n: number, rnd: () => number): Order[] {
  // Few distinct middles and ends, so queries match several orders, in several formats.
  const middle = () => four([1234, 5678, 1111, 1012, 9999, 4321][Math.floor(rnd() * 6)]);
  const end = () => four(Math.floor(rnd() * 40) * 7);
  const formats: Array<() => string | undefined> = [
    () => `010-${middle()}-${end()}`,
    () => `010${middle()}${end()}`,
    () => `010 ${middle()} ${end()}`,
    () => `+82 10-${middle()}-${end()}`,
    () => `+82-10-${middle()}-${end()}`,
    () => `02-${middle().slice(1)}-${end()}`,
    () => `(031) ${middle().slice(1)}-${end()}`,
    () => '010-1111-1111',
    () => '12',
    () => undefined,
  ];
  return Array.from({ length: n }, (_, i) =>
    testOrder(
      i,
      `${NAMES[Math.floor(rnd() * NAMES.length)]} ${i % 3 === 0 ? i : ''}`.trim(),
      formats[Math.floor(rnd() * formats.length)](),
    ),
  );
}

/** (window, order) pairs in the phone index (schema 16) for the orders `ofSeqs` lists. */
const phoneWindowRows = (
  db: Database.Database,
  ofSeqs = 'SELECT seq FROM outbox UNION ALL SELECT seq FROM order_history',
) => windowRows(db, 'order_phone_windows', `doc IN (${ofSeqs})`);

const fullWidth = (s: string) =>
  s.replace(/[0-9-]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).replace(/ /g, '\u3000');

/** The queries a clerk types for an order's phone, in every shape. */
function phoneQueries(phone: string): string[] {
  const d = phone.replace(/\D/g, '');
  const national = d.startsWith('82') ? `0${d.slice(2)}` : d;
  return [
    d.slice(-4), // last four
    d.slice(-8, -4), // middle four
    phone, // as saved
    d, // digits only
    `${national.slice(0, 3)}-${national.slice(3, -4)}-${national.slice(-4)}`, // with dashes
    `${national.slice(0, 3)} ${national.slice(3, -4)} ${national.slice(-4)}`, // with spaces
    `+82 ${national.slice(1, 3)}-${national.slice(3, -4)}-${national.slice(-4)}`, // international
    fullWidth(`${national.slice(0, 3)}-${national.slice(3)}`), // from a Korean IME
    `${d.slice(-6, -4)}-${d.slice(-4, -2)}`, // across the dash
    d.slice(-3), // three digits: names only
    d.slice(-2), // two digits: customer ID only
  ];
}

describe('phone search (outbox schema 11)', () => {
  it('finds, page by page, exactly the orders a scan of every order finds', () => {
    const file = path.join(tempDir(), 'outbox.sqlite');
    const outbox = OutboxStore.open(file);
    open.push(outbox);
    const rnd = random(11);
    const orders = makeOrders(900, rnd);
    for (const r of outbox.addMany(orders)) expect(r.ok).toBe(true);
    // Two thirds delivered (moved to the history), the oldest 150 of them pruned by retention.
    const delivered = orders.map((_, i) => i + 1).filter((seq) => seq % 3 !== 0);
    outbox.markSending(delivered);
    outbox.markDelivered(delivered.map((seq) => ({ seq, partition: 0, offset: String(seq) })));
    const db = new Database(file);
    db.prepare(`UPDATE order_history SET delivered_ms = 0 WHERE seq <= 225`).run();
    db.close();
    expect(outbox.pruneHistory(1)).toBe(150);
    const kept = orders.filter((_, i) => i + 1 > 225 || (i + 1) % 3 === 0);
    const history = new OrderHistory(file);
    open.push(history);

    const queries = [
      ...new Set([
        ...orders.filter((o, i) => o.phone && i % 6 === 0).flatMap((o) => phoneQueries(o.phone!)),
        '010-0000-0009', // matches nothing
        '0101',
        '1111',
        '11111111',
        '(031)',
        '１２３４',
        '하늘',
        '김민지',
        'kim',
        'Park 1',
        '5678 하',
        '010',
      ]),
    ];
    let matched = 0;
    const wrong: string[] = [];
    for (const q of queries) {
      const expected = scan(kept, q);
      if (expected.length > 0) matched++;
      if (JSON.stringify(searchAll(history, q)) !== JSON.stringify(expected)) wrong.push(q);
    }
    expect(wrong).toEqual([]);
    // The comparison is not vacuous: most queries find orders, some only through a phone.
    expect(matched).toBeGreaterThan(queries.length / 2);
    const withoutPhones = kept.map((o) => ({ ...o, phone: undefined }));
    const throughPhones = queries.filter((q) => scan(kept, q).length > scan(withoutPhones, q).length);
    expect(throughPhones.length).toBeGreaterThan(100);
    // Hundreds of queries paged to the end and each compared with a scan: 15–40 s, and past the
    // suite's 60 s when every core is taken (it failed so once).
  }, 180_000);

  it('finds a Korean number saved one way from the other: 010-… and +82 10-…, 02-… and +82 2-…', () => {
    const file = path.join(tempDir(), 'outbox.sqlite');
    const outbox = OutboxStore.open(file);
    open.push(outbox);
    const phones = [
      '010-2345-6789',
      '+82 10-2345-6789',
      '+82-10-2345-6789',
      '02-123-4567',
      '+82 2-123-4567',
      '010-8212-3456',
    ];
    const orders = phones.map((p, i) => testOrder(i, `Customer ${i}`, p));
    for (const r of outbox.addMany(orders)) expect(r.ok).toBe(true);
    // Half of them delivered (in the history), half waiting; all past the search batches.
    outbox.markSending([1, 3, 5]);
    outbox.markDelivered([1, 3, 5].map((seq) => ({ seq, partition: 0, offset: String(seq) })));
    while (outbox.indexForSearch() > 0);
    const history = new OrderHistory(file);
    open.push(history);
    const phonesFound = (q: string) =>
      history
        .search({ query: q, from: null, to: null, before: null, limit: 20 })
        .orders.map((r) => r.order.phone)
        .sort();
    const mobile = ['+82 10-2345-6789', '+82-10-2345-6789', '010-2345-6789'];
    expect(phonesFound('010-2345-6789')).toEqual(mobile);
    expect(phonesFound('01023456789')).toEqual(mobile);
    expect(phonesFound('+82 10 2345 6789')).toEqual(mobile);
    expect(phonesFound('＋８２ １０－２３４５')).toEqual(mobile);
    expect(phonesFound('010-2345')).toEqual(mobile);
    // Dots, as business cards and shop signs in Korea write numbers, separate like dashes.
    expect(phonesFound('010.2345.6789')).toEqual(mobile);
    expect(phonesFound('０１０．２３４５．６７８９')).toEqual(mobile);
    expect(phonesFound('02.123.4567')).toEqual(['+82 2-123-4567', '02-123-4567']);
    expect(phonesFound('02-123-4567')).toEqual(['+82 2-123-4567', '02-123-4567']);
    expect(phonesFound('+82 2 123 4567')).toEqual(['+82 2-123-4567', '02-123-4567']);
    // Four digits starting 0 are more likely a number's middle: not read as 82…
    expect(phonesFound('0123')).toEqual([]);
    expect(phonesFound('2345-6789')).toEqual(mobile);
  });

  it('says when a phone-like query is too short for phones', () => {
    expect(phoneQueryTooShort('123')).toBe(true);
    expect(phoneQueryTooShort('１２')).toBe(true);
    expect(phoneQueryTooShort('12-3')).toBe(true);
    expect(phoneQueryTooShort('1.23')).toBe(true);
    expect(phoneQueryTooShort('1234')).toBe(false);
    expect(phoneQueryTooShort('김민지')).toBe(false);
    expect(phoneQueryTooShort('C-12')).toBe(false);
  });

  it('indexes the orders of an outbox made by schema 10 when it is opened', () => {
    const file = path.join(tempDir(), 'outbox.sqlite');
    const old = new Database(file);
    migrateOutbox(old, 10);
    const orders = makeOrders(60, random(5));
    const ins = old.prepare(
      `INSERT INTO outbox (order_id, customer_id, order_json, state, saved_at) VALUES (?, ?, ?, 'saved', ?)`,
    );
    for (const o of orders) ins.run(o.orderId, o.customerId, JSON.stringify(o), o.createdAt);
    // The older half delivered, as schema 10's store moved them.
    old.exec(`INSERT INTO order_history (seq, order_id, customer_id, order_json, attempts, partition, offset, saved_at,
                delivered_at, delivered_ms) SELECT seq, order_id, customer_id, order_json, 1, 0, seq, saved_at, saved_at, 1
              FROM outbox WHERE seq <= 30;
              DELETE FROM outbox WHERE seq <= 30;`);
    expect((old.prepare(`SELECT MAX(version) FROM schema_version`).pluck().get() as number) < 11).toBe(true);
    old.close();

    const outbox = OutboxStore.open(file);
    open.push(outbox);
    const check = new Database(file, { readonly: true });
    open.push(check);
    expect(check.prepare(`SELECT MAX(version) FROM schema_version`).pluck().get()).toBe(OUTBOX_SCHEMA_VERSION);
    // Every window of every phone, for orders in both tables.
    const windows = orders.reduce((n, o) => {
      const d = (o.phone ?? '').replace(/\D/g, '');
      return n + new Set(Array.from({ length: Math.max(0, d.length - 3) }, (_, i) => d.slice(i, i + 4))).size;
    }, 0);
    expect(windows).toBeGreaterThan(100);
    expect(phoneWindowRows(check)).toBe(windows);
    // The trigram index keeps names only now: phone digits no longer in it.
    expect(check.prepare(`SELECT count(*) FROM order_search`).pluck().get()).toBe(60);
    expect(check.prepare(`SELECT count(*) FROM order_search WHERE order_search MATCH '"0101"'`).pluck().get()).toBe(0);
    const history = new OrderHistory(file);
    open.push(history);
    for (const q of ['1234', '010-5678', '+82 10-1111', '김민지', '0000-0000'])
      expect(searchAll(history, q)).toEqual(scan(orders, q));
    // Orders saved after the migration are indexed by the triggers.
    const later = makeOrders(1, random(6))[0];
    expect(outbox.add({ ...later, phone: '010-2468-1357' }).ok).toBe(true);
    expect(searchAll(history, '2468-13')).toEqual([later.orderId]);
  });

  it('merges its segments a bounded step per search batch (schemas 16, 17): 300 small batches leave a few', () => {
    const orders = makeOrders(900, random(12));
    const { file, db } = afterSmallBatches(orders, open);
    // A level is merged once it holds 8 segments (schema 17), and FTS5's own merging is off (schema 16).
    expect(mergeSettings(db, 'order_phone_windows')).toEqual({ usermerge: 8, automerge: 0 });
    // Each segment here is a page of the index's data table (plus its structure record): 6 with
    // the merge steps; without them 48, left to FTS5's crisis merge (a whole level at once, at 64).
    const pages = db.prepare(`SELECT count(*) FROM order_phone_windows_data`).pluck().get() as number;
    expect(pages).toBeLessThan(16);
    expect(phoneWindowRows(db)).toBeGreaterThan(1000);
    const history = new OrderHistory(file);
    open.push(history);
    for (const o of orders.filter((x, i) => x.phone && i % 50 === 0))
      for (const q of phoneQueries(o.phone!).slice(0, 4)) expect(searchAll(history, q)).toEqual(scan(orders, q));
  });

  it('keeps a re-sent order searchable (the history forgets it after it is back in the outbox)', () => {
    const file = path.join(tempDir(), 'outbox.sqlite');
    const outbox = OutboxStore.open(file);
    open.push(outbox);
    const [o] = makeOrders(1, random(7));
    expect(outbox.add({ ...o, customerName: '한가람', phone: '010-3141-5926' }).ok).toBe(true);
    outbox.markSending([1]);
    outbox.markDelivered([{ seq: 1, partition: 0, offset: '5' }], { topic: 'orders', topicId: null });
    expect(
      outbox.markPreviousTopic('orders', { fromPartition: 0, toPartition: 0, fromOffset: 0, toOffset: 10 }),
    ).toHaveLength(1);
    expect(outbox.resendPreviousTopic(1).ok).toBe(true);
    const history = new OrderHistory(file);
    open.push(history);
    expect(searchAll(history, '5926')).toEqual([o.orderId]);
    expect(searchAll(history, '한가람')).toEqual([o.orderId]);
  });

  it('follows a correction of an order that needs attention (a new phone and name)', () => {
    const file = path.join(tempDir(), 'outbox.sqlite');
    const outbox = OutboxStore.open(file);
    open.push(outbox);
    const [o] = makeOrders(1, random(8));
    expect(outbox.add({ ...o, customerName: '오류 Typo', phone: '010-2222-3333' }).ok).toBe(true);
    // In the indexes before the correction, as a search batch puts it there: the correction must take the old phone out.
    outbox.indexForSearch();
    outbox.markSending([1]);
    outbox.markFailed([1], {
      error: { code: 'kafka.messageTooLarge' },
      autoRetry: false,
      nextAttemptAt: null,
      countAttempt: false,
    });
    expect(outbox.correct(o.orderId, { ...o, customerName: '오정정 Fixed', phone: '010-4444-5555' }).ok).toBe(true);
    const history = new OrderHistory(file);
    open.push(history);
    expect(searchAll(history, '2222-3333')).toEqual([]);
    expect(searchAll(history, 'Typo')).toEqual([]);
    expect(searchAll(history, '4444-5555')).toEqual([o.orderId]);
    expect(searchAll(history, 'Fixed')).toEqual([o.orderId]);
    const db = new Database(file, { readonly: true });
    open.push(db);
    // Only the new phone's windows are left (010-4444-5555: 0104 1044 0444 4444 4445 4455 4555 5555).
    expect(phoneWindowRows(db)).toBe(8);
  });

  it('never indexes a cancellation (schema 9): a voided order is found once, as the order', () => {
    const file = path.join(tempDir(), 'outbox.sqlite');
    const outbox = OutboxStore.open(file);
    open.push(outbox);
    const [o] = makeOrders(1, random(9));
    expect(outbox.add({ ...o, customerName: '취소 Void', phone: '010-8642-9753' }).ok).toBe(true);
    const r = outbox.cancel(o.orderId, 'refund', (order, voidedAt) => ({
      orderId: order.orderId,
      eventType: 'order-cancelled',
      schemaVersion: 1,
      customerId: order.customerId,
      reason: 'refund',
      voidedAt,
      storeId: order.storeId,
      terminalId: order.terminalId,
      clerk: order.clerk,
    }));
    expect(r.ok).toBe(true);
    // A search batch over both rows: the order goes in, its cancellation does not.
    outbox.indexForSearch();
    const db = new Database(file, { readonly: true });
    open.push(db);
    expect(db.prepare(`SELECT count(*) FROM outbox WHERE kind = 'cancel'`).pluck().get()).toBe(1);
    // The order's eight windows (01086429753) are there, so the batch did run over the cancellation.
    expect(phoneWindowRows(db)).toBe(8);
    expect(phoneWindowRows(db, `SELECT seq FROM outbox WHERE kind = 'cancel'`)).toBe(0);
    expect(
      db
        .prepare(`SELECT count(*) FROM order_search WHERE rowid IN (SELECT seq FROM outbox WHERE kind = 'cancel')`)
        .pluck()
        .get(),
    ).toBe(0);
    const history = new OrderHistory(file);
    open.push(history);
    expect(searchAll(history, '8642-9753')).toEqual([o.orderId]);
    expect(searchAll(history, '취소 Void')).toEqual([o.orderId]);
  });
});
