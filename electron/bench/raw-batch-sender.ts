// The benchmark's own producer path, as kafka-producer-perf-test's Java producer has one: it
// encodes each accumulated batch as one record batch (the wire module's encoder: magic v2,
// CRC-32C, optional gzip) and sends it in a Produce v3 request to the partition's leader, up to
// several requests in flight per broker, over the cluster client's connections. kafkajs spent
// about 9 µs of CPU per 1 KB record in its JavaScript request encoding (measured; see README),
// so a benchmark on it measured kafkajs, not the cluster. The app's orders still go through
// kafkajs (electron/kafka/order-producer.ts).
import type { BrokerAddress, ClusterConfig } from '../cluster/cluster-config';
import { ClusterClient } from '../cluster/cluster-client';
import { ClusterConnectionError } from '../cluster/cluster-errors';
import { Produce } from '../kafka-wire/apis/produce';
import { KafkaError, kafkaErrorInfo } from '../kafka-wire/error-codes';
import type { BenchError } from '../../shared/bench-types';
import { encodeRecordBatchAsync, type RecordToEncode } from '../kafka-wire/record-batch-encode';

/** v3: the first version carrying record batches v2, and the oldest Kafka 4.x accepts. */
export const PRODUCE_VERSION = 3;
/**
 * Errors after which the partition's leader may have moved: metadata is read again. The only
 * ones retried: the Java producer also retries NOT_ENOUGH_REPLICAS and other retriable answers
 * for delivery.timeout.ms, but an operator asking Diagnostics whether the cluster takes writes
 * would wait two minutes for the same refusal (README: where it differs from perf-test).
 */
const STALE_LEADER = new Set<number>([
  KafkaError.NOT_LEADER_OR_FOLLOWER,
  KafkaError.LEADER_NOT_AVAILABLE,
  KafkaError.UNKNOWN_TOPIC_OR_PARTITION,
]);

/** As the Java producer's defaults: retry.backoff.ms and delivery.timeout.ms. */
export const RETRY_BACKOFF_MS = 100;
export const DELIVERY_TIMEOUT_MS = 120_000;

export interface RawBatchSenderOptions {
  /** Its requestMs is also the Produce request's broker-side timeout. */
  cluster: ClusterConfig;
  topic: string;
  acks: -1 | 0 | 1;
  compression: 'none' | 'gzip';
}

export class ProduceError extends Error {
  constructor(
    readonly code: number,
    readonly partition: number,
  ) {
    super(`${kafkaErrorInfo(code).name} (partition ${partition})`);
    this.name = 'ProduceError';
  }
}

/** What a run keeps of an error: Kafka's refusal as facts, for the page to word; else its message. */
export const benchErrorOf = (e: Error): BenchError =>
  e instanceof ProduceError ? { kafka: kafkaErrorInfo(e.code).name, partition: e.partition } : e.message;

export class RawBatchSender {
  private leaders = new Map<number, BrokerAddress>();
  private refreshing: Promise<void> | null = null;
  private readonly client: ClusterClient;

  private constructor(private readonly opts: RawBatchSenderOptions) {
    this.client = new ClusterClient(opts.cluster);
  }

  /** Reads the topic's partition leaders; fails when no broker answers. */
  static async connect(opts: RawBatchSenderOptions): Promise<RawBatchSender> {
    const sender = new RawBatchSender(opts);
    try {
      await sender.refreshLeaders();
    } catch (e) {
      sender.close();
      throw e;
    }
    return sender;
  }

  private refreshLeaders(): Promise<void> {
    this.refreshing ??= this.readLeaders().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  private async readLeaders(): Promise<void> {
    const meta = await this.client.metadata([this.opts.topic]);
    const leaders = new Map<number, BrokerAddress>();
    for (const p of meta.topics[0]?.partitions ?? []) {
      const node = meta.brokersById.get(p.leaderId);
      if (node) leaders.set(p.partitionIndex, node);
    }
    this.leaders = leaders;
  }

  /**
   * Sends one batch to one partition; resolves when acknowledged (acks=0: when written). A
   * partition whose leader is unknown or has moved (a topic created a moment ago: Apache Kafka
   * answers LEADER_NOT_AVAILABLE until its brokers know the new leaders) is retried as the Java
   * producer retries it, so perf-test's figures and these count the same records as failed.
   */
  async send(partition: number, values: Buffer[]): Promise<void> {
    // Records without key or headers, all with the batch's timestamp; not idempotent, so acks 0 and 1 are allowed.
    const records: RecordToEncode[] = new Array(values.length);
    for (let i = 0; i < values.length; i++) records[i] = { value: values[i] };
    const batch = await encodeRecordBatchAsync(records, {
      firstTimestamp: Date.now(),
      compression: this.opts.compression,
    });
    return retryingStaleLeader(
      () => this.sendOnce(partition, batch),
      () => this.refreshLeaders(),
    );
  }

  private async sendOnce(partition: number, batch: Buffer): Promise<void> {
    let leader = this.leaders.get(partition);
    if (!leader) {
      await this.refreshLeaders();
      leader = this.leaders.get(partition);
      if (!leader) throw new ProduceError(KafkaError.LEADER_NOT_AVAILABLE, partition);
    }
    const request = {
      transactionalId: null,
      acks: this.opts.acks,
      timeoutMs: this.opts.cluster.timeouts.requestMs,
      topicData: [{ name: this.opts.topic, partitionData: [{ index: partition, records: batch }] }],
    };
    const conn = await this.client.connectionTo(leader);
    if (this.opts.acks === 0) return conn.sendOnly(Produce, PRODUCE_VERSION, request);
    const res = await conn.request(Produce, PRODUCE_VERSION, request);
    const error = res.responses[0]?.partitionResponses[0]?.errorCode ?? KafkaError.UNKNOWN_SERVER_ERROR;
    if (error !== KafkaError.NONE) throw new ProduceError(error, partition);
  }

  close(): void {
    this.client.close();
  }
}

export interface RetryTiming {
  backoffMs: number;
  timeoutMs: number;
  now(): number;
  sleep(ms: number): Promise<void>;
}

const JAVA_PRODUCER_TIMING: RetryTiming = {
  backoffMs: RETRY_BACKOFF_MS,
  timeoutMs: DELIVERY_TIMEOUT_MS,
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Runs `attempt` again, after reading the leaders again and a back-off, while it fails because
 * the partition's leader is unknown or has moved, until the delivery timeout; any other error,
 * or the last one, is the batch's. A leader whose connection fails (a broker killed mid-run) is
 * retried as the Java producer retries it, while some broker still answers for the leaders:
 * with none answering, the batch fails at once rather than after two silent minutes.
 */
export async function retryingStaleLeader(
  attempt: () => Promise<void>,
  refreshLeaders: () => Promise<void>,
  timing: RetryTiming = JAVA_PRODUCER_TIMING,
): Promise<void> {
  const deadline = timing.now() + timing.timeoutMs;
  for (;;) {
    let lostLeader: ClusterConnectionError | null = null;
    try {
      return await attempt();
    } catch (e) {
      const retriable = (e instanceof ProduceError && STALE_LEADER.has(e.code)) || e instanceof ClusterConnectionError;
      if (!retriable || timing.now() + timing.backoffMs > deadline) throw e;
      if (e instanceof ClusterConnectionError) lostLeader = e;
    }
    await timing.sleep(timing.backoffMs);
    try {
      await refreshLeaders();
    } catch {
      if (lostLeader) throw lostLeader;
    }
  }
}
