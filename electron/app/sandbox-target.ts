// With no broker configured the app runs against the in-process sandbox cluster: three
// brokers on free ports, the order topic with 3 partitions and replication factor 3,
// min.insync.replicas 2, as a careful store cluster would be set up. Loaded only when needed.
// Given a folder (the app's data dir + /sandbox), its topics, records and committed offsets
// survive a restart, so delivered orders stay where the outbox says they are; retention keeps
// that folder small (SANDBOX_RETENTION) and the logs are read from disk, not held in memory.
export interface RunningSandbox {
  brokers: string[];
  /** The sandbox CLI's fault commands (`stop 2`, `start-all`, ...), answered `ok` or `error: ...`. */
  faultCommand(line: string): Promise<string>;
  close(): Promise<void>;
}

export const SANDBOX_LAYOUT = { brokers: 3, partitions: 3, replicationFactor: 3, minInsyncReplicas: 2 } as const;

/** At most 64 MB a partition (plus the 16 MB segment being written), and a week, as Kafka's default retention.ms. */
export const SANDBOX_RETENTION = {
  'log.retention.bytes': String(64 * 1024 * 1024),
  'log.segment.bytes': String(16 * 1024 * 1024),
} as const;

export async function startSandboxFor(topic: string, dataDir?: string): Promise<RunningSandbox> {
  const { startSandboxCluster, runFaultCommand } = await import('../sandbox');
  const cluster = await startSandboxCluster({
    brokers: SANDBOX_LAYOUT.brokers,
    port: 0,
    topics: [
      { name: topic, partitions: SANDBOX_LAYOUT.partitions, replicationFactor: SANDBOX_LAYOUT.replicationFactor },
    ],
    minInsyncReplicas: SANDBOX_LAYOUT.minInsyncReplicas,
    dataDir,
    brokerConfig: { ...SANDBOX_RETENTION },
  });
  const latencies = new Map<number, number>();
  return {
    brokers: [...cluster.bootstrapServers],
    faultCommand: (line) => runFaultCommand(cluster, line, latencies),
    close: () => cluster.close(),
  };
}
