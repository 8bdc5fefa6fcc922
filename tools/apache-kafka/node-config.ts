// One node's server.properties: a combined broker + controller in KRaft mode on 127.0.0.1, with
// the store's settings (topics never auto-created, replication factor 3, min.insync.replicas
// 2) scaled down when the cluster has fewer than 3 nodes. Pure, so it has unit tests.

export interface NodeAddress {
  id: number;
  /** The client (PLAINTEXT) listener. */
  port: number;
  /** The KRaft controller listener. */
  controllerPort: number;
}

export interface ClusterSettings {
  host: string;
  nodes: NodeAddress[];
  minInsyncReplicas: number;
  autoCreateTopics: boolean;
  deleteTopicEnable: boolean;
  /** Any other broker configs, applied last. */
  brokerConfig: Record<string, string>;
}

export function nodeProperties(settings: ClusterSettings, id: number, logDir: string): string {
  const node = settings.nodes.find((n) => n.id === id);
  if (!node) throw new Error(`no node ${id}`);
  const { host } = settings;
  const rf = Math.min(3, settings.nodes.length);
  const props: Record<string, string> = {
    'process.roles': 'broker,controller',
    'node.id': String(id),
    // A static quorum: every node votes, so the cluster needs a majority of its nodes running.
    'controller.quorum.voters': settings.nodes.map((n) => `${n.id}@${host}:${n.controllerPort}`).join(','),
    listeners: `PLAINTEXT://${host}:${node.port},CONTROLLER://${host}:${node.controllerPort}`,
    'advertised.listeners': `PLAINTEXT://${host}:${node.port}`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    'log.dirs': logDir,
    'auto.create.topics.enable': String(settings.autoCreateTopics),
    'delete.topic.enable': String(settings.deleteTopicEnable),
    'default.replication.factor': String(rf),
    'min.insync.replicas': String(settings.minInsyncReplicas),
    'num.partitions': '1',
    'offsets.topic.replication.factor': String(rf),
    'transaction.state.log.replication.factor': String(rf),
    'transaction.state.log.min.isr': String(Math.min(2, rf)),
    'share.coordinator.state.topic.replication.factor': String(rf),
    'share.coordinator.state.topic.min.isr': String(Math.min(2, rf)),
    // Tests start consumer groups one after another; Kafka's 3 s wait for more members only slows them.
    'group.initial.rebalance.delay.ms': '0',
    // The log cleaner takes its 128 MB dedupe buffer from the heap at start-up, which a 256 MB
    // heap cannot always spare (OutOfMemoryError in LogManager); 8 MB is plenty for the
    // compacted internal topics of a test cluster.
    'log.cleaner.dedupe.buffer.size': String(8 * 1024 * 1024),
    ...settings.brokerConfig,
  };
  return `${Object.entries(props)
    .map(([k, v]) => `${k}=${escapeValue(v)}`)
    .join('\n')}\n`;
}

/** java.util.Properties reads backslashes as escapes (Windows paths, regexes). */
function escapeValue(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}
