// A created topic is "there" for the operator once every broker says so. Apache Kafka (KRaft)
// tells its brokers about a new topic asynchronously: CreateTopics answers once the controller
// has it, and for a moment a broker can still answer UNKNOWN_TOPIC_OR_PARTITION. Whatever the
// pane does next (the benchmark's check, the health page, the order producer) asks some broker,
// so creation waits until each one knows the topic with every partition led.
import type { MetadataResponse } from '../kafka-wire/apis/metadata';
import { KafkaError } from '../kafka-wire/error-codes';
import type { ClusterClient } from '../cluster/cluster-client';

/** One broker's answer, or null when that broker could not be asked (it is not waited for). */
export type BrokerView = MetadataResponse | null;

/** Whether one broker's answer shows the topic with `partitions` partitions, each with a leader. */
export function brokerKnowsTopic(view: MetadataResponse, topic: string, partitions: number): boolean {
  const t = view.topics.find((x) => x.name === topic);
  if (!t || t.errorCode !== KafkaError.NONE || t.partitions.length !== partitions) return false;
  return t.partitions.every((p) => p.errorCode === KafkaError.NONE && p.leaderId >= 0);
}

export interface PropagationWait {
  /** Give up after this long; the topic was created all the same. */
  deadlineMs: number;
  intervalMs: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/**
 * Asks every broker (through `askEach`) until each one that answers knows the topic. True when
 * they all did, false when the deadline came first.
 */
export async function untilEveryBrokerKnows(
  askEach: () => Promise<BrokerView[]>,
  topic: string,
  partitions: number,
  wait: PropagationWait,
): Promise<boolean> {
  const now = wait.now ?? Date.now;
  const sleep = wait.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const end = now() + wait.deadlineMs;
  for (;;) {
    const views = await askEach().catch((): BrokerView[] => []);
    const answered = views.filter((v): v is MetadataResponse => v !== null);
    if (answered.length > 0 && answered.every((v) => brokerKnowsTopic(v, topic, partitions))) return true;
    if (now() >= end) return false;
    await sleep(wait.intervalMs);
  }
}

/** Each broker the cluster lists, asked on its own connection. */
export function askEachBroker(client: ClusterClient, topic: string): () => Promise<BrokerView[]> {
  return async () => {
    const cluster = await client.metadata([topic]);
    return Promise.all(cluster.brokers.map((b) => client.metadataFrom(b, [topic]).catch(() => null)));
  };
}
