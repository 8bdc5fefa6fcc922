// Benchmark: does a terminal with a year of orders answer as on day one (issue 9)? Orders go
// through the renderer's path (browser mode's WebSocket, the same client the page uses) into
// browser mode in its own process, against a sandbox cluster in a third process. The terminal's
// outbox is prepared beforehand by direct SQL with 0, 100,000 and 1,000,000 delivered orders,
// written in the layout the old code kept them (schema 2, one table); this tree's store migrates
// that file once before the app starts (timed and reported separately).
//
// Per preload: start-up time; Saved and Delivered p50/p99 at 20 orders/s and at 1,000 orders/s,
// and at 1,000/s the service process's CPU per order and how busy its loop was; the slowest
// answer to a status request (connection.state, polled every 100 ms) during an idle period; the
// outbox's file sizes. Then: a 100,000-order backlog (saved, never sent) drained from
// start, its rate per 10% slice; and 2,000 orders/s offered for 30 s (Saved p99, back-pressure
// answers). With --compare DIR the same run is made on another checkout (e.g. main, before this
// change) and the figures are set side by side with ratios (this / other). Asserts nothing.
//
//   npm run bench:outbox                                    # this tree only
//   git worktree add /tmp/outbox-before main && ln -s "$PWD/node_modules" /tmp/outbox-before/node_modules
//   npm run bench:outbox -- --compare /tmp/outbox-before    # side by side
//   npm run bench:outbox -- --preloads 0,100000 --idle-s 5 --burst-s 5   # a quick run
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import type { OrderDeskApi } from '../../shared/contract';
import { orderTotal, ORDER_SCHEMA_VERSION, type Order } from '../../shared/order-schema';
import { OutboxStore } from '../../electron/orders/outbox-store';
import {
  benchDraft,
  cpuBetween,
  loopBusyBetween,
  pct,
  ROOT,
  startApp,
  startSandboxProcess,
  type AppUnderBench,
} from './app-under-bench';
import { newSubmissionId } from '../../shared/order-ids';

const { values: args } = parseArgs({
  options: {
    preloads: { type: 'string', default: '0,100000,1000000' },
    'idle-s': { type: 'string', default: '60' },
    'slow-s': { type: 'string', default: '10' },
    'fast-orders': { type: 'string', default: '3000' },
    'burst-rate': { type: 'string', default: '2000' },
    'burst-s': { type: 'string', default: '30' },
    /** Preload at which the 2,000/s burst runs (the largest by default). */
    'burst-at': { type: 'string' },
    backlog: { type: 'string', default: '100000' },
    compare: { type: 'string' },
    'work-dir': { type: 'string', default: os.tmpdir() },
  },
});
const PRELOADS = args.preloads.split(',').map(Number);
const IDLE_S = Number(args['idle-s']);
const SLOW_S = Number(args['slow-s']);
const FAST_ORDERS = Number(args['fast-orders']);
const BURST_RATE = Number(args['burst-rate']);
const BURST_S = Number(args['burst-s']);
const BURST_AT = args['burst-at'] !== undefined ? Number(args['burst-at']) : Math.max(...PRELOADS);
const BACKLOG = Number(args.backlog);
if (
  PRELOADS.some((n) => !Number.isInteger(n) || n < 0) ||
  ![IDLE_S, SLOW_S, FAST_ORDERS, BURST_RATE, BURST_S].every((v) => v >= 0) ||
  !Number.isInteger(BACKLOG) ||
  BACKLOG < 0
) {
  console.error(
    'usage: --preloads N,N,... --idle-s S --slow-s S --fast-orders N --burst-rate R --burst-s S [--burst-at N] --backlog N [--compare DIR]',
  );
  process.exit(2);
}
const DELIVERY_WAIT_MS = 120_000;

interface Tree {
  label: string;
  root: string;
  /** This tree's store migrates the prepared file before start; the old one reads it as it is. */
  migrates: boolean;
  /** Its browser mode answers the stats port (a checkout from before it is measured without). */
  stats: boolean;
}
const hasStatsPort = (root: string) => fs.existsSync(path.join(root, 'electron/browser-mode/stats-port.ts'));
const trees: Tree[] = [{ label: 'this tree', root: ROOT, migrates: true, stats: hasStatsPort(ROOT) }];
if (args.compare) {
  const other = path.resolve(args.compare);
  if (
    !fs.existsSync(path.join(other, 'electron/browser-mode/cli.ts')) ||
    !fs.existsSync(path.join(other, 'node_modules'))
  )
    throw new Error(`--compare ${other}: not an Order Desk checkout with node_modules`);
  trees.push({ label: `other (${path.basename(other)})`, root: other, migrates: false, stats: hasStatsPort(other) });
}

// ---- preparing an outbox by direct SQL -----------------------------------------------------

const SCHEMA_V2 = `CREATE TABLE schema_version (version INTEGER NOT NULL, applied_at TEXT NOT NULL);
  INSERT INTO schema_version VALUES (1, '2026-01-01T00:00:00.000Z'), (2, '2026-01-01T00:00:00.000Z');
  CREATE TABLE outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, order_id TEXT NOT NULL UNIQUE, customer_id TEXT NOT NULL,
    order_json TEXT NOT NULL, state TEXT NOT NULL CHECK (state IN ('saved', 'sending', 'delivered', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0, partition INTEGER, offset TEXT, error_code TEXT, error_params TEXT,
    auto_retry INTEGER NOT NULL DEFAULT 1, next_attempt_at INTEGER, saved_at TEXT NOT NULL, delivered_at TEXT,
    submission_id TEXT);
  CREATE INDEX outbox_waiting ON outbox (seq) WHERE state <> 'delivered';
  CREATE INDEX outbox_customer ON outbox (customer_id, seq);
  CREATE UNIQUE INDEX outbox_submission ON outbox (submission_id) WHERE submission_id IS NOT NULL;`;

function benchOrder(i: number, at: Date): Order {
  const d = benchDraft(i);
  const lines = d.lines.map((l) => ({ ...l }));
  return {
    orderId: randomUUID(),
    schemaVersion: ORDER_SCHEMA_VERSION,
    customerName: d.customerName,
    customerId: d.customerId,
    phone: d.phone,
    lines,
    currency: 'KRW',
    paymentMethod: d.paymentMethod ?? 'card',
    note: d.note,
    storeId: 'store-1',
    terminalId: 'terminal-1',
    clerk: 'clerk',
    createdAt: at.toISOString(),
    total: orderTotal(lines),
  };
}

/**
 * An outbox file in the old layout with `n` orders: delivered over the past year (spread evenly,
 * each with a submission id, as the form sends), or all saved and never sent (a backlog).
 */
function prepareOutbox(file: string, n: number, state: 'delivered' | 'saved'): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.exec(SCHEMA_V2);
  const ins = db.prepare(`INSERT INTO outbox (order_id, customer_id, order_json, state, attempts, partition, offset,
    saved_at, delivered_at, submission_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const yearMs = 365 * 24 * 3600 * 1000;
  const start = Date.now() - (state === 'delivered' ? yearMs : 60_000);
  const CHUNK = 20_000;
  for (let from = 0; from < n; from += CHUNK) {
    db.transaction(() => {
      for (let i = from; i < Math.min(n, from + CHUNK); i++) {
        const at = new Date(start + Math.floor((i / Math.max(1, n)) * (state === 'delivered' ? yearMs : 50_000)));
        const o = benchOrder(i, at);
        const iso = at.toISOString();
        if (state === 'delivered')
          ins.run(
            o.orderId,
            o.customerId,
            JSON.stringify(o),
            'delivered',
            1,
            i % 3,
            String(Math.floor(i / 3)),
            iso,
            iso,
            randomUUID(),
          );
        else ins.run(o.orderId, o.customerId, JSON.stringify(o), 'saved', 0, null, null, iso, null, randomUUID());
      }
    })();
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

function copyOutbox(from: string, toDir: string): string {
  fs.mkdirSync(toDir, { recursive: true });
  const to = path.join(toDir, 'outbox.sqlite');
  fs.copyFileSync(from, to);
  return to;
}

function fileSizes(dir: string): string {
  const size = (f: string) => (fs.existsSync(path.join(dir, f)) ? fs.statSync(path.join(dir, f)).size : 0);
  const mb = (b: number) => `${(b / 1048576).toFixed(1)} MB`;
  return `outbox.sqlite ${mb(size('outbox.sqlite'))}, -wal ${mb(size('outbox.sqlite-wal'))}`;
}

// ---- driving the app -------------------------------------------------------------------------

interface Watch {
  delivered: Map<string, number>;
  /** Delivered events seen, in arrival order (for the drain's slices). */
  deliveredTimes: number[];
}

/** Delivered times by order id, from either event shape (changes, or the old full records). */
function watch(api: OrderDeskApi): Watch {
  const w: Watch = { delivered: new Map(), deliveredTimes: [] };
  const seen = (id: string) => {
    if (w.delivered.has(id)) return;
    const t = performance.now();
    w.delivered.set(id, t);
    w.deliveredTimes.push(t);
  };
  (api.on as (e: string, l: (p: unknown) => void) => () => void)('orders.changed', (p) => {
    const payload = p as {
      changes?: Array<{ orderId: string; state: string }>;
      order?: { orderId: string };
      state?: string;
    };
    if (payload.changes) {
      for (const c of payload.changes) if (c.state === 'delivered') seen(c.orderId);
    } else if (payload.state === 'delivered' && payload.order) seen(payload.order.orderId);
  });
  return w;
}

interface Sample {
  start: number;
  saved: number;
  id: string | null;
  error: string | null;
}

async function submitOne(api: OrderDeskApi, i: number): Promise<Sample> {
  const start = performance.now();
  const r = await api.orders.submit({ ...benchDraft(i), submissionId: newSubmissionId() });
  const saved = performance.now();
  return r.ok
    ? { start, saved, id: r.value.order.orderId, error: null }
    : { start, saved, id: null, error: r.error.code };
}

async function paced(api: OrderDeskApi, rate: number, count: number, first: number): Promise<Sample[]> {
  const out: Promise<Sample>[] = [];
  const t0 = performance.now();
  for (let n = 0; n < count; n++) {
    const wait = t0 + (n * 1000) / rate - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    out.push(submitOne(api, first + n));
  }
  return Promise.all(out);
}

async function waitDelivered(w: Watch, ids: string[], timeoutMs = DELIVERY_WAIT_MS): Promise<number> {
  const end = performance.now() + timeoutMs;
  for (;;) {
    const missing = ids.filter((id) => !w.delivered.has(id)).length;
    if (missing === 0 || performance.now() > end) return missing;
    await new Promise((r) => setTimeout(r, 50));
  }
}

interface Latencies {
  savedP50: number;
  savedP99: number;
  deliveredP50: number;
  deliveredP99: number;
  refused: Record<string, number>;
  undelivered: number;
  n: number;
}

async function latencies(w: Watch, samples: Sample[]): Promise<Latencies> {
  const ok = samples.filter((s) => s.id !== null);
  const undelivered = await waitDelivered(
    w,
    ok.map((s) => s.id!),
  );
  const saved = savedTimes(ok);
  const delivered = ok
    .filter((s) => w.delivered.has(s.id!))
    .map((s) => w.delivered.get(s.id!)! - s.start)
    .sort((a, b) => a - b);
  const refused: Record<string, number> = {};
  for (const s of samples) if (s.error) refused[s.error] = (refused[s.error] ?? 0) + 1;
  return {
    savedP50: pct(saved, 50) ?? NaN,
    savedP99: pct(saved, 99) ?? NaN,
    deliveredP50: pct(delivered, 50) ?? NaN,
    deliveredP99: pct(delivered, 99) ?? NaN,
    refused,
    undelivered,
    n: samples.length,
  };
}

async function idleStatus(api: OrderDeskApi, seconds: number): Promise<{ max: number; p99: number; n: number }> {
  const times: number[] = [];
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    const t = performance.now();
    await api.connection.state();
    times.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 100));
  }
  times.sort((a, b) => a - b);
  return { max: times.at(-1) ?? NaN, p99: pct(times, 99) ?? NaN, n: times.length };
}

type Figures = Record<string, number | string>;

/** The phase's orders submitted in its first ONSET_S seconds, and the rest. */
const ONSET_S = 2;
function onsetSplit(samples: Sample[]): Array<[string, Sample[]]> {
  const t0 = samples[0]?.start ?? 0;
  const early = (s: Sample) => s.start - t0 < ONSET_S * 1000;
  return [
    [`its first ${ONSET_S} s`, samples.filter(early)],
    [`after its first ${ONSET_S} s`, samples.filter((s) => !early(s))],
  ];
}

/** Submit → Saved of the orders saved, sorted. */
function savedTimes(samples: Sample[]): number[] {
  return samples
    .filter((s) => s.id !== null)
    .map((s) => s.saved - s.start)
    .sort((a, b) => a - b);
}

function lat(prefix: string, l: Latencies, f: Figures): void {
  f[`${prefix} Saved p50 ms`] = l.savedP50;
  f[`${prefix} Saved p99 ms`] = l.savedP99;
  f[`${prefix} Delivered p50 ms`] = l.deliveredP50;
  f[`${prefix} Delivered p99 ms`] = l.deliveredP99;
  if (l.undelivered) f[`${prefix} not delivered in ${DELIVERY_WAIT_MS / 1000} s`] = l.undelivered;
  for (const [code, count] of Object.entries(l.refused)) f[`${prefix} refused ${code}`] = count;
}

async function withApp<T>(
  tree: Tree,
  brokers: string[],
  dataDir: string,
  fn: (app: AppUnderBench, api: OrderDeskApi, w: Watch) => Promise<T>,
): Promise<T> {
  const app = await startApp({ KAFKA_BROKERS: brokers.join(',') }, { root: tree.root, dataDir });
  try {
    const { api } = app.client();
    const w = watch(api);
    const conn = await api.connection.state();
    if (!conn.ok) throw new Error(`no connection state: ${JSON.stringify(conn.error)}`);
    return await fn(app, api, w);
  } finally {
    await app.stop();
  }
}

async function runPreload(tree: Tree, base: string, n: number, dir: string): Promise<Figures> {
  const f: Figures = {};
  const file = copyOutbox(base, dir);
  if (tree.migrates) {
    const t = performance.now();
    OutboxStore.open(file).close();
    f['one-time migration s'] = (performance.now() - t) / 1000;
  }
  const sandbox = await startSandboxProcess();
  try {
    await withApp(tree, sandbox.brokers, dir, async (app, api, w) => {
      f['start-up (fork → ready) ms'] = app.startupMs;
      let i = 0;
      const warm = [];
      for (let k = 0; k < 100; k++) warm.push(await submitOne(api, i++));
      await waitDelivered(
        w,
        warm.flatMap((s) => (s.id ? [s.id] : [])),
      );
      lat('20/s', await latencies(w, await paced(api, 20, Math.round(20 * SLOW_S), i)), f);
      i += Math.round(20 * SLOW_S);
      // What the service process spends on an order at this size. A 'quiet' window: no loop
      // monitors added.
      const before = tree.stats ? await app.stats('quiet') : null;
      const fastStart = performance.now();
      const fast = await paced(api, 1000, FAST_ORDERS, i);
      if (before) {
        const after = await app.stats('read');
        f['1,000/s: service process CPU µs/order'] = cpuBetween(before, after).host / FAST_ORDERS;
        f['1,000/s: service process loop busy %'] =
          (loopBusyBetween(before, after).host / (performance.now() - fastStart)) * 100;
      }
      lat('1,000/s', await latencies(w, fast), f);
      // Where in the phase the slow ones are: the first seconds after the step up from 20/s
      // (the compiler's, the caches') against the rest.
      for (const [label, part] of onsetSplit(fast))
        f[`1,000/s Saved p99 ms, ${label}`] = pct(savedTimes(part), 99) ?? NaN;
      i += FAST_ORDERS;
      const idle = await idleStatus(api, IDLE_S);
      f[`idle ${IDLE_S} s: slowest status ms`] = idle.max;
      f[`idle ${IDLE_S} s: status p99 ms`] = idle.p99;
      if (n === BURST_AT && BURST_S > 0) {
        const burst = await latencies(w, await paced(api, BURST_RATE, Math.round(BURST_RATE * BURST_S), i));
        lat(`${BURST_RATE}/s × ${BURST_S} s`, burst, f);
      }
    });
  } finally {
    await sandbox.stop();
  }
  f['files after'] = fileSizes(dir);
  return f;
}

async function runBacklog(tree: Tree, base: string, dir: string): Promise<Figures> {
  const f: Figures = {};
  copyOutbox(base, dir);
  const sandbox = await startSandboxProcess();
  try {
    await withApp(tree, sandbox.brokers, dir, async (app, api, w) => {
      f['start-up ms'] = app.startupMs;
      // The service's own count of waiting orders (connection.state), read every 250 ms: the
      // drain as the outbox sees it, whatever the client's event handling lags behind.
      const crossed: number[] = [];
      const slice = BACKLOG / 10;
      const end = performance.now() + 10 * 60_000;
      let startedAt: number | null = null;
      while (crossed.length < 10 && performance.now() < end) {
        const s = await api.connection.state();
        const now = performance.now();
        if (s.ok) {
          const done = BACKLOG - s.value.waiting;
          if (startedAt === null && done > 0) startedAt = now;
          while (crossed.length < 10 && done >= (crossed.length + 1) * slice) crossed.push(now);
        }
        await new Promise((r) => setTimeout(r, 250));
      }
      const rates: string[] = [];
      let prev = startedAt ?? 0;
      for (const t of crossed) {
        rates.push(t > prev ? ((slice / (t - prev)) * 1000).toFixed(0) : '∞');
        prev = t;
      }
      f['drain orders/s per 10% slice'] = rates.join(' ');
      f['drain orders/s overall'] =
        startedAt !== null && crossed.length === 10 ? (BACKLOG / (crossed[9] - startedAt)) * 1000 : NaN;
      f['drain delivered (events seen)'] = w.deliveredTimes.length;
    });
  } finally {
    await sandbox.stop();
  }
  return f;
}

function fmt(v: number | string | undefined): string {
  if (v === undefined) return '—';
  if (typeof v === 'string') return v;
  return Number.isInteger(v) ? v.toLocaleString('en') : v.toFixed(v < 10 ? 2 : 1);
}

function printSideBySide(title: string, results: Figures[]): void {
  console.log(`\n${title}`);
  const keys = [...new Set(results.flatMap((r) => Object.keys(r)))];
  for (const k of keys) {
    const vals = results.map((r) => r[k]);
    const ratio =
      vals.length === 2 && typeof vals[0] === 'number' && typeof vals[1] === 'number' && vals[1] !== 0
        ? `  ratio ${(vals[0] / vals[1]).toFixed(2)}×`
        : '';
    console.log(`  ${k.padEnd(40)} ${vals.map((v) => fmt(v).padStart(14)).join(' | ')}${ratio}`);
  }
}

const work = fs.mkdtempSync(path.join(args['work-dir'], 'order-desk-bench-outbox-'));
const stop = () => fs.rmSync(work, { recursive: true, force: true });
process.on('SIGINT', () => {
  stop();
  process.exit(130);
});
try {
  console.log(`trees: ${trees.map((t) => `${t.label} = ${t.root}`).join('; ')}`);
  console.log(
    `idle ${IDLE_S} s, 20/s for ${SLOW_S} s, ${FAST_ORDERS} orders at 1,000/s, ${BURST_RATE}/s for ${BURST_S} s at preload ${BURST_AT}; load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  for (const n of PRELOADS) {
    const base = path.join(work, `base-${n}`, 'outbox.sqlite');
    let t = performance.now();
    prepareOutbox(base, n, 'delivered');
    console.log(
      `\nprepared ${n.toLocaleString('en')} delivered orders in ${((performance.now() - t) / 1000).toFixed(1)} s (${fileSizes(path.dirname(base))})`,
    );
    const results: Figures[] = [];
    for (const tree of trees) {
      t = performance.now();
      results.push(await runPreload(tree, base, n, path.join(work, `run-${n}-${trees.indexOf(tree)}`)));
      fs.rmSync(path.join(work, `run-${n}-${trees.indexOf(tree)}`), { recursive: true, force: true });
      console.log(`  (${tree.label}: ${((performance.now() - t) / 1000).toFixed(0)} s)`);
    }
    fs.rmSync(path.dirname(base), { recursive: true, force: true });
    printSideBySide(
      `${n.toLocaleString('en')} orders on the terminal — ${trees.map((t) => t.label).join(' | ')}`,
      results,
    );
  }
  if (BACKLOG > 0) {
    const base = path.join(work, 'backlog', 'outbox.sqlite');
    prepareOutbox(base, BACKLOG, 'saved');
    const results: Figures[] = [];
    for (const tree of trees) {
      const dir = path.join(work, `drain-${trees.indexOf(tree)}`);
      results.push(await runBacklog(tree, base, dir));
      fs.rmSync(dir, { recursive: true, force: true });
    }
    printSideBySide(
      `${BACKLOG.toLocaleString('en')}-order backlog drained from start — ${trees.map((t) => t.label).join(' | ')}`,
      results,
    );
  }
  console.log(
    `\nload average at the end ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
} finally {
  stop();
}
