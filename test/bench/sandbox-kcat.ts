// Benchmark: kcat (librdkafka) producing 200,000 records of 1,000 bytes with acks=all into an
// in-memory 3-broker sandbox (topic 3 partitions, replication factor 3). The sandbox runs as
// its own process through the CLI, so its peak RSS (VmHWM) is its own.
// Prints figures; asserts nothing. Targets on a 2-core machine: >= 50,000 records/s, < 500 MB RSS.
//
//   npm run bench:sandbox -- [--records 200000] [--size 1000] [--runs 1] [--warmup 0]
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '200000' },
    size: { type: 'string', default: '1000' },
    runs: { type: 'string', default: '1' },
    warmup: { type: 'string', default: '0' },
  },
});
const RECORDS = Number(values.records);
const SIZE = Number(values.size);
const RUNS = Number(values.runs);
const WARMUP = Number(values.warmup);

if (spawnSync('kcat', ['-V']).status !== 0) {
  console.log('kcat is not installed; nothing to measure (apt-get install -y kcat)');
  process.exit(0);
}

const ROOT = path.resolve(import.meta.dirname, '../..');

function procStatus(pid: number): { rssMb: number; hwmMb: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
}

async function startSandbox(topics: string[]): Promise<{ child: ChildProcess; bootstrap: string }> {
  const args = [
    '--import',
    'tsx',
    'electron/sandbox/cli.ts',
    '--brokers',
    '3',
    '--port',
    '0',
    ...topics.flatMap((t) => ['--topic', `${t}:3:3`]),
  ];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    const rl = readline.createInterface({ input: child.stdout! });
    rl.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code} before it was ready`)));
  });
  if (!line.startsWith('ready ')) throw new Error(`unexpected first line: ${line}`);
  return { child, bootstrap: line.slice('ready '.length) };
}

function writeInput(file: string, records: number, size: number): void {
  // size-1 printable bytes + newline per record; kcat sends each line as one record value
  const line = Buffer.alloc(size, 'x');
  line[size - 1] = 0x0a;
  const perChunk = Math.max(1, Math.floor((4 * 1024 * 1024) / size));
  const chunk = Buffer.concat(Array.from({ length: perChunk }, () => line));
  const fd = fs.openSync(file, 'w');
  let left = records;
  while (left > 0) {
    const n = Math.min(left, perChunk);
    fs.writeSync(fd, chunk, 0, n * size);
    left -= n;
  }
  fs.closeSync(fd);
}

function kcatProduce(bootstrap: string, topic: string, file: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn('kcat', ['-P', '-b', bootstrap, '-t', topic, '-X', 'acks=all', '-l', file], {
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => {
      const ms = performance.now() - t0;
      if (code !== 0 || /ERROR|failed/i.test(stderr)) reject(new Error(`kcat exited ${code}: ${stderr}`));
      else resolve(ms);
    });
  });
}

async function storedRecords(bootstrap: string, topic: string): Promise<number> {
  const admin = new Kafka({ brokers: bootstrap.split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((n, p) => n + Number(p.high), 0);
  } finally {
    await admin.disconnect();
  }
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-bench-'));
const input = path.join(dir, 'records.txt');
const warmInput = path.join(dir, 'warmup.txt');
writeInput(input, RECORDS, SIZE);
if (WARMUP > 0) writeInput(warmInput, WARMUP, SIZE);
const topics = [...(WARMUP > 0 ? ['warmup'] : []), ...Array.from({ length: RUNS }, (_, i) => `bench-${i + 1}`)];
const { child, bootstrap } = await startSandbox(topics);
const mb = (RECORDS * SIZE) / 1e6;
console.log(`sandbox pid ${child.pid} at ${bootstrap}; ${os.cpus().length} cores, node ${process.version}`);
console.log(
  `command: kcat -P -b <bootstrap> -t <topic> -X acks=all -l <file of ${RECORDS} lines of ${SIZE - 1} chars + newline>`,
);
try {
  if (WARMUP > 0) {
    const ms = await kcatProduce(bootstrap, 'warmup', warmInput);
    console.log(`warm-up: ${WARMUP} records in ${(ms / 1000).toFixed(2)} s`);
  }
  for (let run = 1; run <= RUNS; run++) {
    const topic = `bench-${run}`;
    const ms = await kcatProduce(bootstrap, topic, input);
    const stored = await storedRecords(bootstrap, topic);
    const mem = procStatus(child.pid!);
    console.log(
      `run ${run}: ${RECORDS} records (${mb.toFixed(0)} MB) in ${(ms / 1000).toFixed(2)} s = ` +
        `${Math.round(RECORDS / (ms / 1000)).toLocaleString('en-US')} records/s, ${(mb / (ms / 1000)).toFixed(1)} MB/s; ` +
        `stored ${stored}${stored === RECORDS ? '' : ' (MISMATCH)'}; sandbox RSS ${mem.rssMb.toFixed(0)} MB, peak RSS (VmHWM) ${mem.hwmMb.toFixed(0)} MB`,
    );
  }
  console.log('targets: >= 50,000 records/s, < 500 MB peak RSS');
} finally {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  fs.rmSync(dir, { recursive: true, force: true });
}
