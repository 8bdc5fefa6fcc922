import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createBenchHandlers } from '../../../electron/bench/handlers';
import { checkAgainstCluster, checkParams } from '../../../electron/bench/perf-params';
import { createRequestDispatcher } from '../../../electron/ipc/bind-requests';
import { channelOf } from '../../../shared/contract';
import { DEFAULT_SETTINGS } from '../../../shared/settings-schema';
import { recordingHandlers } from '../ipc/fake-handlers';
import { benchParamsSchema, type BenchParams } from '../../../shared/bench-types';
import { issueError } from '../../../shared/describe-issues';
import { formatError, type Lang } from '../../../shared/error-codes';
import { clusterConfig } from '../../../electron/cluster/cluster-config';

const good: BenchParams = {
  topic: 'ack0-test',
  numRecords: 100_000,
  recordSize: 1000,
  payloads: null,
  throughput: 10_000,
  acks: 0,
  warmupRecords: 0,
  batchSize: null,
  lingerMs: null,
  compression: 'none',
};

function message(input: unknown): string {
  const r = checkParams(input);
  if (r.ok) throw new Error('expected a refusal');
  return formatError(r.error);
}

describe('benchmark parameter check (before anything is sent)', () => {
  it('accepts the seed run and fractional or unlimited rates', () => {
    expect(checkParams(good).ok).toBe(true);
    expect(checkParams({ ...good, throughput: 0.5 }).ok).toBe(true);
    expect(checkParams({ ...good, throughput: -1 }).ok).toBe(true);
  });

  it.each([
    [{ numRecords: 0 }, '--num-records must be a whole number above 0 (got 0)'],
    [{ numRecords: -5 }, '--num-records must be a whole number above 0 (got -5)'],
    [{ numRecords: 1.5 }, '--num-records must be a whole number above 0 (got 1.5)'],
    [{ throughput: 0 }, '--throughput must be above 0 records/s, or -1 for no limit (got 0)'],
    [{ throughput: -2 }, '--throughput must be above 0 records/s, or -1 for no limit (got -2)'],
    [{ recordSize: 0 }, '--record-size must be a whole number of bytes above 0 (got 0)'],
    [{ recordSize: null }, 'give either --record-size or --payload-file, not both and not neither'],
    [{ payloads: ['x'] }, 'give either --record-size or --payload-file, not both and not neither'],
    [
      { warmupRecords: 100_000 },
      '--warmup-records: Enter a whole number from 0 to 99999: the warm-up is the first of the run’s 100000 records',
    ],
    [{ topic: 'bad topic!' }, 'topic:'],
  ])('refuses %j with a clear message', (patch, expected) => {
    const msg = message({ ...good, ...patch });
    expect(msg).toContain('Benchmark settings not valid');
    expect(msg).toContain(expected);
  });

  // perf-test's rule (--warmup-records strictly fewer than --num-records) is the schema's, so the
  // Diagnostics page says it under Warm-up records in the operator's language before sending:
  // it sent 30,000 of 20,000 and read "벤치마크 설정이 올바르지 않습니다: --warmup-records (30000)
  // must be less than --num-records (20000)" under the form.
  it('the schema refuses a warm-up of as many records as the run or more, at Warm-up records, in English and Korean', () => {
    expect(checkParams({ ...good, warmupRecords: 99_999 }).ok).toBe(true);
    for (const warmupRecords of [100_000, 300_000]) {
      const issues = benchParamsSchema.safeParse({ ...good, warmupRecords }).error?.issues ?? [];
      expect(issues.map((i) => i.path.join('.'))).toEqual(['warmupRecords']);
      const problem = issueError(issues[0]!);
      expect(formatError(problem)).toBe(
        'Enter a whole number from 0 to 99999: the warm-up is the first of the run’s 100000 records',
      );
      expect(formatError(problem, 'ko')).toBe(
        '0부터 99999까지의 정수를 입력하세요: 워밍업은 실행할 레코드 100000개 중 처음 보내는 레코드입니다',
      );
    }
    // A Records the schema refuses is said on Records alone, not as a warm-up's range "0 to -1".
    const onRecords = benchParamsSchema.safeParse({ ...good, numRecords: 0, warmupRecords: 5 }).error?.issues ?? [];
    expect(onRecords.map((i) => i.path.join('.'))).toEqual(['numRecords']);
  });

  it('with every broker stopped, names every address that refused, as Diagnostics does', async () => {
    // It named the one address the client tried last ("nothing accepts connections at
    // 127.0.0.1:2"), as if the other broker were up.
    const r = await checkAgainstCluster(
      clusterConfig({ brokers: ['127.0.0.1:1', '127.0.0.1:2'], clientId: 't' }),
      good,
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(formatError(r.error)).toBe(
        'Cannot reach the Kafka cluster: every broker refused the connection (127.0.0.1:1, 127.0.0.1:2). Nothing is listening at those addresses: the brokers are stopped, or the ports are wrong.',
      );
      expect(formatError(r.error, 'ko')).toBe(
        'Kafka 클러스터에 연결할 수 없습니다. 모든 브로커가 연결을 거부했습니다 (127.0.0.1:1, 127.0.0.1:2). 그 주소에서 연결을 받는 프로그램이 없습니다 (브로커가 멈췄거나 포트가 다릅니다).',
      );
    }
  });

  it('refuses when no brokers are configured', async () => {
    const r = await checkAgainstCluster(clusterConfig({ brokers: [], clientId: 't' }), good);
    expect(!r.ok && r.error.code).toBe('cluster.noBrokers');
  });
});

describe('a benchmark refused in Korean', () => {
  let i18n: typeof import('../../../renderer/i18n/i18n');
  beforeAll(async () => {
    i18n = await import('../../../renderer/i18n/i18n');
  });
  const shown = (lang: Lang, e: Parameters<typeof i18n.errorText>[1]) =>
    i18n.errorText(i18n.i18next.getFixedT(lang) as never, e);
  // Past the field's path and the Korean words of what it wants, no Latin word: perf-test's and
  // zod's English stays in the English sentence.
  const latinBeside = (ko: string, ...own: string[]) =>
    own.reduce((rest, part) => rest.replace(part, ''), ko).match(/[A-Za-z]{2,}/g);

  it.each([
    [
      { recordSize: null },
      'recordSize, payloads',
      '레코드 크기와 페이로드 파일 중 하나만 지정하세요',
      'give either --record-size or --payload-file, not both and not neither',
    ],
    [
      { numRecords: 2000, warmupRecords: 2000 },
      'warmupRecords',
      '0부터 1999까지의 정수를 입력하세요: 워밍업은 실행할 레코드 2000개 중 처음 보내는 레코드입니다',
      '--warmup-records: Enter a whole number from 0 to 1999: the warm-up is the first of the run’s 2000 records',
    ],
    [
      { numRecords: 0 },
      'numRecords',
      '1 이상의 정수를 입력하세요',
      '--num-records must be a whole number above 0 (got 0)',
    ],
  ])('%j: the Korean names %s and says %s', (patch, field, wanted, detail) => {
    const r = checkParams({ ...good, ...patch });
    if (r.ok) throw new Error('taken');
    for (const ko of [shown('ko', r.error), formatError(r.error, 'ko')]) {
      expect(ko).toBe(`벤치마크 설정이 올바르지 않습니다 (문제가 있는 항목: ${field}): ${wanted}`);
      expect(latinBeside(ko, field, wanted)).toBeNull();
    }
    expect(shown('en', r.error)).toBe(`Benchmark settings not valid: ${detail}`);
  });

  it('reaches a script through the request gate: neither a record size nor a payload file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'od-bench-'));
    try {
      const bench = createBenchHandlers({
        dataDir: dir,
        getSettings: () => DEFAULT_SETTINGS,
        clusterConfig: () => {
          throw new Error('asked the cluster for a benchmark its numbers refuse');
        },
        emit: () => {},
      });
      const handlers = { ...recordingHandlers().handlers, bench };
      const r = await createRequestDispatcher(handlers)(channelOf('bench', 'start'), {
        params: { ...good, recordSize: null },
        compareAcks: false,
        repetitions: 1,
        allowOrderTopic: false,
      });
      if (r.ok) throw new Error('taken');
      expect(r.error.code).toBe('bench.invalid');
      expect(shown('ko', r.error)).toBe(
        '벤치마크 설정이 올바르지 않습니다 (문제가 있는 항목: recordSize, payloads): 레코드 크기와 페이로드 파일 중 하나만 지정하세요',
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
