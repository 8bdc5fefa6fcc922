// Reads what actually reached the topic, with kafkajs, as a downstream consumer would.
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { waitForTopics } from '../../tools/apache-kafka/cluster-metadata';

export interface ReadMessage {
  key: string | null;
  value: unknown;
  headers: Record<string, string>;
  partition: number;
  offset: string;
}

function kafka(brokers: string[]) {
  return new Kafka({ clientId: 'order-desk-e2e', brokers, logLevel: logLevel.NOTHING, retry: { retries: 3 } });
}

/** The messages whose order-id header is in `orderIds`, waiting until all have arrived. */
export async function readOrderMessages(
  brokers: string[],
  topic: string,
  orderIds: string[],
  timeoutMs = 45_000,
): Promise<Map<string, ReadMessage>> {
  const found = new Map<string, ReadMessage>();
  await readUntil(
    brokers,
    topic,
    (m) => {
      const id = m.headers['order-id'];
      if (orderIds.includes(id)) found.set(id, m);
      return found.size === orderIds.length;
    },
    timeoutMs,
    () => `only ${found.size} of ${orderIds.length} orders found on ${topic}`,
  );
  return found;
}

/**
 * Every message that carries this `order-id` header (the order, and its cancellation once it was
 * voided), in log order, waiting until `count` have arrived.
 */
export async function readOrderEvents(
  brokers: string[],
  topic: string,
  orderId: string,
  count: number,
  timeoutMs = 45_000,
): Promise<ReadMessage[]> {
  const found: ReadMessage[] = [];
  await readUntil(
    brokers,
    topic,
    (m) => {
      if (m.headers['order-id'] === orderId) found.push(m);
      return found.length >= count;
    },
    timeoutMs,
    () => `only ${found.length} of ${count} messages of order ${orderId} found on ${topic}`,
  );
  return found.sort((a, b) => a.partition - b.partition || Number(a.offset) - Number(b.offset));
}

function jsonOrText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Reads the topic from the beginning with a consumer group of its own until `take` says done. */
async function readUntil(
  brokers: string[],
  topic: string,
  take: (m: ReadMessage) => boolean,
  timeoutMs: number,
  shortfall: () => string,
): Promise<void> {
  // A short fetch wait, as in test/support/read-topic.ts: disconnect() waits for the fetch in flight.
  const consumer = kafka(brokers).consumer({ groupId: `order-desk-e2e-${randomUUID()}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      let done = false;
      const timer = setTimeout(() => reject(new Error(shortfall())), timeoutMs);
      void consumer
        .run({
          eachMessage: async ({ message, partition }) => {
            if (done) return;
            const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
            const m: ReadMessage = {
              key: message.key?.toString() ?? null,
              value: jsonOrText(message.value?.toString() ?? 'null'),
              headers,
              partition,
              offset: message.offset,
            };
            if (take(m)) {
              done = true;
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
}

/** Sum of the topic's high-water marks: how many messages it has ever received. */
export async function messageCount(brokers: string[], topic: string): Promise<number> {
  const admin = kafka(brokers).admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((n, p) => n + Number(p.high), 0);
  } finally {
    await admin.disconnect();
  }
}

/** Creates a topic with its replicas placed by hand: partition i on the brokers in replicas[i]. */
export async function createTopicOn(brokers: string[], topic: string, replicas: number[][]): Promise<void> {
  const admin = kafka(brokers).admin();
  await admin.connect();
  try {
    // Not kafkajs's waitForLeaders: it asks one broker and gives up on UNKNOWN_TOPIC_OR_PARTITION,
    // which a real broker still answers while the new topic's metadata spreads (CI, 92d2a44).
    await admin.createTopics({
      topics: [{ topic, replicaAssignment: replicas.map((r, partition) => ({ partition, replicas: r })) }],
      waitForLeaders: false,
    });
  } finally {
    await admin.disconnect();
  }
  // Real Kafka spreads a new topic's metadata asynchronously: wait until every broker knows it.
  await waitForTopics(brokers, [{ name: topic, partitions: replicas.length }]);
}
