// The order-intake safety checklist, read from the cluster with DescribeConfigs. Each item is
// pass / warn / unknown; the sentences explaining them live in shared CHECKLIST_TEXT.
import type { KafkaConfig } from 'kafkajs';
import { ConfigResourceTypes } from './config-resource-types';
import type {
  ChecklistItemId,
  ProducerSafetyConfig,
  SafetyChecklist,
} from '../../shared/diagnostics-types';
import { withAdmin } from './diagnostic-admin';

type Item = SafetyChecklist['items'][number];

/** What the checklist needs from the cluster; every field is null when it could not be read. */
export interface ClusterSafetyFacts {
  /** Config value per broker id, per config name. */
  brokerConfigs: Map<number, Map<string, string | null>>;
  topicExists: boolean;
  topicConfigs: Map<string, string | null> | null;
  /** Smallest replica count over the topic's partitions. */
  topicReplicationFactor: number | null;
}

const BROKER_KEYS = [
  'auto.create.topics.enable',
  'delete.topic.enable',
  'min.insync.replicas',
  'unclean.leader.election.enable',
] as const;
const TOPIC_KEYS = ['min.insync.replicas', 'unclean.leader.election.enable'] as const;

export async function checkSafety(
  config: KafkaConfig,
  topic: string,
  producer: ProducerSafetyConfig,
): Promise<SafetyChecklist> {
  const checkedAt = new Date().toISOString();
  const facts = await withAdmin(config, (admin) => readFacts(admin, topic));
  if (!facts.ok) {
    return { checkedAt, items: judge(null, producer), error: facts.error };
  }
  return { checkedAt, items: judge(facts.value, producer), error: null };
}

async function readFacts(
  admin: import('kafkajs').Admin,
  topic: string,
): Promise<ClusterSafetyFacts> {
  const cluster = await admin.describeCluster();
  const topicExists = (await admin.listTopics()).includes(topic);
  const resources = [
    ...cluster.brokers.map((b) => ({
      type: ConfigResourceTypes.BROKER,
      name: String(b.nodeId),
      configNames: [...BROKER_KEYS],
    })),
    ...(topicExists ? [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: [...TOPIC_KEYS] }] : []),
  ];
  const described = await admin.describeConfigs({ resources, includeSynonyms: false });

  const brokerConfigs = new Map<number, Map<string, string | null>>();
  let topicConfigs: Map<string, string | null> | null = null;
  for (const r of described.resources) {
    if (r.errorCode !== 0) continue;
    const values = new Map(r.configEntries.map((e) => [e.configName, e.configValue ?? null] as const));
    if (r.resourceType === ConfigResourceTypes.BROKER) brokerConfigs.set(Number(r.resourceName), values);
    else if (r.resourceType === ConfigResourceTypes.TOPIC) topicConfigs = values;
  }

  let topicReplicationFactor: number | null = null;
  if (topicExists) {
    const meta = await admin.fetchTopicMetadata({ topics: [topic] });
    const counts = (meta.topics[0]?.partitions ?? []).map((p) => p.replicas.length);
    topicReplicationFactor = counts.length ? Math.min(...counts) : null;
  }
  return { brokerConfigs, topicExists, topicConfigs, topicReplicationFactor };
}

/** Pure: facts in, items out (null facts = cluster not readable). */
export function judge(facts: ClusterSafetyFacts | null, producer: ProducerSafetyConfig): Item[] {
  const item = (id: ChecklistItemId, status: Item['status'], value: string | null): Item => ({ id, status, value });
  const brokerValues = (key: string): string[] | null => {
    if (!facts || facts.brokerConfigs.size === 0) return null;
    const vals = [...facts.brokerConfigs.values()].map((m) => m.get(key));
    if (vals.some((v) => v === undefined || v === null)) return null;
    return vals as string[];
  };
  /** The broker setting must be `want` on every broker. */
  const everyBroker = (id: ChecklistItemId, key: string, want: string): Item => {
    const vals = brokerValues(key);
    if (!vals) return item(id, 'unknown', null);
    const distinct = [...new Set(vals)];
    return item(id, vals.every((v) => v === want) ? 'pass' : 'warn', distinct.join(' / '));
  };
  /** Topic-level value when the topic exists (it already includes the broker default), else the brokers'. */
  const effective = (key: string): string[] | null => {
    const topicValue = facts?.topicConfigs?.get(key);
    if (topicValue !== undefined && topicValue !== null) return [topicValue];
    return brokerValues(key);
  };

  const minIsr = effective('min.insync.replicas');
  const minIsrNums = minIsr?.map(Number) ?? null;
  const unclean = effective('unclean.leader.election.enable');
  const rf = facts?.topicReplicationFactor ?? null;
  const acksText = producer.acks === -1 ? 'all' : String(producer.acks);

  return [
    everyBroker('autoCreateTopics', 'auto.create.topics.enable', 'false'),
    everyBroker('deleteTopic', 'delete.topic.enable', 'false'),
    rf === null ? item('replicationFactor', 'unknown', null) : item('replicationFactor', rf >= 3 ? 'pass' : 'warn', String(rf)),
    !minIsrNums || minIsrNums.some(Number.isNaN)
      ? item('minInsyncReplicas', 'unknown', null)
      : item('minInsyncReplicas', minIsrNums.every((n) => n >= 2) ? 'pass' : 'warn', [...new Set(minIsr)].join(' / ')),
    !unclean
      ? item('uncleanLeaderElection', 'unknown', null)
      : item('uncleanLeaderElection', unclean.every((v) => v === 'false') ? 'pass' : 'warn', [...new Set(unclean)].join(' / ')),
    item(
      'producerAcksIdempotent',
      producer.acks === -1 && producer.idempotent ? 'pass' : 'warn',
      `acks=${acksText}, idempotent=${producer.idempotent}`,
    ),
  ];
}
