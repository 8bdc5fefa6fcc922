// Benchmark: orders submitted through the contract's orders.submit (the same validating
// request dispatcher Electron IPC and browser mode use) into the app core, which runs the
// sandbox cluster in-process as `npm start` does with no broker configured.
// Prints p50/p99 submit→Saved and submit→Delivered and orders/s; asserts nothing.
//
//   npm run bench:orders        # 1,000 orders: back to back, at a steady 1,000/s, and 4 at a time
//   npm run bench:orders -- --orders 5000 --rate 2000 --warmup 500 --concurrency 8
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createAppCore } from '../../electron/app/app-core';
import { createRequestDispatcher } from '../../electron/ipc/bind-requests';
import { channelOf } from '../../shared/contract';
import type { OrderRecord } from '../../shared/outbox-types';
import type { OrderDraftInput } from '../../shared/order-schema';

const { values: args } = parseArgs({
  options: {
    orders: { type: 'string', default: '1000' },
    rate: { type: 'string', default: '1000' },
    warmup: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '4' },
  },
});
const N = Number(args.orders);
const RATE = Number(args.rate);
const WARMUP = Number(args.warmup);
const CONCURRENCY = Number(args.concurrency);
if (!(N > 0 && RATE > 0 && WARMUP >= 0 && Number.isInteger(CONCURRENCY) && CONCURRENCY >= 1)) {
  console.error('usage: --orders N (>0) --rate R (orders/s, >0) --warmup W (>=0) --concurrency C (>=1)');
  process.exit(2);
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'order-desk-bench-'));
const core = await createAppCore({ dataDir, mode: 'browser', version: 'bench', env: {}, log: (m) => console.error(m) });
const dispatch = createRequestDispatcher(core.handlers);
const submitChannel = channelOf('orders', 'submit');

const deliveredAt = new Map<string, number>();
const waiters = new Map<string, () => void>();
core.subscribe((event, payload) => {
  if (event !== 'orders.changed') return;
  const r = payload as OrderRecord;
  if (r.state === 'delivered' && !deliveredAt.has(r.order.orderId)) {
    deliveredAt.set(r.order.orderId, performance.now());
    waiters.get(r.order.orderId)?.();
  }
});

const draft = (i: number): OrderDraftInput => ({
  customerName: `Customer ${i % 97}`,
  customerId: `cust-${i % 97}`,
  phone: '010-1234-5678',
  lines: [
    { sku: `SKU-${i % 13}`, productName: 'Americano', quantity: (i % 5) + 1, unitPrice: 4500 },
    { sku: 'SKU-BAGEL', productName: 'Bagel', quantity: 1, unitPrice: 3200 },
  ],
  currency: 'KRW',
  paymentMethod: i % 2 ? 'card' : 'cash',
  note: 'bench',
});

interface Sample {
  start: number;
  saved: number;
  id: string;
}

async function submitOne(i: number): Promise<Sample> {
  const start = performance.now();
  const r = await dispatch(submitChannel, draft(i));
  const saved = performance.now();
  if (!r.ok) throw new Error(`submit refused: ${JSON.stringify(r.error)}`);
  return { start, saved, id: (r.value as OrderRecord).order.orderId };
}

function waitDelivered(ids: string[], timeoutMs = 120_000): Promise<void> {
  const pending = ids.filter((id) => !deliveredAt.has(id));
  if (pending.length === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    let left = pending.length;
    const timer = setTimeout(() => reject(new Error(`${left} orders not delivered in ${timeoutMs} ms`)), timeoutMs);
    for (const id of pending) {
      waiters.set(id, () => {
        waiters.delete(id);
        if (--left === 0) {
          clearTimeout(timer);
          resolve();
        }
      });
    }
  });
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const ms = (v: number) => `${v.toFixed(2)} ms`;

function report(label: string, samples: Sample[]): void {
  const saved = samples.map((s) => s.saved - s.start).sort((a, b) => a - b);
  const delivered = samples.map((s) => deliveredAt.get(s.id)! - s.start).sort((a, b) => a - b);
  const t0 = Math.min(...samples.map((s) => s.start));
  const lastSaved = Math.max(...samples.map((s) => s.saved));
  const lastDelivered = Math.max(...samples.map((s) => deliveredAt.get(s.id)!));
  console.log(`\n${label}: ${samples.length} orders`);
  console.log(`  submit→Saved      p50 ${ms(pct(saved, 50))}  p99 ${ms(pct(saved, 99))}  max ${ms(saved.at(-1)!)}`);
  console.log(`  submit→Delivered  p50 ${ms(pct(delivered, 50))}  p99 ${ms(pct(delivered, 99))}  max ${ms(delivered.at(-1)!)}`);
  console.log(`  saved     ${((samples.length / (lastSaved - t0)) * 1000).toFixed(0)} orders/s`);
  console.log(`  delivered ${((samples.length / (lastDelivered - t0)) * 1000).toFixed(0)} orders/s`);
}

try {
  // Wait for the sandbox connection so the first orders do not measure connecting.
  const conn = await core.handlers.connection.state(undefined);
  console.log(`sandbox brokers ${conn.ok ? conn.value.brokers.join(',') : '?'}; data dir ${dataDir}`);
  let i = 0;
  if (WARMUP > 0) {
    const warm: Sample[] = [];
    for (let w = 0; w < WARMUP; w++) warm.push(await submitOne(i++));
    await waitDelivered(warm.map((s) => s.id));
    console.log(`warm-up: ${WARMUP} orders delivered (not counted)`);
  }

  // 1. Back to back: each submit awaited, the next one sent as soon as the answer is in (the
  //    fastest a single terminal's form could go). Over IPC or the WebSocket each request
  //    arrives as its own event-loop task; setImmediate gives the same turn-taking here.
  const burst: Sample[] = [];
  for (let n = 0; n < N; n++) {
    burst.push(await submitOne(i++));
    await new Promise((r) => setImmediate(r));
  }
  await waitDelivered(burst.map((s) => s.id));
  report('back to back (each submit awaited, no pause)', burst);

  // 2. Paced: a steady RATE orders/s, submits not waiting for one another.
  const paced: Promise<Sample>[] = [];
  const t0 = performance.now();
  for (let n = 0; n < N; n++) {
    const due = t0 + (n * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    paced.push(submitOne(i++));
  }
  const pacedSamples = await Promise.all(paced);
  await waitDelivered(pacedSamples.map((s) => s.id));
  report(`paced at ${RATE} orders/s`, pacedSamples);

  // 3. Several clients at once (e.g. browser-mode tabs), each back to back: the most the
  //    outbox and dispatcher take in.
  const concurrent: Sample[] = [];
  let left = N;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (left > 0) {
        left--;
        concurrent.push(await submitOne(i++));
        await new Promise((r) => setImmediate(r));
      }
    }),
  );
  await waitDelivered(concurrent.map((s) => s.id));
  report(`${CONCURRENCY} clients at once, each back to back`, concurrent);
} finally {
  await core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
