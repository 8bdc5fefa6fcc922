// Results as CSV (one row per run, the comparison table's columns) and as JSON (everything).
import { benchErrorText, type BenchRunResult } from '../../shared/bench-types';
import { csvCell } from '../../shared/csv-cell';
import { formatError } from '../../shared/error-codes';

export const CSV_COLUMNS = [
  'runId',
  'label',
  'startedAt',
  'topic',
  'acks',
  'numRecords',
  'recordSize',
  'throughputCap',
  'batchSize',
  'lingerMs',
  'compression',
  'records',
  'failed',
  'recordsPerSec',
  'mbPerSec',
  'avgLatencyMs',
  'maxLatencyMs',
  'p50Ms',
  'p95Ms',
  'p99Ms',
  'p999Ms',
  'elapsedMs',
  'cancelled',
  'errors',
  'failure',
] as const;

/** A figure the run does not have (nothing acknowledged) is an empty cell, as in the JSON's null, never 0. */
const fixed = (v: number | null): string | null => (v === null ? null : v.toFixed(2));

export function resultsToCsv(results: BenchRunResult[]): string {
  const rows = results.map((r) => {
    const s = r.summary;
    const p = r.params;
    const row: Record<(typeof CSV_COLUMNS)[number], string | number | boolean | null | undefined> = {
      runId: r.runId,
      label: r.label,
      startedAt: r.startedAt,
      topic: p.topic,
      acks: p.acks === -1 ? 'all' : p.acks,
      numRecords: p.numRecords,
      recordSize: p.recordSize ?? 'payload-file',
      throughputCap: p.throughput,
      batchSize: p.batchSize ?? '',
      lingerMs: p.lingerMs ?? '',
      compression: p.compression,
      records: s.records,
      failed: s.failed,
      recordsPerSec: fixed(s.recordsPerSec),
      mbPerSec: fixed(s.mbPerSec),
      avgLatencyMs: fixed(s.avgLatencyMs),
      maxLatencyMs: s.maxLatencyMs,
      p50Ms: s.p50,
      p95Ms: s.p95,
      p99Ms: s.p99,
      p999Ms: s.p999,
      elapsedMs: s.elapsedMs,
      cancelled: r.cancelled,
      errors: r.errors.map(benchErrorText).join('; '),
      // The reason as the screen gives it, in English (a file has no language setting).
      failure: r.failure ? formatError(r.failure, 'en') : null,
    };
    return CSV_COLUMNS.map((c) => csvCell(row[c])).join(',');
  });
  return [CSV_COLUMNS.join(','), ...rows].join('\n') + '\n';
}

export function resultsToJson(results: BenchRunResult[]): string {
  return JSON.stringify(results, null, 2) + '\n';
}

export function exportResults(results: BenchRunResult[], format: 'csv' | 'json', now = new Date()) {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return format === 'csv'
    ? { filename: `order-desk-bench-${stamp}.csv`, mimeType: 'text/csv', content: resultsToCsv(results) }
    : { filename: `order-desk-bench-${stamp}.json`, mimeType: 'application/json', content: resultsToJson(results) };
}
