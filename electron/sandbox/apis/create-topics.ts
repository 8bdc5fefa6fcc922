// CreateTopics v2-4 (Kafka 4.x removed v0-1, KIP-896). Any broker accepts it, as Kafka 4.x's
// brokers forward it to the KRaft controller (NOT_CONTROLLER was Kafka 2.4's answer). Like a cluster with a
// create-topic policy, it refuses with POLICY_VIOLATION a request for more partitions than
// sandbox.max.partitions.per.request (Kafka 4.x's controller refuses any operation of more than
// 10,000 records with the same code and message) and any topic that would take the cluster past
// sandbox.max.partitions, before anything is allocated: one small request asking for 20,000,000
// partitions used to stall every broker and exhaust the heap.
import { CreateTopics } from '../../kafka-wire/apis/create-topics';
import { KafkaError } from '../../kafka-wire/error-codes';
import { defineHandler } from '../api-handler';

export const createTopicsHandler = defineHandler({
  api: CreateTopics,
  minVersion: 2,
  maxVersion: 4,
  handle(ctx, req) {
    const v = ctx.apiVersion;
    const state = ctx.services.state;
    const counts = new Map<string, number>();
    for (const t of req.topics) counts.set(t.name, (counts.get(t.name) ?? 0) + 1);
    const partitionsOf = (t: (typeof req.topics)[number]) =>
      t.assignments.length > 0
        ? t.assignments.length
        : t.numPartitions === -1 && v >= 4
          ? state.config.int('num.partitions')
          : t.numPartitions;
    const requested = req.topics.reduce((n, t) => n + Math.max(0, partitionsOf(t)), 0);
    const perRequest = state.config.int('sandbox.max.partitions.per.request');
    if (requested > perRequest) {
      ctx.services.log(
        `refused CreateTopics for ${requested} partitions (sandbox.max.partitions.per.request ${perRequest})`,
      );
      return {
        throttleTimeMs: 0,
        topics: req.topics.map((t) => ({
          name: t.name,
          errorCode: KafkaError.POLICY_VIOLATION,
          errorMessage: 'Unable to perform excessively large batch operation.',
        })),
      };
    }

    const topics = req.topics.map((t) => {
      const fail = (errorCode: number, errorMessage: string) => ({ name: t.name, errorCode, errorMessage });
      if ((counts.get(t.name) ?? 0) > 1)
        return fail(
          KafkaError.INVALID_REQUEST,
          `Create topics request from client contains multiple entries for topic ${t.name}`,
        );
      let assignment: number[][] | null = null;
      if (t.assignments.length > 0) {
        if (t.numPartitions !== -1 || t.replicationFactor !== -1) {
          return fail(
            KafkaError.INVALID_REQUEST,
            'Both numPartitions or replicationFactor and replicasAssignments were set.',
          );
        }
        const sorted = [...t.assignments].sort((a, b) => a.partitionIndex - b.partitionIndex);
        if (sorted.some((a, i) => a.partitionIndex !== i))
          return fail(KafkaError.INVALID_REPLICA_ASSIGNMENT, 'Partitions should be consecutive from 0.');
        assignment = sorted.map((a) => a.brokerIds);
      }
      // v4 (KIP-464): -1 means the broker's default.
      const partitions = partitionsOf(t);
      const rf =
        t.replicationFactor === -1 && v >= 4 ? state.config.int('default.replication.factor') : t.replicationFactor;
      const configs: Record<string, string> = {};
      for (const c of t.configs) configs[c.name] = c.value as string;
      if (req.validateOnly) {
        if (state.topics.has(t.name)) return fail(KafkaError.TOPIC_ALREADY_EXISTS, `Topic '${t.name}' already exists.`);
        const room = state.partitionRoom(Math.max(0, partitions));
        if (room) return fail(KafkaError.POLICY_VIOLATION, room);
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
