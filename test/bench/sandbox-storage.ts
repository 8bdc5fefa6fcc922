// Benchmark: the sandbox's storage and its defences, today's tree against an older one (by
// default the last commit before segmented storage), built in a temporary git worktree and run
// in the same run, one after the other, side by side with ratios. Prints figures; asserts nothing.
//
// 1. Storage: kcat produces N records of 1,000 bytes (acks=all) into a 3-broker sandbox with a
//    data directory (topic 3 partitions x RF 3): ingest rate, the sandbox's RSS once they are
//    stored (and its peak), then a restart on the same data directory: time from spawn to the
//    ready line, RSS after it, and the record count read back. Target: RSS < 500 MB for 4,000,000.
// 2. Partial frames: 40 connections each send 25 MB of a declared 100 MB frame to a 1-broker
//    sandbox; its RSS before, during (peak of samples) and after they close. Target: < 200 MB after.
//
//   npm run bench:sandbox-storage -- [--records 4000000] [--base 03d35ab] [--only storage|frames] [--no-base]
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { startSandboxProcess, type SandboxProcess } from '../support/sandbox-process';

/** The last commit whose sandbox kept every record in memory. */
const DEFAULT_BASE = '03d35ab';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '4000000' },
    base: { type: 'string', default: DEFAULT_BASE },
    only: { type: 'string' },
    'no-base': { type: 'boolean', default: false },
  },
});
const RECORDS = Number(values.records);
const SIZE = 1000;
const ROOT = path.resolve(import.meta.dirname, '../..');
const MB = 1024 * 1024;

if (process.platform !== 'linux') {
  console.log(`this benchmark reads /proc/<pid>/status; ${process.platform} has none`);
  process.exit(0);
}
if (spawnSync('kcat', ['-V']).status !== 0 && values.only !== 'frames') {
  console.log('kcat is not installed; the storage part needs it (apt-get install -y kcat)');
  process.exit(0);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** A worktree of `rev` with this checkout's node_modules, removed at the end. */
function baseTree(rev: string): { dir: string; commit: string; remove(): void } {
  const commit = spawnSync('git', ['rev-parse', '--short', rev], { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
  if (!commit) throw new Error(`git cannot resolve ${rev}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-bench-base-'));
  const add = spawnSync('git', ['worktree', 'add', '--detach', dir, commit], { cwd: ROOT, encoding: 'utf8' });
  if (add.status !== 0) throw new Error(`git worktree add failed: ${add.stderr}`);
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return {
    dir,
    commit,
    remove: () => {
      spawnSync('git', ['worktree', 'remove', '--force', dir], { cwd: ROOT });
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** kcat -P reading `records` lines of SIZE-1 bytes from a pipe (no 4 GB input file); resolves with the wall time in ms. */
function kcatProduce(bootstrap: string, topic: string, records: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const kcat = spawn('kcat', ['-P', '-b', bootstrap, '-t', topic, '-X', 'acks=all'], {
      stdio: ['pipe', 'inherit', 'pipe'],
    });
    let stderr = '';
    kcat.stderr.on('data', (d) => (stderr += d));
    kcat.on('exit', (code) =>
      code === 0 && !/ERROR|failed/i.test(stderr)
        ? resolve(performance.now() - t0)
        : reject(new Error(`kcat exited ${code}: ${stderr}`)),
    );
    const line = Buffer.alloc(SIZE, 'x');
    line[SIZE - 1] = 0x0a;
    const perChunk = 4096;
    const chunk = Buffer.concat(Array.from({ length: perChunk }, () => line));
    let left = records;
    const write = () => {
      while (left > 0) {
        const n = Math.min(left, perChunk);
        left -= n;
        if (!kcat.stdin.write(n === perChunk ? chunk : chunk.subarray(0, n * SIZE)))
          return void kcat.stdin.once('drain', write);
      }
      kcat.stdin.end();
    };
    write();
  });
}

async function storedRecords(brokers: string[], topic: string): Promise<number> {
  const admin = new Kafka({ brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(topic)).reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
  } finally {
    await admin.disconnect();
  }
}

interface StorageFigures {
  ingestRecordsPerS: number;
  storedRssMb: number;
  storedPeakMb: number;
  restartMs: number;
  restartRssMb: number;
  readBack: number;
  diskMb: number;
}

function duSize(dir: string): number {
  const out = spawnSync('du', ['-sm', dir], { encoding: 'utf8' }).stdout;
  return Number(out.split(/\s/)[0]);
}

async function storage(root: string): Promise<StorageFigures> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-bench-data-'));
  const args = ['--brokers', '3', '--port', '0', '--data-dir', dataDir, '--topic', 'bench:3:3'];
  let p: SandboxProcess | null = null;
  try {
    p = await startSandboxProcess(args, root);
    const ms = await kcatProduce(p.brokers.join(','), 'bench', RECORDS);
    const stored = await storedRecords(p.brokers, 'bench');
    if (stored !== RECORDS) throw new Error(`stored ${stored} of ${RECORDS}`);
    await sleep(2000);
    const m = p.memory();
    await p.stop();
    p = null;
    const t0 = performance.now();
    p = await startSandboxProcess(args, root);
    const restartMs = performance.now() - t0;
    await sleep(1000);
    const restartRssMb = p.memory().rssMb;
    const readBack = await storedRecords(p.brokers, 'bench');
    return {
      ingestRecordsPerS: RECORDS / (ms / 1000),
      storedRssMb: m.rssMb,
      storedPeakMb: m.peakMb,
      restartMs,
      restartRssMb,
      readBack,
      diskMb: duSize(dataDir),
    };
  } finally {
    await p?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

interface FrameFigures {
  beforeMb: number;
  duringMb: number;
  afterMb: number;
}

async function partialFrames(root: string): Promise<FrameFigures> {
  const p = await startSandboxProcess(['--brokers', '1', '--port', '0', '--topic', 'orders:1:1'], root);
  const sockets: net.Socket[] = [];
  try {
    await sleep(1000);
    const beforeMb = p.memory().rssMb;
    const [host, port] = p.brokers[0].split(':');
    const prefix = Buffer.alloc(4);
    prefix.writeInt32BE(100 * MB);
    const body = Buffer.alloc(25 * MB, 0x41);
    for (let i = 0; i < 40; i++) {
      const s = net.connect(Number(port), host);
      s.on('error', () => {});
      await new Promise((r) => s.once('connect', r));
      s.write(prefix);
      s.write(body);
      sockets.push(s);
    }
    let duringMb = 0;
    for (let i = 0; i < 20; i++) {
      await sleep(250);
      duringMb = Math.max(duringMb, p.memory().rssMb);
    }
    for (const s of sockets) s.destroy();
    await sleep(10_000);
    return { beforeMb, duringMb, afterMb: p.memory().rssMb };
  } finally {
    for (const s of sockets) s.destroy();
    await p.stop();
  }
}

function row(what: string, now: number, base: number | null, unit: string, digits = 0): string {
  const ratio = base === null ? '' : `  ${(now / base).toFixed(3)}x`;
  return `  ${what.padEnd(34)} ${`${fmt(now, digits)} ${unit}`.padStart(18)}${base === null ? '' : `${`${fmt(base, digits)} ${unit}`.padStart(18)}${ratio}`}`;
}

const base = values['no-base'] ? null : baseTree(values.base);
try {
  const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
  console.log(
    `${os.cpus().length} cores, node ${process.version}; this tree ${head}${spawnSync('git', ['status', '--porcelain'], { cwd: ROOT, encoding: 'utf8' }).stdout ? ' (with uncommitted changes)' : ''}${base ? `, base ${base.commit}` : ''}`,
  );
  const header = `  ${''.padEnd(34)} ${'this tree'.padStart(18)}${base ? `${`base ${base.commit}`.padStart(18)}  ratio` : ''}`;
  if (values.only !== 'frames') {
    console.log(
      `\nstorage: kcat -P -X acks=all, ${fmt(RECORDS)} records of ${SIZE} bytes, 3 brokers with --data-dir, topic 3 partitions x RF 3`,
    );
    const now = await storage(ROOT);
    const old = base ? await storage(base.dir) : null;
    console.log(header);
    console.log(row('ingest', now.ingestRecordsPerS, old?.ingestRecordsPerS ?? null, 'records/s'));
    console.log(row('RSS with the records stored', now.storedRssMb, old?.storedRssMb ?? null, 'MB'));
    console.log(row('peak RSS while storing (VmHWM)', now.storedPeakMb, old?.storedPeakMb ?? null, 'MB'));
    console.log(row('restart: spawn to ready', now.restartMs / 1000, old ? old.restartMs / 1000 : null, 's', 2));
    console.log(row('RSS after the restart', now.restartRssMb, old?.restartRssMb ?? null, 'MB'));
    console.log(row('records read back after restart', now.readBack, old?.readBack ?? null, ''));
    console.log(row('data directory on disk', now.diskMb, old?.diskMb ?? null, 'MB'));
    console.log('  target: RSS < 500 MB with 4,000,000 records stored');
  }
  if (values.only !== 'storage') {
    console.log(
      '\npartial frames: 40 connections each send 25 MB of a declared 100 MB frame to a 1-broker sandbox, then close',
    );
    const now = await partialFrames(ROOT);
    const old = base ? await partialFrames(base.dir) : null;
    console.log(header);
    console.log(row('RSS before', now.beforeMb, old?.beforeMb ?? null, 'MB'));
    console.log(row('RSS during (peak of samples)', now.duringMb, old?.duringMb ?? null, 'MB'));
    console.log(row('RSS 10 s after they closed', now.afterMb, old?.afterMb ?? null, 'MB'));
    console.log('  target: < 200 MB after they close');
  }
} finally {
  base?.remove();
}
