// Everything that can be wrong with a benchmark is found here, before a single record is sent:
// the numbers themselves, then the cluster (reachable? topic there? records small enough?).
import { benchParamsSchema, type BenchParams } from '../../shared/bench-types';
import { appError, formatError, isErrorCode, type AppError } from '../../shared/error-codes';
import { issueError, schemaRefusal } from '../../shared/describe-issues';
import { DIAGNOSTIC_TIMEOUTS, withTimeouts, type ClusterConfig } from '../cluster/cluster-config';
import { ClusterClient } from '../cluster/cluster-client';
import { refusedAtBootstrap } from '../cluster/broker-probe';
import { clusterErrorToAppError } from '../cluster/error-mapper';
import { KafkaError } from '../kafka-wire/error-codes';

/** Kafka's message.max.bytes default (1 MiB + 12), used when the cluster does not say. */
export const KAFKA_DEFAULT_MAX_MESSAGE_BYTES = 1_048_588;
/** Record batch header (61 bytes) plus one record's own framing (a generous 21 bytes). */
export const RECORD_OVERHEAD_BYTES = 82;

export type Checked<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** A rule the schema leaves to us: perf-test's English for the log, and the field and reason for the screen. */
const invalid = (detail: string, field: string, reason: AppError): Checked<never> => ({
  ok: false,
  error: appError('bench.invalid', { reason: reason.code, ...reason.params, field, detail }),
});
const aboveZero: AppError = { code: 'field.wholeAtLeast', params: { min: 1 } };

/** The schema's fields by perf-test's own names, for what the schema refuses. */
const PERF_TEST_NAMES: Partial<Record<string, string>> = {
  topic: '--topic',
  warmupRecords: '--warmup-records',
  batchSize: 'batch.size',
  lingerMs: 'linger.ms',
  compression: 'compression.type',
};

/** The numbers alone, with perf-test's flag names in the messages. */
export function checkParams(input: unknown): Checked<BenchParams> {
  const raw = (input ?? {}) as Partial<Record<keyof BenchParams, unknown>>;
  if (typeof raw.numRecords !== 'number' || !Number.isInteger(raw.numRecords) || raw.numRecords <= 0) {
    return invalid(
      `--num-records must be a whole number above 0 (got ${String(raw.numRecords)})`,
      'numRecords',
      aboveZero,
    );
  }
  if (
    typeof raw.throughput !== 'number' ||
    Number.isNaN(raw.throughput) ||
    raw.throughput === 0 ||
    (raw.throughput < 0 && raw.throughput !== -1)
  ) {
    return invalid(
      `--throughput must be above 0 records/s, or -1 for no limit (got ${String(raw.throughput)})`,
      'throughput',
      { code: 'bench.throughput' },
    );
  }
  const hasSize = raw.recordSize !== null && raw.recordSize !== undefined;
  const hasPayloads = Array.isArray(raw.payloads) && raw.payloads.length > 0;
  if (hasSize === hasPayloads)
    return invalid('give either --record-size or --payload-file, not both and not neither', 'recordSize, payloads', {
      code: 'bench.sizeOrPayload',
    });
  if (hasSize && (typeof raw.recordSize !== 'number' || !Number.isInteger(raw.recordSize) || raw.recordSize <= 0)) {
    return invalid(
      `--record-size must be a whole number of bytes above 0 (got ${String(raw.recordSize)})`,
      'recordSize',
      aboveZero,
    );
  }
  const parsed = benchParamsSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.');
    const words = isErrorCode(issue.message) ? formatError(issueError(issue)) : issue.message;
    const detail = `${PERF_TEST_NAMES[field] ?? (field || 'parameters')}: ${words}`;
    return { ok: false, error: schemaRefusal('bench.invalid', parsed.error, { detail }) };
  }
  return { ok: true, value: parsed.data };
}

export interface ClusterTarget {
  partitions: number[];
  maxMessageBytes: number;
}

/** The cluster side: reachable, topic present, the largest record fits the topic's max.message.bytes. */
export async function checkAgainstCluster(
  cluster: ClusterConfig,
  params: BenchParams,
): Promise<Checked<ClusterTarget>> {
  const largest = params.recordSize ?? Math.max(...(params.payloads ?? ['']).map((p) => Buffer.byteLength(p, 'utf8')));
  if (cluster.brokers.length === 0) return { ok: false, error: appError('cluster.noBrokers') };
  const client = new ClusterClient(withTimeouts(cluster, DIAGNOSTIC_TIMEOUTS));
  try {
    // This topic alone: trouble in other topics must not stop a benchmark of this one.
    const meta = await client.metadata([params.topic]);
    const t = meta.topics.find((x) => x.name === params.topic);
    if (!t || t.errorCode === KafkaError.UNKNOWN_TOPIC_OR_PARTITION) {
      return { ok: false, error: appError('bench.topicMissing', { topic: params.topic }) };
    }
    const partitions = t.partitions.map((p) => p.partitionIndex).sort((a, b) => a - b);
    let maxMessageBytes = KAFKA_DEFAULT_MAX_MESSAGE_BYTES;
    try {
      const value = (await client.topicConfigs(params.topic, ['max.message.bytes'])).get('max.message.bytes');
      if (value && Number.isFinite(Number(value))) maxMessageBytes = Number(value);
    } catch {
      // A cluster that cannot describe configs still has Kafka's default limit.
    }
    if (largest + RECORD_OVERHEAD_BYTES > maxMessageBytes) {
      return {
        ok: false,
        error: appError('bench.recordTooLarge', { size: largest, topic: params.topic, max: maxMessageBytes }),
      };
    }
    return { ok: true, value: { partitions, maxMessageBytes } };
  } catch (e) {
    // Probed only once the client was refused: a reachable cluster costs the run nothing.
    return { ok: false, error: await refusedAtBootstrap(cluster, clusterErrorToAppError(e, cluster.brokers)) };
  } finally {
    client.close();
  }
}
