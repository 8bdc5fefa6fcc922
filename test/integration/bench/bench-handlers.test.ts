import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBenchHandlers } from '../../../electron/bench/handlers';
import { BENCH_TOPIC, type BenchParams } from '../../../shared/bench-types';
import { events, type EventName, type EventPayload } from '../../../shared/contract';
import { DEFAULT_SETTINGS } from '../../../shared/settings-schema';
import { clusterConfig } from '../../../electron/cluster/cluster-config';
import { kafkaCluster, type TestCluster } from '../../support/kafka-target';

let cluster: TestCluster;
beforeAll(async () => {
  cluster = await kafkaCluster();
});
const dataDirs: string[] = [];
afterAll(async () => {
  await cluster?.close();
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

type Emitted = { [E in EventName]: { event: E; payload: EventPayload<E> } }[EventName];

async function setUp() {
  const topic = cluster.topic(BENCH_TOPIC);
  await cluster.createTopic(topic, { partitions: 3 });
  const emitted: Emitted[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-handlers-'));
  dataDirs.push(dataDir);
  const brokers = cluster.brokers;
  const handlers = createBenchHandlers({
    dataDir,
    getSettings: () => DEFAULT_SETTINGS,
    clusterConfig: () => ({ ok: true, config: clusterConfig({ brokers, clientId: 'bench-test' }) }),
    emit: (event, payload) => {
      // Every event must pass the contract's own schema: that is what the renderer receives.
      events[event].parse(payload);
      emitted.push({ event, payload } as Emitted);
    },
  });
  const finished = () =>
    new Promise<EventPayload<'bench.finished'>>((resolve, reject) => {
      const end = Date.now() + 50_000;
      const poll = () => {
        const f = emitted.find((e) => e.event === 'bench.finished');
        if (f) return resolve(f.payload as EventPayload<'bench.finished'>);
        if (Date.now() > end) return reject(new Error('no bench.finished'));
        setTimeout(poll, 50);
      };
      poll();
    });
  return { topic, handlers, emitted, finished, dataDir };
}

const params = (topic: string, patch: Partial<BenchParams> = {}): BenchParams => ({
  topic,
  numRecords: 2000,
  recordSize: 300,
  payloads: null,
  throughput: -1,
  acks: 1,
  warmupRecords: 0,
  batchSize: null,
  lingerMs: null,
  compression: 'none',
  ...patch,
});

describe('bench handlers', () => {
  it('Compare acks: answers at once with a batch id, streams progress, finishes with three results kept in history', async () => {
    const { topic, handlers, emitted, finished, dataDir } = await setUp();
    const started = await handlers.start({
      params: params(topic),
      compareAcks: true,
      repetitions: 1,
      allowOrderTopic: false,
    });
    expect(started.ok).toBe(true);
    const again = await handlers.start({
      params: params(topic),
      compareAcks: false,
      repetitions: 1,
      allowOrderTopic: false,
    });
    expect(again).toEqual({ ok: false, error: { code: 'bench.running' } });

    const done = await finished();
    expect(started.ok && done.batchId).toBe(started.ok && started.value.batchId);
    expect(done.error).toBeNull();
    expect(done.results.map((r) => r.label)).toEqual(['acks=0', 'acks=1', 'acks=all']);
    expect(done.results.every((r) => r.summary.records === 2000 && r.summary.failed === 0)).toBe(true);
    expect(emitted.some((e) => e.event === 'bench.progress')).toBe(true);

    const history = await handlers.history(undefined);
    expect(history.ok && history.value.map((r) => r.label)).toEqual(['acks=0', 'acks=1', 'acks=all']);
    const csv = await handlers.export({ format: 'csv' });
    expect(csv.ok && csv.value.content.trim().split('\n')).toHaveLength(4);
    // Survives a restart: a new handler set on the same data dir sees the same history.
    const reopened = createBenchHandlers({
      dataDir,
      getSettings: () => DEFAULT_SETTINGS,
      clusterConfig: () => ({ ok: true, config: clusterConfig({ brokers: [] }) }),
      emit: () => undefined,
    });
    const h2 = await reopened.history(undefined);
    expect(h2.ok && h2.value).toHaveLength(3);
  });

  it('cancel stops the batch: the current run is marked cancelled and the rest are skipped', async () => {
    const { topic, handlers, emitted, finished } = await setUp();
    const started = await handlers.start({
      params: params(topic, { numRecords: 1_000_000, throughput: 2000 }),
      compareAcks: true,
      repetitions: 2,
      allowOrderTopic: false,
    });
    expect(started.ok).toBe(true);
    const end = Date.now() + 30_000;
    while (!emitted.some((e) => e.event === 'bench.progress' && e.payload.acked > 0) && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await handlers.cancel(undefined)).toEqual({ ok: true, value: { cancelled: true } });
    const done = await finished();
    expect(done.results).toHaveLength(1);
    expect(done.results[0].cancelled).toBe(true);
    expect(await handlers.cancel(undefined)).toEqual({ ok: true, value: { cancelled: false } });
  });

  it('refuses the order topic unless the operator allowed it, and bad input, before sending anything', async () => {
    const { topic, handlers, emitted } = await setUp();
    const order = await handlers.start({
      params: params(DEFAULT_SETTINGS.topic),
      compareAcks: false,
      repetitions: 1,
      allowOrderTopic: false,
    });
    expect(order).toEqual({ ok: false, error: { code: 'bench.orderTopic', params: { topic: 'user-data' } } });
    const absent = cluster.topic('no-such-bench-topic');
    const missing = await handlers.start({
      params: params(absent),
      compareAcks: false,
      repetitions: 1,
      allowOrderTopic: false,
    });
    expect(missing).toEqual({ ok: false, error: { code: 'bench.topicMissing', params: { topic: absent } } });
    const tooBig = await handlers.start({
      params: params(topic, { recordSize: 5_000_000 }),
      compareAcks: false,
      repetitions: 1,
      allowOrderTopic: false,
    });
    expect(!tooBig.ok && tooBig.error.code).toBe('bench.recordTooLarge');
    const zero = await handlers.start({
      params: params(topic, { throughput: 0 }),
      compareAcks: false,
      repetitions: 1,
      allowOrderTopic: false,
    });
    expect(!zero.ok && zero.error.code).toBe('bench.invalid');
    expect(emitted).toEqual([]);
  });
});
