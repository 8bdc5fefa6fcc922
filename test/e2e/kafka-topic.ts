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
  const consumer = kafka(brokers).consumer({ groupId: `order-desk-e2e-${randomUUID()}` });
  const found = new Map<string, ReadMessage>();
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`only ${found.size} of ${orderIds.length} orders found on ${topic}`)),
        timeoutMs,
      );
      void consumer
        .run({
          eachMessage: async ({ message, partition }) => {
            const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
            const id = headers['order-id'];
            if (!orderIds.includes(id)) return;
            found.set(id, {
              key: message.key?.toString() ?? null,
              value: JSON.parse(message.value?.toString() ?? 'null'),
              headers,
              partition,
              offset: message.offset,
            });
            if (found.size === orderIds.length) {
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
  return found;
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
    await admin.createTopics({
      topics: [{ topic, replicaAssignment: replicas.map((r, partition) => ({ partition, replicas: r })) }],
    });
  } finally {
    await admin.disconnect();
  }
  // Real Kafka spreads a new topic's metadata asynchronously: wait until every broker knows it.
  await waitForTopics(brokers, [{ name: topic, partitions: replicas.length }]);
}
