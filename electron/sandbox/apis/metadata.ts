// Metadata v0-8: live brokers, cluster id, the real controller id, and each partition's
// leader, replicas, ISR and offline replicas. Unknown topics are auto-created only when the
// broker allows it and (v4+) the client asks for it, as Kafka does.
import type { ApiHandler, RequestContext } from '../api-handler';
import type { TopicState } from '../cluster-state';
import { invalidTopicName } from '../cluster-state';
import { ApiKey } from '../protocol/api-keys';
import { KafkaError } from '../protocol/error-codes';
import type { KafkaReader } from '../protocol/kafka-reader';
import { KafkaWriter } from '../protocol/kafka-writer';

const NO_AUTHORIZED_OPERATIONS = -2147483648;

type TopicAnswer = { name: string; error: number; topic: TopicState | null };

function answerFor(ctx: RequestContext, name: string, allowAutoCreate: boolean): TopicAnswer {
  const state = ctx.services.state;
  const topic = state.topics.get(name);
  if (topic) return { name, error: KafkaError.NONE, topic };
  if (invalidTopicName(name)) return { name, error: KafkaError.INVALID_TOPIC_EXCEPTION, topic: null };
  if (allowAutoCreate && state.config.bool('auto.create.topics.enable')) {
    const created = state.createTopic(name, state.config.int('num.partitions'), state.config.int('default.replication.factor'));
    if (created.ok) {
      ctx.services.log(`auto-created topic ${name}`);
      // Kafka answers the creating request with LEADER_NOT_AVAILABLE; the client asks again.
      return { name, error: KafkaError.LEADER_NOT_AVAILABLE, topic: null };
    }
    return { name, error: created.error, topic: null };
  }
  return { name, error: KafkaError.UNKNOWN_TOPIC_OR_PARTITION, topic: null };
}

export const metadataHandler: ApiHandler = {
  apiKey: ApiKey.Metadata,
  name: 'Metadata',
  minVersion: 0,
  maxVersion: 8,
  handle(ctx, r: KafkaReader) {
    const v = ctx.apiVersion;
    const requested = v === 0 ? r.array((x) => x.string()) : r.nullableArray((x) => x.string());
    const allowAutoCreate = v >= 4 ? r.boolean() : true;
    if (v >= 8) {
      r.boolean(); // include_cluster_authorized_operations
      r.boolean(); // include_topic_authorized_operations
    }
    const state = ctx.services.state;
    const all = requested === null || (v === 0 && requested.length === 0);
    const answers: TopicAnswer[] = all
      ? [...state.topics.values()].sort((a, b) => a.name.localeCompare(b.name)).map((t) => ({ name: t.name, error: 0, topic: t }))
      : requested.map((name) => answerFor(ctx, name, allowAutoCreate));

    const w = new KafkaWriter();
    if (v >= 3) w.int32(0); // throttle_time_ms
    w.array(state.liveBrokers(), (w2, b) => {
      w2.int32(b.id).string(b.host).int32(b.port);
      if (v >= 1) w2.nullableString(null); // rack
    });
    if (v >= 2) w.nullableString(state.clusterId);
    if (v >= 1) w.int32(state.controllerId);
    w.array(answers, (w2, a) => {
      w2.int16(a.error).string(a.name);
      if (v >= 1) w2.boolean(false); // is_internal
      w2.array(a.topic?.partitions ?? [], (w3, p) => {
        w3.int16(p.leader === -1 ? KafkaError.LEADER_NOT_AVAILABLE : KafkaError.NONE).int32(p.index).int32(p.leader);
        if (v >= 7) w3.int32(p.leaderEpoch);
        w3.array(p.replicas, (w4, id) => w4.int32(id));
        w3.array(p.isr, (w4, id) => w4.int32(id));
        if (v >= 5) w3.array(p.replicas.filter((id) => !state.brokers.get(id)?.up), (w4, id) => w4.int32(id));
      });
      if (v >= 8) w2.int32(NO_AUTHORIZED_OPERATIONS);
    });
    if (v >= 8) w.int32(NO_AUTHORIZED_OPERATIONS);
    return w;
  },
};
