// The side-by-side table of `npm run bench:acks -- --target kafka`: one row per run of
// kafka-producer-perf-test, our `npm run bench` or kcat, read from their own output.
// perf-test and ours print the same summary line (electron/bench/perf-format.ts copies it), so
// one parser reads both; kcat prints no latencies, so its row has records/s from the wall clock.

export type Tool = 'perf-test' | 'ours' | 'kcat';

export interface PerfRow {
  phase: string;
  acks: string;
  tool: Tool;
  records: number;
  recordsPerSec: number;
  mbPerSec: number;
  /** ms; null where the tool reports none (kcat). */
  avgMs: number | null;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  p999: number | null;
  maxMs: number | null;
  errors: number;
}

const SUMMARY =
  /^(\d+) records sent, ([\d.]+) records\/sec \(([\d.]+) MB\/sec\), ([\d.]+) ms avg latency, ([\d.]+) ms max latency, (\d+) ms 50th, (\d+) ms 95th, (\d+) ms 99th, (\d+) ms 99\.9th\.$/m;

/** Figures of perf-test's (and our) summary line, or an error naming what was missing. */
export function parseSummary(output: string): Omit<PerfRow, 'phase' | 'acks' | 'tool' | 'errors'> {
  const m = SUMMARY.exec(output);
  if (!m) throw new Error(`no kafka-producer-perf-test summary line in the output:\n${output.slice(-2000)}`);
  const n = m.slice(1).map(Number);
  return {
    records: n[0],
    recordsPerSec: n[1],
    mbPerSec: n[2],
    avgMs: n[3],
    maxMs: n[4],
    p50: n[5],
    p95: n[6],
    p99: n[7],
    p999: n[8],
  };
}

const fixed = (x: number | null, digits: number) => (x === null ? 'n/a' : x.toFixed(digits));
const ratio = (a: number, b: number | undefined) => (b ? `${(a / b).toFixed(2)}x` : '');

/**
 * A Markdown table: every row, and for ours its records/s (and p99) as a ratio of perf-test's
 * and kcat's in the same phase and acks.
 */
export function formatTable(rows: PerfRow[]): string {
  const head = [
    'Phase',
    'acks',
    'Tool',
    'records/s',
    'MB/s',
    'avg ms',
    'p50',
    'p95',
    'p99',
    'p99.9',
    'max ms',
    'errors',
    'ours / perf-test (records/s, p99)',
    'ours / kcat (records/s)',
  ];
  const lines = [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`];
  for (const r of rows) {
    const peer = (tool: Tool) => rows.find((x) => x.phase === r.phase && x.acks === r.acks && x.tool === tool);
    const perf = peer('perf-test');
    const kcat = peer('kcat');
    const vsPerf =
      r.tool === 'ours' && perf
        ? `${ratio(r.recordsPerSec, perf.recordsPerSec)}, ${r.p99 !== null && perf.p99 ? ratio(r.p99, perf.p99) : 'n/a'}`
        : '';
    const vsKcat = r.tool === 'ours' && kcat ? ratio(r.recordsPerSec, kcat.recordsPerSec) : '';
    lines.push(
      `| ${[
        r.phase,
        r.acks,
        r.tool,
        r.recordsPerSec.toFixed(0),
        r.mbPerSec.toFixed(2),
        fixed(r.avgMs, 1),
        fixed(r.p50, 0),
        fixed(r.p95, 0),
        fixed(r.p99, 0),
        fixed(r.p999, 0),
        fixed(r.maxMs, 0),
        String(r.errors),
        vsPerf,
        vsKcat,
      ].join(' | ')} |`,
    );
  }
  return lines.join('\n');
}
