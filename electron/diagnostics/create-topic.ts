// Creates a topic for the operator (the order topic when it is missing, or the benchmark's own).
// Whether it exists is asked first with the cluster client's Metadata (for that one topic, so
// trouble elsewhere in the cluster does not matter); kafkajs then creates it, finding the
// controller, and creation returns once every broker knows the new topic (topic-propagation.ts).
import type { Result } from '../../shared/contract';
import { createTopicInputSchema } from '../../shared/diagnostics-types';
import { appError, type AppError } from '../../shared/error-codes';
import { DIAGNOSTIC_TIMEOUTS, withTimeouts, type ClusterConfig } from '../cluster/cluster-config';
import { ClusterClient } from '../cluster/cluster-client';
import { clusterErrorToAppError, errorDetail } from '../cluster/error-mapper';
import { withAdmin } from '../cluster/kafkajs-admin';
import { KafkaError } from '../kafka-wire/error-codes';
import { askEachBroker, untilEveryBrokerKnows } from './topic-propagation';

export interface CreateTopicInput {
  name: string;
  partitions: number;
  replicationFactor: number;
}

export async function createTopic(config: ClusterConfig, input: CreateTopicInput): Promise<Result<{ name: string }>> {
  const parsed = createTopicInputSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      error: appError('topic.createFailed', {
        topic: String(input.name),
        detail: parsed.error.issues[0]?.message ?? 'invalid',
      }),
    };
  }
  if (config.brokers.length === 0) return { ok: false, error: appError('cluster.noBrokers') };

  // One client for the question before and the wait after; kafkajs creates the topic between.
  const client = new ClusterClient(withTimeouts(config, DIAGNOSTIC_TIMEOUTS));
  try {
    return await createWith(client, config, parsed.data);
  } finally {
    client.close();
  }
}

async function createWith(
  client: ClusterClient,
  config: ClusterConfig,
  { name, partitions, replicationFactor }: CreateTopicInput,
): Promise<Result<{ name: string }>> {
  // Ask first: kafkajs reports "already exists" only as a boolean, and the clerk deserves the name.
  try {
    const meta = await client.metadata([name]);
    const found = meta.topics.find((t) => t.name === name);
    if (found && found.errorCode !== KafkaError.UNKNOWN_TOPIC_OR_PARTITION)
      return { ok: false, error: appError('topic.exists', { topic: name }) };
  } catch (e) {
    return { ok: false, error: clusterErrorToAppError(e, config.brokers) };
  }

  const outcome = await withAdmin(config, async (admin): Promise<Result<{ name: string }>> => {
    try {
      const created = await admin.createTopics({
        topics: [{ topic: name, numPartitions: partitions, replicationFactor }],
        // kafkajs's own wait asks one broker and throws when that one has not heard of the topic
        // yet; the wait after this asks them all.
        waitForLeaders: false,
        timeout: 10_000,
      });
      if (!created) return { ok: false, error: appError('topic.exists', { topic: name }) };
      return { ok: true, value: { name } };
    } catch (e) {
      return { ok: false, error: createFailed(name, e) };
    }
  });
  if (!outcome.ok) {
    return {
      ok: false,
      error: outcome.error.code === 'kafka.error' ? createFailed(name, outcome.cause) : outcome.error,
    };
  }
  // Past the deadline it is still created; a broker that lags that long is the health page's to show.
  if (outcome.value.ok) await untilEveryBrokerKnows(askEachBroker(client, name), name, partitions, PROPAGATION_WAIT);
  return outcome.value;
}

/** As long as kafkajs is given to create the topic. */
const PROPAGATION_WAIT = { deadlineMs: 10_000, intervalMs: 100 };

function createFailed(topic: string, e: unknown): AppError {
  // kafkajs gathers one error per topic in `errors`.
  const nested = (e as { errors?: unknown[] })?.errors;
  const detail = Array.isArray(nested) && nested.length ? errorDetail(nested[0]) : errorDetail(e);
  return appError('topic.createFailed', { topic, detail });
}
