// The `bench` group of the IPC contract. start() checks everything that can be checked before
// a record is sent and answers at once with a batch id; the runs then go on in a worker thread
// and report through `bench.progress` and `bench.finished` events.
import { randomUUID } from 'node:crypto';
import type { BenchRunResult } from '../../shared/bench-types';
import type { EventName, EventPayload, RequestHandlers } from '../../shared/contract';
import { appError, type AppError } from '../../shared/error-codes';
import type { Settings } from '../../shared/settings-schema';
import type { ClusterConfigResult } from '../cluster/cluster-config';
import { planBatch, runBatch } from './bench-batch';
import { exportResults } from './bench-export';
import { BenchHistory } from './bench-history';
import type { BenchRunHooks, BenchRunInput, BenchRunOutput } from './bench-runner';
import { runBenchInWorker } from './bench-worker-client';
import { checkAgainstCluster, checkParams } from './perf-params';

export interface BenchDeps {
  /** Where the results history lives (the app's data directory). */
  dataDir: string;
  getSettings(): Settings;
  clusterConfig(): ClusterConfigResult;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** How one run is executed; the worker thread unless a test says otherwise. */
  runOne?: (input: BenchRunInput, hooks: BenchRunHooks) => Promise<BenchRunOutput>;
}

export function createBenchHandlers(deps: BenchDeps): RequestHandlers['bench'] {
  const history = new BenchHistory(deps.dataDir);
  const runOne = deps.runOne ?? runBenchInWorker;
  let current: { batchId: string; abort: AbortController } | null = null;
  const fail = (error: AppError) => ({ ok: false as const, error });

  return {
    async start(input) {
      if (current) return fail(appError('bench.running'));
      const orderTopic = deps.getSettings().topic;
      if (input.params.topic === orderTopic && !input.allowOrderTopic) {
        return fail(appError('bench.orderTopic', { topic: orderTopic }));
      }
      const params = checkParams(input.params);
      if (!params.ok) return fail(params.error);
      const c = deps.clusterConfig();
      if (!c.ok) return fail(c.problem);
      const cluster = c.config;
      // Reserve the slot before the cluster round trip so a double click cannot start two.
      const batchId = randomUUID();
      const abort = new AbortController();
      current = { batchId, abort };
      const target = await checkAgainstCluster(cluster, params.value);
      if (!target.ok) {
        current = null;
        return fail(target.error);
      }

      const runs = planBatch(params.value, input.compareAcks, input.repetitions);
      void (async () => {
        let error: AppError | null = null;
        let results: BenchRunResult[] = [];
        try {
          results = await runBatch(
            runs,
            async (run) => {
              const out = await runOne(
                { params: run.params, cluster, target: target.value, label: run.label },
                {
                  signal: abort.signal,
                  onProgress: (p) => deps.emit('bench.progress', { batchId, label: run.label, ...p }),
                },
              );
              return out.result;
            },
            abort.signal,
          );
        } catch (e) {
          error = appError('bench.failed', { detail: e instanceof Error ? e.message : String(e) });
        }
        try {
          if (results.length) await history.add(results);
        } catch (e) {
          error ??= appError('bench.failed', { detail: `results not saved: ${(e as Error).message}` });
        }
        current = null;
        deps.emit('bench.finished', { batchId, results, error });
      })();
      return { ok: true, value: { batchId } };
    },

    async cancel() {
      if (!current) return { ok: true, value: { cancelled: false } };
      current.abort.abort();
      return { ok: true, value: { cancelled: true } };
    },

    async history() {
      return { ok: true, value: await history.list() };
    },

    async export({ format }) {
      return { ok: true, value: exportResults(await history.list(), format) };
    },
  };
}
