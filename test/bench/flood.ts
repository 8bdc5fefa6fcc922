// Benchmark: a clerk's Save while other windows flood browser mode with reads. The adversary's
// pass of 2026-12-06 opened sixty sockets with the page's token and sent 64 Orders searches on
// each; before the window limit (a3e2b7b) a clerk's Save waited behind them for seconds. This
// reproduces it as a kept benchmark: the app with `--orders` orders on the terminal, then the
// clerk's Saves one at a time (a baseline), then `--windows` sockets each sending `--reads`
// searches at once while the clerk saves again; it prints each Save's time, what the flood's
// sockets and searches were answered, and how long until the last search was answered. With
// --compare DIR the same runs in another checkout, the two trees taking turns. Asserts nothing.
//
//   npm run bench:flood                                  # 60 windows x 64 searches, 2,000 orders
//   git worktree add --detach /tmp/before a3e2b7b^ && ln -s "$PWD/node_modules" /tmp/before/node_modules
//   npm run bench:flood -- --compare /tmp/before --rounds 2
import { parseArgs } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import { benchDraft, paced, pct, startApp, ROOT, type AppUnderBench } from './app-under-bench';
import { newSubmissionId } from '../../shared/order-ids';
import type { Result } from '../../shared/contract';

const USAGE =
  'usage: [--windows N (>=1)] [--reads N (>=1)] [--orders N (>=0)] [--saves N (>=1)] [--query TEXT] [--rounds N (>=1)] [--compare DIR (another checkout with node_modules)]';
function readArgs() {
  try {
    return parseArgs({
      options: {
        windows: { type: 'string', default: '60' },
        reads: { type: 'string', default: '64' },
        orders: { type: 'string', default: '2000' },
        saves: { type: 'string', default: '10' },
        // A family name most of the bench's customers share: a search with many rows to page.
        query: { type: 'string', default: '김' },
        rounds: { type: 'string', default: '1' },
        compare: { type: 'string' },
      },
    }).values;
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    process.exit(2);
  }
}
const args = readArgs();
const WINDOWS = Number(args.windows);
const READS = Number(args.reads);
const ORDERS = Number(args.orders);
const SAVES = Number(args.saves);
const ROUNDS = Number(args.rounds);
const whole = (v: number, min: number) => Number.isInteger(v) && v >= min;
if (!whole(WINDOWS, 1) || !whole(READS, 1) || !whole(ORDERS, 0) || !whole(SAVES, 1) || !whole(ROUNDS, 1)) {
  console.error(USAGE);
  process.exit(2);
}
const OTHER = args.compare ? path.resolve(args.compare) : null;
if (OTHER && !fs.existsSync(path.join(OTHER, 'electron/browser-mode/cli.ts'))) {
  console.error(`--compare ${OTHER}: not an Order Desk checkout\n${USAGE}`);
  process.exit(2);
}
// Past this, a search still unanswered is counted as such and the run goes on.
const FLOOD_DEADLINE_MS = 120_000;

interface RunResult {
  tree: string;
  baseline: number[];
  underFlood: number[];
  saveErrors: string[];
  windowsRefused: number;
  windowsAdmitted: number;
  answers: Record<string, number>;
  drainedMs: number | null;
}

/** One socket of the flood: the page's token, its origin, `reads` searches sent at once. */
function floodWindow(app: AppUnderBench, reads: number, answers: Record<string, number>) {
  const page = new URL(app.url);
  const ws = new WebSocket(`ws://${page.host}/ws?token=${page.searchParams.get('token')}`, { origin: page.origin });
  ws.on('error', () => {});
  let left = reads;
  const count = (k: string) => (answers[k] = (answers[k] ?? 0) + 1);
  const done = new Promise<{ refused: boolean }>((resolve) => {
    let refused = false;
    ws.on('message', (d) => {
      const m = JSON.parse(d.toString()) as { type: string; result?: Result<unknown>; error?: { code: string } };
      if (m.type === 'fatal') refused = true;
      if (m.type !== 'response' || !m.result) return;
      count(m.result.ok ? 'answered' : m.result.error.code);
      if (--left === 0) resolve({ refused });
    });
    ws.on('close', (code) => {
      if (code === 4429) refused = true;
      resolve({ refused });
    });
    ws.on('open', () => {
      for (let i = 1; i <= reads; i++) {
        const input = { query: args.query, from: null, to: null, before: null, limit: 100 };
        ws.send(JSON.stringify({ type: 'request', id: i, channel: 'history:search', input }));
      }
    });
  });
  return { done, left: () => left, close: () => ws.terminate() };
}

async function saveOnce(api: ReturnType<AppUnderBench['client']>['api'], i: number): Promise<number | string> {
  const t0 = performance.now();
  const r = await api.orders.submit({ ...benchDraft(i), submissionId: newSubmissionId() });
  return r.ok ? performance.now() - t0 : r.error.code;
}

async function run(tree: string, root: string): Promise<RunResult> {
  const app = await startApp({}, { root });
  const clerk = app.client();
  const result: RunResult = {
    tree,
    baseline: [],
    underFlood: [],
    saveErrors: [],
    windowsRefused: 0,
    windowsAdmitted: 0,
    answers: {},
    drainedMs: null,
  };
  let n = 0;
  const save = async (into: number[]) => {
    const r = await saveOnce(clerk.api, n++);
    if (typeof r === 'number') into.push(r);
    else result.saveErrors.push(r);
  };
  const flood: ReturnType<typeof floodWindow>[] = [];
  try {
    // The terminal's orders, which the flood's searches page through.
    await paced(ORDERS, 500, () => saveOnce(clerk.api, n++));
    for (let i = 0; i < SAVES; i++) await save(result.baseline);
    const t0 = performance.now();
    for (let w = 0; w < WINDOWS; w++) flood.push(floodWindow(app, READS, result.answers));
    // The clerk saves while the flood's searches are on their way in.
    await new Promise((r) => setTimeout(r, 50));
    for (let i = 0; i < SAVES; i++) await save(result.underFlood);
    const settled = await Promise.race([
      Promise.all(flood.map((f) => f.done)),
      new Promise<null>((r) => setTimeout(() => r(null), FLOOD_DEADLINE_MS)),
    ]);
    if (settled) {
      result.drainedMs = performance.now() - t0;
      result.windowsRefused = settled.filter((s) => s.refused).length;
      result.windowsAdmitted = settled.length - result.windowsRefused;
      // A refused window's searches were never taken; an admitted one's still open are unanswered.
      const open = flood.filter((_, w) => !settled[w].refused).reduce((a, f) => a + f.left(), 0);
      if (open) result.answers.unanswered = open;
    } else {
      result.answers.unanswered = flood.reduce((a, f) => a + f.left(), 0);
    }
  } finally {
    for (const f of flood) f.close();
    clerk.close();
    await app.stop();
  }
  return result;
}

const fmt = (v: number) => `${v.toFixed(1)} ms`;
function summary(xs: number[]) {
  if (!xs.length) return 'none saved';
  const s = [...xs].sort((a, b) => a - b);
  return `p50 ${fmt(pct(s, 50))}, max ${fmt(s[s.length - 1])}`;
}

const results: RunResult[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const trees: [string, string][] = [['this tree', ROOT]];
  if (OTHER) trees.push(['other', OTHER]);
  if (round % 2) trees.reverse();
  for (const [tree, root] of trees) {
    console.error(`round ${round + 1}: ${tree} (${root})`);
    results.push(await run(tree, root));
  }
}

console.log(
  `\n${WINDOWS} windows x ${READS} searches for "${args.query}", ${ORDERS} orders on the terminal, the clerk's ${SAVES} Saves one at a time\n`,
);
console.log(
  '| Tree | Save alone | Save during the flood | Ratio (max) | Windows admitted / refused | Searches | Flood answered in |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const r of results) {
  const maxOf = (xs: number[]) => (xs.length ? Math.max(...xs) : NaN);
  const ratio = maxOf(r.underFlood) / maxOf(r.baseline);
  const answers = Object.entries(r.answers)
    .map(([k, v]) => `${v} ${k}`)
    .join(', ');
  const errors = r.saveErrors.length
    ? ` (${r.saveErrors.length} refused: ${[...new Set(r.saveErrors)].join(', ')})`
    : '';
  console.log(
    `| ${r.tree} | ${summary(r.baseline)} | ${summary(r.underFlood)}${errors} | ${ratio.toFixed(1)}× | ${r.windowsAdmitted} / ${r.windowsRefused} | ${answers || 'none'} | ${r.drainedMs === null ? `not all within ${FLOOD_DEADLINE_MS / 1000} s` : `${(r.drainedMs / 1000).toFixed(1)} s`} |`,
  );
}
console.log('\nEach Save during the flood, in order (ms):');
for (const r of results) console.log(`  ${r.tree}: ${r.underFlood.map((v) => v.toFixed(1)).join(', ')}`);
