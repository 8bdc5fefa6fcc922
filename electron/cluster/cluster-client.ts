// The app's own client for the questions it asks the cluster directly (Diagnostics, the
// in-doubt order search, the benchmark's producer, the topic's id): Metadata through any
// bootstrap broker (the newest version we speak that the broker offers, asked by ApiVersions), and
// pooled connections to individual brokers, all on one ClusterConfig. The order producer and
// topic creation go through kafkajs with the same config (kafkajs-config.ts).
import { ConfigResourceType, DescribeConfigs } from '../kafka-wire/apis/describe-configs';
import { ApiKey } from '../kafka-wire/api-keys';
import type { ApiVersionRange } from '../kafka-wire/apis/api-versions';
import {
  Metadata,
  METADATA_TOPIC_ID_FROM,
  type MetadataBroker,
  type MetadataResponse,
} from '../kafka-wire/apis/metadata';
import { KafkaError, KafkaResponseError } from '../kafka-wire/error-codes';
import { bootstrapAddresses, type BrokerAddress, type ClusterConfig } from './cluster-config';
import { ClusterConnectionError } from './cluster-errors';
import { openAnyBroker, RawConnection } from './raw-connection';

/**
 * Metadata v5: the oldest version that names offline replicas, answered by every Kafka since
 * 1.0 and still by 4.x. Its topic errors are per topic and per partition, so one broken topic
 * never hides the others. Asked of a broker that offers no version with topic ids.
 */
export const METADATA_VERSION = 5;

/**
 * Metadata v12 (flexible, Kafka 3.4+; 2.8+ answer v10-11 the same for us): the same answer plus
 * each topic's id, which tells a deleted and re-created topic from the one the orders went to
 * (issue 10; electron/orders/topic-identity.ts). Asked whenever the broker offers v10 or later.
 */
export const METADATA_TOPIC_ID_VERSION = 12;

/** The Metadata version to ask a broker that serves `range` (undefined: not listed, or unknown). */
export function metadataVersionFor(range: ApiVersionRange | undefined): number {
  if (range && range.maxVersion >= METADATA_TOPIC_ID_FROM && range.minVersion <= METADATA_TOPIC_ID_VERSION)
    return Math.min(range.maxVersion, METADATA_TOPIC_ID_VERSION);
  return METADATA_VERSION;
}

/** DescribeConfigs v1: the oldest version Kafka 4.x answers; v1 and v2 read the same. */
export const DESCRIBE_CONFIGS_VERSION = 1;

export type ConfigValues = Map<string, string | null>;

export interface TopicIdentity {
  clusterId: string | null;
  topicId: string | null;
}

export interface ClusterMetadata extends MetadataResponse {
  brokersById: Map<number, MetadataBroker>;
}

export class ClusterClient {
  private bootstrapConnection: Promise<RawConnection> | null = null;
  private readonly connections = new Map<string, Promise<RawConnection>>();
  private closed = false;

  constructor(readonly config: ClusterConfig) {}

  /**
   * Metadata of the given topics (null: every topic the credentials may see). Never creates a
   * topic. With `topicIds`, each topic carries its id (`topicId`) when the broker serves a
   * version with ids (asked by ApiVersions once per connection); on an older broker, and
   * without `topicIds`, `topicId` is absent. Only the topic-id question pays for ApiVersions:
   * on a fresh connection to a slow cluster it is a whole extra round trip, and the in-doubt
   * search, Diagnostics and the limits read Metadata on fresh connections.
   */
  async metadata(topics: string[] | null, opts: { topicIds?: boolean } = {}): Promise<ClusterMetadata> {
    const conn = await this.bootstrap();
    const version = opts.topicIds
      ? metadataVersionFor((await conn.apiVersions())?.get(ApiKey.Metadata))
      : METADATA_VERSION;
    const res = await conn.request(Metadata, version, { topics, allowAutoTopicCreation: false });
    return { ...res, brokersById: new Map(res.brokers.map((b) => [b.nodeId, b])) };
  }

  /**
   * The topic's id as the cluster reports it: null when the broker has no ids to give (Metadata
   * before v10) or the topic does not exist. Throws only when the cluster cannot be asked.
   */
  async topicId(topic: string): Promise<string | null> {
    return (await this.topicIdentity(topic)).topicId;
  }

  /**
   * Which cluster answers (the id its brokers report, null from a broker too old to report one)
   * and the topic's id there (as topicId). Throws only when the cluster cannot be asked.
   */
  async topicIdentity(topic: string): Promise<TopicIdentity> {
    const meta = await this.metadata([topic], { topicIds: true });
    const t = meta.topics.find((x) => x.name === topic);
    return {
      clusterId: meta.clusterId,
      topicId: t && t.errorCode === KafkaError.NONE ? (t.topicId ?? null) : null,
    };
  }

  /**
   * Metadata of the given topics as one broker sees it. Apache Kafka tells its brokers about a
   * change asynchronously, so right after one, brokers can answer differently.
   */
  async metadataFrom(broker: BrokerAddress, topics: string[]): Promise<MetadataResponse> {
    const conn = await this.connectionTo(broker);
    return conn.request(Metadata, METADATA_VERSION, { topics, allowAutoTopicCreation: false });
  }

  /** Config values of one broker; only that broker can answer for itself. */
  async brokerConfigs(broker: MetadataBroker, keys: readonly string[]): Promise<ConfigValues> {
    const conn = await this.connectionTo(broker);
    return this.describe(conn, ConfigResourceType.BROKER, String(broker.nodeId), keys);
  }

  /** Config values of one topic (the effective ones: the topic's own, else the broker's). */
  async topicConfigs(topic: string, keys: readonly string[]): Promise<ConfigValues> {
    return this.describe(await this.bootstrap(), ConfigResourceType.TOPIC, topic, keys);
  }

  private async describe(
    conn: RawConnection,
    resourceType: number,
    resourceName: string,
    keys: readonly string[],
  ): Promise<ConfigValues> {
    const res = await conn.request(DescribeConfigs, DESCRIBE_CONFIGS_VERSION, {
      resources: [{ resourceType, resourceName, configurationKeys: [...keys] }],
      includeSynonyms: false,
    });
    const result = res.results[0];
    if (!result)
      throw new KafkaResponseError(KafkaError.UNKNOWN_SERVER_ERROR, {
        context: `DescribeConfigs ${resourceName}: no result`,
      });
    if (result.errorCode !== KafkaError.NONE) {
      throw new KafkaResponseError(result.errorCode, {
        context: `DescribeConfigs ${resourceName}`,
        brokerMessage: result.errorMessage,
      });
    }
    return new Map(result.configs.map((c) => [c.name, c.value]));
  }

  /** A connection to the first bootstrap broker that answers, kept while it works. */
  bootstrap(): Promise<RawConnection> {
    return this.reuse(
      () => this.bootstrapConnection,
      (p) => (this.bootstrapConnection = p),
      () => {
        const targets = bootstrapAddresses(this.config);
        if (targets.length === 0) return Promise.reject(new ClusterConnectionError('no brokers configured'));
        return openAnyBroker(targets, this.config);
      },
    );
  }

  /** A connection to one broker, kept while it works; a broken one is dialled again on the next call. */
  connectionTo(address: BrokerAddress): Promise<RawConnection> {
    const key = `${address.host}:${address.port}`;
    return this.reuse(
      () => this.connections.get(key) ?? null,
      (p) => (p ? this.connections.set(key, p) : this.connections.delete(key)),
      () => RawConnection.open(address, this.config),
    );
  }

  private async reuse(
    get: () => Promise<RawConnection> | null,
    set: (p: Promise<RawConnection> | null) => void,
    open: () => Promise<RawConnection>,
  ): Promise<RawConnection> {
    if (this.closed) throw new ClusterConnectionError('cluster client closed');
    let pending = get();
    if (!pending) {
      pending = open();
      set(pending);
      // A failed connect is forgotten so the next call dials again.
      pending.catch(() => {
        if (get() === pending) set(null);
      });
    }
    const conn = await pending;
    if (!conn.failed) return conn;
    if (get() === pending) set(null);
    return this.reuse(get, set, open);
  }

  close(): void {
    this.closed = true;
    const all = [this.bootstrapConnection, ...this.connections.values()];
    this.bootstrapConnection = null;
    this.connections.clear();
    for (const c of all)
      void c?.then(
        (x) => x.close(),
        () => {},
      );
  }
}
