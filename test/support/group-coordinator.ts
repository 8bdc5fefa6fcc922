// Which broker coordinates a consumer group, asked the way clients ask it (FindCoordinator v1)
// so a test can stop exactly that broker, on the sandbox and on real Kafka alike.
import { openAnyBroker } from '../../electron/kafka/raw-connection';
import { KafkaWriter } from '../../electron/sandbox/protocol/kafka-writer';

const API_FIND_COORDINATOR = 10;
const KEY_TYPE_GROUP = 0;

export async function groupCoordinator(brokers: readonly string[], groupId: string): Promise<number> {
  const conn = await openAnyBroker(brokers, { clientId: 'order-desk-test', timeoutMs: 5000 });
  try {
    const r = await conn.request(API_FIND_COORDINATOR, 1, new KafkaWriter().string(groupId).int8(KEY_TYPE_GROUP));
    r.int32(); // throttle_time_ms
    const error = r.int16();
    const message = r.nullableString();
    const nodeId = r.int32();
    if (error !== 0) throw new Error(`FindCoordinator for ${groupId} failed with error ${error}${message ? `: ${message}` : ''}`);
    return nodeId;
  } finally {
    conn.close();
  }
}
