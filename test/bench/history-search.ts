// Benchmark: the Orders screen's search (history.search) over a terminal with many orders.
// Fills an outbox file with N orders through OutboxStore itself (group commits of 10,000),
// then times each kind of query the screen makes, through OrderHistory (the handler's code,
// without the transport): the newest page, a deep keyset page, customer ID, order id prefix,
// phone digits in the shapes a clerk types them, name fragments of one, two and three characters
// (Korean names as a counter has them, a tenth written in Latin letters), plus a date range. Then the
// cost the search indexes add to the order path on that database: Save (one order, its own
// commit, as the form saves it), a group of 20 (a burst) and delivery (the move to the history). Prints p50/p99 per
// query; asserts nothing. A query is run --runs times, or for 20 s at least 10 times when it is
// slow (a scan of every order, on an older checkout): the runs are printed beside it.
//
//   npm run bench:history                      # 1,000,000 orders, 200 runs per query
//   npm run bench:history -- --orders 100000 --runs 500
//   npm run bench:history -- --db /tmp/h1m.sqlite   # kept: a later run with the same file skips
//                                                    # the fill (an older schema is migrated, timed)
//   npm run bench:history -- --db /tmp/h1m.sqlite --save-vs /tmp/h1m-older-schema.sqlite
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { OutboxStore } from '../../electron/orders/outbox-store';
import { OrderHistory } from '../../electron/counter/order-history';
import type { HistorySearchInput } from '../../shared/counter-types';
import type { Order } from '../../shared/order-schema';
import { four, GIVEN, personName, phoneOf } from './bench-people';

const { values: args } = parseArgs({
  options: {
    orders: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '200' },
    /** Keep the filled outbox in this file and reuse it when it exists. */
    db: { type: 'string' },
    /**
     * Another outbox file (e.g. one made by an older schema, kept with --db by that checkout): Save
     * is timed on both in turn, one commit here, one there, so the load of the machine falls on
     * both alike. The indexes are kept by triggers in each file, so each file's own schema is what
     * is measured (the rows are inserted by SQL, as the store's insert does).
     */
    'save-vs': { type: 'string' },
  },
});
const N = Number(args.orders);
const RUNS = Number(args.runs);
if (!(Number.isInteger(N) && N >= 1000 && Number.isInteger(RUNS) && RUNS >= 10)) {
  console.error('usage: --orders N (>=1000) --runs R (>=10)');
  process.exit(2);
}

const dir = args.db ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'order-desk-bench-history-'));
const file = args.db ?? path.join(dir!, 'outbox.sqlite');
const reuse = fs.existsSync(file);

/** Order i's name: "Customer i" and a person's name (bench-people.ts). */
const nameOf = (i: number) => `Customer ${i} ${personName(i)}`;

/** The bench's orders: order i of the fill, phone 010-(i mod 10,000)-(i mod 9,973). */
function benchOrder(i: number): Order {
  return {
    orderId: crypto.randomUUID(),
    schemaVersion: 1,
    customerName: nameOf(i),
    customerId: `C-${i % 50_000}`,
    phone: phoneOf(i),
    lines: [{ sku: 'AMER-R', productName: 'Americano (R)', quantity: 1 + (i % 3), unitPrice: 4500 }],
    currency: 'KRW',
    paymentMethod: 'card',
    storeId: 'store-1',
    terminalId: 'terminal-1',
    clerk: 'clerk',
    createdAt: new Date().toISOString(),
    total: 4500 * (1 + (i % 3)),
  };
}
const pick = (n: number) => Math.floor(Math.random() * n);

try {
  const opening = performance.now();
  const outbox = OutboxStore.open(file);
  if (reuse)
    console.log(
      `reused ${file} (opened, migrations included, in ${((performance.now() - opening) / 1000).toFixed(1)} s)`,
    );
  const started = performance.now();
  const ids: string[] = [];
  if (reuse) {
    // The order ids the queries look for: every thousandth order's (seq i + 1 is order i).
    const db = new Database(file, { readonly: true });
    const rows = db
      .prepare(`SELECT order_id FROM outbox WHERE seq IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(Array.from({ length: Math.ceil(N / 1000) }, (_, k) => k * 1000 + 1))) as Array<{
      order_id: string;
    }>;
    ids.push(...rows.map((r) => r.order_id));
    db.close();
  }
  for (let base = 0; !reuse && base < N; base += 10_000) {
    const batch: Order[] = [];
    for (let i = base; i < Math.min(N, base + 10_000); i++) {
      const order = benchOrder(i);
      if (i % 1000 === 0) ids.push(order.orderId);
      batch.push(order);
    }
    for (const r of outbox.addMany(batch)) if (!r.ok) throw new Error(JSON.stringify(r.error));
  }
  if (!reuse)
    console.log(
      `filled ${N.toLocaleString('en-US')} orders in ${((performance.now() - started) / 1000).toFixed(1)} s (group commits of 10,000)`,
    );
  // The order path on this database: Save one order (its own transaction and fsync), then its
  // delivery (moved to the history). Numbered past the fill, so the queries' data stays as it was.
  const save: number[] = [];
  const deliver: number[] = [];
  const reader = new Database(file, { readonly: true });
  const seqOf = reader.prepare(`SELECT seq FROM outbox WHERE order_id = ?`).pluck();
  for (let k = 0; k < Math.min(RUNS, 200); k++) {
    const order = benchOrder(N + 10_000_000 + pick(1_000_000_000));
    let t0 = performance.now();
    const r = outbox.add(order);
    save.push(performance.now() - t0);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const seq = seqOf.get(order.orderId) as number;
    t0 = performance.now();
    outbox.markSending([seq]);
    outbox.markDelivered([{ seq, partition: 0, offset: String(seq) }]);
    deliver.push(performance.now() - t0);
  }
  // A burst (2,000 orders/s offered): the order service commits what arrived in one event-loop
  // turn together; 20 orders a commit.
  const burst: number[] = [];
  for (let k = 0; k < Math.min(RUNS, 200) / 4; k++) {
    const group = Array.from({ length: 20 }, () => benchOrder(N + 10_000_000 + pick(1_000_000_000)));
    const t0 = performance.now();
    for (const r of outbox.addMany(group)) if (!r.ok) throw new Error(JSON.stringify(r.error));
    burst.push(performance.now() - t0);
  }
  reader.close();
  // The app's batches (search-indexing.ts) put these orders in the search indexes within 100 ms
  // of their Save; without them the queries below would read these 1,200 orders one by one
  // (about 5 ms a query), which no counter sees.
  while (outbox.indexForSearch() > 0);
  outbox.close();

  const history = new OrderHistory(file);
  const all: HistorySearchInput = { query: '', from: null, to: null, before: null, limit: 25 };
  const deep = history.search({ ...all, before: Math.floor(N / 2) });
  const taken = new Set(Array.from({ length: Math.ceil(N / 10_000) }, (_, k) => (1234 + 10_000 * k) % 9973));
  const absentLast = () => {
    for (;;) {
      const y = pick(9973);
      if (!taken.has(y)) return y;
    }
  };
  const queries: Array<[string, () => HistorySearchInput]> = [
    ['newest page', () => all],
    ['keyset page in the middle', () => ({ ...all, before: deep.next ?? null })],
    ['customer ID (exact)', () => ({ ...all, query: `C-${Math.floor(Math.random() * 50_000)}` })],
    ['order id prefix (8 chars)', () => ({ ...all, query: ids[Math.floor(Math.random() * ids.length)].slice(0, 8) })],
    // Phones as a clerk types them. Order i has 010-(i mod 10,000)-(i mod 9,973).
    ['phone last 4 digits', () => ({ ...all, query: four(pick(9973)) })],
    ['phone middle 4 digits', () => ({ ...all, query: four(pick(10_000)) })],
    ['phone number with dashes', () => ({ ...all, query: phoneOf(pick(N)) })],
    ['phone number, digits only', () => ({ ...all, query: phoneOf(pick(N)).replace(/-/g, '') })],
    // Middle 1234 is orders 1234 + 10,000k, whose last parts are known: a last part none of them has.
    ['phone number (absent)', () => ({ ...all, query: `010-1234-${four(absentLast())}` })],
    ['phone, a few digits (3)', () => ({ ...all, query: String(100 + pick(900)) })],
    ['name fragment (common)', () => ({ ...all, query: '김민지' })],
    ['name fragment (absent)', () => ({ ...all, query: 'nobody-here' })],
    // Two characters (the name windows' index, outbox schema 12; a scan before it): a given name
    // (each in 4.5 % of the orders), one nobody has, and two Latin letters (2.5 %).
    ['name, 2 chars Korean (present)', () => ({ ...all, query: GIVEN[pick(GIVEN.length)] })],
    ['name, 2 chars Korean (absent)', () => ({ ...all, query: '서준' })],
    ['name, 2 chars Latin ("Ji")', () => ({ ...all, query: 'Ji' })],
    // One character: a customer ID only since schema 12 (a scan before it).
    ['name, 1 char (family name 김)', () => ({ ...all, query: '김' })],
    ['date range (last hour)', () => ({ ...all, from: new Date(Date.now() - 3600_000).toISOString() })],
  ];
  console.log(`\n${'query'.padEnd(30)} ${'p50 ms'.padStart(9)} ${'p99 ms'.padStart(9)} ${'rows'.padStart(5)}`);
  for (const [name, make] of queries) {
    const times: number[] = [];
    let rows = 0;
    // Each query is a few milliseconds at most now; a scan (an older checkout) takes seconds, so
    // it stops after 20 s (and at least 10 runs).
    const began = performance.now();
    for (let i = 0; i < RUNS && (i < 10 || performance.now() - began < 20_000); i++) {
      const input = make();
      const t0 = performance.now();
      rows = history.search(input).orders.length;
      times.push(performance.now() - t0);
    }
    line(name, times, String(rows), `(${times.length} runs)`);
  }
  history.close();
  console.log('\norder path on this database');
  line('Save (one order, own commit)', save, '', `(${save.length} runs)`);
  line('delivered (moved to history)', deliver, '', `(${deliver.length} runs)`);
  line('Save, 20 orders a commit', burst, '', `(${burst.length} runs)`);
  if (args['save-vs']) saveVs(file, args['save-vs']);
} finally {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}

function saveVs(here: string, there: string): void {
  const open = (f: string) => {
    const db = new Database(f);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    const version = db.prepare(`SELECT MAX(version) FROM schema_version`).pluck().get() as number;
    const insert = db.prepare(
      `INSERT INTO outbox (order_id, customer_id, order_json, state, saved_at) VALUES (?, ?, ?, 'saved', ?)`,
    );
    const commit = db.transaction((orders: Order[]) => {
      for (const o of orders) insert.run(o.orderId, o.customerId, JSON.stringify(o), o.createdAt);
    });
    return { db, version, commit, one: [] as number[], twenty: [] as number[] };
  };
  const sides = [open(here), open(there)];
  const fresh = () => benchOrder(N + 10_000_000 + pick(1_000_000_000));
  for (let k = 0; k < 400; k++) {
    for (const side of k % 2 ? sides : [...sides].reverse()) {
      const group = k % 4 < 2 ? [fresh()] : Array.from({ length: 20 }, fresh);
      const t0 = performance.now();
      side.commit(group);
      (group.length === 1 ? side.one : side.twenty).push(performance.now() - t0);
    }
  }
  console.log("\nSave on two files in turn (orders inserted by SQL; each file's triggers keep its indexes)");
  for (const side of sides) {
    line(`schema ${side.version}: one order a commit`, side.one, '', `(${side.one.length} runs)`);
    line(`schema ${side.version}: 20 orders a commit`, side.twenty, '', `(${side.twenty.length} runs)`);
    side.db.close();
  }
}

function line(name: string, times: number[], rows: string, note: string): void {
  times.sort((a, b) => a - b);
  const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(2);
  console.log(`${name.padEnd(30)} ${p(0.5).padStart(9)} ${p(0.99).padStart(9)} ${rows.padStart(5)}   ${note}`);
}
