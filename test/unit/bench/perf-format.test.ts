import { describe, expect, it } from 'vitest';
import { formatFailureLine, formatSummaryLine, formatWindowLine, javaFixed } from '../../../electron/bench/perf-format';
import { PerfStats } from '../../../electron/bench/perf-stats';

describe("perf-test's line formats", () => {
  it('reproduces the seed summary line from its inputs (100,000 records of 1,000 bytes in 10,034 ms)', () => {
    // 100,000 latencies laid out so that index floor(p·n) of the sorted array holds the seed's
    // percentiles, the largest is 1,492 ms and the sum is 31,763,000 ms (317.63 ms average).
    const stats = new PerfStats(0, { reportingIntervalMs: null, expectedRecords: 100_000 });
    const layout: Array<[number, number]> = [
      [50_001, 4],
      [10_873, 565],
      [34_126, 566],
      [4_000, 1174],
      [900, 1403],
      [99, 1457],
      [1, 1492],
    ];
    let t = 0;
    for (const [count, latency] of layout) for (let i = 0; i < count; i++) stats.record(latency, 1000, t++ % 10_000);
    expect(stats.records).toBe(100_000);
    expect(formatSummaryLine(stats.summary(10_034))).toBe(
      '100000 records sent, 9966.115208 records/sec (9.50 MB/sec), 317.63 ms avg latency, 1492.00 ms max latency, 4 ms 50th, 1174 ms 95th, 1403 ms 99th, 1457 ms 99.9th.',
    );
  });

  it('reproduces the seed window line: 49,852 records acknowledged in a window closed after 5,025 ms', () => {
    const windows: string[] = [];
    const stats = new PerfStats(0, { reportingIntervalMs: 5000, onWindow: (w) => windows.push(formatWindowLine(w)) });
    // total latency 31,672,000 ms over 49,852 records = 635.30 ms average; one record at 1,492 ms.
    const latencies = Array.from({ length: 49_852 }, () => 635);
    latencies[0] = 1492;
    let extra = 31_672_000 - latencies.reduce((a, b) => a + b, 0);
    for (let i = 1; extra > 0; i++, extra--) latencies[i]++;
    latencies.forEach((l, i) =>
      stats.record(l, 1000, i === latencies.length - 1 ? 5025 : Math.floor((i * 5000) / 49_852)),
    );
    expect(windows).toEqual([
      '49852 records sent, 9920.8 records/sec (9.46 MB/sec), 635.3 ms avg latency, 1492.0 ms max latency.',
    ]);
  });

  // Every summary line in the seed document: records/s and MB/s as perf-test printed them, from
  // 100,000 records of 1,000 bytes and the whole milliseconds the run took.
  const seedRates: Array<[string, string]> = [
    ['9966.115208', '9.50'],
    ['9944.311854', '9.48'],
    ['9957.184108', '9.50'],
    ['9976.057462', '9.51'],
    ['9952.229299', '9.49'],
    ['9956.192752', '9.49'],
    ['9924.573243', '9.46'],
    ['9968.102073', '9.51'],
    ['9557.488292', '9.11'],
    ['9772.305287', '9.32'],
    ['9940.357853', '9.48'],
    ['9938.382031', '9.48'],
  ];
  it.each(seedRates)('prints %s records/sec (%s MB/sec) like perf-test', (rate, mb) => {
    const elapsed = Math.round(100_000_000 / Number(rate));
    const line = formatSummaryLine({
      records: 100_000,
      failed: 0,
      recordsPerSec: (1000 * 100_000) / elapsed,
      mbPerSec: (1000 * 100_000_000) / elapsed / 1048576,
      avgLatencyMs: 1,
      maxLatencyMs: 1,
      p50: 1,
      p95: 1,
      p99: 1,
      p999: 1,
      elapsedMs: elapsed,
    });
    expect(line.startsWith(`100000 records sent, ${rate} records/sec (${mb} MB/sec), `)).toBe(true);
  });

  it('reports failures on a line of their own, never inside perf-test’s lines', () => {
    expect(formatFailureLine(0, [])).toBeNull();
    expect(formatFailureLine(3, ['NOT_ENOUGH_REPLICAS'])).toBe('3 records failed: NOT_ENOUGH_REPLICAS');
  });
});

describe("javaFixed (Java's %.Nf)", () => {
  it('rounds half up on the shortest decimal form, as Java does and toFixed does not', () => {
    expect(javaFixed(0.15, 1)).toBe('0.2');
    expect((0.15).toFixed(1)).toBe('0.1');
    expect(javaFixed(2.675, 2)).toBe('2.68');
    expect(javaFixed(9.995, 2)).toBe('10.00');
    expect(javaFixed(99.96, 1)).toBe('100.0');
  });
  it('pads, handles zero, tiny, huge and negative numbers', () => {
    expect(javaFixed(0, 6)).toBe('0.000000');
    expect(javaFixed(1492, 2)).toBe('1492.00');
    expect(javaFixed(1e-7, 6)).toBe('0.000000');
    expect(javaFixed(5e-7, 6)).toBe('0.000001');
    expect(javaFixed(1e21, 1)).toBe('1000000000000000000000.0');
    expect(javaFixed(-3.25, 1)).toBe('-3.3');
    expect(javaFixed(12.5, 0)).toBe('13');
  });
  it('spells NaN and Infinity as Java does (nothing recorded, or zero elapsed time)', () => {
    expect(javaFixed(NaN, 2)).toBe('NaN');
    expect(javaFixed(Infinity, 6)).toBe('Infinity');
  });
});
