// The cluster an orders integration test talks to: the sandbox (started per test on free
// ports) or, when KAFKA_BROKERS is set, that real cluster with a uniquely named topic. Tests
// that need to stop brokers can only do that with the sandbox; they skip with a printed
// reason otherwise.
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type IHeaders, type KafkaMessage } from 'kafkajs';
import { startSandboxCluster, type SandboxCluster } from '../../../electron/sandbox';
import { realClusterBrokers } from '../../support/kafka-target';

export const REAL_BROKERS = realClusterBrokers;
export const usingRealCluster = REAL_BROKERS.length > 0;

export interface KafkaUnderTest {
  brokers: string[];
  topic: string;
  /** null against a real cluster. */
  sandbox: SandboxCluster | null;
  createTopic(name?: string): Promise<void>;
  readBack(count: number, timeoutMs?: number): Promise<ReadMessage[]>;
  close(): Promise<void>;
}

export interface ReadMessage {
  partition: number;
  offset: string;
  key: string | null;
  value: unknown;
  headers: Record<string, string>;
}

export async function kafkaUnderTest(opts: { createTopic?: boolean } = {}): Promise<KafkaUnderTest> {
  const topic = usingRealCluster ? `order-desk-test-${randomUUID().slice(0, 8)}` : 'user-data';
  const sandbox = usingRealCluster ? null : await startSandboxCluster({ brokers: 3, port: 0, minInsyncReplicas: 2 });
  const brokers = sandbox ? sandbox.bootstrapServers : REAL_BROKERS;
  const kafka = new Kafka({ clientId: 'order-desk-test', brokers, logLevel: logLevel.NOTHING, retry: { retries: 3 } });
  const createTopic = async (name = topic) => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const meta = await admin.describeCluster();
      await admin.createTopics({ waitForLeaders: true, topics: [{ topic: name, numPartitions: 3, replicationFactor: Math.min(3, meta.brokers.length) }] });
    } finally {
      await admin.disconnect();
    }
  };
  if (opts.createTopic !== false) await createTopic();
  return {
    brokers,
    topic,
    sandbox,
    createTopic,
    readBack: (count, timeoutMs = 20_000) => readTopic(kafka, topic, count, timeoutMs),
    async close() {
      if (usingRealCluster) {
        const admin = kafka.admin();
        await admin.connect().catch(() => {});
        await admin.deleteTopics({ topics: [topic] }).catch(() => {});
        await admin.disconnect().catch(() => {});
      }
      await sandbox?.close();
    },
  };
}

/** Reads the topic from the beginning with a kafkajs consumer group until `count` messages arrived. */
async function readTopic(kafka: Kafka, topic: string, count: number, timeoutMs: number): Promise<ReadMessage[]> {
  const consumer = kafka.consumer({ groupId: `order-desk-test-${randomUUID()}` });
  const got: ReadMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`read ${got.length} of ${count} messages from ${topic} in ${timeoutMs} ms`)), timeoutMs);
      consumer
        .run({
          eachMessage: async ({ partition, message }) => {
            got.push(toRead(partition, message));
            if (got.length >= count) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
    // Anything beyond `count` (a duplicate) would show up shortly after; give it a moment.
    await new Promise((r) => setTimeout(r, 500));
  } finally {
    await consumer.disconnect();
  }
  return got;
}

function toRead(partition: number, m: KafkaMessage): ReadMessage {
  return {
    partition,
    offset: m.offset,
    key: m.key ? m.key.toString('utf8') : null,
    value: m.value ? JSON.parse(m.value.toString('utf8')) : null,
    headers: headersOf(m.headers ?? {}),
  };
}

function headersOf(h: IHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k] = Array.isArray(v) ? String(v[0]) : String(v);
  return out;
}

export async function until(cond: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
