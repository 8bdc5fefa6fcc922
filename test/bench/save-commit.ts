// Benchmark: Save's commit alone, and what CPU-bound processes beside it do to it. One order a
// commit through OutboxStore.addMany (the service's group commit at 1,000 orders/s holds about
// two), on a fresh outbox in a temporary directory, with synchronous=FULL: the commit's wall
// time (p50, p99, max), the process's CPU per commit, and how long its main thread waited for a
// core per commit (Linux's schedstat); and beside it a 4 KB write with its fsync on a scratch
// file, the disk alone. Each round runs with 0, 1, then 2 processes spinning on a core beside it
// (two cores here: 2 leave none to spare, as the benchmark of the order path does at 1,000/s),
// the rounds repeated so the levels alternate; ratios are against 0 in the same run.
// Prints figures; asserts nothing.
//
//   npm run bench:save-commit -- [--commits 3000] [--busy 0,1,2] [--rounds 2]
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { OutboxStore } from '../../electron/orders/outbox-store';
import { mainThreadTime } from '../../electron/host-link/process-load';
import { newSubmissionId } from '../../shared/order-ids';
import { order } from '../unit/orders/fixtures';

const { values: args } = parseArgs({
  options: {
    commits: { type: 'string', default: '3000' },
    busy: { type: 'string', default: '0,1,2' },
    rounds: { type: 'string', default: '2' },
  },
});
const COMMITS = Number(args.commits);
const BUSY = args.busy.split(',').map(Number);
const ROUNDS = Number(args.rounds);
if (
  !(Number.isInteger(COMMITS) && COMMITS >= 100) ||
  !BUSY.every((b) => Number.isInteger(b) && b >= 0 && b <= 16) ||
  !(Number.isInteger(ROUNDS) && ROUNDS >= 1)
) {
  console.error('usage: --commits N (>=100) --busy B1,B2,… (0–16 spinning processes) --rounds R (>=1)');
  process.exit(2);
}

interface Figures {
  p50: number;
  p99: number;
  max: number;
  mean: number;
  cpuUs: number;
  waitUs: number | null;
}

const spinners = new Set<ChildProcess>();
function stopSpinners(): void {
  for (const c of spinners) c.kill('SIGKILL');
  spinners.clear();
}
process.on('exit', stopSpinners);
for (const sig of ['SIGINT', 'SIGTERM'] as const)
  process.on(sig, () => {
    stopSpinners();
    process.exit(130);
  });

async function spin(n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const c = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
    spinners.add(c);
  }
  // Let them reach their loops before measuring.
  await new Promise((r) => setTimeout(r, 300));
}

/** Runs fn COMMITS times and measures each call, the process's CPU and the main thread's wait for a core. */
function measure(fn: (i: number) => void): Figures {
  const lat = new Float64Array(COMMITS);
  const cpu0 = process.cpuUsage();
  const sched0 = mainThreadTime();
  for (let i = 0; i < COMMITS; i++) {
    const s = performance.now();
    fn(i);
    lat[i] = performance.now() - s;
  }
  const cpu = process.cpuUsage(cpu0);
  const sched1 = mainThreadTime();
  const mean = lat.reduce((a, b) => a + b, 0) / COMMITS;
  lat.sort();
  return {
    p50: lat[Math.floor(COMMITS * 0.5)],
    p99: lat[Math.floor(COMMITS * 0.99)],
    max: lat[COMMITS - 1],
    mean,
    cpuUs: (cpu.user + cpu.system) / COMMITS,
    waitUs: sched0 && sched1 ? ((sched1.waitingMs - sched0.waitingMs) * 1000) / COMMITS : null,
  };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'order-desk-save-commit-'));
const results = new Map<string, Figures[]>();
function keep(name: string, f: Figures): void {
  results.set(name, [...(results.get(name) ?? []), f]);
}

try {
  const page = Buffer.alloc(4096, 1);
  for (let round = 0; round < ROUNDS; round++) {
    for (const busy of BUSY) {
      await spin(busy);
      try {
        const store = OutboxStore.open(path.join(dir, `outbox-${round}-${busy}.sqlite`));
        try {
          // Customers repeat as a store's do, so the customer index holds more than one leaf.
          const orders = Array.from({ length: COMMITS + 200 }, (_, i) => order({ customerId: `c-${i % 2000}` }));
          for (let i = 0; i < 200; i++) store.addMany([orders[COMMITS + i]], [newSubmissionId()]);
          keep(
            `commit|${busy}`,
            measure((i) => store.addMany([orders[i]], [newSubmissionId()])),
          );
        } finally {
          store.close();
        }
        const fd = fs.openSync(path.join(dir, `scratch-${round}-${busy}`), 'w');
        try {
          keep(
            `fsync|${busy}`,
            measure((i) => {
              fs.writeSync(fd, page, 0, page.length, (i % 256) * page.length);
              fs.fsyncSync(fd);
            }),
          );
        } finally {
          fs.closeSync(fd);
        }
      } finally {
        stopSpinners();
      }
    }
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const us = (ms: number): string => `${(ms * 1000).toFixed(0)} µs`;
console.log(
  `${COMMITS} commits of one order a round, ${ROUNDS} round(s), ${os.cpus().length} cores; medians over the rounds (each round's in brackets)`,
);
for (const what of ['commit', 'fsync']) {
  console.log(
    what === 'commit'
      ? '\nSave commit (OutboxStore.addMany, one order, synchronous=FULL)'
      : '\n4 KB write + fsync of a scratch file (the disk alone)',
  );
  const base = results.get(`${what}|${BUSY[0]}`)!;
  for (const busy of BUSY) {
    const fs_ = results.get(`${what}|${busy}`)!;
    const m = (k: keyof Figures) => median(fs_.map((f) => f[k] ?? NaN));
    const each = (k: keyof Figures) => fs_.map((f) => us(f[k] as number)).join(', ');
    const ratio = busy === BUSY[0] ? '' : ` (${(m('p99') / median(base.map((f) => f.p99))).toFixed(2)}× p99)`;
    console.log(
      `  ${busy} spinning beside it: p50 ${us(m('p50'))}, p99 ${us(m('p99'))} [${each('p99')}]${ratio}, max ${us(m('max'))}, ` +
        `mean ${us(m('mean'))}, CPU ${m('cpuUs').toFixed(0)} µs, waiting for a core ${
          fs_[0].waitUs === null ? 'n/a' : `${m('waitUs').toFixed(0)} µs`
        } a commit`,
    );
  }
}
