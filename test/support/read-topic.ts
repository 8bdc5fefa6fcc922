// Reads a topic back as a downstream consumer would: a kafkajs consumer group of its own,
// from the beginning, until `count` messages arrived (and a moment more, so a duplicate shows).
import { randomUUID } from 'node:crypto';
import type { IHeaders, Kafka, KafkaMessage } from 'kafkajs';

export interface ReadMessage {
  partition: number;
  offset: string;
  key: string | null;
  value: unknown;
  headers: Record<string, string>;
}

export async function readTopic(
  kafka: Kafka,
  topic: string,
  count: number,
  timeoutMs = 20_000,
): Promise<ReadMessage[]> {
  // A short fetch wait: disconnect() waits for the fetch in flight, which at kafkajs's default
  // (5 s) cost every read 4.5 s after its last message; it reads the same messages either way.
  const consumer = kafka.consumer({ groupId: `order-desk-test-${randomUUID()}`, maxWaitTimeInMs: 100 });
  const got: ReadMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`read ${got.length} of ${count} messages from ${topic} in ${timeoutMs} ms`)),
        timeoutMs,
      );
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
