// What each node says on its own: one Metadata request per broker over its own connection
// (kafkajs would ask whichever broker it likes). Real Kafka spreads metadata to its brokers
// asynchronously, so "the topic exists" means every broker says so and each partition's leader
// answers for it, and "the node is back" means every running broker lists it.
import { clusterConfig, parseBrokerAddress } from '../../electron/cluster/cluster-config';
import { ClusterClient, METADATA_VERSION } from '../../electron/cluster/cluster-client';
import { RawConnection } from '../../electron/cluster/raw-connection';
import { LATEST_TIMESTAMP, listOffset } from '../../electron/cluster/partition-reader';
import { Metadata, type MetadataResponse } from '../../electron/kafka-wire/apis/metadata';

export type NodeView =
  { broker: string; ok: true; meta: MetadataResponse } | { broker: string; ok: false; error: string };

/** The harness's cluster settings: its own client id, and one timeout for connecting and answering. */
const harnessConfig = (brokers: string[], timeoutMs: number) =>
  clusterConfig({
    brokers,
    clientId: 'order-desk-harness',
    timeouts: { connectMs: timeoutMs, requestMs: timeoutMs },
  });

/**
 * One Metadata answer per broker address (`topics` null = every topic), with the cluster
 * client's version, which never asks a broker to create a topic it is asked about.
 */
export async function metadataFromEach(
  brokers: readonly string[],
  topics: readonly string[] | null,
  timeoutMs = 3000,
): Promise<NodeView[]> {
  return Promise.all(
    brokers.map(async (broker): Promise<NodeView> => {
      let conn: RawConnection | null = null;
      try {
        conn = await RawConnection.open(parseBrokerAddress(broker), harnessConfig([broker], timeoutMs));
        const meta = await conn.request(Metadata, METADATA_VERSION, {
          topics: topics ? [...topics] : null,
          allowAutoTopicCreation: false,
        });
        return { broker, ok: true, meta };
      } catch (e) {
        return { broker, ok: false, error: (e as Error).message };
      } finally {
        conn?.close();
      }
    }),
  );
}

export interface TopicShape {
  name: string;
  partitions: number;
}

/** Why `views` do not (yet) show every topic with every partition led, or null when they do. */
export function topicsMissing(views: NodeView[], topics: readonly TopicShape[]): string | null {
  for (const v of views) {
    if (!v.ok) return `${v.broker} did not answer Metadata (${v.error})`;
    for (const t of topics) {
      const seen = v.meta.topics.find((x) => x.name === t.name);
      if (!seen || seen.errorCode !== 0)
        return `${v.broker} does not know topic ${t.name} yet${seen ? ` (error ${seen.errorCode})` : ''}`;
      if (seen.partitions.length !== t.partitions)
        return `${v.broker} knows ${seen.partitions.length} of ${t.partitions} partitions of ${t.name}`;
      const leaderless = seen.partitions.find((p) => p.leaderId < 0);
      if (leaderless) return `${v.broker} knows no leader for ${t.name}/${leaderless.partitionIndex}`;
    }
  }
  return null;
}

/**
 * Why some partition's leader does not answer for it yet, or null once each one does. A broker
 * can name itself a new partition's leader in Metadata a moment before it has taken the
 * partition: a write sent then fails with NOT_LEADER_OR_FOLLOWER, and one with acks=0 gets the
 * connection closed instead (Apache Kafka 4.4.0: a conformance test, retried in CI at d141b46;
 * the first ListOffsets after the wait above answered NOT_LEADER_OR_FOLLOWER in one run of six).
 * ListOffsets (latest, the cluster code's listOffset) to each leader answers without error once it has.
 */
export async function leadersNotReady(
  meta: MetadataResponse,
  topics: readonly TopicShape[],
  timeoutMs = 3000,
): Promise<string | null> {
  const client = new ClusterClient(
    harnessConfig(
      meta.brokers.map((b) => `${b.host}:${b.port}`),
      timeoutMs,
    ),
  );
  try {
    for (const t of topics) {
      for (const p of meta.topics.find((x) => x.name === t.name)?.partitions ?? []) {
        const leader = meta.brokers.find((b) => b.nodeId === p.leaderId);
        if (!leader) return `node ${p.leaderId}, leader of ${t.name}/${p.partitionIndex}, is not among the brokers`;
        try {
          await listOffset(client, leader, { topic: t.name, partition: p.partitionIndex }, LATEST_TIMESTAMP);
        } catch (e) {
          return `${leader.host}:${leader.port} does not answer for ${t.name}/${p.partitionIndex} yet (${(e as Error).message})`;
        }
      }
    }
    return null;
  } finally {
    client.close();
  }
}

/** Why `views` still mention a deleted topic, or null once every broker has forgotten it. */
export function topicsStillKnown(views: NodeView[], names: readonly string[]): string | null {
  for (const v of views) {
    if (!v.ok) return `${v.broker} did not answer Metadata (${v.error})`;
    const known = v.meta.topics.find((t) => names.includes(t.name) && t.errorCode === 0);
    if (known) return `${v.broker} still knows topic ${known.name}`;
  }
  return null;
}

/** Polls `check` until it answers null; throws its last answer after timeoutMs. */
export async function pollUntil(
  check: () => Promise<string | null>,
  timeoutMs: number,
  what: string,
  intervalMs = 200,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const why = await check();
    if (why === null) return;
    if (Date.now() > end) throw new Error(`${what}: still not so after ${Math.round(timeoutMs / 1000)} s (${why})`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/**
 * Every broker of the cluster, as the first bootstrap broker that answers lists them (a
 * bootstrap list need not name them all).
 */
export async function allBrokers(bootstrap: readonly string[]): Promise<string[]> {
  for (const b of bootstrap) {
    const [view] = await metadataFromEach([b], []);
    if (view.ok) return view.meta.brokers.map((a) => `${a.host}:${a.port}`);
  }
  return [...bootstrap];
}

// Both waits name their topics: the request says allow_auto_topic_creation=false, so naming a
// missing topic never creates it, even on a cluster with auto.create.topics.enable=true.

/**
 * Waits until every broker's Metadata lists each topic with all its partitions led, and each
 * leader answers for its partitions (leadersNotReady).
 */
export function waitForTopics(
  bootstrap: readonly string[],
  topics: readonly TopicShape[],
  timeoutMs = 30_000,
): Promise<void> {
  const names = topics.map((t) => t.name);
  return pollUntil(
    async () => {
      const views = await metadataFromEach(await allBrokers(bootstrap), names);
      const missing = topicsMissing(views, topics);
      if (missing !== null || !views[0]?.ok) return missing ?? 'no broker answered Metadata';
      return leadersNotReady(views[0].meta, topics);
    },
    timeoutMs,
    `topics ${names.join(', ')} on every broker, led`,
  );
}

/** Waits until no broker's Metadata lists any of the topics. */
export function waitForTopicsGone(
  bootstrap: readonly string[],
  names: readonly string[],
  timeoutMs = 30_000,
): Promise<void> {
  return pollUntil(
    async () => topicsStillKnown(await metadataFromEach(await allBrokers(bootstrap), names), names),
    timeoutMs,
    `topics ${names.join(', ')} gone from every broker`,
  );
}
