// `npm run bench:acks -- --target kafka`: the seed's own benchmark, on a real 3-node Apache
// Kafka cluster (tools/apache-kafka), side by side with the seed's own tool. One run after
// another, each on a topic of its own (3 partitions, replication factor 3):
//   1. the seed's exact command, 100,000 records of 1,000 bytes at --throughput 10000, acks 0,
//      1 and all, with Apache Kafka's kafka-producer-perf-test (org.apache.kafka.tools.
//      ProducerPerformance from the resolved jars, -Xmx512M as its script sets) and with our
//      `npm run bench`, same flags;
//   2. unthrottled, 200,000 records of 1,000 bytes, acks 1 and all, with the same two and kcat,
//      all three with batch.size 1000000 and linger.ms 5 (librdkafka's defaults).
// Prints the commands, each tool's own summary, then one table (test/bench/perf-table.ts).
// kcat reports no latencies; its records/s is from its wall clock (start-up included).
//
//   npm run bench:acks -- --target kafka [--throttled-records 100000] [--records 200000]
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveKafkaJars } from '../../tools/apache-kafka/resolve-jars';
import { startApacheKafka } from '../../tools/apache-kafka/kafka-cluster';
import { formatTable, parseSummary, type PerfRow, type Tool } from './perf-table';
import { writeRecords } from './record-file';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SIZE = 1000;
const BATCHING = { 'batch.size': '1000000', 'linger.ms': '5' };

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

const children = new Set<ReturnType<typeof spawn>>();

function run(cmd: string, args: string[]): Promise<Ran> {
  console.log(`$ ${[cmd, ...args].map((a) => (/[\s*']/.test(a) ? `'${a}'` : a)).join(' ')}`);
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      children.delete(child);
      resolve({ code, stdout, stderr, ms: performance.now() - t0 });
    });
  });
}

function props(bootstrap: string, acks: string, batching: boolean): string[] {
  return [
    `bootstrap.servers=${bootstrap}`,
    `acks=${acks}`,
    ...(batching ? Object.entries(BATCHING).map(([k, v]) => `${k}=${v}`) : []),
  ];
}

function perfFlags(topic: string, records: number, throughput: number, producerProps: string[]): string[] {
  return [
    '--topic',
    topic,
    '--num-records',
    String(records),
    '--record-size',
    String(SIZE),
    '--throughput',
    String(throughput),
    '--producer-props',
    ...producerProps,
  ];
}

/** The summary line with its figures; errors from the tool's own failure reports. */
function rowFrom(r: Ran, phase: string, acks: string, tool: Tool, errors: number): PerfRow {
  const summaryLine = r.stdout.split('\n').find((l) => / ms 99\.9th\.$/.test(l));
  if (r.code !== 0 && !summaryLine)
    throw new Error(`${tool} exited ${r.code}:\n${r.stdout.slice(-1500)}\n${r.stderr.slice(-1500)}`);
  console.log(`  ${summaryLine}`);
  return { phase, acks, tool, errors, ...parseSummary(r.stdout) };
}

async function main(): Promise<void> {
  const { values } = await import('node:util').then((u) =>
    u.parseArgs({
      options: {
        target: { type: 'string', default: 'kafka' },
        'throttled-records': { type: 'string', default: '100000' },
        records: { type: 'string', default: '200000' },
      },
    }),
  );
  const throttledRecords = Number(values['throttled-records']);
  const records = Number(values.records);
  const hasKcat = spawnSync('kcat', ['-V']).status === 0;
  const jars = await resolveKafkaJars({ log: (l) => console.error(l) });
  const java = ['-Xmx512M', '-cp', `${jars.libDir}/*`, 'org.apache.kafka.tools.ProducerPerformance'];

  const throttled = ['0', '1', 'all'].flatMap((acks) =>
    (['perf-test', 'ours'] as const).map((tool) => ({ phase: 'throttled 10,000/s', acks, tool, n: throttledRecords })),
  );
  const unthrottled = ['1', 'all'].flatMap((acks) =>
    (['perf-test', 'ours', ...(hasKcat ? (['kcat'] as const) : [])] as const).map((tool) => ({
      phase: 'unthrottled',
      acks,
      tool,
      n: records,
    })),
  );
  const runs = [...throttled, ...unthrottled].map((r, i) => ({
    ...r,
    topic: `bench-${i}-${r.tool}-acks${r.acks}`,
  }));

  const cluster = await startApacheKafka({
    nodes: 3,
    port: 0,
    topics: runs.map((r) => ({ name: r.topic, partitions: 3, replicationFactor: 3 })),
    log: (level, line) => (level === 'warn' ? console.error(`[kafka] ${line}`) : undefined),
  });
  const stop = () => {
    for (const c of children) c.kill('SIGKILL');
    void cluster.close().then(() => process.exit(130));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const bootstrap = cluster.bootstrapServers.join(',');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acks-on-kafka-'));
  const file = path.join(dir, 'records.txt');
  const rows: PerfRow[] = [];
  try {
    console.log(
      `Apache Kafka ${cluster.version}, 3 nodes (KRaft, combined), at ${bootstrap}; topics 3 partitions, replication factor 3, min.insync.replicas 2`,
    );
    console.log(`node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)}\n`);
    if (hasKcat) writeRecords(file, records, SIZE);
    else console.log('kcat is not installed: no kcat rows (apt-get install -y kcat)');

    for (const r of runs) {
      const throughput = r.phase === 'unthrottled' ? -1 : 10_000;
      const batching = r.phase === 'unthrottled';
      console.log(`\n${r.phase}, acks=${r.acks}, ${r.tool}:`);
      if (r.tool === 'perf-test') {
        const out = await run('java', [
          ...java,
          ...perfFlags(r.topic, r.n, throughput, props(bootstrap, r.acks, batching)),
        ]);
        const errors = out.stderr.split('\n').filter((l) => /^\S+Exception\b/.test(l)).length;
        rows.push(rowFrom(out, r.phase, r.acks, r.tool, errors));
      } else if (r.tool === 'ours') {
        const out = await run(process.execPath, [
          '--import',
          'tsx',
          'electron/bench/cli.ts',
          ...perfFlags(r.topic, r.n, throughput, props(bootstrap, r.acks, batching)),
        ]);
        const failed = /^(\d+) records failed/m.exec(out.stdout + out.stderr);
        rows.push(rowFrom(out, r.phase, r.acks, r.tool, failed ? Number(failed[1]) : 0));
      } else {
        const out = await run('kcat', [
          '-P',
          '-b',
          bootstrap,
          '-t',
          r.topic,
          '-X',
          `acks=${r.acks}`,
          ...Object.entries(BATCHING).flatMap(([k, v]) => ['-X', `${k}=${v}`]),
          '-l',
          file,
        ]);
        const errors = out.stderr.split('\n').filter((l) => /Delivery failed|% ERROR/.test(l)).length;
        if (out.code !== 0 && errors === 0) throw new Error(`kcat exited ${out.code}: ${out.stderr.slice(-1500)}`);
        const perSec = (r.n * 1000) / out.ms;
        console.log(`  ${r.n} records in ${out.ms.toFixed(0)} ms (wall clock)`);
        rows.push({
          phase: r.phase,
          acks: r.acks,
          tool: 'kcat',
          records: r.n,
          recordsPerSec: perSec,
          mbPerSec: (perSec * SIZE) / (1024 * 1024),
          avgMs: null,
          p50: null,
          p95: null,
          p99: null,
          p999: null,
          maxMs: null,
          errors,
        });
      }
    }
    console.log('\n' + formatTable(rows));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await cluster.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
