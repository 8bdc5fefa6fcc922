// The cluster as Kafka's controller sees it: live brokers, the controller, topics, and each
// partition's replicas, leader, leader epoch and ISR. Broker stop/start moves leadership and
// shrinks or grows the ISR the way the store's application observes it on a real cluster.
import { randomBytes } from 'node:crypto';
import { BrokerConfig, invalidTopicConfig } from './cluster-config';
import { ClusterStore } from './cluster-store';
import { LogMemoryBudget } from './log-memory-budget';
import { logSettings } from './log-settings';
import { PartitionLog } from './partition-log';
import type { ProducerStateTable } from './producer-state';
import { KafkaError, type KafkaErrorCode } from '../kafka-wire/error-codes';

export interface BrokerNode {
  id: number;
  host: string;
  port: number;
  up: boolean;
}

export interface PartitionState {
  index: number;
  replicas: number[];
  leader: number;
  leaderEpoch: number;
  isr: number[];
  log: PartitionLog;
  /** The log's producer table (log.producers), where the produce handler checks sequences. */
  producers: ProducerStateTable;
}

export interface TopicState {
  name: string;
  /**
   * Kafka's topic id (22 characters of URL-safe base64), new at every creation: a deleted and
   * re-created topic has the same name and another id, which is how clients tell them apart
   * (Metadata v10+). Kept in topic.json with a data directory.
   */
  topicId: string;
  partitions: PartitionState[];
  configs: Record<string, string>;
}

export type TopicCreateResult = { ok: true; topic: TopicState } | { ok: false; error: KafkaErrorCode; message: string };

const TOPIC_NAME = /^[a-zA-Z0-9._-]{1,249}$/;

/**
 * A new random topic id, as Kafka's Uuid.randomUuid makes them: never the zero UUID (no id) nor
 * the metadata topic's, and never one whose text starts with '-' (it would read as an option
 * on a command line).
 */
export function newTopicId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-') && id !== 'AAAAAAAAAAAAAAAAAAAAAA' && id !== 'AAAAAAAAAAAAAAAAAAAAAQ') return id;
  }
}

export function invalidTopicName(name: string): string | null {
  if (!TOPIC_NAME.test(name)) return `topic name "${name}" is illegal: use 1-249 of a-z A-Z 0-9 . _ -`;
  if (name === '.' || name === '..') return `topic name "${name}" is illegal`;
  return null;
}

export class ClusterState {
  readonly brokers = new Map<number, BrokerNode>();
  readonly topics = new Map<string, TopicState>();
  controllerId = -1;
  /** Counts elections, as the KRaft quorum's leader epoch does (DescribeQuorum answers it). */
  controllerEpoch = 0;
  clusterId: string;
  private nextProducerId: number;
  /** Without a data directory, every log's bytes count against one budget. */
  readonly memoryBudget: LogMemoryBudget | null;
  private partitionCount = 0;

  constructor(
    readonly config: BrokerConfig,
    brokerAddrs: Array<{ id: number; host: string; port: number }>,
    readonly store: ClusterStore | null,
    private readonly log: (line: string) => void = () => {},
  ) {
    this.memoryBudget = store ? null : new LogMemoryBudget(config.int('sandbox.log.memory.max.bytes'));
    for (const b of brokerAddrs) this.brokers.set(b.id, { ...b, up: false });
    const saved = store?.loadCluster();
    // Kafka cluster ids are 22 url-safe base64 characters (a UUID).
    this.clusterId = saved?.clusterId ?? randomBytes(16).toString('base64url');
    this.nextProducerId = saved?.nextProducerId ?? 1000;
    if (store) {
      this.persistCluster();
      for (const t of store.loadTopics()) {
        const topic = this.restoreTopic(
          t.name,
          t.topicId ?? newTopicId(),
          t.partitions.map((p) => p.replicas),
          t.configs,
        );
        // A data directory from before topic ids: the id it gets now is kept from here on.
        if (!t.topicId) store.saveTopic({ ...t, topicId: topic.topicId });
      }
    }
  }

  private persistCluster(): void {
    this.store?.saveCluster({ clusterId: this.clusterId, nextProducerId: this.nextProducerId });
  }

  liveBrokers(): BrokerNode[] {
    return [...this.brokers.values()].filter((b) => b.up).sort((a, b) => a.id - b.id);
  }

  allocateProducerId(): number {
    const id = this.nextProducerId++;
    this.persistCluster();
    return id;
  }

  minInsyncReplicas(topic: TopicState): number {
    return Number(this.config.topicValue(topic.configs, 'min.insync.replicas').value);
  }

  maxMessageBytes(topic: TopicState): number {
    return Number(this.config.topicValue(topic.configs, 'max.message.bytes').value);
  }

  private newPartition(
    topic: string,
    index: number,
    replicas: number[],
    configs: Record<string, string>,
  ): PartitionState {
    const budget = this.memoryBudget;
    const storage = this.store ? { dir: this.store.partitionDir(topic, index), fds: this.store.fds } : null;
    const log = new PartitionLog(`${topic}-${index}`, storage, logSettings(this.config, configs, storage === null), {
      log: this.log,
      resized: budget ? (delta) => budget.resized(delta) : undefined,
    });
    budget?.add(log);
    const live = replicas.filter((id) => this.brokers.get(id)?.up);
    return {
      index,
      replicas,
      leader: live[0] ?? -1,
      leaderEpoch: 0,
      isr: live.length > 0 ? live : [replicas[0]],
      log,
      producers: log.producers,
    };
  }

  private restoreTopic(
    name: string,
    topicId: string,
    assignment: number[][],
    configs: Record<string, string>,
  ): TopicState {
    const topic: TopicState = {
      name,
      topicId,
      configs,
      partitions: assignment.map((r, i) => this.newPartition(name, i, r, configs)),
    };
    this.topics.set(name, topic);
    this.partitionCount += topic.partitions.length;
    return topic;
  }

  get totalPartitions(): number {
    return this.partitionCount;
  }

  /** Why `count` more partitions do not fit under sandbox.max.partitions, or null when they do. */
  partitionRoom(count: number): string | null {
    const max = this.config.int('sandbox.max.partitions');
    if (count <= 0 || this.partitionCount + count <= max) return null;
    return `The cluster holds ${this.partitionCount} partitions; ${count} more would pass sandbox.max.partitions (${max}).`;
  }

  /** After an append: without a data directory, keep the logs within the memory budget. */
  afterAppend(): void {
    this.memoryBudget?.enforce();
  }

  /** The periodic log task (every log.retention.check.interval.ms): retention, then idle producers. */
  runLogRetention(now = Date.now()): void {
    for (const topic of this.topics.values()) {
      for (const p of topic.partitions) {
        p.log.applyRetention(now);
        const expired = p.log.expireProducers(now);
        if (expired > 0) this.log(`${p.log.name}: forgot ${expired} producer id(s) idle for producer.id.expiration.ms`);
      }
    }
  }

  /** Round-robin replica placement over the live brokers, like Kafka's default assignor without racks. */
  createTopic(
    name: string,
    numPartitions: number,
    replicationFactor: number,
    configs: Record<string, string> = {},
    assignment: number[][] | null = null,
  ): TopicCreateResult {
    const badName = invalidTopicName(name);
    if (badName) return { ok: false, error: KafkaError.INVALID_TOPIC_EXCEPTION, message: badName };
    if (this.topics.has(name))
      return { ok: false, error: KafkaError.TOPIC_ALREADY_EXISTS, message: `Topic '${name}' already exists.` };
    for (const [k, v] of Object.entries(configs)) {
      const bad = invalidTopicConfig(k, v);
      if (bad) return { ok: false, error: KafkaError.INVALID_CONFIG, message: bad };
    }
    const live = this.liveBrokers().map((b) => b.id);
    const room = this.partitionRoom(assignment ? assignment.length : numPartitions);
    if (room) return { ok: false, error: KafkaError.POLICY_VIOLATION, message: room };
    if (!assignment) {
      if (numPartitions < 1)
        return {
          ok: false,
          error: KafkaError.INVALID_PARTITIONS,
          message: 'Number of partitions must be larger than 0.',
        };
      if (replicationFactor < 1)
        return {
          ok: false,
          error: KafkaError.INVALID_REPLICATION_FACTOR,
          message: 'Replication factor must be larger than 0.',
        };
      if (replicationFactor > live.length) {
        return {
          ok: false,
          error: KafkaError.INVALID_REPLICATION_FACTOR,
          message: `Replication factor: ${replicationFactor} larger than available brokers: ${live.length}.`,
        };
      }
      assignment = [];
      for (let p = 0; p < numPartitions; p++) {
        assignment.push(Array.from({ length: replicationFactor }, (_, r) => live[(p + r) % live.length]));
      }
    } else {
      for (const replicas of assignment) {
        if (
          replicas.length === 0 ||
          new Set(replicas).size !== replicas.length ||
          replicas.some((id) => !this.brokers.has(id))
        ) {
          return {
            ok: false,
            error: KafkaError.INVALID_REPLICA_ASSIGNMENT,
            message: `invalid replica assignment ${JSON.stringify(replicas)}`,
          };
        }
      }
    }
    // A re-created topic must start again at offset 0: clear whatever a deleted one left.
    this.store?.deleteTopic(name);
    const topic = this.restoreTopic(name, newTopicId(), assignment, { ...configs });
    this.store?.saveTopic({
      name,
      topicId: topic.topicId,
      partitions: assignment.map((replicas) => ({ replicas })),
      configs: topic.configs,
    });
    return { ok: true, topic };
  }

  deleteTopic(name: string): void {
    const topic = this.topics.get(name);
    if (!topic) return;
    for (const p of topic.partitions) {
      p.log.drop();
      this.memoryBudget?.remove(p.log);
    }
    this.topics.delete(name);
    this.partitionCount -= topic.partitions.length;
    this.store?.deleteTopic(name);
  }

  /** Kafka elects a controller among live brokers; it keeps the job until it goes down. */
  private electController(): void {
    const live = this.liveBrokers();
    if (live.some((b) => b.id === this.controllerId)) return;
    this.controllerId = live[0]?.id ?? -1;
    if (this.controllerId !== -1) this.controllerEpoch++;
  }

  brokerUp(id: number): void {
    const broker = this.brokers.get(id);
    if (!broker || broker.up) return;
    broker.up = true;
    this.electController();
    for (const topic of this.topics.values()) {
      for (const p of topic.partitions) {
        if (!p.replicas.includes(id)) continue;
        if (p.leader === -1) {
          // Offline partition: only an in-sync replica may lead (no unclean election by default).
          const unclean = this.config.topicValue(topic.configs, 'unclean.leader.election.enable').value === 'true';
          if (p.isr.includes(id) || unclean) {
            p.leader = id;
            p.leaderEpoch++;
            p.isr = p.replicas.filter((r) => this.brokers.get(r)?.up);
          }
        } else if (!p.isr.includes(id)) {
          // The log is shared, so the returning replica has caught up as soon as it is back.
          p.isr = p.replicas.filter((r) => r === id || p.isr.includes(r));
        }
      }
    }
  }

  brokerDown(id: number): void {
    const broker = this.brokers.get(id);
    if (!broker || !broker.up) return;
    broker.up = false;
    this.electController();
    for (const topic of this.topics.values()) {
      for (const p of topic.partitions) {
        if (!p.replicas.includes(id)) continue;
        const remaining = p.isr.filter((r) => r !== id);
        if (p.leader === id) {
          const next = p.replicas.find((r) => remaining.includes(r) && this.brokers.get(r)?.up);
          p.leader = next ?? -1;
          p.leaderEpoch++;
        }
        // Like Kafka, the last in-sync replica stays in the ISR while the partition is offline.
        p.isr = remaining.length > 0 ? remaining : p.isr;
      }
    }
  }

  findPartition(topic: string, partition: number): { topic: TopicState; partition: PartitionState } | null {
    const t = this.topics.get(topic);
    const p = t?.partitions[partition];
    return t && p ? { topic: t, partition: p } : null;
  }

  close(): void {
    for (const t of this.topics.values()) for (const p of t.partitions) p.log.close();
    this.store?.close();
  }
}
