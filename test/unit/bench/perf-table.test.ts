// The table of `npm run bench:acks -- --target kafka` reads kafka-producer-perf-test's summary
// line and ours (the same format) and puts ours beside perf-test's and kcat's as ratios.
import { describe, expect, it } from 'vitest';
import { formatSummaryLine } from '../../../electron/bench/perf-format';
import { formatTable, parseSummary, type PerfRow } from '../../bench/perf-table';

// A line Apache Kafka 4.4.0's ProducerPerformance printed (npm run bench:acks -- --target kafka).
const PERF_TEST =
  '2000 records sent, 1452.432825 records/sec (1.39 MB/sec), 341.31 ms avg latency, 648.00 ms max latency, 346 ms 50th, 627 ms 95th, 647 ms 99th, 648 ms 99.9th.';

describe('the kafka bench table', () => {
  it("reads perf-test's summary line and ours alike", () => {
    expect(parseSummary(`some window line\n${PERF_TEST}\n`)).toEqual({
      records: 2000,
      recordsPerSec: 1452.432825,
      mbPerSec: 1.39,
      avgMs: 341.31,
      maxMs: 648,
      p50: 346,
      p95: 627,
      p99: 647,
      p999: 648,
    });
    const ours = formatSummaryLine({
      records: 10,
      recordsPerSec: 2904.8,
      mbPerSec: 2.77,
      avgLatencyMs: 1.5,
      maxLatencyMs: 9,
      p50: 1,
      p95: 3,
      p99: 7,
      p999: 9,
    } as Parameters<typeof formatSummaryLine>[0]);
    expect(parseSummary(ours)).toMatchObject({ records: 10, recordsPerSec: 2904.8, p99: 7 });
  });

  it('says which output had no summary line', () => {
    expect(() => parseSummary('org.apache.kafka.common.errors.TimeoutException: boom')).toThrow(
      /no kafka-producer-perf-test summary line.*TimeoutException/s,
    );
  });

  it('puts ours as a ratio of perf-test (records/s and p99) and of kcat (records/s)', () => {
    const base = {
      phase: 'unthrottled',
      acks: '1',
      records: 10,
      mbPerSec: 1,
      avgMs: 1,
      p50: 1,
      p95: 1,
      p999: 1,
      maxMs: 1,
      errors: 0,
    };
    const rows: PerfRow[] = [
      { ...base, tool: 'perf-test', recordsPerSec: 1000, p99: 20 },
      { ...base, tool: 'ours', recordsPerSec: 1500, p99: 10 },
      {
        ...base,
        tool: 'kcat',
        recordsPerSec: 3000,
        avgMs: null,
        p50: null,
        p95: null,
        p99: null,
        p999: null,
        maxMs: null,
      },
    ];
    const lines = formatTable(rows).split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[3]).toBe(
      '| unthrottled | 1 | ours | 1500 | 1.00 | 1.0 | 1 | 1 | 10 | 1 | 1 | 0 | 1.50x, 0.50x | 0.50x |',
    );
    expect(lines[4]).toContain('| kcat | 3000 | 1.00 | n/a | n/a |');
  });
});
