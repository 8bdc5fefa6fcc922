// Benchmark: the Orders screen's search (history.search) over a terminal with many orders.
// Fills an outbox file with N orders through OutboxStore itself (group commits of 10,000),
// then times each kind of query the screen makes, through OrderHistory (the handler's code,
// without the transport): the newest page, a deep keyset page, customer ID, order id prefix,
// phone digits and a name fragment, plus a date range. Prints p50/p99 per query; asserts nothing.
//
//   npm run bench:history                      # 1,000,000 orders, 200 runs per query
//   npm run bench:history -- --orders 100000 --runs 500
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { OutboxStore } from '../../electron/orders/outbox-store';
import { OrderHistory } from '../../electron/counter/order-history';
import type { HistorySearchInput } from '../../shared/counter-types';
import type { Order } from '../../shared/order-schema';

const { values: args } = parseArgs({
  options: { orders: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '200' } },
});
const N = Number(args.orders);
const RUNS = Number(args.runs);
if (!(Number.isInteger(N) && N >= 1000 && Number.isInteger(RUNS) && RUNS >= 10)) {
  console.error('usage: --orders N (>=1000) --runs R (>=10)');
  process.exit(2);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'order-desk-bench-history-'));
const file = path.join(dir, 'outbox.sqlite');
try {
  const outbox = OutboxStore.open(file);
  const started = performance.now();
  const ids: string[] = [];
  for (let base = 0; base < N; base += 10_000) {
    const batch: Order[] = [];
    for (let i = base; i < Math.min(N, base + 10_000); i++) {
      const orderId = crypto.randomUUID();
      if (i % 1000 === 0) ids.push(orderId);
      batch.push({
        orderId,
        schemaVersion: 1,
        customerName: `Customer ${i} 김민지`,
        customerId: `C-${i % 50_000}`,
        phone: `010-${String(i % 10_000).padStart(4, '0')}-${String(i % 9973).padStart(4, '0')}`,
        lines: [{ sku: 'AMER-R', productName: 'Americano (R)', quantity: 1 + (i % 3), unitPrice: 4500 }],
        currency: 'KRW',
        paymentMethod: 'card',
        storeId: 'store-1',
        terminalId: 'terminal-1',
        clerk: 'clerk',
        createdAt: new Date().toISOString(),
        total: 4500 * (1 + (i % 3)),
      });
    }
    for (const r of outbox.addMany(batch)) if (!r.ok) throw new Error(JSON.stringify(r.error));
  }
  console.log(`filled ${N.toLocaleString('en-US')} orders in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  outbox.close();

  const history = new OrderHistory(file);
  const all: HistorySearchInput = { query: '', from: null, to: null, before: null, limit: 25 };
  const deep = history.search({ ...all, before: Math.floor(N / 2) });
  const queries: Array<[string, () => HistorySearchInput]> = [
    ['newest page', () => all],
    ['keyset page in the middle', () => ({ ...all, before: deep.next ?? null })],
    ['customer ID (exact)', () => ({ ...all, query: `C-${Math.floor(Math.random() * 50_000)}` })],
    ['order id prefix (8 chars)', () => ({ ...all, query: ids[Math.floor(Math.random() * ids.length)].slice(0, 8) })],
    [
      'phone digits (rare)',
      () => ({ ...all, query: `0101234${String(Math.floor(Math.random() * 9973)).padStart(4, '0')}` }),
    ],
    ['name fragment (common)', () => ({ ...all, query: '김민지' })],
    ['name fragment (absent)', () => ({ ...all, query: 'nobody-here' })],
    ['date range (last hour)', () => ({ ...all, from: new Date(Date.now() - 3600_000).toISOString() })],
  ];
  console.log(`\n${'query'.padEnd(30)} ${'p50 ms'.padStart(9)} ${'p99 ms'.padStart(9)} ${'rows'.padStart(5)}`);
  for (const [name, make] of queries) {
    const times: number[] = [];
    let rows = 0;
    const runs =
      name.includes('absent') || name.includes('rare') || name.includes('prefix') ? Math.min(RUNS, 20) : RUNS;
    for (let i = 0; i < runs; i++) {
      const input = make();
      const t0 = performance.now();
      rows = history.search(input).orders.length;
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(2);
    console.log(
      `${name.padEnd(30)} ${p(0.5).padStart(9)} ${p(0.99).padStart(9)} ${String(rows).padStart(5)}   (${runs} runs)`,
    );
  }
  history.close();
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
