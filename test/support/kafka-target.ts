// The one way a test gets a Kafka cluster. KAFKA_TARGET picks what stands behind it:
//   sandbox (default)  a fresh sandbox cluster per request, in this process;
//   kafka              real Apache Kafka (tools/apache-kafka): requests without fault controls
//                      or special broker settings share one cluster started once per run by
//                      the global setup; the others get a cluster of their own;
//   KAFKA_BROKERS set  (and no KAFKA_TARGET) someone's external cluster: no fault controls,
//                      no broker settings, so tests needing them skip, saying why.
// On every target a test names its topics with topic(), which makes them unique to this run,
// never the order topic, and deletes them at close() wherever the cluster outlives the test.
// createTopic() returns only once every broker's Metadata knows the topic with its leaders and
// each leader answers for its partitions (real Kafka spreads new-topic metadata asynchronously).
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type KafkaConfig } from 'kafkajs';
import { type FaultControls, type SandboxCluster, startSandboxCluster } from '../../electron/sandbox';
import { waitForTopics, waitForTopicsGone } from '../../tools/apache-kafka/cluster-metadata';
import { type ApacheKafkaCluster, startApacheKafka } from '../../tools/apache-kafka/kafka-cluster';
import { externalBrokers, kafkaTargetKind, SHARED_KAFKA_ENV, type KafkaTargetKind } from './target-kind';

export { externalBrokers, kafkaTargetKind, SHARED_KAFKA_ENV, type KafkaTargetKind } from './target-kind';

export const targetKind = kafkaTargetKind();

/** The store's settings, which the shared real cluster has; asking for others costs a cluster of one's own. */
const STORE_DEFAULTS = { minInsyncReplicas: 2, deleteTopicEnable: true, autoCreateTopics: false } as const;

export interface TopicRequest {
  /** A base name; the topic gets a unique name (see TestCluster.topic). */
  name: string;
  partitions?: number;
  replicationFactor?: number;
  configs?: Record<string, string>;
}

export interface ClusterRequest {
  /** Broker min.insync.replicas (default 2). */
  minInsyncReplicas?: number;
  /** delete.topic.enable (default true). */
  deleteTopicEnable?: boolean;
  /** auto.create.topics.enable (default false). */
  autoCreateTopics?: boolean;
  /** Other broker configs, by Kafka's names. */
  brokerConfig?: Record<string, string>;
}

export interface TestCluster {
  readonly kind: KafkaTargetKind;
  readonly brokers: string[];
  /** Stop and start brokers; null on an external cluster. */
  readonly faults: FaultControls | null;
  /** The sandbox itself, for the few checks of its internals; null on the other targets. */
  readonly sandbox: SandboxCluster | null;
  /** A new topic name, unique to this call (never the order topic), deleted at close() if it exists. */
  topic(base: string): string;
  /** Creates the topic and waits until every broker knows it with its leaders. */
  createTopic(name: string, opts?: Omit<TopicRequest, 'name'>): Promise<void>;
  /** Deletes the topic and waits until no broker lists it. */
  deleteTopic(name: string): Promise<void>;
  /** Whether the cluster lists the topic (kafkajs listTopics: Metadata for all topics, which creates nothing). */
  topicExists(name: string): Promise<boolean>;
  /** A kafkajs client for this cluster (quiet, a few retries). */
  kafka(config?: Partial<KafkaConfig>): Kafka;
  /** Starts any stopped broker again, so the next test finds the whole cluster. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

export type FaultCluster = TestCluster & { readonly faults: FaultControls };

/** A cluster for a test that neither stops brokers nor needs broker settings other than the store's. */
export function kafkaCluster(request: ClusterRequest = {}): Promise<TestCluster> {
  return open(request, false);
}

/** A cluster whose brokers the test stops and starts (a real one of its own under KAFKA_TARGET=kafka). */
export async function faultCluster(request: ClusterRequest = {}): Promise<FaultCluster> {
  return (await open(request, true)) as FaultCluster;
}

/**
 * For describe.skipIf / it.skipIf around tests that stop brokers: true, with the reason
 * printed, only against an external cluster.
 */
export function noFaultControls(what: string): boolean {
  if (targetKind !== 'external') return false;
  console.log(
    `skipping ${what}: it stops brokers, and KAFKA_BROKERS names a cluster the tests may not stop (KAFKA_TARGET=kafka runs it on a real cluster of its own)`,
  );
  return true;
}

/** Same, for tests that need broker settings an external cluster may not have. */
export function noBrokerSettings(what: string, request: ClusterRequest): boolean {
  if (targetKind !== 'external' || !needsOwnCluster(request)) return false;
  console.log(
    `skipping ${what}: it needs broker settings ${JSON.stringify(request)}, which KAFKA_BROKERS's cluster may not have (KAFKA_TARGET=kafka runs it on a real cluster configured so)`,
  );
  return true;
}

function needsOwnCluster(r: ClusterRequest): boolean {
  return (
    (r.minInsyncReplicas ?? STORE_DEFAULTS.minInsyncReplicas) !== STORE_DEFAULTS.minInsyncReplicas ||
    (r.deleteTopicEnable ?? STORE_DEFAULTS.deleteTopicEnable) !== STORE_DEFAULTS.deleteTopicEnable ||
    (r.autoCreateTopics ?? STORE_DEFAULTS.autoCreateTopics) !== STORE_DEFAULTS.autoCreateTopics ||
    Object.keys(r.brokerConfig ?? {}).length > 0
  );
}

async function open(request: ClusterRequest, withFaults: boolean): Promise<TestCluster> {
  const settings = {
    minInsyncReplicas: request.minInsyncReplicas ?? STORE_DEFAULTS.minInsyncReplicas,
    deleteTopicEnable: request.deleteTopicEnable ?? STORE_DEFAULTS.deleteTopicEnable,
    autoCreateTopics: request.autoCreateTopics ?? STORE_DEFAULTS.autoCreateTopics,
    brokerConfig: request.brokerConfig ?? {},
  };
  switch (targetKind) {
    case 'sandbox': {
      // The store's replication factor, as the real-cluster harness sets it (node-config.ts).
      const sandbox = await startSandboxCluster({
        brokers: 3,
        port: 0,
        ...settings,
        brokerConfig: { 'default.replication.factor': '3', ...settings.brokerConfig },
      });
      return new Handle(
        'sandbox',
        sandbox.bootstrapServers,
        sandbox,
        sandbox,
        () => sandbox.close(),
        settings.autoCreateTopics,
      );
    }
    case 'external': {
      if (withFaults)
        throw new Error('no fault controls on an external cluster: guard the test with noFaultControls()');
      if (needsOwnCluster(request))
        throw new Error('no broker settings on an external cluster: guard the test with noBrokerSettings()');
      return new Handle('external', externalBrokers(), null, null, null, false);
    }
    case 'kafka': {
      const shared = process.env[SHARED_KAFKA_ENV]?.split(',').filter(Boolean) ?? [];
      if (!withFaults && !needsOwnCluster(request) && shared.length > 0)
        return new Handle('kafka', shared, null, null, null, false);
      const cluster: ApacheKafkaCluster = await startApacheKafka({ nodes: 3, port: 0, quickStart: true, ...settings });
      return new Handle(
        'kafka',
        cluster.bootstrapServers,
        cluster,
        null,
        () => cluster.close(),
        settings.autoCreateTopics,
      );
    }
  }
}

class Handle implements TestCluster {
  private readonly named = new Set<string>();

  constructor(
    readonly kind: KafkaTargetKind,
    readonly brokers: string[],
    readonly faults: FaultControls | null,
    readonly sandbox: SandboxCluster | null,
    /** Stops a cluster this handle started; null when the cluster outlives the handle. */
    private readonly stop: (() => Promise<void>) | null,
    private readonly autoCreate: boolean,
  ) {}

  topic(base: string): string {
    const name = `${base === 'user-data' ? 'test-orders' : base}-${randomUUID().slice(0, 8)}`;
    this.named.add(name);
    return name;
  }

  kafka(config: Partial<KafkaConfig> = {}): Kafka {
    return new Kafka({
      clientId: 'order-desk-test',
      logLevel: logLevel.NOTHING,
      retry: { retries: 5, initialRetryTime: 100 },
      ...config,
      brokers: this.brokers,
    });
  }

  async createTopic(name: string, opts: Omit<TopicRequest, 'name'> = {}): Promise<void> {
    this.named.add(name);
    const partitions = opts.partitions ?? 3;
    const admin = this.kafka().admin();
    await admin.connect();
    try {
      const replicationFactor = opts.replicationFactor ?? Math.min(3, (await admin.describeCluster()).brokers.length);
      await admin.createTopics({
        // kafkajs's own wait asks one broker and fails when it does not know the topic yet; ours asks them all.
        waitForLeaders: false,
        topics: [
          {
            topic: name,
            numPartitions: partitions,
            replicationFactor,
            configEntries: Object.entries(opts.configs ?? {}).map(([n, value]) => ({ name: n, value })),
          },
        ],
      });
    } finally {
      await admin.disconnect();
    }
    await waitForTopics(this.brokers, [{ name, partitions }]);
  }

  async deleteTopic(name: string): Promise<void> {
    const admin = this.kafka().admin();
    await admin.connect();
    try {
      await admin.deleteTopics({ topics: [name] });
    } finally {
      await admin.disconnect();
    }
    await waitForTopicsGone(this.brokers, [name]);
  }

  async topicExists(name: string): Promise<boolean> {
    const admin = this.kafka().admin();
    await admin.connect();
    try {
      return (await admin.listTopics()).includes(name);
    } finally {
      await admin.disconnect();
    }
  }

  async restore(): Promise<void> {
    await this.faults?.startAll();
  }

  async close(): Promise<void> {
    if (this.stop) return this.stop();
    // The cluster outlives this test: remove what it created, and say so if that fails.
    const admin = this.kafka({ retry: { retries: 2 } }).admin();
    try {
      await admin.connect();
      const existing = new Set(await admin.listTopics());
      const mine = [...this.named].filter((t) => existing.has(t));
      if (mine.length > 0) {
        await admin.deleteTopics({ topics: mine });
        if (!this.autoCreate) await waitForTopicsGone(this.brokers, mine);
      }
    } catch (e) {
      console.warn(
        `could not delete this test's topics ${[...this.named].join(', ')} on ${this.brokers.join(',')}: ${(e as Error).message}`,
      );
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }
}
