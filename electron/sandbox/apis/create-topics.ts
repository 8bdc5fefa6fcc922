// CreateTopics v0-4. Like Kafka 2.4, only the controller accepts it.
import { CreateTopics } from '../../kafka-wire/apis/create-topics';
import { KafkaError } from '../../kafka-wire/error-codes';
import { defineHandler } from '../api-handler';

export const createTopicsHandler = defineHandler({
  api: CreateTopics,
  minVersion: 0,
  maxVersion: 4,
  handle(ctx, req) {
    const v = ctx.apiVersion;
    const state = ctx.services.state;
    const counts = new Map<string, number>();
    for (const t of req.topics) counts.set(t.name, (counts.get(t.name) ?? 0) + 1);

    const topics = req.topics.map((t) => {
      const fail = (errorCode: number, errorMessage: string) => ({ name: t.name, errorCode, errorMessage });
      if (ctx.broker.id !== state.controllerId) return fail(KafkaError.NOT_CONTROLLER, 'This is not the correct controller for this cluster.');
      if ((counts.get(t.name) ?? 0) > 1) return fail(KafkaError.INVALID_REQUEST, `Create topics request from client contains multiple entries for topic ${t.name}`);
      let assignment: number[][] | null = null;
      if (t.assignments.length > 0) {
        if (t.numPartitions !== -1 || t.replicationFactor !== -1) {
          return fail(KafkaError.INVALID_REQUEST, 'Both numPartitions or replicationFactor and replicasAssignments were set.');
        }
        const sorted = [...t.assignments].sort((a, b) => a.partitionIndex - b.partitionIndex);
        if (sorted.some((a, i) => a.partitionIndex !== i)) return fail(KafkaError.INVALID_REPLICA_ASSIGNMENT, 'Partitions should be consecutive from 0.');
        assignment = sorted.map((a) => a.brokerIds);
      }
      // v4 (KIP-464): -1 means the broker's default.
      const partitions = t.numPartitions === -1 && v >= 4 ? state.config.int('num.partitions') : t.numPartitions;
      const rf = t.replicationFactor === -1 && v >= 4 ? state.config.int('default.replication.factor') : t.replicationFactor;
      const configs: Record<string, string> = {};
      for (const c of t.configs) configs[c.name] = c.value as string;
      if (req.validateOnly) {
        if (state.topics.has(t.name)) return fail(KafkaError.TOPIC_ALREADY_EXISTS, `Topic '${t.name}' already exists.`);
        return { name: t.name, errorCode: KafkaError.NONE, errorMessage: null };
      }
      const created = state.createTopic(t.name, partitions, rf, configs, assignment);
      if (!created.ok) return fail(created.error, created.message);
      ctx.services.log(`created topic ${t.name} (${created.topic.partitions.length} partitions)`);
      return { name: t.name, errorCode: KafkaError.NONE, errorMessage: null };
    });
    return { throttleTimeMs: 0, topics };
  },
});
