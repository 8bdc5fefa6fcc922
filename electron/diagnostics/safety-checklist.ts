// The order-intake safety checklist, read from the cluster with Metadata and DescribeConfigs
// (the cluster client's). Each item is pass / warn / unknown; the sentences explaining them
// live in shared CHECKLIST_TEXT.
import type { ChecklistItemId, ProducerSafetyConfig, SafetyChecklist } from '../../shared/diagnostics-types';
import { appError, type AppError } from '../../shared/error-codes';
import { DEFAULT_SETTINGS } from '../../shared/settings-schema';
import { DIAGNOSTIC_TIMEOUTS, withTimeouts, type ClusterConfig } from '../cluster/cluster-config';
import { ClusterClient } from '../cluster/cluster-client';
import { clusterErrorToAppError, topicReadErrorToAppError } from '../cluster/error-mapper';
import { KafkaError, KafkaResponseError } from '../kafka-wire/error-codes';

type Item = SafetyChecklist['items'][number];

/** What the checklist needs from the cluster; every field is null when it could not be read. */
export interface ClusterSafetyFacts {
  /** Config value per broker id, per config name. */
  brokerConfigs: Map<number, Map<string, string | null>>;
  topicExists: boolean;
  /**
   * Why the topic's own values could not be read although the cluster answered (missing, not
   * allowed, its DescribeConfigs failed), else null.
   */
  topicUnread: AppError | null;
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
// retention.ms rides on the request already made for the other two.
const TOPIC_KEYS = ['min.insync.replicas', 'unclean.leader.election.enable', 'retention.ms'] as const;
const DAY_MS = 86_400_000;

export async function checkSafety(
  config: ClusterConfig,
  topic: string,
  producer: ProducerSafetyConfig,
  /** How long this terminal's history keeps delivered orders (Settings), which the topic's retention is held against. */
  historyDays: number = DEFAULT_SETTINGS.historyRetentionDays,
): Promise<SafetyChecklist> {
  const checkedAt = new Date().toISOString();
  if (config.brokers.length === 0)
    return { checkedAt, items: judge(null, producer, historyDays), error: appError('cluster.noBrokers') };
  const client = new ClusterClient(withTimeouts(config, DIAGNOSTIC_TIMEOUTS));
  try {
    return {
      checkedAt,
      items: judge(await readFacts(client, topic, config.brokers), producer, historyDays),
      error: null,
    };
  } catch (e) {
    return { checkedAt, items: judge(null, producer, historyDays), error: clusterErrorToAppError(e, config.brokers) };
  } finally {
    client.close();
  }
}

export async function readFacts(
  client: Pick<ClusterClient, 'metadata' | 'brokerConfigs' | 'topicConfigs'>,
  topic: string,
  brokers: readonly string[],
): Promise<ClusterSafetyFacts> {
  const meta = await client.metadata([topic]);
  const t = meta.topics.find((x) => x.name === topic);
  const topicCode = t?.errorCode ?? KafkaError.UNKNOWN_TOPIC_OR_PARTITION;
  const topicExists =
    topicCode !== KafkaError.UNKNOWN_TOPIC_OR_PARTITION && topicCode !== KafkaError.TOPIC_AUTHORIZATION_FAILED;
  let topicUnread = topicExists ? null : topicReadErrorToAppError(new KafkaResponseError(topicCode), topic, brokers);

  // Each live broker answers for its own settings. One that cannot is recorded with no values,
  // so the items that need every broker say "unknown" rather than pass on the others' word.
  const brokerConfigs = new Map<number, Map<string, string | null>>();
  await Promise.all(
    meta.brokers.map(async (b) => {
      brokerConfigs.set(
        b.nodeId,
        await client.brokerConfigs(b, BROKER_KEYS).catch(() => new Map<string, string | null>()),
      );
    }),
  );
  const topicConfigs = topicExists
    ? await client.topicConfigs(topic, TOPIC_KEYS).catch((e: unknown) => {
        topicUnread = topicReadErrorToAppError(e, topic, brokers);
        return null;
      })
    : null;
  const counts = topicExists ? t!.partitions.map((p) => p.replicaNodes.length) : [];
  const topicReplicationFactor = counts.length ? Math.min(...counts) : null;
  return { brokerConfigs, topicExists, topicUnread, topicConfigs, topicReplicationFactor };
}

/** Pure: facts in, items out (null facts = cluster not readable). */
export function judge(
  facts: ClusterSafetyFacts | null,
  producer: ProducerSafetyConfig,
  historyDays: number = DEFAULT_SETTINGS.historyRetentionDays,
): Item[] {
  const item = (id: ChecklistItemId, status: Item['status'], value: string | null): Item => ({ id, status, value });
  /** Unknown; with the topic's reason when the cluster answered but not for the order topic. */
  const unknown = (id: ChecklistItemId): Item =>
    facts?.topicUnread ? { ...item(id, 'unknown', null), reason: facts.topicUnread } : item(id, 'unknown', null);
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
  const retention = facts?.topicConfigs?.get('retention.ms');
  const retentionMs = retention === undefined || retention === null ? NaN : Number(retention);

  return [
    everyBroker('autoCreateTopics', 'auto.create.topics.enable', 'false'),
    everyBroker('deleteTopic', 'delete.topic.enable', 'false'),
    rf === null ? unknown('replicationFactor') : item('replicationFactor', rf >= 3 ? 'pass' : 'warn', String(rf)),
    !minIsrNums || minIsrNums.some(Number.isNaN)
      ? unknown('minInsyncReplicas')
      : item(
          'minInsyncReplicas',
          // At the replication factor or above, one broker stopped blocks every acks=all write: the
          // order topic at 3 of 3 passed here, and a single broker's restart stopped all orders.
          minIsrNums.every((n) => n >= 2 && (rf === null || n < rf)) ? 'pass' : 'warn',
          [...new Set(minIsr)].join(' / '),
        ),
    !unclean
      ? unknown('uncleanLeaderElection')
      : item(
          'uncleanLeaderElection',
          unclean.every((v) => v === 'false') ? 'pass' : 'warn',
          [...new Set(unclean)].join(' / '),
        ),
    item(
      'producerAcksIdempotent',
      producer.acks === -1 && producer.idempotent ? 'pass' : 'warn',
      // Kafka's own setting names, the same on an English and a Korean screen.
      `acks=${acksText}, enable.idempotence=${producer.idempotent}`,
    ),
    Number.isNaN(retentionMs)
      ? unknown('topicRetention')
      : {
          ...item(
            'topicRetention',
            // -1: kept for ever. Shorter than the history: its older orders cannot be read back from the topic.
            retentionMs < 0 || retentionMs >= historyDays * DAY_MS ? 'pass' : 'warn',
            `retention.ms=${retention}`,
          ),
          durationMs: retentionMs,
        },
  ];
}
