// The throughput chart draws what the runs measured: windows as flat steps, the tail after the
// last window so the line and the axis reach the end of the run, the shared cap as a line, and
// a live rate that a burst of acknowledgements cannot push to several times the cap.
import { describe, expect, it } from 'vitest';
import {
  LiveRate,
  latencyTick,
  runSteps,
  throughputChart,
  throughputTick,
} from '../../../renderer/diagnostics/bench-chart-data';
import type { BenchRunResult } from '../../../shared/bench-types';

const summary = { failed: 0, mbPerSec: 1, avgLatencyMs: 2, maxLatencyMs: 9, p50: 1, p95: 3, p99: 5, p999: 8 };
const run = (label: string, throughput: number, windows: Array<[number, number]>, records: number, elapsedMs: number) =>
  ({
    runId: label,
    label,
    startedAt: '2026-12-02T17:00:00.000Z',
    params: {
      topic: 't',
      numRecords: records,
      recordSize: 100,
      payloads: null,
      throughput,
      acks: 1,
      warmupRecords: 0,
      batchSize: null,
      lingerMs: null,
      compression: 'none',
    },
    summary: { ...summary, records, recordsPerSec: (records * 1000) / elapsedMs, elapsedMs },
    warmup: null,
    windows: windows.map(([atMs, n]) => ({
      atMs,
      records: n,
      recordsPerSec: (n * 1000) / 5000,
      mbPerSec: 0,
      avgLatencyMs: 1,
      maxLatencyMs: 2,
    })),
    cancelled: false,
    errors: [],
    failure: null,
    latencyNote: null,
  }) as BenchRunResult;

describe('the throughput chart', () => {
  it('draws each window as a step and adds the tail, so the run is covered to its end', () => {
    const r = run(
      'acks=1',
      10_000,
      [
        [5000, 50_000],
        [10_000, 50_000],
      ],
      120_000,
      12_000,
    );
    expect(runSteps(r)).toEqual([
      { fromS: 0, toS: 5, recordsPerSec: 10_000 },
      { fromS: 5, toS: 10, recordsPerSec: 10_000 },
      { fromS: 10, toS: 12, recordsPerSec: 10_000 },
    ]);
    const chart = throughputChart([r, run('acks=all', 10_000, [[5000, 40_000]], 60_000, 7_500)], []);
    expect(chart.endS).toBe(12);
    expect(chart.data.at(-1)).toMatchObject({ atS: 12, 'acks=1': 10_000 });
    expect(chart.capRecordsPerSec).toBe(10_000);
    expect(Math.max(...chart.data.flatMap((p) => [p['acks=1'] ?? 0, p['acks=all'] ?? 0]))).toBeLessThanOrEqual(10_000);
  });

  it('draws what each window measured: the next window or a millisecond tail never takes its place', () => {
    // Operator's acks=0 run on Apache Kafka 4.4.0 (100,000 records at 10,000/s): windows of
    // 8,493 and 11,481 records/s, then 4 records in the last millisecond. The line fell from
    // 11,481 at 5 s to 4,000 at 10 s, as if the run had slowed to a crawl.
    const r = {
      ...run('acks=0', 10_000, [], 100_000, 10_013),
      windows: [
        { atMs: 5004, records: 42_497, recordsPerSec: 8492.6, mbPerSec: 0, avgLatencyMs: 1, maxLatencyMs: 1 },
        { atMs: 10_012, records: 57_499, recordsPerSec: 11_481.0, mbPerSec: 0, avgLatencyMs: 1, maxLatencyMs: 1 },
      ],
    };
    const line = throughputChart([r], []).data.map((p) => [p.atS, p['acks=0']]);
    expect(line).toEqual([
      [0, 8493],
      [5, 11_480],
      [10.01, 11_480],
    ]);
  });

  it('a run shorter than one window is one step over its whole length; no cap line when unthrottled or caps differ', () => {
    const short = run('acks=0', -1, [], 3_000, 1_500);
    expect(runSteps(short)).toEqual([{ fromS: 0, toS: 1.5, recordsPerSec: 2_000 }]);
    expect(throughputChart([short], []).capRecordsPerSec).toBeNull();
    expect(throughputChart([run('a', 5_000, [], 10, 10), run('b', 6_000, [], 10, 10)], []).capRecordsPerSec).toBeNull();
  });

  it('measures the live rate over the last five seconds: acks landing in a burst do not spike it', () => {
    const live = new LiveRate();
    // 10,000 records/s, acknowledged in bursts of 5,000 every half second.
    const samples = [];
    for (let t = 0; t <= 8_000; t += 250) {
      const acked = Math.floor(t / 500) * 5_000;
      const s = live.add('acks=1', acked, t);
      if (s) samples.push(s);
    }
    const settled = samples.filter((s) => s.atS >= 5);
    expect(settled.length).toBeGreaterThan(5);
    for (const s of settled) expect(s.recordsPerSec).toBeLessThanOrEqual(10_000 * 1.06);
    expect(samples.at(-1)?.atS).toBe(8);
  });
});

describe('the latency axis', () => {
  it('writes every tick one way: grouped digits and a space that never breaks (the axis wrapped "6000 ms" and glued "1000ms")', () => {
    expect(['900', '1000', '1200', '6000'].map((v) => latencyTick(Number(v), 'en'))).toEqual([
      '900\u00a0ms',
      '1,000\u00a0ms',
      '1,200\u00a0ms',
      '6,000\u00a0ms',
    ]);
    // Recharts breaks a tick's text at ordinary whitespace only.
    expect(latencyTick(6000, 'ko')).not.toMatch(/[ \t\n]/);
  });
});

describe('throughputTick', () => {
  it("groups digits in the clerk's language, as the latency axis does, in whole records", () => {
    expect(throughputTick(12345, 'en')).toBe('12,345');
    expect(throughputTick(12345, 'ko')).toBe('12,345');
    expect(throughputTick(1234.6, 'en')).toBe('1,235');
    expect(throughputTick(0, 'ko')).toBe('0');
  });
});
