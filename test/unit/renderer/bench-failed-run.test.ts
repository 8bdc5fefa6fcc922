// A benchmark whose records all failed (acks=all to a topic with too few replicas in sync, as an
// operator saw on Apache Kafka with two of three nodes stopped): the screen said "0.0 0.00 0 …"
// as if measured and gave no reason, while the history held NOT_ENOUGH_REPLICAS. The row, the
// CSV and the history now agree: no figure where nothing was acknowledged, and the reason in
// the operator's words with Kafka's name.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, onTestFinished } from 'vitest';
import { resultsToCsv, CSV_COLUMNS } from '../../../electron/bench/bench-export';
import { BenchHistory } from '../../../electron/bench/bench-history';
import { PerfStats } from '../../../electron/bench/perf-stats';
import { benchErrorOf, ProduceError } from '../../../electron/bench/raw-batch-sender';
import { ClusterConnectionError } from '../../../electron/cluster/cluster-errors';
import { benchFailureToAppError } from '../../../electron/cluster/error-mapper';
import { KafkaError } from '../../../electron/kafka-wire/error-codes';
import { i18next } from '../../../renderer/i18n/i18n';
import { BenchResultsTable } from '../../../renderer/diagnostics/BenchResults';
import { benchRunResultSchema, type BenchRunResult } from '../../../shared/bench-types';

function failedRun(): BenchRunResult {
  const stats = new PerfStats(0, { reportingIntervalMs: null });
  const errors = [0, 1, 2].map((p) => new ProduceError(KafkaError.NOT_ENOUGH_REPLICAS, p));
  for (let i = 0; i < 2000; i++) stats.recordFailure(benchErrorOf(errors[i % 3]), 70);
  return {
    runId: 'r1',
    label: 'acks=all',
    startedAt: '2026-12-06T21:00:00.000Z',
    params: {
      topic: 'order-desk-bench',
      numRecords: 2000,
      recordSize: 100,
      payloads: null,
      throughput: -1,
      acks: -1,
      warmupRecords: 0,
      batchSize: null,
      lingerMs: null,
      compression: 'none',
    },
    summary: stats.summary(70),
    warmup: null,
    windows: [],
    cancelled: false,
    errors: stats.errors,
    failure: benchFailureToAppError(errors[0], { brokers: ['127.0.0.1:9092'], topic: 'order-desk-bench' }),
    latencyNote: null,
  };
}

const cells = (html: string, row: number): string[] =>
  [...html.split(/<tr/)[row + 1].matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1].replace(/<[^>]+>/g, ''));

describe('a benchmark whose records all failed', () => {
  it('shows a dash for every rate and latency, the failed count, and why in the operator’s words with Kafka’s name', async () => {
    const html = renderToStaticMarkup(
      createElement(BenchResultsTable, { results: [failedRun()], testId: 'bench-results' }),
    );
    // Run, records/s, MB/s, avg, max, p50, p95, p99, p99.9, errors (the header row is row 0).
    // The error count with its thousands separator, as the run's parameters have theirs (it read "2000").
    expect(cells(html, 1)).toEqual(['acks=all', '—', '—', '—', '—', '—', '—', '—', '—', '2,000']);
    const reason = cells(html, 2).join('');
    expect(reason).toContain('fewer replicas are in sync than the topic’s min.insync.replicas');
    expect(reason).toContain('(Kafka: NOT_ENOUGH_REPLICAS)');
    // It advised "or measure with acks=1": on Apache Kafka 4.4.0 with 1 of 3 in sync, 2,000
    // acks=1 records were acknowledged, never readable (the high watermark stayed) and gone
    // once the brokers were back; a figure for writes the cluster does not keep.
    expect(reason).not.toContain('measure with acks=1');
    expect(reason).toContain(
      'Start the stopped brokers. A run with acks=1 or 0 meanwhile measures writes only the leader holds',
    );
    expect(reason).toContain('NOT_ENOUGH_REPLICAS (partition 0)');

    await i18next.changeLanguage('ko');
    onTestFinished(() => void i18next.changeLanguage('en'));
    const ko = renderToStaticMarkup(
      createElement(BenchResultsTable, { results: [failedRun()], testId: 'bench-results' }),
    );
    expect(cells(ko, 1).at(-1)).toBe('2,000');
    expect(cells(ko, 2).join('')).toContain('동기화된 복제본이 토픽의 min.insync.replicas보다 적어');
    expect(cells(ko, 2).join('')).not.toContain('acks=1로 측정하세요');
    expect(cells(ko, 2).join('')).toContain('리더 한 곳에만 있는 쓰기');
    // Kafka's name stays Kafka's; the partition is said in the operator's language (it read
    // "NOT_ENOUGH_REPLICAS (partition 0)" in the Korean screen).
    expect(cells(ko, 2).join('')).toContain('NOT_ENOUGH_REPLICAS (파티션 0)');
    expect(cells(ko, 2).join('')).not.toContain('partition');
  });

  it('writes empty cells, not zeros, to the CSV, with the reason; the history keeps the same', async () => {
    const run = failedRun();
    const [header, row] = resultsToCsv([run]).trim().split('\n');
    expect(header.split(',')).toEqual([...CSV_COLUMNS]);
    const at = (c: (typeof CSV_COLUMNS)[number]) => row.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/)[CSV_COLUMNS.indexOf(c)];
    for (const c of ['recordsPerSec', 'mbPerSec', 'avgLatencyMs', 'maxLatencyMs', 'p50Ms', 'p999Ms'] as const)
      expect(at(c), c).toBe('');
    expect(at('records')).toBe('0');
    expect(at('failed')).toBe('2000');
    expect(at('failure')).toContain('(Kafka: NOT_ENOUGH_REPLICAS)');

    const dir = mkdtempSync(join(tmpdir(), 'bench-failed-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    await new BenchHistory(dir).add([run]);
    const [kept] = await new BenchHistory(dir).list();
    expect(kept.summary).toMatchObject({ records: 0, failed: 2000, recordsPerSec: null, p99: null, elapsedMs: 70 });
    expect(kept.failure).toEqual({ code: 'bench.notEnoughReplicas', params: { kafka: 'NOT_ENOUGH_REPLICAS' } });
    expect(kept.errors[0]).toEqual({ kafka: 'NOT_ENOUGH_REPLICAS', partition: 0 });
    // A history file written before these facts, read back as facts, so Korean words it too.
    const older = benchRunResultSchema.parse({ ...run, errors: ['NOT_ENOUGH_REPLICAS (partition 2)', 'timeout'] });
    expect(older.errors).toEqual([{ kafka: 'NOT_ENOUGH_REPLICAS', partition: 2 }, 'timeout']);
  });
});

// Every broker stopped mid-run (or the leader's broker gone with no new leader in time): the row
// said the clerk's "Cannot reach the order server. Orders are kept and will be sent when it is
// back.", which no benchmark record is.
describe('a benchmark whose brokers could not be reached', () => {
  it('says the records were not sent and what to do, in the operator’s language, not the clerk’s words about orders', async () => {
    const refused = new ClusterConnectionError('127.0.0.1:19194: connect ECONNREFUSED 127.0.0.1:19194', {
      code: 'ECONNREFUSED',
    });
    const run = {
      ...failedRun(),
      failure: benchFailureToAppError(refused, { brokers: ['127.0.0.1:19194'], topic: 'order-desk-bench' }),
    };
    const reason = () =>
      cells(renderToStaticMarkup(createElement(BenchResultsTable, { results: [run], testId: 'r' })), 2).join('');
    expect(reason()).not.toMatch(/order server|Orders are kept/);
    expect(reason()).toContain('A broker could not be reached, so these records were not sent.');
    await i18next.changeLanguage('ko');
    onTestFinished(() => void i18next.changeLanguage('en'));
    expect(reason()).not.toContain('주문');
    expect(reason()).toContain('브로커에 연결할 수 없어 이 레코드를 보내지 못했습니다.');
  });
});

describe('a benchmark in the history', () => {
  const paramsCell = (html: string) => /data-testid="bench-params"[^>]*>(.*?)<\/td>/.exec(html)?.[1];
  const run = (): BenchRunResult => {
    const r = failedRun();
    return { ...r, params: { ...r.params, numRecords: 3000, recordSize: 1000, throughput: 10000, acks: 1 } };
  };
  it('writes its parameters’ numbers as the screen’s language does, with thousands separators', async () => {
    const line = () =>
      paramsCell(
        renderToStaticMarkup(createElement(BenchResultsTable, { results: [run()], testId: 'h', withWhen: true })),
      );
    expect(line()).toBe('acks=1 · 3,000 records × 1,000 B · at most 10,000/s · compression.type=none');
    await i18next.changeLanguage('ko');
    onTestFinished(() => void i18next.changeLanguage('en'));
    expect(line()).toBe('acks=1 · 레코드 3,000개 × 1,000 B · 초당 최대 10,000개 · compression.type=none');
  });

  it('names every setting that differs from the defaults, so two different runs never read alike', async () => {
    // Operator's run on Apache Kafka 4.4.0: acks=1, 20,000 records, once with batch.size 1000000
    // and linger.ms 5 (avg 236.54 ms) and once with the defaults (89.77 ms): both rows read
    // "acks=1 · 20,000 records × 1,000 B · unthrottled · none" (compression.type, now named).
    const tuned = (): BenchRunResult => {
      const r = run();
      return {
        ...r,
        params: { ...r.params, topic: 'user-data', warmupRecords: 500, batchSize: 1000000, lingerMs: 5 },
      };
    };
    const line = (r: BenchRunResult) =>
      paramsCell(renderToStaticMarkup(createElement(BenchResultsTable, { results: [r], testId: 'h', withWhen: true })));
    expect(line(tuned())).toBe(
      'acks=1 · 3,000 records × 1,000 B · at most 10,000/s · compression.type=none · batch.size=1000000 · linger.ms=5 · warm-up 500 · topic user-data',
    );
    // linger.ms=0 is a setting too (the Java producer's default, but asked for).
    expect(line({ ...run(), params: { ...run().params, lingerMs: 0 } })).toContain(' · linger.ms=0');
    await i18next.changeLanguage('ko');
    onTestFinished(() => void i18next.changeLanguage('en'));
    expect(line(tuned())).toBe(
      'acks=1 · 레코드 3,000개 × 1,000 B · 초당 최대 10,000개 · compression.type=none · batch.size=1000000 · linger.ms=5 · 워밍업 500개 · 토픽 user-data',
    );
  });
});

describe('a measured benchmark', () => {
  const measured = (): BenchRunResult => {
    const r = failedRun();
    return {
      ...r,
      failure: null,
      errors: [],
      summary: {
        ...r.summary,
        records: 2000,
        failed: 0,
        recordsPerSec: 9966.1,
        mbPerSec: 1234.5,
        avgLatencyMs: 1500.25,
        maxLatencyMs: 12000,
        p50: 1000,
        p95: 2500,
        p99: 4000,
        p999: 11000,
      },
    };
  };
  const row = () =>
    cells(renderToStaticMarkup(createElement(BenchResultsTable, { results: [measured()], testId: 'r' })), 1);
  it('groups the digits of every figure as the screen’s language does, with the decimals it had', async () => {
    // They read "9966.1 1234.50 1500.25 12000 …" beside the parameters' "3,000 records".
    expect(row()).toEqual([
      'acks=all',
      '9,966.1',
      '1,234.50',
      '1,500.25',
      '12,000',
      '1,000',
      '2,500',
      '4,000',
      '11,000',
      '0',
    ]);
    await i18next.changeLanguage('ko');
    onTestFinished(() => void i18next.changeLanguage('en'));
    expect(row().slice(1, 5)).toEqual(['9,966.1', '1,234.50', '1,500.25', '12,000']);
  });
});
