// The app as the order benchmarks drive it: browser mode started as its own process (forked
// with an IPC channel, which is what makes it answer stats requests; see
// electron/browser-mode/stats-port.ts), a client of the same contract over the same WebSocket
// the renderer uses, and optionally a standalone sandbox cluster in a third process.
// BENCH_PROFILE_DIR=dir writes a CPU profile of browser mode's own process there (--cpu-prof), and
// BENCH_HOST_PROFILE_DIR=dir one of the service process it starts (electron/relay/host-launch.ts).
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { pathToFileURL } from 'node:url';
import WebSocket from 'ws';
import { createApiClient } from '../../shared/api-client';
import type { OrderDeskApi } from '../../shared/contract';
import type { OrderDraftInput } from '../../shared/order-schema';
import { createWsTransport, wsUrlFor, type WsTransport } from '../../renderer/transport/ws-transport';
import {
  STATS_MESSAGE,
  type AppStats,
  type StatsOp,
  type StatsReply,
  type StatsRequest,
} from '../../electron/browser-mode/stats-port';
import { spawnTsx } from '../support/child-process';
import { personName, phoneOf } from './bench-people';

export const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

function firstLine(child: ChildProcess, match: RegExp, what: string, output: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const rl = readline.createInterface({ input: child.stdout! });
    rl.on('line', (line) => {
      output.push(line);
      if (match.test(line)) resolve(line);
    });
    child.once('exit', (code) =>
      reject(new Error(`${what} exited with ${code} before it was ready:\n${output.join('\n')}`)),
    );
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export interface Sandbox {
  brokers: string[];
  /** One fault control (`stop-all`, `start-all`, …) on the sandbox's standard input: its `ok`, or throws its `error: …`. */
  command(line: string): Promise<void>;
  stop(): Promise<void>;
}

/** `npm run sandbox` in its own process: 3 brokers, user-data with 3 partitions × RF 3. */
export async function startSandboxProcess(): Promise<Sandbox> {
  const child = spawnTsx('electron/sandbox/cli.ts', [
    '--brokers',
    '3',
    '--port',
    '0',
    '--topic',
    'user-data:3:3',
    '--min-insync-replicas',
    '2',
  ]);
  const line = await child.nextLine(/^ready /);
  return {
    brokers: line.slice('ready '.length).split(','),
    // Each control is answered by one line, `ok` or `error: …` (README, The sandbox cluster).
    async command(command) {
      const reply = await child.command(command);
      if (reply !== 'ok') throw new Error(`sandbox ${command}: ${reply}`);
    },
    async stop() {
      await child.stop();
    },
  };
}

export interface AppUnderBench {
  url: string;
  dataDir: string;
  /** From the fork to the `ready` line (the outbox opened, the page served). */
  startupMs: number;
  pid: number;
  /** Opens one more client connection (a browser tab). */
  client(): { api: OrderDeskApi; close(): void };
  /** 'quiet': a new window with both processes' event-loop delay monitors stopped (stats-port.ts). */
  stats(op: StatsOp): Promise<AppStats>;
  stop(): Promise<void>;
}

export interface StartAppOptions {
  /** The code tree to run (another checkout, to compare with); this one by default. */
  root?: string;
  /** A prepared data directory (kept after stop); a fresh temporary one by default. */
  dataDir?: string;
}

export async function startApp(env: NodeJS.ProcessEnv = {}, opts: StartAppOptions = {}): Promise<AppUnderBench> {
  const root = opts.root ?? ROOT;
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'order-desk-bench-'));
  const spawnedAt = performance.now();
  const child = fork(path.join(root, 'electron/browser-mode/cli.ts'), ['--port', '0'], {
    cwd: root,
    execArgv: [
      '--import',
      TSX_LOADER,
      ...(process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : []),
    ],
    env: { ...process.env, KAFKA_BROKERS: '', ...env, ORDER_DESK_DATA_DIR: dataDir },
    stdio: ['pipe', 'pipe', 'pipe', 'ipc'],
  });
  const stderr: string[] = [];
  readline.createInterface({ input: child.stderr! }).on('line', (l) => {
    stderr.push(l);
    if (process.env.BENCH_VERBOSE) console.error(l);
  });
  const output: string[] = [];
  let ready: string;
  try {
    ready = await firstLine(child, /^ready http/, 'browser mode', output);
  } catch (e) {
    throw new Error(`${(e as Error).message}\n${stderr.join('\n')}`, { cause: e });
  }
  const startupMs = performance.now() - spawnedAt;
  const url = ready.slice('ready '.length);
  let nextId = 1;
  const waiting = new Map<number, (s: AppStats) => void>();
  child.on('message', (m: StatsReply) => {
    if (m?.type === STATS_MESSAGE) waiting.get(m.id)?.(m.stats);
  });
  const transports: WsTransport[] = [];
  return {
    url,
    dataDir,
    startupMs,
    pid: child.pid!,
    client() {
      const transport = createWsTransport(wsUrlFor(url), WebSocket as unknown as typeof globalThis.WebSocket);
      transports.push(transport);
      return { api: createApiClient(transport), close: () => transport.close() };
    },
    stats(op) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no stats answer in 30 s')), 30_000);
        waiting.set(id, (s) => {
          clearTimeout(timer);
          waiting.delete(id);
          resolve(s);
        });
        child.send({ type: STATS_MESSAGE, id, op } satisfies StatsRequest);
      });
    },
    async stop() {
      for (const t of transports) t.close();
      await stopChild(child);
      if (!opts.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The store's customers: order i is customer i mod 20,000's, with that person's name and number
 * (bench-people.ts). A year of a million orders is 50 orders each. Until 2026-12-05 the orders
 * were 97 customers' sharing one number, which cost the search indexes next to nothing.
 */
const BENCH_CUSTOMERS = 20_000;

export const benchDraft = (i: number): OrderDraftInput => ({
  customerName: personName(i % BENCH_CUSTOMERS),
  customerId: `cust-${i % BENCH_CUSTOMERS}`,
  phone: phoneOf(i % BENCH_CUSTOMERS),
  lines: [
    { sku: `SKU-${i % 13}`, productName: 'Americano', quantity: (i % 5) + 1, unitPrice: 4500 },
    { sku: 'SKU-BAGEL', productName: 'Bagel', quantity: 1, unitPrice: 3200 },
  ],
  currency: 'KRW',
  paymentMethod: i % 2 ? 'card' : 'cash',
  note: 'bench',
});

export const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
export const ms = (v: number) => `${v.toFixed(2)} ms`;

/** CPU time (user + system) each process spent between two stats reads, in µs by role. */
/** Per role, how much a cumulative figure of each process grew in between. */
function perRoleBetween(
  before: AppStats,
  after: AppStats,
  figure: (p: AppStats['processes'][number]) => number,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of after.processes) {
    // A restarted host has a new pid: all of its figure counts.
    const b = before.processes.find((q) => q.role === p.role && q.pid === p.pid);
    out[p.role] = (out[p.role] ?? 0) + figure(p) - (b ? figure(b) : 0);
  }
  return out;
}

/** Per role, CPU time in between (µs). */
export const cpuBetween = (before: AppStats, after: AppStats) =>
  perRoleBetween(before, after, (p) => p.cpuUserUs + p.cpuSystemUs);

/** Per role, how long the main thread's event loop was busy in between (ms). */
export const loopBusyBetween = (before: AppStats, after: AppStats) =>
  perRoleBetween(before, after, (p) => p.loopBusyMs);

/**
 * Per role, its main thread's time on a core and waiting for one in between (ms); a role whose
 * process gives none (off Linux) is left out.
 */
export function mainThreadBetween(
  before: AppStats,
  after: AppStats,
): Record<string, { onCpuMs: number; waitingMs: number }> {
  const known = (a: AppStats) => ({ ...a, processes: a.processes.filter((p) => p.mainThread) });
  const [b, a] = [known(before), known(after)];
  const on = perRoleBetween(b, a, (p) => p.mainThread!.onCpuMs);
  const waiting = perRoleBetween(b, a, (p) => p.mainThread!.waitingMs);
  return Object.fromEntries(Object.keys(on).map((role) => [role, { onCpuMs: on[role], waitingMs: waiting[role] }]));
}

export function messagesBetween(before: AppStats, after: AppStats): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(after.messages)) out[k] = v - (before.messages[k] ?? 0);
  return out;
}

/**
 * Calls `one(n)` for n = 0 … count-1 at a steady `rate` a second, not waiting for one another:
 * the pace of bench:orders' paced phases and bench:floor's levels. Resolves with every result;
 * a rejection ends the run once all have settled, so no call is left running.
 */
export async function paced<T>(count: number, rate: number, one: (n: number) => Promise<T>): Promise<T[]> {
  const runs: Promise<T>[] = [];
  const t0 = performance.now();
  for (let n = 0; n < count; n++) {
    const wait = t0 + (n * 1000) / rate - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const run = one(n);
    // Awaited below with the others; a refusal then ends the run through the caller's finally.
    run.catch(() => {});
    runs.push(run);
  }
  return Promise.all(runs);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
