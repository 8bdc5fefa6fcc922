// Where integration tests send their records: a fresh sandbox cluster, or the real cluster
// named by KAFKA_BROKERS (then tests use unique topic names and skip fault-control steps).
import { randomUUID } from 'node:crypto';
import { startSandboxCluster, type SandboxCluster, type SandboxOptions } from '../../electron/sandbox';

export interface KafkaTarget {
  brokers: string[];
  /** null against a real cluster: no fault controls there. */
  sandbox: SandboxCluster | null;
  topic(prefix: string): string;
  close(): Promise<void>;
}

export const realClusterBrokers = process.env.KAFKA_BROKERS?.split(',').map((s) => s.trim()).filter(Boolean) ?? [];

export async function kafkaTarget(opts: SandboxOptions = {}): Promise<KafkaTarget> {
  if (realClusterBrokers.length > 0) {
    return { brokers: realClusterBrokers, sandbox: null, topic: (p) => `${p}-${randomUUID().slice(0, 8)}`, close: async () => {} };
  }
  const sandbox = await startSandboxCluster({ brokers: 3, ...opts });
  return { brokers: sandbox.bootstrapServers, sandbox, topic: (p) => p, close: () => sandbox.close() };
}

export function skipReason(what: string): string {
  const reason = `skipping ${what}: needs the sandbox's fault controls (KAFKA_BROKERS points at a real cluster)`;
  console.log(reason);
  return reason;
}
