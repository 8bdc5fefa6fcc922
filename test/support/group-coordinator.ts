// Which broker coordinates a consumer group, asked the way clients ask it (FindCoordinator v1)
// so a test can stop exactly that broker, on the sandbox and on real Kafka alike.
import { bootstrapAddresses, clusterConfig } from '../../electron/cluster/cluster-config';
import { openAnyBroker } from '../../electron/cluster/raw-connection';
import { CoordinatorKeyType, FindCoordinator } from '../../electron/kafka-wire/apis/find-coordinator';

export async function groupCoordinator(brokers: readonly string[], groupId: string): Promise<number> {
  const config = clusterConfig({
    brokers: [...brokers],
    clientId: 'order-desk-test',
    timeouts: { connectMs: 5000, requestMs: 5000 },
  });
  const conn = await openAnyBroker(bootstrapAddresses(config), config);
  try {
    const r = await conn.request(FindCoordinator, 1, { key: groupId, keyType: CoordinatorKeyType.GROUP });
    if (r.errorCode !== 0)
      throw new Error(
        `FindCoordinator for ${groupId} failed with error ${r.errorCode}${r.errorMessage ? `: ${r.errorMessage}` : ''}`,
      );
    return r.nodeId;
  } finally {
    conn.close();
  }
}
