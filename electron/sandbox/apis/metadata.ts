// Metadata v0-12: live brokers, cluster id, a controller id (a live broker at random, as KRaft answers), and each partition's
// leader, replicas, ISR and offline replicas. Unknown topics are auto-created only when the
// broker allows it and (v4+) the client asks for it, as Kafka does.
// The authorized-operations flags (v8) are ignored: there are no ACLs. v10+ gives each topic's
// id (the zero UUID for a topic that is not there), so a client can tell a re-created topic
// from the one it wrote to; asking by id (v12) is refused by the wire module.
import { AUTHORIZED_OPERATIONS_OMITTED, Metadata, type MetadataTopic } from '../../kafka-wire/apis/metadata';
import { KafkaError } from '../../kafka-wire/error-codes';
import { defineHandler, type RequestContext } from '../api-handler';
import type { TopicState } from '../cluster-state';
import { invalidTopicName } from '../cluster-state';

type TopicAnswer = { name: string; error: number; topic: TopicState | null };

function answerFor(ctx: RequestContext, name: string, allowAutoCreate: boolean): TopicAnswer {
  const state = ctx.services.state;
  const topic = state.topics.get(name);
  if (topic) return { name, error: KafkaError.NONE, topic };
  if (invalidTopicName(name)) return { name, error: KafkaError.INVALID_TOPIC_EXCEPTION, topic: null };
  if (allowAutoCreate && state.config.bool('auto.create.topics.enable')) {
    const created = state.createTopic(
      name,
      state.config.int('num.partitions'),
      state.config.int('default.replication.factor'),
    );
    if (created.ok) {
      ctx.services.log(`auto-created topic ${name}`);
      // Kafka answers the creating request with LEADER_NOT_AVAILABLE; the client asks again.
      return { name, error: KafkaError.LEADER_NOT_AVAILABLE, topic: null };
    }
    return { name, error: created.error, topic: null };
  }
  return { name, error: KafkaError.UNKNOWN_TOPIC_OR_PARTITION, topic: null };
}

export const metadataHandler = defineHandler({
  api: Metadata,
  minVersion: 0,
  maxVersion: 12,
  handle(ctx, req) {
    const state = ctx.services.state;
    const allowAutoCreate = req.allowAutoTopicCreation ?? true;
    const answers: TopicAnswer[] =
      req.topics === null
        ? [...state.topics.values()]
            .sort((a, b) => a.name.localeCompare(b.name))
            .map((t) => ({ name: t.name, error: KafkaError.NONE, topic: t }))
        : req.topics.map((name) => answerFor(ctx, name, allowAutoCreate));

    const topics = answers.map((a): MetadataTopic => ({
      errorCode: a.error,
      name: a.name,
      topicId: a.topic?.topicId ?? null,
      isInternal: false,
      partitions: (a.topic?.partitions ?? []).map((p) => ({
        errorCode: p.leader === -1 ? KafkaError.LEADER_NOT_AVAILABLE : KafkaError.NONE,
        partitionIndex: p.index,
        leaderId: p.leader,
        leaderEpoch: p.leaderEpoch,
        replicaNodes: p.replicas,
        isrNodes: p.isr,
        offlineReplicas: p.replicas.filter((id) => !state.brokers.get(id)?.up),
      })),
      topicAuthorizedOperations: AUTHORIZED_OPERATIONS_OMITTED,
    }));
    return {
      throttleTimeMs: 0,
      brokers: state.liveBrokers().map((b) => ({ nodeId: b.id, host: b.host, port: b.port, rack: null })),
      clusterId: state.clusterId,
      // Under KRaft clients cannot reach the controllers: Kafka 4.x names a live broker chosen
      // at random on every answer (MetadataCache.getRandomAliveBrokerId), and so does the sandbox.
      controllerId: randomLiveBroker(state),
      topics,
      clusterAuthorizedOperations: AUTHORIZED_OPERATIONS_OMITTED,
    };
  },
});

function randomLiveBroker(state: { liveBrokers(): Array<{ id: number }> }): number {
  const live = state.liveBrokers();
  return live.length === 0 ? -1 : live[Math.floor(Math.random() * live.length)].id;
}
