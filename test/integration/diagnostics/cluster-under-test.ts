// The cluster a diagnostics or benchmark integration test talks to: a sandbox started with the
// options the test needs, or, when KAFKA_BROKERS is set, that real cluster with uniquely named
// topics (tests that must configure or stop brokers skip there, saying why).
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { startSandboxCluster, type SandboxCluster, type SandboxOptions } from '../../../electron/sandbox';
import { realClusterBrokers } from '../../support/kafka-target';

export const REAL_BROKERS = realClusterBrokers;
export const usingRealCluster = REAL_BROKERS.length > 0;
/** Test-name suffix of sandbox-only tests; against KAFKA_BROKERS it carries the skip reason. */
export const SANDBOX_ONLY_REASON = usingRealCluster
  ? 'skipped: it configures or stops brokers, which only the sandbox allows, and KAFKA_BROKERS is set'
  : 'sandbox';
if (usingRealCluster) console.log(`KAFKA_BROKERS is set: sandbox-only diagnostics/bench tests are ${SANDBOX_ONLY_REASON}`);

export interface ClusterUnderTest {
  brokers: string[];
  sandbox: SandboxCluster | null;
  /** A topic name unique to this test (the given name against the sandbox). */
  name(base: string): string;
  createTopic(name: string, partitions?: number, replicationFactor?: number): Promise<void>;
  topicExists(name: string): Promise<boolean>;
  close(): Promise<void>;
}

export async function clusterUnderTest(opts: SandboxOptions = {}): Promise<ClusterUnderTest> {
  const sandbox = usingRealCluster ? null : await startSandboxCluster({ brokers: 3, port: 0, ...opts });
  const brokers = sandbox ? sandbox.bootstrapServers : REAL_BROKERS;
  const suffix = randomUUID().slice(0, 8);
  const created: string[] = [];
  const kafka = new Kafka({ clientId: 'order-desk-test', brokers, logLevel: logLevel.NOTHING, retry: { retries: 3 } });
  const withAdmin = async <T>(fn: (a: ReturnType<Kafka['admin']>) => Promise<T>): Promise<T> => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      return await fn(admin);
    } finally {
      await admin.disconnect();
    }
  };
  return {
    brokers,
    sandbox,
    name: (base) => (usingRealCluster ? `${base}-${suffix}` : base),
    async createTopic(name, partitions = 3, replicationFactor = 3) {
      created.push(name);
      await withAdmin((a) => a.createTopics({ waitForLeaders: true, topics: [{ topic: name, numPartitions: partitions, replicationFactor }] }));
    },
    topicExists: (name) => withAdmin(async (a) => (await a.listTopics()).includes(name)),
    async close() {
      if (usingRealCluster && created.length) {
        await withAdmin((a) => a.deleteTopics({ topics: created })).catch(() => undefined);
      }
      await sandbox?.close();
    },
  };
}
