// Creates a topic for the operator (the order topic when it is missing, or the benchmark's own).
import type { KafkaConfig } from 'kafkajs';
import { createTopicInputSchema } from '../../shared/diagnostics-types';
import { appError, type AppError } from '../../shared/error-codes';
import type { Result } from '../../shared/contract';
import { kafkaErrorText, withAdmin } from './diagnostic-admin';

export interface CreateTopicInput {
  name: string;
  partitions: number;
  replicationFactor: number;
}

export async function createTopic(config: KafkaConfig, input: CreateTopicInput): Promise<Result<{ name: string }>> {
  const parsed = createTopicInputSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, error: appError('topic.createFailed', { topic: String(input.name), detail: parsed.error.issues[0]?.message ?? 'invalid' }) };
  }
  const { name, partitions, replicationFactor } = parsed.data;
  const outcome = await withAdmin(config, async (admin): Promise<Result<{ name: string }>> => {
    // Ask first: kafkajs reports "already exists" only as a boolean, and the clerk deserves the name.
    if ((await admin.listTopics()).includes(name)) return { ok: false, error: appError('topic.exists', { topic: name }) };
    try {
      const created = await admin.createTopics({
        topics: [{ topic: name, numPartitions: partitions, replicationFactor }],
        waitForLeaders: true,
        timeout: 10_000,
      });
      if (!created) return { ok: false, error: appError('topic.exists', { topic: name }) };
      return { ok: true, value: { name } };
    } catch (e) {
      // CreateTopics itself never answers this: it comes from kafkajs's wait for leaders, which
      // asks one broker and gives up when a KRaft broker has not heard of the new topic yet.
      // The topic was created; the pane's next refresh shows it.
      if ((e as { type?: string })?.type === 'UNKNOWN_TOPIC_OR_PARTITION') return { ok: true, value: { name } };
      return { ok: false, error: createFailed(name, e) };
    }
  });
  if (!outcome.ok) {
    return { ok: false, error: outcome.error.code === 'kafka.error' ? createFailed(name, outcome.cause) : outcome.error };
  }
  return outcome.value;
}

function createFailed(topic: string, e: unknown): AppError {
  const nested = (e as { errors?: unknown[] })?.errors;
  const detail = Array.isArray(nested) && nested.length ? kafkaErrorText(nested[0]) : kafkaErrorText(e);
  return appError('topic.createFailed', { topic, detail });
}
