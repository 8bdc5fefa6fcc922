// Benchmark: this tree against another checkout, bench:orders run in alternating pairs in one
// run (the first of each pair alternates too), then each paced window compared: medians,
// ratios, and in how many pairs this tree was lower. What every "look" of the README's
// "Saved at 1,000 orders/s" did by hand. Asserts nothing.
//
//   git worktree add --detach /tmp/other main && ln -s "$PWD/node_modules" /tmp/other/node_modules
//   npm run bench:pairs -- --compare /tmp/other                      # 4 pairs of the default below
//   npm run bench:pairs -- --compare /tmp/other --pairs 8 --orders-args="--phases paced --orders 8000 --rates 1000,1000"
//   npm run bench:pairs -- --compare .                               # this tree against itself: the spread of the machine
import { parseArgs } from 'node:util';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseRateTable, type RateWindow } from './rate-table';
import { compareWindows, formatComparison } from './paired-windows';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const USAGE =
  'usage: --compare DIR (another Order Desk checkout with node_modules) [--pairs N (>=1)] [--orders-args="bench:orders arguments, with --rates R1,R2,…"] (with "=", as the value starts with a dash)';
function readArgs() {
  try {
    return parseArgs({
      options: {
        compare: { type: 'string' },
        pairs: { type: 'string', default: '4' },
        'orders-args': { type: 'string', default: '--phases paced --orders 8000 --rates 1000,1000' },
      },
    }).values;
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
    process.exit(2);
  }
}
const args = readArgs();
const PAIRS = Number(args.pairs);
if (!args.compare || !(Number.isInteger(PAIRS) && PAIRS >= 1)) {
  console.error(USAGE);
  process.exit(2);
}
const other = path.resolve(args.compare);
if (!fs.existsSync(path.join(other, 'test/bench/orders.ts')) || !fs.existsSync(path.join(other, 'node_modules'))) {
  console.error(`--compare ${other}: not an Order Desk checkout with node_modules and test/bench/orders.ts`);
  process.exit(2);
}
const ordersArgs = args['orders-args'].split(/\s+/).filter(Boolean);
if (!ordersArgs.some((a) => a === '--rates' || a.startsWith('--rates='))) {
  console.error('--orders-args must include --rates R1,R2,… (the table of windows is what is compared)');
  process.exit(2);
}

const trees = [
  { label: 'this tree', root: ROOT },
  { label: other === ROOT ? 'this tree again' : path.basename(other), root: other },
];

/** One bench:orders run in `root`; its windows, or the run's output on failure. */
function runOnce(root: string): RateWindow[] {
  const r = spawnSync('npm', ['run', '-s', 'bench:orders', '--', ...ordersArgs], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (r.status !== 0)
    throw new Error(`bench:orders in ${root} exited with ${r.status ?? r.signal}:\n${output.slice(-2000)}`);
  return parseRateTable(output);
}

const runs: [RateWindow[][], RateWindow[][]] = [[], []];
console.log(`bench:orders ${ordersArgs.join(' ')}: ${PAIRS} pairs, this tree (${ROOT}) and ${other}`);
for (let p = 0; p < PAIRS; p++) {
  // Alternate which goes first, so neither always runs on the machine the other has just warmed.
  const order = p % 2 === 0 ? [0, 1] : [1, 0];
  for (const t of order) {
    const started = new Date().toISOString().slice(11, 19);
    const windows = runOnce(trees[t].root);
    runs[t].push(windows);
    console.log(
      `pair ${p + 1} ${trees[t].label.padEnd(12)} ${started} UTC  Saved p99 ${windows.map((w) => `${w.savedP99.toFixed(2)} ms`).join(', ')}  (${windows[0].machine})`,
    );
  }
}
for (const line of formatComparison(compareWindows(runs[0], runs[1]), trees[1].label)) console.log(line);
