// What the throughput chart draws, from the runs' own figures: perf-test's 5-second windows for
// a finished run, plus the tail after its last full window, so the line covers the whole run and
// the axis ends where the run ended; while a run goes on, the rate over the last few seconds of
// acknowledgements (a per-tick rate jumps when a burst of acks lands together, which once drew a
// throttled run at three times its cap).
import type { BenchRunResult } from '../../shared/bench-types';
import type { Lang } from '../../shared/error-codes';
import { formatNumber } from '../outbox/format';

/**
 * A latency axis tick: one format for every tick, the app's number formatting and a space
 * that never breaks. Recharts' own `unit` with its word wrapping gave "1000ms" and "1200ms" at
 * the top, "900 ms" below, and "6000 ms" over two lines.
 */
export function latencyTick(ms: number, lang: Lang): string {
  return `${formatNumber(ms, lang)}\u00a0ms`;
}

/**
 * A throughput figure (an axis tick, a tooltip, the chart's summary): the app's number
 * formatting, as the latency axis has; recharts' default printed "12345" beside "1,234 ms".
 */
export function throughputTick(recordsPerSec: number, lang: Lang): string {
  return formatNumber(Math.round(recordsPerSec), lang);
}

/** One throughput sample for the live chart. */
export interface ThroughputPoint {
  label: string;
  atS: number;
  recordsPerSec: number;
}

/** The live rate is measured over this trailing span (perf-test's window length). */
export const LIVE_SPAN_MS = 5_000;

/** A tail after the last window shorter than this is counted in that window, not drawn on its own. */
const TAIL_FOLD_MS = 1_000;

/** A run's throughput as steps: [start, end] of each window with its rate, the tail included. */
export function runSteps(r: BenchRunResult): Array<{ fromS: number; toS: number; recordsPerSec: number }> {
  const steps: Array<{ fromS: number; toS: number; recordsPerSec: number }> = [];
  let fromMs = 0;
  let counted = 0;
  for (const w of r.windows) {
    steps.push({ fromS: fromMs / 1000, toS: w.atMs / 1000, recordsPerSec: w.recordsPerSec });
    fromMs = w.atMs;
    counted += w.records;
  }
  const tailRecords = r.summary.records - counted;
  const tailMs = r.summary.elapsedMs - fromMs;
  const last = r.windows.at(-1);
  if (last && tailMs < TAIL_FOLD_MS) {
    // A tail this short has no rate worth drawing (4 records in 1 ms read 4,000/s after a
    // window of 11,481): it joins the last window, which then ends where the run ended.
    const lastFromMs = r.windows.at(-2)?.atMs ?? 0;
    steps[steps.length - 1] = {
      fromS: lastFromMs / 1000,
      toS: r.summary.elapsedMs / 1000,
      recordsPerSec: (1000 * (last.records + tailRecords)) / (r.summary.elapsedMs - lastFromMs),
    };
  } else if (tailRecords > 0 && tailMs > 0)
    steps.push({ fromS: fromMs / 1000, toS: r.summary.elapsedMs / 1000, recordsPerSec: (1000 * tailRecords) / tailMs });
  return steps;
}

export interface ThroughputChart {
  data: Array<Record<string, number>>;
  /** The x axis ends here: the end of the longest run (or the latest live sample). */
  endS: number;
  /** The throttle every run shared, records/s; null when unthrottled or they differ. */
  capRecordsPerSec: number | null;
}

export function throughputChart(results: BenchRunResult[], samples: ThroughputPoint[]): ThroughputChart {
  const points = new Map<number, Record<string, number>>();
  const add = (atS: number, label: string, value: number) => {
    const key = Math.round(atS * 100) / 100;
    points.set(key, { ...(points.get(key) ?? { atS: key }), [label]: Math.round(value) });
  };
  let endS = 0;
  const finished = new Set<string>();
  for (const r of results) {
    finished.add(r.label);
    // Each step's start, and the last one's end: the chart draws steps (stepAfter), flat over
    // each window as the figure is its average. Both ends of every step shared a key with the
    // next step's start, which took its place, so each window was drawn as a slope to the next.
    const steps = runSteps(r);
    for (const s of steps) add(s.fromS, r.label, s.recordsPerSec);
    const last = steps.at(-1);
    if (last) add(last.toS, r.label, last.recordsPerSec);
    endS = Math.max(endS, r.summary.elapsedMs / 1000);
  }
  for (const s of samples) {
    if (finished.has(s.label)) continue;
    add(s.atS, s.label, s.recordsPerSec);
    endS = Math.max(endS, s.atS);
  }
  const caps = new Set(results.map((r) => r.params.throughput));
  const cap = caps.size === 1 ? [...caps][0] : null;
  return {
    data: [...points.values()].sort((a, b) => a.atS - b.atS),
    endS,
    capRecordsPerSec: cap !== null && cap > 0 ? cap : null,
  };
}

/** Acknowledged counts as they arrive, per run: the live rate over the trailing LIVE_SPAN_MS. */
export class LiveRate {
  private readonly seen = new Map<string, Array<{ t: number; acked: number }>>();
  private readonly startedAt = new Map<string, number>();

  /** A progress event at `nowMs`; returns a sample once a run has at least a quarter second of history. */
  add(label: string, acked: number, nowMs: number): ThroughputPoint | null {
    const list = this.seen.get(label) ?? [];
    if (!this.startedAt.has(label)) this.startedAt.set(label, nowMs);
    list.push({ t: nowMs, acked });
    while (list.length > 2 && nowMs - list[1].t >= LIVE_SPAN_MS) list.shift();
    this.seen.set(label, list);
    const first = list[0];
    if (nowMs - first.t < 250) return null;
    return {
      label,
      atS: (nowMs - this.startedAt.get(label)!) / 1000,
      recordsPerSec: ((acked - first.acked) * 1000) / (nowMs - first.t),
    };
  }

  reset(): void {
    this.seen.clear();
    this.startedAt.clear();
  }
}
