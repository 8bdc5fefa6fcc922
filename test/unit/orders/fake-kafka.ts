// An in-memory stand-in for the order producer, for dispatcher unit tests. It keeps each
// partition's log and, like a Kafka broker with an idempotent producer, recognises a batch
// re-sent unchanged by the same producer and answers with its first offsets. Faults are
// scripted per call. Integration tests use the real sandbox cluster instead.
import { KafkaJSConnectionError, KafkaJSProtocolError, type Message } from 'kafkajs';
import { OrderSearchError } from '../../../electron/kafka/order-id-search';
import type { OrderProducer } from '../../../electron/kafka/order-producer';
import { messageIdOfHeaders } from '../../../shared/order-schema';

export interface SendCall {
  producer: number;
  topic: string;
  partition: number;
  orderIds: string[];
}

type Fault = { kind: 'fail'; error: Error; appendFirst: boolean };

export const errors = {
  refused: () =>
    new KafkaJSConnectionError('Connection error: connect ECONNREFUSED 127.0.0.1:9092', {
      code: 'ECONNREFUSED',
    } as never),
  topicMissing: () =>
    new KafkaJSProtocolError({
      message: 'This server does not host this topic-partition',
      type: 'UNKNOWN_TOPIC_OR_PARTITION',
      code: 3,
      retriable: true,
    } as unknown as Error),
  notEnoughReplicas: () =>
    new KafkaJSProtocolError({
      message: 'Messages are rejected since there are fewer in-sync replicas than required',
      type: 'NOT_ENOUGH_REPLICAS',
      code: 19,
      retriable: true,
    } as unknown as Error),
  unknownProducer: () =>
    new KafkaJSProtocolError({
      message: 'This exception is raised by the broker if it could not locate the producer metadata',
      type: 'UNKNOWN_PRODUCER_ID',
      code: 59,
      retriable: false,
    } as unknown as Error),
  tooLarge: () =>
    new KafkaJSProtocolError({
      message: 'The request included a message larger than the max message size the server will accept',
      type: 'MESSAGE_TOO_LARGE',
      code: 10,
      retriable: false,
    } as unknown as Error),
};

export class FakeKafka {
  reachable = true;
  topics = new Map<string, number>([['user-data', 3]]);
  /** partition → order ids in offset order */
  readonly logs = new Map<number, string[]>();
  readonly sends: SendCall[] = [];
  readonly sendFaults: Fault[] = [];
  /** Orders whose message is refused as too large. */
  readonly tooLarge = new Set<string>();
  /** Extra time a metadata request takes. */
  metadataDelayMs = 0;
  producersCreated = 0;
  /** The credentials may write but not read the topic. */
  readDenied = false;
  /** In-doubt checks answered. */
  searches = 0;
  /** Where each in-doubt search started (offset null: by time). */
  readonly searchStarts: Array<{ partition: number; offset: number | null; ids: string[] }> = [];
  /** Log-end lookups before first sends. */
  logEndAsked = 0;
  disconnected = 0;
  /** Each topic's id as Metadata v10+ reports it; a topic not here has none (an older broker). */
  readonly topicIds = new Map<string, string>();
  /** The id the brokers report for their cluster (null: none, as a broker too old to report one). */
  clusterId: string | null = null;
  /** Topic id questions answered. */
  topicIdAsked = 0;
  /** Runs before each topic id answer (with the count of questions so far): a topic re-created at that moment. */
  beforeTopicIdAnswer: ((asked: number) => void) | null = null;
  /** Called in the same callback as a batch's acknowledgement, just before it resolves. */
  beforeAck: ((orderIds: string[]) => void) | null = null;
  private readonly lastBatch = new Map<string, { ids: string; base: number }>();

  factory = (): OrderProducer => {
    const id = ++this.producersCreated;
    let connected = false;
    return {
      connect: async () => {
        await tick();
        if (!this.reachable) throw errors.refused();
        connected = true;
      },
      partitionCount: async (topic) => {
        await tick();
        if (this.metadataDelayMs) await new Promise((r) => setTimeout(r, this.metadataDelayMs));
        if (!this.reachable) throw errors.refused();
        const n = this.topics.get(topic);
        if (n === undefined) throw errors.topicMissing();
        return n;
      },
      sendToPartition: async (topic, partition, messages: Message[]) => {
        await tick();
        if (!connected) throw new Error('producer not connected');
        // A cancellation is logged by its own id (as the real in-doubt search knows it).
        const orderIds = messages.map((m) => {
          const h = m.headers as Record<string, string>;
          return messageIdOfHeaders(String(h['order-id']), h['event-type']);
        });
        this.sends.push({ producer: id, topic, partition, orderIds });
        if (!this.reachable) throw errors.refused();
        if (!this.topics.has(topic)) throw errors.topicMissing();
        if (orderIds.some((o) => this.tooLarge.has(o))) throw errors.tooLarge();
        const fault = this.sendFaults.shift();
        if (fault && !fault.appendFirst) throw fault.error;
        const key = `${id}/${partition}`;
        const log = this.logs.get(partition) ?? [];
        this.logs.set(partition, log);
        const prev = this.lastBatch.get(key);
        let base: number;
        if (prev && prev.ids === orderIds.join(',')) {
          base = prev.base; // a duplicate of the last batch: not appended again
        } else {
          base = log.length;
          log.push(...orderIds);
          this.lastBatch.set(key, { ids: orderIds.join(','), base });
        }
        if (fault) throw fault.error; // appended, but the producer never heard back
        this.beforeAck?.(orderIds);
        return orderIds.map((_, i) => String(base + i));
      },
      findOrderIds: async (topic, partition, from, wanted) => {
        await tick();
        if (!this.reachable) throw errors.refused();
        if (this.readDenied) throw new OrderSearchError('Fetch user-data-0 failed with error 29', true);
        const found = new Map<string, string>();
        if (!this.topics.has(topic)) return found;
        this.searchStarts.push({ partition, offset: from.offset, ids: [...wanted] });
        // Like the real search: from the recorded offset when there is one (time is not modelled).
        (this.logs.get(partition) ?? []).forEach((id, offset) => {
          if (from.offset !== null && offset < from.offset) return;
          if (wanted.has(id) && !found.has(id)) found.set(id, String(offset));
        });
        this.searches++;
        return found;
      },
      topicIdentity: async (topic) => {
        await tick();
        if (!this.reachable) throw errors.refused();
        this.beforeTopicIdAnswer?.(this.topicIdAsked);
        this.topicIdAsked++;
        return { clusterId: this.clusterId, topicId: this.topicIds.get(topic) ?? null };
      },
      logEndOffset: async (topic, partition) => {
        await tick();
        if (!this.reachable) throw errors.refused();
        if (!this.topics.has(topic)) throw errors.topicMissing();
        this.logEndAsked++;
        return (this.logs.get(partition) ?? []).length;
      },
      disconnect: async () => {
        this.disconnected++;
      },
    };
  };

  allDelivered(): string[] {
    return [...this.logs.values()].flat();
  }
}

const tick = () => new Promise<void>((r) => setImmediate(r));
