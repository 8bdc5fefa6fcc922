// CreateTopics v0-4. Like Kafka 2.4, only the controller accepts it.
import type { ApiHandler } from '../api-handler';
import { ApiKey } from '../protocol/api-keys';
import { KafkaError } from '../protocol/error-codes';
import { KafkaWriter } from '../protocol/kafka-writer';

export const createTopicsHandler: ApiHandler = {
  apiKey: ApiKey.CreateTopics,
  name: 'CreateTopics',
  minVersion: 0,
  maxVersion: 4,
  handle(ctx, r) {
    const v = ctx.apiVersion;
    const topics = r.array((x) => ({
      name: x.string(),
      numPartitions: x.int32(),
      replicationFactor: x.int16(),
      assignments: x.array((y) => ({ partition: y.int32(), brokers: y.array((z) => z.int32()) })),
      configs: x.array((y) => ({ name: y.string(), value: y.nullableString() })),
    }));
    r.int32(); // timeout_ms
    const validateOnly = v >= 1 ? r.boolean() : false;
    const state = ctx.services.state;
    const counts = new Map<string, number>();
    for (const t of topics) counts.set(t.name, (counts.get(t.name) ?? 0) + 1);

    const results = topics.map((t) => {
      const fail = (error: number, message: string) => ({ name: t.name, error, message });
      if (ctx.broker.id !== state.controllerId) return fail(KafkaError.NOT_CONTROLLER, 'This is not the correct controller for this cluster.');
      if ((counts.get(t.name) ?? 0) > 1) return fail(KafkaError.INVALID_REQUEST, `Create topics request from client contains multiple entries for topic ${t.name}`);
      let assignment: number[][] | null = null;
      if (t.assignments.length > 0) {
        if (t.numPartitions !== -1 || t.replicationFactor !== -1) {
          return fail(KafkaError.INVALID_REQUEST, 'Both numPartitions or replicationFactor and replicasAssignments were set.');
        }
        const sorted = [...t.assignments].sort((a, b) => a.partition - b.partition);
        if (sorted.some((a, i) => a.partition !== i)) return fail(KafkaError.INVALID_REPLICA_ASSIGNMENT, 'Partitions should be consecutive from 0.');
        assignment = sorted.map((a) => a.brokers);
      }
      // v4 (KIP-464): -1 means the broker's default.
      const partitions = t.numPartitions === -1 && v >= 4 ? state.config.int('num.partitions') : t.numPartitions;
      const rf = t.replicationFactor === -1 && v >= 4 ? state.config.int('default.replication.factor') : t.replicationFactor;
      const configs: Record<string, string> = {};
      for (const c of t.configs) configs[c.name] = c.value as string;
      if (validateOnly) {
        if (state.topics.has(t.name)) return fail(KafkaError.TOPIC_ALREADY_EXISTS, `Topic '${t.name}' already exists.`);
        return { name: t.name, error: KafkaError.NONE, message: null };
      }
      const created = state.createTopic(t.name, partitions, rf, configs, assignment);
      if (!created.ok) return fail(created.error, created.message);
      ctx.services.log(`created topic ${t.name} (${created.topic.partitions.length} partitions)`);
      return { name: t.name, error: KafkaError.NONE, message: null };
    });

    const w = new KafkaWriter();
    if (v >= 2) w.int32(0); // throttle_time_ms
    w.array(results, (w2, t) => {
      w2.string(t.name).int16(t.error);
      if (v >= 1) w2.nullableString(t.message);
    });
    return w;
  },
};
