import { Kafka, logLevel } from 'kafkajs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runBench } from '../../../electron/bench/bench-runner';
import { runBenchInWorker } from '../../../electron/bench/bench-worker-client';
import { checkAgainstCluster } from '../../../electron/bench/perf-params';
import { benchErrorText, type BenchParams } from '../../../shared/bench-types';
import {
  faultCluster,
  kafkaCluster,
  noFaultControls,
  type FaultCluster,
  type TestCluster,
} from '../../support/kafka-target';
import { clusterConfig } from '../../../electron/cluster/cluster-config';

const base = (topic: string): BenchParams => ({
  topic,
  numRecords: 3000,
  recordSize: 500,
  payloads: null,
  throughput: -1,
  acks: 1,
  warmupRecords: 0,
  batchSize: null,
  lingerMs: null,
  compression: 'none',
});

async function topicEndOffsets(brokers: string[], topic: string): Promise<number> {
  const admin = new Kafka({ brokers, clientId: 't', logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high), 0);
  } finally {
    await admin.disconnect();
  }
}

async function readSome(
  brokers: string[],
  topic: string,
  count: number,
): Promise<Array<{ key: Buffer | null; value: string }>> {
  const consumer = new Kafka({ brokers, clientId: 't', logLevel: logLevel.NOTHING }).consumer({
    groupId: `bench-test-${Date.now()}-${Math.random()}`,
  });
  const got: Array<{ key: Buffer | null; value: string }> = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`read ${got.length} of ${count}`)), 20_000);
      void consumer.run({
        eachMessage: async ({ message }) => {
          got.push({ key: message.key, value: message.value?.toString('latin1') ?? '' });
          if (got.length === count) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return got.slice(0, count);
}

/** A fresh benchmark topic of 3 partitions (min.insync.replicas 2 from the broker, or as `configs` say). */
async function setUp(cluster: TestCluster, configs: Record<string, string> = {}) {
  const topic = cluster.topic('order-desk-bench');
  await cluster.createTopic(topic, { partitions: 3, configs });
  const kafka = clusterConfig({ brokers: cluster.brokers, clientId: 'bench-test' });
  return { topic, kafka };
}

describe('benchmark engine end to end', () => {
  let cluster: TestCluster;
  beforeAll(async () => {
    cluster = await kafkaCluster();
  });
  afterAll(() => cluster?.close());

  it.each([
    [0, 'acks=0'],
    [1, 'acks=1'],
    [-1, 'acks=all'],
  ] as const)(
    'acks %s: every record is sent, acknowledged (or handed off) and lands in the topic',
    async (acks, label) => {
      const { topic, kafka } = await setUp(cluster);
      const params = { ...base(topic), acks };
      const target = await checkAgainstCluster(kafka, params);
      if (!target.ok) throw new Error(JSON.stringify(target.error));
      const before = await topicEndOffsets([...kafka.brokers], topic);
      const { result, metrics } = await runBench({ params, cluster: kafka, target: target.value, label });
      expect(result.summary.records).toBe(3000);
      expect(result.summary.failed).toBe(0);
      expect(result.summary.recordsPerSec).toBeGreaterThan(0);
      expect(result.summary.mbPerSec).toBeCloseTo(((result.summary.recordsPerSec ?? NaN) * 500) / 1048576, 6);
      expect(result.summary.p50).toBeLessThanOrEqual(result.summary.p999 ?? NaN);
      expect(result.summary.p999).toBeLessThanOrEqual(result.summary.maxLatencyMs ?? NaN);
      expect(result.cancelled).toBe(false);
      expect(result.latencyNote === null).toBe(acks !== 0);
      expect(metrics['batches-sent']).toBeGreaterThan(1);
      // acks=0 has no answer to wait for: give the brokers a moment to append the last batches.
      const deadline = Date.now() + 5000;
      while ((await topicEndOffsets([...kafka.brokers], topic)) - before < 3000 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
      }
      expect((await topicEndOffsets([...kafka.brokers], topic)) - before).toBe(3000);
      // What a consumer reads back is perf-test's payload: 500 capital letters, no key.
      const read = await readSome([...kafka.brokers], topic, 5);
      for (const m of read) {
        expect(m.key).toBeNull();
        expect(m.value).toMatch(/^[A-Z]{500}$/);
      }
    },
  );

  it('reports warm-up records separately from the measured ones', async () => {
    const { topic, kafka } = await setUp(cluster);
    const params = { ...base(topic), numRecords: 1500, warmupRecords: 500 };
    const target = await checkAgainstCluster(kafka, params);
    if (!target.ok) throw new Error('target');
    const { result } = await runBench({ params, cluster: kafka, target: target.value, label: 'warm' });
    expect(result.warmup?.records).toBe(500);
    expect(result.summary.records).toBe(1000);
  });

  it('cancels mid-run: stops sending, keeps what was measured, and says it was cancelled', async () => {
    const { topic, kafka } = await setUp(cluster);
    const params = { ...base(topic), numRecords: 1_000_000, throughput: 1000 };
    const target = await checkAgainstCluster(kafka, params);
    if (!target.ok) throw new Error('target');
    const abort = new AbortController();
    const progress: number[] = [];
    let cancelledAt = 0;
    // Cancel one second after the first acknowledgement (the worker's start-up time varies).
    const onProgress = (p: { acked: number }) => {
      progress.push(p.acked);
      if (p.acked > 0 && !cancelledAt) {
        cancelledAt = -1;
        setTimeout(() => {
          cancelledAt = Date.now();
          abort.abort();
        }, 1000);
      }
    };
    const { result } = await runBenchInWorker(
      { params, cluster: kafka, target: target.value, label: 'cancel' },
      { signal: abort.signal, onProgress },
    );
    expect(cancelledAt).toBeGreaterThan(0);
    expect(Date.now() - cancelledAt).toBeLessThan(5000);
    expect(result.cancelled).toBe(true);
    // 1,000 records/s for a little over a second.
    expect(result.summary.records).toBeGreaterThan(500);
    expect(result.summary.records).toBeLessThan(5000);
    expect(progress.length).toBeGreaterThan(1); // live progress from the worker thread
    expect(progress[progress.length - 1]).toBe(result.summary.records);
  });
});

describe.skipIf(noFaultControls('the benchmark tests with brokers stopped'))(
  'benchmark engine with brokers stopped',
  () => {
    let cluster: FaultCluster;
    beforeAll(async () => {
      cluster = await faultCluster();
    });
    afterEach(() => cluster?.restore());
    afterAll(() => cluster?.close());

    it('cancel works even while the cluster is down and the send buffer is full', async () => {
      const { topic, kafka } = await setUp(cluster);
      const params = { ...base(topic), numRecords: 10_000_000, recordSize: 1000 };
      const target = await checkAgainstCluster(kafka, params);
      if (!target.ok) throw new Error('target');
      const abort = new AbortController();
      let stopped = false;
      let cancelledAt = 0;
      const run = runBench(
        { params, cluster: kafka, target: target.value, label: 'down' },
        {
          signal: abort.signal,
          onProgress: (p) => {
            if (p.acked > 0 && !stopped) {
              stopped = true;
              void cluster.faults.stopAll().then(() =>
                setTimeout(() => {
                  cancelledAt = Date.now();
                  abort.abort();
                }, 1500),
              );
            }
          },
        },
      );
      const { result } = await run;
      expect(cancelledAt).toBeGreaterThan(0);
      // The records still in flight get at most the 10 s drain before the run gives up on them.
      expect(Date.now() - cancelledAt).toBeLessThan(15_000);
      expect(result.cancelled).toBe(true);
      expect(result.summary.records).toBeGreaterThan(0);
      expect(result.summary.records).toBeLessThan(10_000_000);
    }, 40_000);

    it('counts and reports failed records instead of dropping them', async () => {
      const { topic, kafka } = await setUp(cluster, { 'min.insync.replicas': '3' });
      await cluster.faults.stopBroker(3);
      const params = { ...base(topic), numRecords: 30, acks: -1 as const };
      const target = await checkAgainstCluster(kafka, params);
      if (!target.ok) throw new Error(JSON.stringify(target.error));
      const { result } = await runBench({ params, cluster: kafka, target: target.value, label: 'fail' });
      expect(result.summary.failed).toBe(30);
      expect(result.summary.records).toBe(0);
      expect(result.errors.map(benchErrorText).join(' ')).toMatch(/in-sync replicas|NOT_ENOUGH_REPLICAS/i);
      // Why, in the operator's words with Kafka's name; and no figure where nothing was acknowledged.
      expect(result.failure).toEqual({ code: 'bench.notEnoughReplicas', params: { kafka: 'NOT_ENOUGH_REPLICAS' } });
      expect(result.summary).toMatchObject({ recordsPerSec: null, avgLatencyMs: null, p50: null, p999: null });
    });
  },
);
