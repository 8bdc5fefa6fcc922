// Benchmark: the floor under submit→Saved on this machine. The same paced submits as bench:orders'
// paced phase (--orders at --rate, not waiting for one another, from a WebSocket client in this
// process) through the least that has the app's shape: a relay process holding a token-checked
// WebSocket and a forked service process behind an IPC channel (./floor/), at three levels:
//   transports   the service answers without storing;
//   commit       each turn's submits in one SQLite transaction, synchronous=FULL (durable, as "Saved");
//   outbox       the app's own OutboxStore.addMany as that transaction;
// then the app itself (browser mode): with its cluster out of reach (Save alone, nothing delivered,
// as bench:orders' offline phase), and delivering to a sandbox cluster in its own process, as
// bench:orders' paced phase runs it. Each level gets the same 200 warm-up submits. The levels alternate
// over --rounds; the table gives medians and each level's Saved p99 against the transports'.
// What the machine allows, against what the app adds. Prints figures; asserts nothing.
//
//   npm run bench:floor -- [--orders 8000] [--rate 1000] [--rounds 2] [--levels transports,commit,outbox,app-save,app]
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { spawnTsx, stopAllChildren } from '../support/child-process';
import { newSubmissionId } from '../../shared/order-ids';
import { median } from '../../electron/risk/robust-stats';
import { benchDraft, cpuBetween, paced, pct, startApp, startSandboxProcess } from './app-under-bench';
import { cpuShares, cpuTicks } from './machine-context';
import type { FloorAnswer, FloorSubmit } from './floor/host';

const { values: args } = parseArgs({
  options: {
    orders: { type: 'string', default: '8000' },
    rate: { type: 'string', default: '1000' },
    rounds: { type: 'string', default: '2' },
    levels: { type: 'string', default: 'transports,commit,outbox,app-save,app' },
  },
});
const N = Number(args.orders);
const RATE = Number(args.rate);
const ROUNDS = Number(args.rounds);
const WARMUP = 200;
const ALL_LEVELS = ['transports', 'commit', 'outbox', 'app-save', 'app'] as const;
type Level = (typeof ALL_LEVELS)[number];
const isLevel = (l: string): l is Level => (ALL_LEVELS as readonly string[]).includes(l);
const asked = args.levels.split(',');
if (
  !(Number.isInteger(N) && N >= 100 && RATE > 0 && Number.isInteger(ROUNDS) && ROUNDS >= 1) ||
  asked.length === 0 ||
  !asked.every(isLevel)
) {
  console.error(
    `usage: --orders N (>=100) --rate R (orders/s, >0) --rounds R (>=1) --levels ${ALL_LEVELS.join(',')} (any of them)`,
  );
  process.exit(2);
}
/** In the order of ALL_LEVELS, whatever order they were asked in. */
const LEVELS = ALL_LEVELS.filter((l) => asked.includes(l));
const STORAGE: Record<Exclude<Level, 'app' | 'app-save'>, string> = {
  transports: 'none',
  commit: 'sqlite',
  outbox: 'outbox',
};

interface Figures {
  p50: number;
  p99: number;
  firstHalfP99: number;
  secondHalfP99: number;
  max: number;
  /** CPU µs an order, by process. */
  cpu: Record<string, number>;
  machine: string;
}

/** How long `run` took to settle, in ms. */
async function timed(run: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

function figures(latencies: number[], cpuUs: Record<string, number>, machine: string): Figures {
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  const all = sorted(latencies);
  const half = Math.floor(latencies.length / 2);
  const cpu = Object.fromEntries(Object.entries(cpuUs).map(([who, us]) => [who, us / latencies.length]));
  return {
    p50: pct(all, 50),
    p99: pct(all, 99),
    firstHalfP99: pct(sorted(latencies.slice(0, half)), 99),
    secondHalfP99: pct(sorted(latencies.slice(half)), 99),
    max: all.at(-1)!,
    cpu,
    machine,
  };
}

/** utime + stime of a process, in µs (Linux; 0 elsewhere). */
function cpuUsOf(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / 100;
  } catch {
    return 0;
  }
}

async function floorLevel(level: Exclude<Level, 'app' | 'app-save'>): Promise<Figures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'order-desk-floor-'));
  const token = randomBytes(16).toString('hex');
  const relay = spawnTsx('test/bench/floor/relay.ts', [token, path.join(dir, 'floor.sqlite'), STORAGE[level]]);
  try {
    const [, port, hostPid] = (await relay.nextLine(/^ready /, 30_000)).split(' ');
    const ws = new WebSocket(`ws://127.0.0.1:${port}/?token=${token}`);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const answers = new Map<number, (ok: boolean) => void>();
    ws.on('message', (data) => {
      const a = JSON.parse(String(data)) as FloorAnswer;
      answers.get(a.id)?.(a.ok);
      answers.delete(a.id);
    });
    let nextId = 0;
    const submit = (i: number) =>
      new Promise<void>((resolve, reject) => {
        const id = nextId++;
        answers.set(id, (ok) => (ok ? resolve() : reject(new Error(`floor ${level}: submit ${i} not saved`))));
        ws.send(
          JSON.stringify({ id, draft: { ...benchDraft(i), submissionId: newSubmissionId() } } satisfies FloorSubmit),
        );
      });
    for (let w = 0; w < WARMUP; w++) await submit(w);
    const pids = { relay: relay.proc.pid!, host: Number(hostPid) };
    const before = { relay: cpuUsOf(pids.relay), host: cpuUsOf(pids.host) };
    const machine = cpuTicks();
    const latencies = await paced(N, RATE, (n) => timed(() => submit(WARMUP + n)));
    const cpu = { relay: cpuUsOf(pids.relay) - before.relay, host: cpuUsOf(pids.host) - before.host };
    ws.close();
    return figures(latencies, cpu, cpuShares(machine, cpuTicks()));
  } finally {
    await stopAllChildren();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A port nothing listens on: the app's cluster out of reach, so its orders wait and Save runs alone. */
async function closedPort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

async function appLevel(delivering: boolean): Promise<Figures> {
  const sandbox = delivering ? await startSandboxProcess() : null;
  const brokers = sandbox ? sandbox.brokers.join(',') : `127.0.0.1:${await closedPort()}`;
  const app = await startApp({ KAFKA_BROKERS: brokers }).catch(async (e) => {
    await sandbox?.stop();
    throw e;
  });
  try {
    const { api } = app.client();
    const submit = async (i: number) => {
      const r = await api.orders.submit({ ...benchDraft(i), submissionId: newSubmissionId() });
      if (!r.ok) throw new Error(`app: submit ${i} refused: ${r.error.code}`);
    };
    for (let w = 0; w < WARMUP; w++) await submit(w);
    const before = await app.stats('reset');
    const machine = cpuTicks();
    const latencies = await paced(N, RATE, (n) => timed(() => submit(WARMUP + n)));
    const after = await app.stats('read');
    return figures(latencies, cpuBetween(before, after), cpuShares(machine, cpuTicks()));
  } finally {
    await app.stop();
    await sandbox?.stop();
  }
}

const f = (v: number) => v.toFixed(2).padStart(7);
const results = new Map<Level, Figures[]>(LEVELS.map((l) => [l, []]));
for (let round = 1; round <= ROUNDS; round++) {
  // Alternate the order so neither end of a round is always the same level's.
  const order = round % 2 ? LEVELS : [...LEVELS].reverse();
  for (const level of order) {
    const x = level === 'app' || level === 'app-save' ? await appLevel(level === 'app') : await floorLevel(level);
    results.get(level)!.push(x);
    const cpu = Object.entries(x.cpu)
      .map(([who, us]) => `${who} ${us.toFixed(0)} µs`)
      .join(', ');
    console.log(
      `round ${round} ${level.padEnd(10)} ${N} at ${RATE}/s: Saved p50 ${f(x.p50)} p99 ${f(x.p99)} (halves ${f(x.firstHalfP99)} /${f(x.secondHalfP99)}) max ${f(x.max)} ms; CPU an order ${cpu}; ${x.machine}`,
    );
  }
}

const base = LEVELS.includes('transports') ? median(results.get('transports')!.map((x) => x.p99)) : null;
console.log(`\nMedians of ${ROUNDS} round(s), ${N} orders at ${RATE}/s each, Saved in ms:`);
console.log('level        p50      p99  1st half  2nd half   p99 / transports');
for (const level of LEVELS) {
  const xs = results.get(level)!;
  const p99 = median(xs.map((x) => x.p99));
  console.log(
    `${level.padEnd(10)} ${f(median(xs.map((x) => x.p50)))}  ${f(p99)}  ${f(median(xs.map((x) => x.firstHalfP99)))}  ${f(median(xs.map((x) => x.secondHalfP99)))}   ${base === null ? '-' : `${(p99 / base).toFixed(2)}×`}`,
  );
}
