// Benchmark: orders through the path the renderer takes: browser mode's WebSocket (the same
// client the page uses) into browser mode running as its own process, against a standalone
// sandbox cluster in a third process, so the CPU figures are the app's own.
// Per phase: p50/p99 submit→Saved and submit→Delivered, orders/s, CPU time per order of each
// app process, messages per order on each hop, SQL statements per order, and the event-loop
// delay of each process on the way, this benchmark's own included (an order answered while
// the client's loop was held is measured late: a tail that is not the app's). A submit refused at
// once with order.busy (past the app's limit of submits in flight) is counted apart, not fatal.
// Asserts nothing.
//
//   npm run bench:orders        # 1,000 orders: back to back, at a steady 1,000/s, the same with the cluster down, 4 tabs at once, then 10 s idle;
//                               # and 1,000 status requests at the same pace (the path alone, nothing saved)
//   npm run bench:orders -- --orders 5000 --rate 2000 --warmup 500 --concurrency 8
//   npm run bench:orders -- --phases paced --orders 10000   # one phase (e.g. under BENCH_HOST_PROFILE_DIR)
//   npm run bench:orders -- --phases paced --orders 8000 --rates 200,300,500,700,1000
//                               # the paced phase at each rate for the same 8 s, then Saved against the rate
// BENCH_SAMPLES_FILE=f writes each order of the last phase as "start saved-ms delivered-ms" (when the
// slow ones came).
import { parseArgs } from 'node:util';
import { writeFileSync } from 'node:fs';
import type { OrderDeskApi } from '../../shared/contract';
import type { AppStats, StatsOp } from '../../electron/browser-mode/stats-port';
import { LoopDelayWindows, mainThreadTime, type MainThreadTime } from '../../electron/host-link/process-load';
import {
  benchDraft,
  cpuBetween,
  loopBusyBetween,
  mainThreadBetween,
  messagesBetween,
  ms,
  paced,
  pct,
  startApp,
  startSandboxProcess,
  type AppUnderBench,
  type Sandbox,
} from './app-under-bench';
import { cpuShares, cpuTicks, fsyncProbe, storageWrittenBytes, type CpuTicks } from './machine-context';
import { newSubmissionId } from '../../shared/order-ids';
import { formatRateTable, type RateWindow } from './rate-table';

const { values: args } = parseArgs({
  options: {
    orders: { type: 'string', default: '1000' },
    rate: { type: 'string', default: '1000' },
    /** The paced phase at each of these rates in turn, each as long as --orders at --rate takes. */
    rates: { type: 'string' },
    warmup: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '4' },
    phases: { type: 'string', default: 'burst,path,paced,offline,tabs,idle' },
    'idle-seconds': { type: 'string', default: '10' },
  },
});
const N = Number(args.orders);
const RATE = Number(args.rate);
const WARMUP = Number(args.warmup);
const CONCURRENCY = Number(args.concurrency);
const PHASES = new Set(args.phases.split(','));
const IDLE_S = Number(args['idle-seconds']);
const RATES = args.rates === undefined ? [RATE] : args.rates.split(',').map(Number);
const KNOWN_PHASES = ['burst', 'path', 'paced', 'offline', 'tabs', 'idle'];
if (
  !(N > 0 && RATE > 0 && WARMUP >= 0 && Number.isInteger(CONCURRENCY) && CONCURRENCY >= 1 && IDLE_S > 0) ||
  PHASES.size === 0 ||
  RATES.some((r) => !(r > 0)) ||
  [...PHASES].some((p) => !KNOWN_PHASES.includes(p))
) {
  console.error(
    'usage: --orders N (>0) --rate R (orders/s, >0) --rates R1,R2,… (each >0) --warmup W (>=0) --concurrency C (>=1) --idle-seconds S (>0) --phases burst,path,paced,offline,tabs,idle',
  );
  process.exit(2);
}

const deliveredAt = new Map<string, number>();
const waiters = new Map<string, () => void>();
function watchDeliveries(api: OrderDeskApi): void {
  api.on('orders.changed', ({ changes }) => {
    for (const r of changes) {
      if (r.state === 'delivered' && !deliveredAt.has(r.orderId)) {
        deliveredAt.set(r.orderId, performance.now());
        waiters.get(r.orderId)?.();
      }
    }
  });
}

interface Sample {
  start: number;
  saved: number;
  id: string;
  /** Refused at once as over the app's limit of submits in flight (order.busy): not saved, counted apart. */
  busy?: true;
}

async function submitOne(api: OrderDeskApi, i: number): Promise<Sample> {
  const start = performance.now();
  const r = await api.orders.submit({ ...benchDraft(i), submissionId: newSubmissionId() });
  const saved = performance.now();
  // Past the ceiling the app refuses at once (back-pressure), as issue 9 asks: counted, not fatal.
  if (!r.ok && r.error.code === 'order.busy') return { start, saved, id: '', busy: true };
  if (!r.ok) throw new Error(`submit refused: ${JSON.stringify(r.error)}`);
  return { start, saved, id: r.value.order.orderId };
}

/**
 * One status request (connection.state, answered by the service process from memory and one
 * indexed query): the same path as a submit (WebSocket, relay, IPC, the service process's event
 * loop) without Save, so its latency at a given pace is the floor under submit→Saved's.
 */
async function statusOne(api: OrderDeskApi): Promise<Sample> {
  const start = performance.now();
  const r = await api.connection.state();
  const saved = performance.now();
  if (!r.ok) throw new Error(`status request refused: ${JSON.stringify(r.error)}`);
  return { start, saved, id: '' };
}

function waitDelivered(ids: string[], timeoutMs = 120_000): Promise<void> {
  // A refused submit (order.busy) saved nothing: nothing to wait for.
  const pending = ids.filter((id) => id !== '' && !deliveredAt.has(id));
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

function report(
  label: string,
  samples: Sample[],
  before: AppStats,
  after: AppStats,
  machine: CpuTicks | null,
  /** false: the orders were not delivered during the phase (the cluster was down), so no Delivered figures. */
  delivered = true,
  /** status: the samples are status requests (statusOne), not orders. */
  kind: 'orders' | 'status' = 'orders',
): PhaseSummary {
  const refused = samples.filter((x) => x.busy).map((x) => x.saved - x.start);
  samples = samples.filter((x) => !x.busy);
  const deliveredMs = (x: Sample) => (delivered ? (deliveredAt.get(x.id)! - x.start).toFixed(2) : '-');
  if (process.env.BENCH_SAMPLES_FILE)
    writeFileSync(
      process.env.BENCH_SAMPLES_FILE,
      samples.map((x) => `${x.start.toFixed(2)} ${(x.saved - x.start).toFixed(2)} ${deliveredMs(x)}`).join('\n'),
    );
  const saved = samples.map((x) => x.saved - x.start).sort((a, b) => a - b);
  const t0 = Math.min(...samples.map((x) => x.start));
  const lastSaved = Math.max(...samples.map((x) => x.saved));
  const n = samples.length;
  const cpu = cpuBetween(before, after);
  const cpuTotal = Object.values(cpu).reduce((a, b) => a + b, 0);
  const msgs = messagesBetween(before, after);
  const w =
    kind === 'orders'
      ? { items: 'orders', latency: 'submit→Saved ', done: 'saved    ', unit: 'order' }
      : { items: 'status requests', latency: 'request→answer', done: 'answered ', unit: 'request' };
  console.log(`\n${label}: ${n} ${w.items}`);
  if (refused.length > 0) {
    refused.sort((a, b) => a - b);
    console.log(
      `  refused at once  ${refused.length} more with order.busy (not saved), answered in p99 ${ms(pct(refused, 99))}`,
    );
  }
  const savedP50 = pct(saved, 50);
  const savedP99 = pct(saved, 99);
  console.log(`  ${w.latency.padEnd(18)}p50 ${ms(savedP50)}  p99 ${ms(savedP99)}  max ${ms(saved.at(-1)!)}`);
  let lastDelivered = lastSaved;
  const times = delivered ? samples.map((x) => deliveredAt.get(x.id)! - x.start).sort((a, b) => a - b) : null;
  if (times) {
    lastDelivered = Math.max(...samples.map((x) => deliveredAt.get(x.id)!));
    console.log(`  submit→Delivered  p50 ${ms(pct(times, 50))}  p99 ${ms(pct(times, 99))}  max ${ms(times.at(-1)!)}`);
  }
  console.log(`  ${w.done} ${((n / (lastSaved - t0)) * 1000).toFixed(0)} ${w.items}/s`);
  if (delivered) console.log(`  delivered ${((n / (lastDelivered - t0)) * 1000).toFixed(0)} orders/s`);
  const unit = w.unit;
  const cpuParts = Object.entries(cpu).map(([role, us]) => `${role} ${(us / n).toFixed(0)} µs`);
  console.log(`  CPU per ${unit.padEnd(10)}${(cpuTotal / n).toFixed(0)} µs (${cpuParts.join(', ')})`);
  const busy = loopBusyBetween(before, after);
  const runMs = lastDelivered - t0;
  const busyParts = Object.entries(busy).map(
    ([role, b]) => `${role} ${((b * 1000) / n).toFixed(0)} µs (${((100 * b) / runMs).toFixed(0)}% of the run)`,
  );
  console.log(`  event loop busy   per ${unit}: ${busyParts.join(', ')}`);
  const [c0, c1] = [readBeside.get(before)?.clientThread, readBeside.get(after)?.clientThread];
  const client = c0 && c1 ? { onCpuMs: c1.onCpuMs - c0.onCpuMs, waitingMs: c1.waitingMs - c0.waitingMs } : null;
  const threads = [
    ...(client ? [['bench client', client] as const] : []),
    ...Object.entries(mainThreadBetween(before, after)),
  ].map(
    ([role, t]) => `${role} ${((100 * t.onCpuMs) / runMs).toFixed(0)}% / ${((100 * t.waitingMs) / runMs).toFixed(0)}%`,
  );
  // Busy but neither on a core nor waiting for one: blocked in a system call (an fsync).
  if (threads.length > 0) console.log(`  main thread on a core / waiting for one, of the run: ${threads.join(', ')}`);
  const ownDelay = clientLoop.delay();
  const delays = [
    ...(ownDelay ? [['bench client', ownDelay] as const] : []),
    ...after.processes.flatMap((p) => (p.loopDelayMs ? [[p.role, p.loopDelayMs] as const] : [])),
  ].map(([who, d]) => `${who} ${d.p99.toFixed(1)} / ${d.max.toFixed(1)} ms`);
  if (delays.length > 0) console.log(`  event loop delay  p99 / max: ${delays.join(', ')}`);
  const hops = Object.entries(msgs).map(([hop, count]) => `${hop} ${(count / n).toFixed(2)}`);
  console.log(`  messages/${unit.padEnd(9)}${hops.join(', ')}`);
  console.log(`  SQL statements/${unit} ${((after.sqlStatements - before.sqlStatements) / n).toFixed(2)}`);
  const w0 = readBeside.get(before)?.written.get('host');
  const w1 = readBeside.get(after)?.written.get('host');
  if (w0 !== undefined && w1 !== undefined)
    console.log(`  storage written/${unit} ${((w1 - w0) / n / 1024).toFixed(1)} KB (host, /proc/<pid>/io write_bytes)`);
  const machineLine = cpuShares(machine, cpuTicks());
  console.log(`  ${machineLine}`);
  return {
    savedP50,
    savedP99,
    deliveredP99: times ? pct(times, 99) : null,
    hostCpuUs: (cpu.host ?? 0) / n,
    hostBusyPct: (100 * (busy.host ?? 0)) / runMs,
    machine: machineLine,
  };
}

/** What the rate table (--rates) shows of one phase. */
type PhaseSummary = Omit<RateWindow, 'rate'>;

/** `count` orders (N by default) at a steady `rate` orders/s from number `first`, submits not waiting for one another. */
async function pacedRun(
  api: OrderDeskApi,
  first: number,
  one: (api: OrderDeskApi, i: number) => Promise<Sample> = submitOne,
  count = N,
  rate = RATE,
): Promise<Sample[]> {
  return paced(count, rate, (n) => one(api, first + n));
}

/** Until the header stops saying "connected" (the dispatcher noticed the cluster is down): what it says then. */
async function waitDisconnected(api: OrderDeskApi, timeoutMs = 60_000): Promise<string> {
  const until = performance.now() + timeoutMs;
  for (;;) {
    const c = await api.connection.state();
    if (c.ok && c.value.status !== 'connected') return c.value.status;
    if (performance.now() > until) throw new Error(`still connected ${timeoutMs} ms after the cluster stopped`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** This process's own event-loop delay, in the same windows as the app's processes (stats-port.ts). */
const clientLoop = new LoopDelayWindows();
/**
 * Read by this process beside each stats read: what each app process had written to storage (the
 * host's: Save's and delivery's SQLite writes), and this process's own main thread on a core and
 * waiting for one.
 */
const readBeside = new WeakMap<AppStats, { written: Map<string, number>; clientThread: MainThreadTime | null }>();
async function statsNow(op: StatsOp): Promise<AppStats> {
  if (op !== 'read') clientLoop.begin(op === 'quiet');
  const stats = await app!.stats(op);
  const written = new Map<string, number>();
  for (const p of stats.processes) {
    const bytes = storageWrittenBytes(p.pid);
    if (bytes !== null) written.set(p.role, bytes);
  }
  readBeside.set(stats, { written, clientThread: mainThreadTime() });
  return stats;
}

let sandbox: Sandbox | null = null;
let app: AppUnderBench | null = null;
try {
  sandbox = await startSandboxProcess();
  app = await startApp({ KAFKA_BROKERS: sandbox.brokers.join(',') });
  const main = app.client();
  watchDeliveries(main.api);
  const conn = await main.api.connection.state();
  console.log(
    `browser mode ${app.url.replace(/token=.*/, 'token=…')} → sandbox process ${conn.ok ? conn.value.brokers.join(',') : '?'}`,
  );
  let i = 0;
  if (WARMUP > 0) {
    const warm: Sample[] = [];
    for (let w = 0; w < WARMUP; w++) warm.push(await submitOne(main.api, i++));
    await waitDelivered(warm.map((s) => s.id));
    console.log(`warm-up: ${WARMUP} orders delivered (not counted)`);
  }
  console.log(fsyncProbe(app.dataDir));

  // 1. Back to back: each submit awaited, the next one sent as soon as the answer is in (the
  //    fastest a single terminal's form could go).
  if (PHASES.has('burst')) {
    const before = await statsNow('reset');
    const machine = cpuTicks();
    const burst: Sample[] = [];
    for (let n = 0; n < N; n++) burst.push(await submitOne(main.api, i++));
    await waitDelivered(burst.map((s) => s.id));
    report('back to back (each submit awaited, no pause)', burst, before, await statsNow('read'), machine);
  }

  // 2a. The path alone: status requests at the same steady RATE, nothing saved. What the
  //     WebSocket, the relay and the service process's loop add to every answer at this pace.
  if (PHASES.has('path')) {
    const before = await statsNow('reset');
    const machine = cpuTicks();
    const answers = await pacedRun(main.api, 0, statusOne);
    report(
      `status requests at ${RATE}/s (the path alone)`,
      answers,
      before,
      await statsNow('read'),
      machine,
      false,
      'status',
    );
  }

  // 2. Paced: a steady RATE orders/s, submits not waiting for one another; with --rates, at
  //    each rate in turn for the same time, and then Saved against the rate in one table.
  if (PHASES.has('paced')) {
    const byRate: Array<[number, PhaseSummary]> = [];
    for (const rate of RATES) {
      const count = Math.max(1, Math.round((N * rate) / RATE));
      const before = await statsNow('reset');
      const machine = cpuTicks();
      const pacedSamples = await pacedRun(main.api, i, submitOne, count, rate);
      i += count;
      await waitDelivered(pacedSamples.map((s) => s.id));
      byRate.push([rate, report(`paced at ${rate} orders/s`, pacedSamples, before, await statsNow('read'), machine)]);
    }
    if (byRate.length > 1)
      for (const line of formatRateTable(
        N / RATE,
        byRate.map(([rate, x]) => ({ rate, ...x })),
      ))
        console.log(line);
  }

  // 2b. Offline: the same pace with the whole cluster down (the sandbox's stop-all), as when the
  //     store's brokers are unreachable. Save alone: nothing is sent, so this is what Save costs
  //     without delivery on the same event loop. Then the cluster comes back and every order
  //     of the phase must be delivered.
  if (PHASES.has('offline')) {
    await sandbox.command('stop-all');
    const stopped = performance.now();
    const status = await waitDisconnected(main.api);
    console.log(
      `\ncluster stopped: the header said "${status}" ${((performance.now() - stopped) / 1000).toFixed(1)} s later`,
    );
    const before = await statsNow('reset');
    const machine = cpuTicks();
    const offline = await pacedRun(main.api, i);
    i += N;
    const after = await statsNow('read');
    await sandbox.command('start-all');
    const back = performance.now();
    await waitDelivered(offline.map((s) => s.id));
    report(`paced at ${RATE} orders/s with the cluster down (Save alone)`, offline, before, after, machine, false);
    console.log(`  all ${N} delivered ${((performance.now() - back) / 1000).toFixed(1)} s after the cluster came back`);
  }

  // 3. Several tabs at once (each its own connection), each back to back: the most the
  //    outbox and dispatcher take in. Every tab receives every order's events.
  if (PHASES.has('tabs')) {
    const tabs = [main, ...Array.from({ length: CONCURRENCY - 1 }, () => app!.client())];
    const before = await statsNow('reset');
    const machine = cpuTicks();
    const concurrent: Sample[] = [];
    let left = N;
    await Promise.all(
      tabs.map(async (tab) => {
        while (left > 0) {
          left--;
          concurrent.push(await submitOne(tab.api, i++));
        }
      }),
    );
    await waitDelivered(concurrent.map((s) => s.id));
    report(`${CONCURRENCY} tabs at once, each back to back`, concurrent, before, await statsNow('read'), machine);
  }

  // 4. Idle: nothing submitted for IDLE_S seconds, the app connected with its producer's
  //    connections open, as a terminal is most of the day. What do its processes cost then?
  if (PHASES.has('idle')) {
    // Quiet: the benchmark's own event-loop delay monitors (a 5 ms timer in each process) stop.
    const before = await statsNow('quiet');
    const machine = cpuTicks();
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, IDLE_S * 1000));
    const after = await statsNow('read');
    const seconds = (performance.now() - t0) / 1000;
    const cpu = cpuBetween(before, after);
    const busy = loopBusyBetween(before, after);
    const share = (us: number) =>
      `${(us / 1000 / seconds).toFixed(1)} ms/s (${(us / 10_000 / seconds).toFixed(1)}% of a core)`;
    console.log(`\nidle for ${seconds.toFixed(1)} s`);
    console.log(
      `  CPU               ${Object.entries(cpu)
        .map(([role, us]) => `${role} ${share(us)}`)
        .join(', ')}`,
    );
    console.log(
      `  event loop busy   ${Object.entries(busy)
        .map(([role, ms]) => `${role} ${(ms / seconds).toFixed(1)} ms/s`)
        .join(', ')}`,
    );
    console.log(`  ${cpuShares(machine, cpuTicks())}`);
  }
} finally {
  await app?.stop();
  await sandbox?.stop();
}
