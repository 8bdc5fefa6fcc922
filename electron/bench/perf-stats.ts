// Statistics as kafka-producer-perf-test keeps them: percentiles over a sample of the latencies,
// every `sampling`-th acknowledged record with sampling = n / min(n, 500000), so memory stays
// bounded however many records a run sends (every latency was kept, 200 MB for 50,000,000
// records). One deliberate difference: failed records are counted and their first errors kept
// (perf-test only prints a stack trace).
import { benchErrorText, type BenchError, type BenchSummary, type BenchWindow } from '../../shared/bench-types';

const MB = 1024 * 1024;
const KEEP_ERRORS = 10;
/** perf-test's bound on the latency sample. */
const SAMPLE_TARGET = 500_000;

export interface PerfStatsOptions {
  /** Emit a window every this many ms (perf-test: 5000); null = no windows. */
  reportingIntervalMs: number | null;
  onWindow?: (w: BenchWindow) => void;
  /** Expected record count, which sets the sampling as perf-test's does. */
  expectedRecords?: number;
}

export class PerfStats {
  private count = 0;
  private failedCount = 0;
  private bytes = 0;
  private totalLatency = 0;
  private maxLatency = 0;
  private latencies: Int32Array;
  private kept = 0;
  private sampling: number;
  /** Sampled latencies never exceed this; reaching it halves the sample (a longer run than expected). */
  private readonly capacity: number;
  private windowStart: number;
  private windowCount = 0;
  private windowBytes = 0;
  private windowTotalLatency = 0;
  private windowMaxLatency = 0;
  readonly windows: BenchWindow[] = [];
  readonly errors: BenchError[] = [];

  constructor(
    readonly startMs: number,
    private readonly opts: PerfStatsOptions = { reportingIntervalMs: null },
  ) {
    this.windowStart = startMs;
    const n = Math.max(1, Math.floor(opts.expectedRecords ?? 1));
    this.sampling = Math.floor(n / Math.min(n, SAMPLE_TARGET));
    // At most 1,000,000 (n just under 2 × 500,000): 4 MB, as perf-test's array.
    this.capacity = Math.max(SAMPLE_TARGET, Math.floor(n / this.sampling) + 1);
    this.latencies = new Int32Array(Math.min(this.capacity, Math.max(16, n + 1)));
  }

  /** How many latencies the percentiles are taken over. */
  get keptLatencies(): number {
    return this.kept;
  }

  get records(): number {
    return this.count;
  }
  get failed(): number {
    return this.failedCount;
  }

  /** One acknowledged record: latency in whole ms (as perf-test), its value size, and now. */
  record(latencyMs: number, bytes: number, nowMs: number): void {
    if (this.count % this.sampling === 0) this.keep(latencyMs);
    this.count++;
    this.bytes += bytes;
    this.totalLatency += latencyMs;
    this.maxLatency = Math.max(this.maxLatency, latencyMs);
    this.windowCount++;
    this.windowBytes += bytes;
    this.windowTotalLatency += latencyMs;
    this.windowMaxLatency = Math.max(this.windowMaxLatency, latencyMs);
    this.maybeCloseWindow(nowMs);
  }

  private keep(latencyMs: number): void {
    if (this.kept === this.latencies.length) {
      if (this.kept < this.capacity) {
        const grown = new Int32Array(Math.min(this.capacity, this.kept * 2));
        grown.set(this.latencies);
        this.latencies = grown;
      } else {
        // Keep every other sample and sample half as often: still every `sampling`-th record.
        for (let i = 0; 2 * i < this.kept; i++) this.latencies[i] = this.latencies[2 * i];
        this.kept = Math.ceil(this.kept / 2);
        this.sampling *= 2;
        if (this.count % this.sampling !== 0) return;
      }
    }
    this.latencies[this.kept++] = latencyMs;
  }

  recordFailure(error: BenchError, nowMs: number): void {
    this.failedCount++;
    const text = benchErrorText(error);
    if (this.errors.length < KEEP_ERRORS && !this.errors.some((e) => benchErrorText(e) === text))
      this.errors.push(error);
    this.maybeCloseWindow(nowMs);
  }

  /** perf-test closes a window when a record completes 5 s or more after the window opened. */
  private maybeCloseWindow(nowMs: number): void {
    const interval = this.opts.reportingIntervalMs;
    if (interval === null || nowMs - this.windowStart < interval) return;
    const elapsed = nowMs - this.windowStart;
    const w: BenchWindow = {
      atMs: nowMs - this.startMs,
      records: this.windowCount,
      recordsPerSec: (1000 * this.windowCount) / elapsed,
      mbPerSec: (1000 * this.windowBytes) / elapsed / MB,
      // A window of failures only has no latency: NaN here became null in the history's JSON,
      // which its schema refused, and the whole history was set aside as damaged.
      avgLatencyMs: this.windowCount ? this.windowTotalLatency / this.windowCount : null,
      maxLatencyMs: this.windowCount ? this.windowMaxLatency : null,
    };
    this.windows.push(w);
    this.opts.onWindow?.(w);
    this.windowStart = nowMs;
    this.windowCount = 0;
    this.windowBytes = 0;
    this.windowTotalLatency = 0;
    this.windowMaxLatency = 0;
  }

  summary(nowMs: number): BenchSummary {
    // perf-test would print NaN / Infinity here; results stay JSON and the schema's (a figure
    // the run does not have is null, below, never NaN).
    const elapsed = Math.max(1, nowMs - this.startMs);
    const [p50, p95, p99, p999] = percentiles(this.latencies.subarray(0, this.kept), [0.5, 0.95, 0.99, 0.999]);
    // Nothing acknowledged: no figure to give, and a 0 would read as measured.
    const some = this.count > 0;
    return {
      records: this.count,
      failed: this.failedCount,
      recordsPerSec: some ? (1000 * this.count) / elapsed : null,
      mbPerSec: some ? (1000 * this.bytes) / elapsed / MB : null,
      avgLatencyMs: some ? this.totalLatency / this.count : null,
      maxLatencyMs: some ? this.maxLatency : null,
      p50: some ? p50 : null,
      p95: some ? p95 : null,
      p99: some ? p99 : null,
      p999: some ? p999 : null,
      elapsedMs: nowMs - this.startMs,
    };
  }
}

/** perf-test's percentile: sort, then the value at index floor(p × n). Zero when nothing was recorded. */
export function percentiles(latencies: Int32Array, ps: number[]): number[] {
  if (latencies.length === 0) return ps.map(() => 0);
  const sorted = Int32Array.from(latencies).sort();
  return ps.map((p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]);
}
