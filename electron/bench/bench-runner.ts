// Runs ONE benchmark the way kafka-producer-perf-test does, on its own producer path
// (raw-batch-sender.ts: not idempotent, so acks 0 and 1 are possible, unlike the app's order
// producer). Latency of a record runs from the send call (its append to the accumulator) to its
// acknowledgement; with acks=0 the broker sends nothing back, so it ends when the batch has been
// handed to the socket. Runs anywhere: in the CLI's process or in a worker thread.
import { randomUUID } from 'node:crypto';
import {
  BENCH_WINDOW_MS,
  benchErrorText,
  type BenchParams,
  type BenchProgress,
  type BenchRunResult,
} from '../../shared/bench-types';
import { withTimeouts, type ClusterConfig } from '../cluster/cluster-config';
import { benchFailureToAppError } from '../cluster/error-mapper';
import type { ClusterTarget } from './perf-params';
import { formatWindowLine } from './perf-format';
import { payloadList, randomPayload, type PayloadSource } from './payload';
import { PerfStats } from './perf-stats';
import { benchErrorOf, RawBatchSender } from './raw-batch-sender';
import { RecordAccumulator } from './record-accumulator';
import { ThroughputThrottler } from './throughput-throttler';

/** Java producer defaults, used when the parameters leave them open. */
export const DEFAULT_BATCH_SIZE = 16_384;
export const DEFAULT_LINGER_MS = 0;
export const DEFAULT_BUFFER_MEMORY = 32 * 1024 * 1024;
export const MAX_IN_FLIGHT_PER_BROKER = 5;
/** How long a cancelled run waits for records already sent before it gives up on them. */
const CANCEL_DRAIN_MS = 10_000;
const PROGRESS_EVERY_MS = 500;

export const LATENCY_NOTE_ACKS0 =
  'acks=0: the broker never answers, so latency is measured from the send call to the hand-off to the socket.';

export type RunProgress = Omit<BenchProgress, 'batchId' | 'label'>;

export interface BenchRunInput {
  params: BenchParams;
  /** Plain data: crosses the worker boundary as it is. */
  cluster: ClusterConfig;
  target: ClusterTarget;
  label: string;
}

export interface BenchRunHooks {
  signal?: AbortSignal;
  onProgress?(p: RunProgress): void;
  /** For the CLI; now only the perf-test window line. */
  onLine?(line: string): void;
}

export interface BenchRunOutput {
  result: BenchRunResult;
  /** Engine figures for --print-metrics. */
  metrics: Record<string, number>;
}

/** The benchmark's connections: a batch may wait long for a busy broker, connecting may not. */
const BENCH_TIMEOUTS = { connectMs: 10_000, requestMs: 30_000 };

const nowMs = (): number => Math.floor(performance.now());
const yieldToLoop = (): Promise<void> => new Promise((r) => setImmediate(r));

export async function runBench(input: BenchRunInput, hooks: BenchRunHooks = {}): Promise<BenchRunOutput> {
  const { params, target } = input;
  const signal = hooks.signal;
  const payload: PayloadSource = params.payloads ? payloadList(params.payloads) : randomPayload(params.recordSize ?? 0);
  const startedAt = new Date().toISOString();
  const sender = await RawBatchSender.connect({
    cluster: withTimeouts(input.cluster, BENCH_TIMEOUTS),
    topic: params.topic,
    acks: params.acks,
    compression: params.compression,
  });

  // A batch can never be larger than the topic accepts; perf-test users rarely think of that.
  const batchSize = Math.min(params.batchSize ?? DEFAULT_BATCH_SIZE, Math.max(1, target.maxMessageBytes - 1024));
  const brokerCount = input.cluster.brokers.length;
  const accumulator = new RecordAccumulator({
    partitions: target.partitions,
    batchSizeBytes: batchSize,
    lingerMs: params.lingerMs ?? DEFAULT_LINGER_MS,
    maxInFlight: MAX_IN_FLIGHT_PER_BROKER * Math.max(1, brokerCount),
    bufferMemoryBytes: DEFAULT_BUFFER_MEMORY,
    sendBatch: (partition, values) => sender.send(partition, values),
  });

  const total = params.numRecords;
  const warmupCount = params.warmupRecords;
  let sent = 0;
  let acked = 0;
  let failed = 0;
  let firstError: Error | null = null;
  const start = nowMs();
  const cpuStart = process.cpuUsage();
  const phase = (): RunProgress['phase'] => (sent < warmupCount ? 'warmup' : 'measure');
  const allStats = new PerfStats(start, {
    reportingIntervalMs: BENCH_WINDOW_MS,
    expectedRecords: 16,
    onWindow: (w) => {
      const line = formatWindowLine(w);
      hooks.onLine?.(line);
      hooks.onProgress?.({ phase: phase(), sent, acked, failed, total, line, window: w });
    },
  });
  const warmupStats =
    warmupCount > 0 ? new PerfStats(start, { reportingIntervalMs: null, expectedRecords: warmupCount }) : null;
  let measureStats: PerfStats | null = warmupStats
    ? null
    : new PerfStats(start, { reportingIntervalMs: null, expectedRecords: total });
  // The throttler gets a sub-millisecond clock: on perf-test's whole-millisecond clock the
  // first millisecond counts as "no time elapsed" and goes out unthrottled, a burst that
  // matters at fractional rates.
  const throttleStart = performance.now();
  const throttler = new ThroughputThrottler(params.throughput, throttleStart);
  const progressTimer = setInterval(
    () => hooks.onProgress?.({ phase: phase(), sent, acked, failed, total, line: null, window: null }),
    PROGRESS_EVERY_MS,
  );

  const aborted = signal
    ? new Promise<void>((resolve) =>
        signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true }),
      )
    : null;
  try {
    for (let i = 0; i < total; i++) {
      if (signal?.aborted) break;
      const value = payload.next();
      const sendStart = nowMs();
      if (i === warmupCount && warmupStats) {
        measureStats = new PerfStats(sendStart, { reportingIntervalMs: null, expectedRecords: total - warmupCount });
      }
      const stats = (i < warmupCount ? warmupStats : measureStats)!;
      const wait = accumulator.append(value, (error) => {
        const now = nowMs();
        if (error) {
          failed++;
          firstError ??= error;
          const kept = benchErrorOf(error);
          stats.recordFailure(kept, now);
          allStats.recordFailure(kept, now);
        } else {
          acked++;
          stats.record(now - sendStart, value.length, now);
          allStats.record(now - sendStart, value.length, now);
        }
      });
      sent++;
      // A full buffer (brokers not answering) must not keep Cancel from working.
      if (wait) await (aborted ? Promise.race([wait, aborted]) : wait);
      if (throttler.shouldThrottle(i + 1, performance.now())) await throttler.throttle(signal);
      if ((i & 63) === 63) await yieldToLoop();
    }
    const drained = accumulator.flush();
    if (signal?.aborted) await Promise.race([drained, new Promise((r) => setTimeout(r, CANCEL_DRAIN_MS))]);
    else await drained;
  } finally {
    clearInterval(progressTimer);
    sender.close();
  }

  const end = nowMs();
  const cpuEnd = process.cpuUsage(cpuStart);
  const measure = measureStats ?? new PerfStats(end);
  hooks.onProgress?.({ phase: phase(), sent, acked, failed, total, line: null, window: null });
  const errors = [
    ...new Map([...(warmupStats?.errors ?? []), ...measure.errors].map((e) => [benchErrorText(e), e])).values(),
  ];
  return {
    result: {
      runId: randomUUID(),
      label: input.label,
      startedAt,
      params,
      summary: measure.summary(end),
      warmup: warmupStats ? warmupStats.summary(measureStats ? measureStats.startMs : end) : null,
      windows: allStats.windows,
      cancelled: signal?.aborted ?? false,
      errors,
      failure: firstError
        ? benchFailureToAppError(firstError, { brokers: input.cluster.brokers, topic: params.topic })
        : null,
      latencyNote: params.acks === 0 ? LATENCY_NOTE_ACKS0 : null,
    },
    metrics: {
      'batches-sent': accumulator.batchesSent,
      'records-per-batch-avg': accumulator.batchesSent ? accumulator.recordsSent / accumulator.batchesSent : 0,
      'batch-size-limit-bytes': batchSize,
      'records-sent': sent,
      'records-acked': acked,
      'records-failed': failed,
      'cpu-ms-per-1000-records': sent ? ((cpuEnd.user + cpuEnd.system) / 1000 / sent) * 1000 : 0,
    },
  };
}
