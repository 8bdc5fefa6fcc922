import { z } from 'zod';
import { topicNameSchema } from './topic-name';
import { appErrorSchema } from './outbox-types';
import type { ErrorCode } from './error-codes';

export const ACKS_LEVELS = [0, 1, -1] as const;
/**
 * The acks a run takes when none is given: "all", the Java producer's default since Kafka 3.0
 * (KIP-679), so a run without acks=… measures what kafka-producer-perf-test does on the Kafka 4.x
 * clusters the app targets. The page's acks and `npm run bench` both start from it.
 */
export const DEFAULT_BENCH_ACKS: (typeof ACKS_LEVELS)[number] = -1;
export const COMPRESSIONS = ['none', 'gzip'] as const;
/** The benchmark's own topic: the UI writes here unless the operator explicitly picks another. */
export const BENCH_TOPIC = 'order-desk-bench';
/** perf-test's reporting interval: a window line every 5 s. */
export const BENCH_WINDOW_MS = 5000;

/**
 * One of a run's first errors: Kafka's refusal of a partition's batch as facts (Kafka's error name
 * and the partition), which the page words in the operator's language; any other error as its
 * message. History files before these facts held the refusal as "NAME (partition N)": read back
 * as facts too, so the Korean screen does not show "partition" from them either.
 */
export const benchErrorSchema = z.preprocess(
  (v) => {
    const m = typeof v === 'string' ? /^([A-Z_]+) \(partition (\d+)\)$/.exec(v) : null;
    return m ? { kafka: m[1], partition: Number(m[2]) } : v;
  },
  z.union([z.string(), z.object({ kafka: z.string(), partition: z.number().int() })]),
);
export type BenchError = z.infer<typeof benchErrorSchema>;

/** A run's error in English, for the console tool's line and the CSV (the page words it itself). */
export const benchErrorText = (e: BenchError): string =>
  typeof e === 'string' ? e : `${e.kafka} (partition ${e.partition})`;

/** kafka-producer-perf-test's parameters, by their meaning. */
export const benchParamsSchema = z
  .strictObject({
    topic: topicNameSchema,
    numRecords: z.number().int().min(1),
    /** Either recordSize or payloads (entries of a payload file split by its delimiter). */
    recordSize: z.number().int().min(1).nullable(),
    payloads: z.array(z.string()).min(1).nullable(),
    throughput: z.number().refine((v) => v === -1 || v > 0, { error: '-1 (unthrottled) or above 0' }),
    acks: z.union([z.literal(0), z.literal(1), z.literal(-1)]),
    warmupRecords: z.number().int().min(0),
    batchSize: z.number().int().min(1).nullable(),
    lingerMs: z.number().int().min(0).nullable(),
    compression: z.enum(COMPRESSIONS),
  })
  // perf-test's warm-up is the run's first records, and ProducerPerformance refuses a
  // --warmup-records not strictly fewer than --num-records. Said at the warm-up's field, in the
  // error's code as the app's schemas speak, so the page says it there before sending; a Records
  // the schema refuses is said on Records alone.
  .superRefine((p, ctx) => {
    if (!Number.isInteger(p.numRecords) || p.numRecords < 1 || p.warmupRecords < p.numRecords) return;
    ctx.addIssue({
      code: 'custom',
      path: ['warmupRecords'],
      message: 'bench.warmupNotFewer' satisfies ErrorCode,
      params: { records: p.numRecords, max: p.numRecords - 1 },
    });
  });
export type BenchParams = z.infer<typeof benchParamsSchema>;

/**
 * A run's figures. Rates and latencies are null when no record was acknowledged: there is no
 * latency to report, and a 0 read as "instant" (a failed acks=all run showed 0 ms and 0
 * records/s as if measured). Earlier history files hold zeros there; they still parse.
 */
export const benchSummarySchema = z.object({
  records: z.number().int(),
  failed: z.number().int(),
  recordsPerSec: z.number().nullable(),
  mbPerSec: z.number().nullable(),
  avgLatencyMs: z.number().nullable(),
  maxLatencyMs: z.number().nullable(),
  p50: z.number().nullable(),
  p95: z.number().nullable(),
  p99: z.number().nullable(),
  p999: z.number().nullable(),
  elapsedMs: z.number(),
});
export type BenchSummary = z.infer<typeof benchSummarySchema>;

export const benchWindowSchema = z.object({
  atMs: z.number(),
  records: z.number().int(),
  recordsPerSec: z.number(),
  mbPerSec: z.number(),
  /** Null for a window in which no record was acknowledged (only failures closed it). */
  avgLatencyMs: z.number().nullable(),
  maxLatencyMs: z.number().nullable(),
});
export type BenchWindow = z.infer<typeof benchWindowSchema>;

export const benchRunResultSchema = z.object({
  runId: z.string(),
  label: z.string(),
  startedAt: z.iso.datetime(),
  params: benchParamsSchema,
  summary: benchSummarySchema,
  warmup: benchSummarySchema.nullable(),
  windows: z.array(benchWindowSchema),
  cancelled: z.boolean(),
  /** First error messages seen, so failures are reported rather than dropped. */
  errors: z.array(benchErrorSchema),
  /**
   * Why records failed, in the operator's words (the first failure through the one error
   * mapper; Kafka's name in its params); null when none failed. Absent in older history files.
   */
  failure: appErrorSchema.nullable().default(null),
  /** What the latency means when it is not "send to acknowledgement" (acks=0), else null. */
  latencyNote: z.string().nullable(),
});
export type BenchRunResult = z.infer<typeof benchRunResultSchema>;

export const benchStartInputSchema = z.strictObject({
  params: benchParamsSchema,
  /** "Compare acks": run acks 0, 1 and all in turn with the same parameters. */
  compareAcks: z.boolean(),
  repetitions: z.number().int().min(1).max(10),
  /** The operator confirmed writing to the order topic (refused otherwise). */
  allowOrderTopic: z.boolean(),
});
export type BenchStartInput = z.infer<typeof benchStartInputSchema>;

export const benchProgressSchema = z.object({
  batchId: z.string(),
  label: z.string(),
  phase: z.enum(['warmup', 'measure']),
  sent: z.number().int(),
  acked: z.number().int(),
  failed: z.number().int(),
  total: z.number().int(),
  /** perf-test's 5-second window line, when one was just printed. */
  line: z.string().nullable(),
  window: benchWindowSchema.nullable(),
});
export type BenchProgress = z.infer<typeof benchProgressSchema>;
