// The app's one order producer: idempotent, acks=-1, one request in flight per broker, never
// creating topics. Plus a small admin client for the topic's partition count, which the
// dispatcher needs to send one partition's batch per request.
import { Kafka, type Admin, type Message, type Producer } from 'kafkajs';
import type { ProducerSafetyConfig } from '../../shared/diagnostics-types';
import { ClusterClient, type TopicIdentity } from '../cluster/cluster-client';

export type { TopicIdentity };
import { withTimeouts, type ClusterConfig } from '../cluster/cluster-config';
import { toKafkaJsConfig } from '../cluster/kafkajs-config';
import { findOrderIds, partitionLogEnd, probeOffset, type OffsetProbe } from './order-id-search';
import { topicWriteConfig, type TopicWriteConfig } from './message-size';

/** What the safety checklist judges; the producer below is built from the same values. */
export const ORDER_PRODUCER_SAFETY: ProducerSafetyConfig = { acks: -1, idempotent: true };

export interface OrderProducer {
  /** Connects and obtains a producer id. Safe to call again after a failure; keeps the id once it has one. */
  connect(): Promise<void>;
  /** Partitions of the topic (throws UNKNOWN_TOPIC_OR_PARTITION when it does not exist). */
  partitionCount(topic: string): Promise<number>;
  /**
   * The same Metadata answer as partitionCount, with how many replicas each partition has in
   * sync (`inSync[p]`, partition p's ISR size): the dispatcher's probe tells from it, with no
   * request more, whether a partition refuses acks=all writes. Optional so test producers may
   * leave it out.
   */
  topicPartitions?(topic: string): Promise<{ count: number; inSync: number[] }>;
  /** Sends messages to one partition in one batch; resolves with each message's offset. */
  sendToPartition(topic: string, partition: number, messages: Message[]): Promise<string[]>;
  /**
   * Which of these order ids are already in the partition, with their offsets: asked before a
   * new session sends orders an earlier one may have delivered. Read from `offset` (a log end
   * recorded before they were first sent) or, without one, from records since `sinceMs`.
   */
  findOrderIds(
    topic: string,
    partition: number,
    from: { offset: number | null; sinceMs: number },
    orderIds: ReadonlySet<string>,
  ): Promise<Map<string, string>>;
  /** Where the partition's log ends now (the offset the next record will get). */
  logEndOffset(topic: string, partition: number): Promise<number>;
  /**
   * The topic's max.message.bytes and min.insync.replicas (one DescribeConfigs request); optional
   * so test producers may leave it out.
   */
  writeConfig?(topic: string): Promise<TopicWriteConfig>;
  /**
   * The cluster's id and the topic's as the cluster reports them (Metadata v10+ for the topic's),
   * each null when the broker reports none (an older Kafka) or the topic is missing: the orders
   * delivered are recorded with them, for the topic re-creation checks. Optional so test
   * producers may leave it out (then only the offsets are checked, over every cluster's orders).
   */
  topicIdentity?(topic: string): Promise<TopicIdentity>;
  /** The partition's log bounds and the order id of the record at `offset` (topic re-creation checks). */
  probeOffset?(topic: string, partition: number, offset: number): Promise<OffsetProbe>;
  disconnect(): Promise<void>;
}

export type OrderProducerFactory = (config: ClusterConfig) => OrderProducer;

export const SEND_TIMEOUT_MS = 10_000;

/**
 * How long a topic id question may take: it is asked after every delivered batch, before the
 * batch is marked delivered, so a slow answer must not hold the clerk's "delivered" long
 * (unanswered, the orders are recorded without an id and the offsets check covers them).
 */
const TOPIC_ID_TIMEOUT_MS = 2_000;

export const createOrderProducer: OrderProducerFactory = (config) => {
  const kafka = new Kafka(toKafkaJsConfig(config));
  const producer: Producer = kafka.producer({
    idempotent: ORDER_PRODUCER_SAFETY.idempotent,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    // Few internal retries on purpose: the dispatcher owns retrying (with backoff, visible to
    // the clerk) and re-sends a failed batch unchanged, so the broker's sequence check still
    // recognises a duplicate. That keeps kafkajs' exactly-once promise within this session.
    retry: { retries: 3, initialRetryTime: 100, maxRetryTime: 1_000 },
  });
  let admin: Admin | null = null;
  let adminConnected = false;
  let closed = false;
  // One connection for the topic id questions (one per delivered batch), kept while it works.
  let idClient: ClusterClient | null = null;

  const readPartitions = async (topic: string): Promise<{ count: number; inSync: number[] }> => {
    if (closed) throw new Error('producer closed');
    admin ??= kafka.admin({ retry: { retries: 1, initialRetryTime: 200, maxRetryTime: 1_000 } });
    if (!adminConnected) {
      await admin.connect();
      adminConnected = true;
    }
    const meta = await admin.fetchTopicMetadata({ topics: [topic] });
    const t = meta.topics.find((x) => x.name === topic);
    const inSync: number[] = [];
    for (const p of t?.partitions ?? []) inSync[p.partitionId] = p.isr.length;
    return { count: t ? t.partitions.length : 0, inSync };
  };

  return {
    async connect() {
      if (closed) throw new Error('producer closed');
      await producer.connect();
    },
    async partitionCount(topic) {
      return (await readPartitions(topic)).count;
    },
    topicPartitions: readPartitions,
    async sendToPartition(topic, partition, messages) {
      const meta = await producer.send({
        topic,
        acks: ORDER_PRODUCER_SAFETY.acks,
        timeout: SEND_TIMEOUT_MS,
        messages: messages.map((m) => ({ ...m, partition })),
      });
      const r = meta.find((m) => m.partition === partition);
      if (!r?.baseOffset) throw new Error(`no offset in the produce response for partition ${partition}`);
      const base = BigInt(r.baseOffset);
      return messages.map((_, i) => (base + BigInt(i)).toString());
    },
    findOrderIds(topic, partition, from, orderIds) {
      if (closed) return Promise.reject(new Error('producer closed'));
      return findOrderIds(config, {
        topic,
        partition,
        sinceMs: from.sinceMs,
        ...(from.offset !== null ? { fromOffset: from.offset } : {}),
        orderIds,
      });
    },
    logEndOffset(topic, partition) {
      if (closed) return Promise.reject(new Error('producer closed'));
      return partitionLogEnd(config, topic, partition);
    },
    writeConfig(topic) {
      if (closed) return Promise.reject(new Error('producer closed'));
      return topicWriteConfig(config, topic);
    },
    topicIdentity(topic) {
      if (closed) return Promise.reject(new Error('producer closed'));
      idClient ??= new ClusterClient(
        withTimeouts(config, { connectMs: TOPIC_ID_TIMEOUT_MS, requestMs: TOPIC_ID_TIMEOUT_MS }),
      );
      return idClient.topicIdentity(topic);
    },
    probeOffset(topic, partition, offset) {
      if (closed) return Promise.reject(new Error('producer closed'));
      return probeOffset(config, topic, partition, offset);
    },
    async disconnect() {
      closed = true;
      idClient?.close();
      await Promise.allSettled([
        producer.disconnect(),
        adminConnected && admin ? admin.disconnect() : Promise.resolve(),
      ]);
    },
  };
};
