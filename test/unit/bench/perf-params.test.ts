import { describe, expect, it } from 'vitest';
import { checkAgainstCluster, checkParams } from '../../../electron/bench/perf-params';
import type { BenchParams } from '../../../shared/bench-types';
import { formatError } from '../../../shared/error-codes';
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
    [{ warmupRecords: 100_000 }, '--warmup-records (100000) must be less than --num-records (100000)'],
    [{ topic: 'bad topic!' }, 'topic:'],
  ])('refuses %j with a clear message', (patch, expected) => {
    const msg = message({ ...good, ...patch });
    expect(msg).toContain('Benchmark settings not valid');
    expect(msg).toContain(expected);
  });

  it('refuses an unreachable cluster with the addresses it tried', async () => {
    const r = await checkAgainstCluster(clusterConfig({ brokers: ['127.0.0.1:1'], clientId: 't' }), good);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(formatError(r.error)).toBe(
        'Cannot reach the Kafka cluster (127.0.0.1:1): nothing accepts connections at 127.0.0.1:1 (connection refused)',
      );
    }
  });

  it('refuses when no brokers are configured', async () => {
    const r = await checkAgainstCluster(clusterConfig({ brokers: [], clientId: 't' }), good);
    expect(!r.ok && r.error.code).toBe('cluster.noBrokers');
  });
});
