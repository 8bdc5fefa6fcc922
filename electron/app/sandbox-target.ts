// With no broker configured the app runs against the in-process sandbox cluster: three
// brokers on free ports, the order topic with 3 partitions and replication factor 3,
// min.insync.replicas 2, as a careful store cluster would be set up. Loaded only when needed.
export interface RunningSandbox {
  brokers: string[];
  /** The sandbox CLI's fault commands (`stop 2`, `start-all`, ...), answered `ok` or `error: ...`. */
  faultCommand(line: string): Promise<string>;
  close(): Promise<void>;
}

export const SANDBOX_LAYOUT = { brokers: 3, partitions: 3, replicationFactor: 3, minInsyncReplicas: 2 } as const;

export async function startSandboxFor(topic: string): Promise<RunningSandbox> {
  const { startSandboxCluster, runFaultCommand } = await import('../sandbox');
  const cluster = await startSandboxCluster({
    brokers: SANDBOX_LAYOUT.brokers,
    port: 0,
    topics: [{ name: topic, partitions: SANDBOX_LAYOUT.partitions, replicationFactor: SANDBOX_LAYOUT.replicationFactor }],
    minInsyncReplicas: SANDBOX_LAYOUT.minInsyncReplicas,
  });
  const latencies = new Map<number, number>();
  return {
    brokers: [...cluster.bootstrapServers],
    faultCommand: (line) => runFaultCommand(cluster, line, latencies),
    close: () => cluster.close(),
  };
}
