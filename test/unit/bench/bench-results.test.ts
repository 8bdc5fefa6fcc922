import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { planBatch } from '../../../electron/bench/bench-batch';
import { CSV_COLUMNS, exportResults, resultsToCsv } from '../../../electron/bench/bench-export';
import { BenchHistory, HISTORY_FILE } from '../../../electron/bench/bench-history';
import type { BenchParams, BenchRunResult } from '../../../shared/bench-types';

const params: BenchParams = {
  topic: 'order-desk-bench',
  numRecords: 1000,
  recordSize: 100,
  payloads: null,
  throughput: -1,
  acks: 1,
  warmupRecords: 0,
  batchSize: null,
  lingerMs: null,
  compression: 'none',
};
const result = (label: string, acks: BenchParams['acks']): BenchRunResult => ({
  runId: `id-${label}`,
  label,
  startedAt: '2026-11-24T10:00:00.000Z',
  params: { ...params, acks },
  summary: {
    records: 1000,
    failed: 2,
    recordsPerSec: 9966.1152,
    mbPerSec: 9.5,
    avgLatencyMs: 3.25,
    maxLatencyMs: 40,
    p50: 2,
    p95: 9,
    p99: 20,
    p999: 39,
    elapsedMs: 100,
  },
  warmup: null,
  windows: [],
  cancelled: false,
  errors: ['oops, "quoted"'],
  failure: null,
  latencyNote: null,
});

describe('Compare acks plan', () => {
  it('runs acks 0, 1 and all with the same parameters, repeated as asked', () => {
    const plan = planBatch(params, true, 2);
    expect(plan.map((p) => p.label)).toEqual([
      'acks=0 #1',
      'acks=1 #1',
      'acks=all #1',
      'acks=0 #2',
      'acks=1 #2',
      'acks=all #2',
    ]);
    expect(plan.map((p) => p.params.acks)).toEqual([0, 1, -1, 0, 1, -1]);
    expect(new Set(plan.map((p) => p.params.numRecords))).toEqual(new Set([1000]));
    expect(planBatch(params, false, 1).map((p) => p.label)).toEqual(['acks=1']);
  });
});

describe('export', () => {
  it('writes one CSV row per run with the comparison columns, quoting where needed', () => {
    const csv = resultsToCsv([result('acks=0', 0), result('acks=all', -1)])
      .trim()
      .split('\n');
    expect(csv[0]).toBe(CSV_COLUMNS.join(','));
    expect(csv).toHaveLength(3);
    const cells = csv[2].split(',');
    expect(cells[CSV_COLUMNS.indexOf('acks')]).toBe('all');
    expect(cells[CSV_COLUMNS.indexOf('recordsPerSec')]).toBe('9966.12');
    expect(cells[CSV_COLUMNS.indexOf('p999Ms')]).toBe('39');
    expect(csv[2]).toContain('"oops, ""quoted"""');
  });

  it('writes a label a spreadsheet would take for a formula as text, and a number of -1 as a number', () => {
    const run = { ...result('=1+2', 1), errors: ['-ERR from the broker'], params: { ...params, throughput: -1 } };
    const cells = resultsToCsv([run]).trim().split('\n')[1].split(',');
    expect(cells[CSV_COLUMNS.indexOf('label')]).toBe(`"'=1+2"`);
    expect(cells[CSV_COLUMNS.indexOf('errors')]).toBe(`"'-ERR from the broker"`);
    expect(cells[CSV_COLUMNS.indexOf('throughputCap')]).toBe('-1');
  });

  it('names files by format and keeps everything in JSON', () => {
    const now = new Date('2026-11-24T10:00:00Z');
    const json = exportResults([result('a', 1)], 'json', now);
    expect(json.filename).toBe('order-desk-bench-2026-11-24T10-00-00-000Z.json');
    expect(JSON.parse(json.content)[0].summary.p999).toBe(39);
    expect(exportResults([], 'csv', now).mimeType).toBe('text/csv');
  });
});

describe('history', () => {
  it('keeps results across instances (a restart) in a JSON file under the data dir', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-hist-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    await new BenchHistory(dir).add([result('a', 0), result('b', 1)]);
    const again = await new BenchHistory(dir).list();
    expect(again.map((r) => r.label)).toEqual(['a', 'b']);
    expect(JSON.parse(readFileSync(join(dir, HISTORY_FILE), 'utf8'))).toHaveLength(2);
  });

  it('sets a damaged history file aside instead of failing, and keeps it on disk', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-hist-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, HISTORY_FILE), '{ not json');
    expect(await new BenchHistory(dir).list()).toEqual([]);
    expect(readdirSync(dir).some((f) => f.startsWith(`${HISTORY_FILE}.damaged-`))).toBe(true);
    const wrongShape = mkdtempSync(join(tmpdir(), 'bench-hist-'));
    onTestFinished(() => rmSync(wrongShape, { recursive: true, force: true }));
    writeFileSync(join(wrongShape, HISTORY_FILE), JSON.stringify([{ label: 1 }]));
    expect(await new BenchHistory(wrongShape).list()).toEqual([]);
    expect(readdirSync(wrongShape).some((f) => f.startsWith(`${HISTORY_FILE}.damaged-`))).toBe(true);
  });
});
