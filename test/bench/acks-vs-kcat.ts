// Benchmark: the acks benchmark engine against kcat (librdkafka) on one sandbox cluster.
//  1. kcat -P -X acks=1 producing N records of exactly 1,000 bytes: records/s (wall clock,
//     including kcat's connect, as an operator would time it).
//  2. The engine, unthrottled, acks=1, the same N records of 1,000 bytes with librdkafka's
//     batching defaults (batch.size 1000000, linger.ms 5) so both clients batch alike.
//     Steps 1 and 2 alternate --runs times (other work on the machine moves single runs a lot);
//     the medians and their ratio are printed. Target: the engine >= 70% of kcat.
//     Then one engine run with Java's producer defaults (batch.size 16384, linger.ms 0), for reference.
//  3. The engine with --throughput 10000 (as in the seed's runs): target 9,900-10,100 records/s.
// The sandbox runs as its own process (the CLI), the engine in this one. Prints figures only.
//
//   npm run bench:acks -- [--records 100000] [--runs 3] [--throttled-records 100000]
//   npm run bench:acks -- --target kafka   (real Apache Kafka, beside kafka-producer-perf-test: acks-on-kafka.ts)
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { runBench } from '../../electron/bench/bench-runner';
import { formatSummaryLine } from '../../electron/bench/perf-format';
import { checkAgainstCluster } from '../../electron/bench/perf-params';
import type { BenchParams } from '../../shared/bench-types';
import { clusterConfig } from '../../electron/cluster/cluster-config';
import { writeRecords } from './record-file';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '100000' },
    'throttled-records': { type: 'string', default: '100000' },
    runs: { type: 'string', default: '3' },
    // kafka: the seed's benchmark on real Apache Kafka beside kafka-producer-perf-test and kcat (acks-on-kafka.ts).
    target: { type: 'string', default: 'sandbox' },
  },
});
const RECORDS = Number(values.records);
const THROTTLED = Number(values['throttled-records']);
const RUNS = Math.max(1, Number(values.runs));
const SIZE = 1000;
const ROOT = path.resolve(import.meta.dirname, '../..');

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
    readline.createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code} before it was ready`)));
  });
  if (!line.startsWith('ready ')) throw new Error(`unexpected first line from the sandbox: ${line}`);
  return { child, bootstrap: line.slice('ready '.length) };
}

function kcatProduce(bootstrap: string, topic: string, file: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn('kcat', ['-P', '-b', bootstrap, '-t', topic, '-X', 'acks=1', '-l', file], {
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => {
      const ms = performance.now() - t0;
      if (code !== 0 || /ERROR|failed/i.test(stderr)) reject(new Error(`kcat exited ${code}: ${stderr.slice(0, 500)}`));
      else resolve(ms);
    });
  });
}

async function engine(bootstrap: string, topic: string, patch: Partial<BenchParams>, onLine?: (l: string) => void) {
  const kafka = clusterConfig({ brokers: bootstrap.split(','), clientId: 'bench-acks' });
  const params: BenchParams = {
    topic,
    numRecords: RECORDS,
    recordSize: SIZE,
    payloads: null,
    throughput: -1,
    acks: 1,
    warmupRecords: 0,
    batchSize: null,
    lingerMs: null,
    compression: 'none',
    ...patch,
  };
  const target = await checkAgainstCluster(kafka, params);
  if (!target.ok) throw new Error(`engine refused: ${JSON.stringify(target.error)}`);
  const { result } = await runBench(
    { params, cluster: kafka, target: target.value, label: `acks=${params.acks}` },
    { onLine },
  );
  if (result.summary.failed) throw new Error(`${result.summary.failed} records failed: ${result.errors.join('; ')}`);
  // Every record acknowledged (checked above), so the rate is there.
  return { ...result.summary, recordsPerSec: result.summary.recordsPerSec ?? 0 };
}

async function main(): Promise<void> {
  const hasKcat = spawnSync('kcat', ['-V']).status === 0;
  const { child, bootstrap } = await startSandbox([
    'kcat-acks1',
    'engine-java-defaults',
    'engine-rdkafka-defaults',
    'engine-throttled',
  ]);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'acks-vs-kcat-')), 'records.txt');
  try {
    console.log(`sandbox: 3 brokers, topics 3 partitions / replication 3, at ${bootstrap}`);
    console.log(
      `node ${process.version}, ${os.cpus().length} cores; ${RECORDS} records of ${SIZE} bytes, acks=1, unthrottled\n`,
    );

    if (hasKcat) writeRecords(file, RECORDS, SIZE);
    else console.log('kcat is not installed: no comparison (apt-get install -y kcat)');
    const kcatRuns: number[] = [];
    const engineRuns: number[] = [];
    for (let run = 1; run <= RUNS; run++) {
      let line = `run ${run}/${RUNS}:`;
      if (hasKcat) {
        const ms = await kcatProduce(bootstrap, 'kcat-acks1', file);
        kcatRuns.push((RECORDS * 1000) / ms);
        line += ` kcat ${kcatRuns[kcatRuns.length - 1].toFixed(0)} records/s (${ms.toFixed(0)} ms wall clock);`;
      }
      const rd = await engine(bootstrap, 'engine-rdkafka-defaults', { batchSize: 1_000_000, lingerMs: 5 });
      engineRuns.push(rd.recordsPerSec);
      console.log(`${line} engine ${rd.recordsPerSec.toFixed(0)} records/s`);
      console.log(`  ${formatSummaryLine(rd)}`);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const engineMedian = median(engineRuns);
    console.log('');
    if (hasKcat)
      console.log(
        `kcat -P -X acks=1, median of ${RUNS}:                     ${median(kcatRuns).toFixed(0).padStart(7)} records/s`,
      );
    console.log(
      `engine, batch.size 1000000 linger.ms 5, median of ${RUNS}: ${engineMedian.toFixed(0).padStart(7)} records/s` +
        (hasKcat ? ` = ${((100 * engineMedian) / median(kcatRuns)).toFixed(0)}% of kcat (target >= 70%)` : ''),
    );
    const java = await engine(bootstrap, 'engine-java-defaults', {});
    console.log(
      `engine, batch.size 16384 linger.ms 0 (Java defaults):      ${java.recordsPerSec.toFixed(0).padStart(7)} records/s`,
    );

    console.log(
      `\nengine --throughput 10000, ${THROTTLED} records of ${SIZE} bytes, acks=1 (target 9,900-10,100 records/s):`,
    );
    const throttled = await engineThrottled(bootstrap, THROTTLED);
    console.log(`  ${formatSummaryLine(throttled)}`);
  } finally {
    child.kill('SIGTERM');
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

async function engineThrottled(bootstrap: string, records: number) {
  const kafka = clusterConfig({ brokers: bootstrap.split(','), clientId: 'bench-acks' });
  const params: BenchParams = {
    topic: 'engine-throttled',
    numRecords: records,
    recordSize: SIZE,
    payloads: null,
    throughput: 10_000,
    acks: 1,
    warmupRecords: 0,
    batchSize: null,
    lingerMs: null,
    compression: 'none',
  };
  const target = await checkAgainstCluster(kafka, params);
  if (!target.ok) throw new Error(`engine refused: ${JSON.stringify(target.error)}`);
  const { result } = await runBench(
    { params, cluster: kafka, target: target.value, label: 'throttled' },
    { onLine: (l) => console.log(`  ${l}`) },
  );
  return result.summary;
}

if (values.target === 'kafka') await import('./acks-on-kafka');
else if (values.target !== 'sandbox') {
  console.error(`--target must be sandbox or kafka, got "${values.target}"`);
  process.exit(2);
} else
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
