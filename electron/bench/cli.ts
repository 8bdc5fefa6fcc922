// Headless benchmark: `npm run bench -- <kafka-producer-perf-test flags>`. Prints perf-test's
// window lines every 5 s and its summary line; exits non-zero when the run failed, any record
// failed, or it was interrupted. With --json the human lines go to stderr and stdout carries
// one JSON document.
import { clusterConfig } from '../cluster/cluster-config';
import { benchErrorText, type BenchParams } from '../../shared/bench-types';
import { formatError } from '../../shared/error-codes';
import { runBench } from './bench-runner';
import { parseCliArgs, USAGE, type CliOptions } from './cli-args';
import { formatFailureLine, formatSummaryLine } from './perf-format';
import { checkAgainstCluster, checkParams } from './perf-params';
import { readPayloadFile } from './payload';

export async function main(argv: string[]): Promise<number> {
  const parsed = parseCliArgs(argv);
  if (parsed.ok === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (!parsed.ok) {
    console.error(`error: ${parsed.message}\n${USAGE}`);
    return 2;
  }
  const o = parsed.options;
  const out = o.json ? (s: string) => console.error(s) : (s: string) => console.log(s);
  for (const k of o.ignoredProps)
    console.error(`warning: producer property ${k} has no kafkajs equivalent and is ignored`);

  let payloads: string[] | null = null;
  if (o.payloadFile) {
    const read = await readPayloadFile(o.payloadFile, o.payloadDelimiter);
    if (!read.ok) {
      console.error(
        `error: ${formatError({ code: 'bench.payloadFile', params: { path: o.payloadFile, detail: read.detail } })}`,
      );
      return 1;
    }
    payloads = read.entries;
  }
  const params = checkParams(toParams(o, payloads));
  if (!params.ok) {
    console.error(`error: ${formatError(params.error)}`);
    return 1;
  }
  const cluster = clusterConfig({ brokers: o.bootstrapServers, clientId: o.clientId });
  const target = await checkAgainstCluster(cluster, params.value);
  if (!target.ok) {
    console.error(`error: ${formatError(target.error)}`);
    return 1;
  }

  const abort = new AbortController();
  const onSignal = () => {
    console.error('interrupted: waiting for records already sent, then printing what was measured');
    abort.abort();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  if (o.acks === 0)
    out(
      'note: acks=0: the broker never answers, so latency is measured from the send call to the hand-off to the socket.',
    );

  let output;
  try {
    output = await runBench(
      { params: params.value, cluster, target: target.value, label: `acks=${o.acks === -1 ? 'all' : o.acks}` },
      { signal: abort.signal, onLine: out },
    );
  } catch (e) {
    console.error(`error: ${formatError({ code: 'bench.failed', params: { detail: (e as Error).message } })}`);
    return 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  const r = output.result;
  if (r.warmup) out(`warm-up (${o.warmupRecords} records, not in the summary below): ${formatSummaryLine(r.warmup)}`);
  out(formatSummaryLine(r.summary));
  const failures = formatFailureLine(r.summary.failed + (r.warmup?.failed ?? 0), r.errors.map(benchErrorText));
  if (failures) out(failures);
  if (o.printMetrics) {
    out("\nEngine metrics (kafkajs has no JMX metrics; these are the accumulator's own):");
    for (const [k, v] of Object.entries(output.metrics))
      out(`${k.padEnd(40)}: ${Number.isInteger(v) ? v : v.toFixed(3)}`);
  }
  if (o.json) console.log(JSON.stringify(o.printMetrics ? { ...r, metrics: output.metrics } : r));
  if (r.cancelled) return 130;
  return failures ? 1 : 0;
}

function toParams(o: CliOptions, payloads: string[] | null): BenchParams {
  return {
    topic: o.topic,
    numRecords: o.numRecords,
    recordSize: payloads ? null : o.recordSize,
    payloads,
    throughput: o.throughput,
    acks: o.acks,
    warmupRecords: o.warmupRecords,
    batchSize: o.batchSize,
    lingerMs: o.lingerMs,
    compression: o.compression,
  };
}

// Run when executed directly (tsx electron/bench/cli.ts), not when imported by tests.
const invoked = process.argv[1] ?? '';
if (/bench[\\/]cli\.(ts|js|mjs|cjs)$/.test(invoked)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
