import { formatSummaryLine, formatWindowLine } from '../../../electron/bench/perf-format';
import { describe, expect, it } from 'vitest';
import { percentiles, PerfStats } from '../../../electron/bench/perf-stats';
import { benchSummarySchema, benchWindowSchema, type BenchWindow } from '../../../shared/bench-types';

describe('PerfStats', () => {
  it('starts a run of more records than one array can hold in advance (it failed with "Invalid typed array length")', () => {
    const s = new PerfStats(0, { reportingIntervalMs: null, expectedRecords: 99_999_999_999 });
    for (let i = 0; i < 3; i++) s.record(i + 1, 100, 10);
    expect(s.summary(1000).records).toBe(3);
  });

  it('computes averages, max and percentiles over every record (hand-computed fixture)', () => {
    const s = new PerfStats(1000, { reportingIntervalMs: null });
    // latencies 10, 1, 9, 2, ..., out of order on purpose
    for (const l of [10, 1, 9, 2, 8, 3, 7, 4, 6, 5]) s.record(l, 100, 1500);
    const sum = s.summary(3000); // 10 records, 1,000 bytes in 2,000 ms
    expect(sum.records).toBe(10);
    expect(sum.avgLatencyMs).toBe(5.5);
    expect(sum.maxLatencyMs).toBe(10);
    // sorted 1..10; index floor(p·10): 5 → 6, 9 → 10, 9 → 10, 9 → 10
    expect([sum.p50, sum.p95, sum.p99, sum.p999]).toEqual([6, 10, 10, 10]);
    expect(sum.recordsPerSec).toBe(5);
    expect(sum.mbPerSec).toBeCloseTo(1000 / 2 / 1048576, 12);
    expect(sum.elapsedMs).toBe(2000);
  });

  it("keeps at most perf-test's sample of latencies however long the run, and its percentiles stay those of the run", () => {
    // 50,000,000 records kept every latency (200 MB, and as much again for the run's windows).
    const n = 5_000_000;
    const s = new PerfStats(0, { reportingIntervalMs: null, expectedRecords: n });
    // Latencies 1..1000 in turn, so the run's own percentiles are known exactly.
    for (let i = 0; i < n; i++) s.record((i % 1000) + 1, 1, 1);
    // perf-test: sampling = n / min(n, 500000) = 10, so 500,000 kept (its array has one more place).
    expect(s.keptLatencies).toBeLessThanOrEqual(500_001);
    expect(s.keptLatencies).toBeGreaterThanOrEqual(500_000);
    const sum = s.summary(1000);
    expect(sum.records).toBe(n);
    expect(sum.avgLatencyMs).toBe(500.5);
    expect(sum.maxLatencyMs).toBe(1000);
    // Every 10th record: latencies 1, 11, ..., 991, each 5,000 times: the true 500/950/990/999 within 10 ms.
    expect([sum.p50, sum.p95, sum.p99, sum.p999]).toEqual([501, 951, 991, 991]);
  });

  it('stays bounded when it is not told how many records will come (the run-wide windows) or more come than it was told', () => {
    const s = new PerfStats(0, { reportingIntervalMs: null, expectedRecords: 16 });
    // Latencies 1..999 in turn: an odd cycle, so a sample of every 2nd, 4th … record still sees each.
    for (let i = 0; i < 2_000_000; i++) s.record((i % 999) + 1, 1, 1);
    expect(s.keptLatencies).toBeLessThanOrEqual(500_001);
    const sum = s.summary(1000);
    expect(Math.abs(sum.p50! - 500)).toBeLessThanOrEqual(2);
    expect(Math.abs(sum.p99! - 989)).toBeLessThanOrEqual(2);
  });

  it('the percentile itself is over every latency given: a single slow record among 1,000,000 shows in the 99.9999th place', () => {
    const lat = new Int32Array(1_000_000).fill(1);
    lat[123_456] = 900;
    expect(percentiles(lat, [0.5, 0.999999])).toEqual([1, 900]);
  });

  it('percentiles of 1,000 records land on the exact ranks', () => {
    const lat = Int32Array.from({ length: 1000 }, (_, i) => 1000 - i); // 1000..1
    expect(percentiles(lat, [0.5, 0.95, 0.99, 0.999])).toEqual([501, 951, 991, 1000]);
  });

  it('counts failed records and keeps their first distinct errors, without mixing them into latencies', () => {
    const s = new PerfStats(0, { reportingIntervalMs: null });
    s.record(4, 10, 1);
    s.recordFailure('NOT_ENOUGH_REPLICAS', 2);
    s.recordFailure('NOT_ENOUGH_REPLICAS', 3);
    s.recordFailure('REQUEST_TIMED_OUT', 4);
    const sum = s.summary(1000);
    expect(sum.failed).toBe(3);
    expect(sum.records).toBe(1);
    expect(sum.avgLatencyMs).toBe(4);
    expect(s.errors).toEqual(['NOT_ENOUGH_REPLICAS', 'REQUEST_TIMED_OUT']);
  });

  it('closes a window when a record completes 5 s or more after it opened, as perf-test does', () => {
    const windows: number[] = [];
    const s = new PerfStats(0, { reportingIntervalMs: 5000, onWindow: (w) => windows.push(w.records) });
    for (let t = 0; t < 4999; t += 1) s.record(1, 1, t);
    expect(windows).toEqual([]);
    s.record(1, 1, 5000);
    expect(windows).toEqual([5000]);
    s.record(1, 1, 9999);
    expect(windows).toEqual([5000]);
    s.record(1, 1, 10_000);
    expect(windows).toEqual([5000, 2]);
    expect(s.windows[1].atMs).toBe(10_000);
  });

  it('reports no rate and no latency (null, not NaN, which JSON and the schema refuse, nor 0, which reads as measured) when nothing was acknowledged', () => {
    const stats = new PerfStats(0);
    stats.recordFailure('NOT_ENOUGH_REPLICAS (partition 0)', 70);
    const sum = stats.summary(70);
    expect(sum).toMatchObject({ records: 0, failed: 1, elapsedMs: 70 });
    expect([sum.p50, sum.p95, sum.p99, sum.p999, sum.avgLatencyMs, sum.maxLatencyMs]).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
    expect([sum.recordsPerSec, sum.mbPerSec]).toEqual([null, null]);
    expect(benchSummarySchema.safeParse(sum).success).toBe(true);
    // perf-test's own summary line still has a number in every place, for scripts that parse it.
    expect(formatSummaryLine(sum)).toBe(
      '0 records sent, 0.000000 records/sec (0.00 MB/sec), 0.00 ms avg latency, 0.00 ms max latency, 0 ms 50th, 0 ms 95th, 0 ms 99th, 0 ms 99.9th.',
    );
  });
});

describe('a window in which every record failed', () => {
  it("has no latency (null, kept by the history's schema), and perf-test's window line prints NaN there as Java does", () => {
    const windows: BenchWindow[] = [];
    const stats = new PerfStats(0, { reportingIntervalMs: 5000, onWindow: (w) => windows.push(w) });
    stats.recordFailure('NOT_ENOUGH_REPLICAS (partition 0)', 100);
    stats.recordFailure('NOT_ENOUGH_REPLICAS (partition 0)', 5100);
    expect(windows).toHaveLength(1);
    const [w] = JSON.parse(JSON.stringify(windows)) as BenchWindow[];
    expect(w).toMatchObject({ records: 0, avgLatencyMs: null, maxLatencyMs: null });
    expect(benchWindowSchema.safeParse(w).success).toBe(true);
    expect(formatWindowLine(w)).toBe(
      '0 records sent, 0.0 records/sec (0.00 MB/sec), NaN ms avg latency, 0.0 ms max latency.',
    );
  });
});
