// One node's server.properties: a combined broker + controller in KRaft mode on 127.0.0.1, with
// the store's settings (topics never auto-created, replication factor 3, min.insync.replicas
// 2) scaled down when the cluster has fewer than 3 nodes. Pure, so it has unit tests.

export interface NodeAddress {
  id: number;
  /** The client (PLAINTEXT) listener. */
  port: number;
  /** The KRaft controller listener. */
  controllerPort: number;
  /** The SASL_SSL listener, when the cluster has one. */
  securePort?: number;
}

/**
 * A SASL_SSL listener beside the plaintext one, as production clusters have: SCRAM-SHA-256
 * and -512 users (created by kafka-storage format), the broker's key and certificate chain
 * and the CA it trusts as PEM files made at test time, optionally requiring client
 * certificates (mutual TLS).
 */
export interface SecureListener {
  users: Record<string, string>;
  /** PEM file: the broker's private key (PKCS#8, unencrypted) followed by its certificate chain. */
  keystoreFile: string;
  /** PEM file: the certificate authorities whose client certificates it accepts. */
  truststoreFile: string;
  requireClientCert: boolean;
  /** The SASL mechanisms it offers (default: both SCRAMs). PLAIN users are the same `users`, in its JAAS line. */
  mechanisms?: ReadonlyArray<SaslMechanismName>;
}

export type SaslMechanismName = 'PLAIN' | 'SCRAM-SHA-256' | 'SCRAM-SHA-512';
const DEFAULT_MECHANISMS: ReadonlyArray<SaslMechanismName> = ['SCRAM-SHA-256', 'SCRAM-SHA-512'];

export interface ClusterSettings {
  host: string;
  nodes: NodeAddress[];
  minInsyncReplicas: number;
  autoCreateTopics: boolean;
  deleteTopicEnable: boolean;
  /** Any other broker configs, applied last. */
  brokerConfig: Record<string, string>;
  secure?: SecureListener;
}

export function nodeProperties(settings: ClusterSettings, id: number, logDir: string): string {
  const node = settings.nodes.find((n) => n.id === id);
  if (!node) throw new Error(`no node ${id}`);
  const { host } = settings;
  const rf = Math.min(3, settings.nodes.length);
  const secure =
    settings.secure && node.securePort ? secureListenerProps(settings.secure, host, node.securePort) : null;
  const props: Record<string, string> = {
    'process.roles': 'broker,controller',
    'node.id': String(id),
    // A static quorum: every node votes, so the cluster needs a majority of its nodes running.
    'controller.quorum.voters': settings.nodes.map((n) => `${n.id}@${host}:${n.controllerPort}`).join(','),
    listeners: `PLAINTEXT://${host}:${node.port},CONTROLLER://${host}:${node.controllerPort}${secure ? secure.listener : ''}`,
    'advertised.listeners': `PLAINTEXT://${host}:${node.port}${secure ? secure.listener : ''}`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': `CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT${secure ? ',SASL_SSL:SASL_SSL' : ''}`,
    ...(secure?.props ?? {}),
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

function secureListenerProps(
  secure: SecureListener,
  host: string,
  port: number,
): { listener: string; props: Record<string, string> } {
  const l = 'listener.name.sasl_ssl';
  const mechanisms = secure.mechanisms ?? DEFAULT_MECHANISMS;
  const jaas: Record<SaslMechanismName, string> = {
    'SCRAM-SHA-256': 'org.apache.kafka.common.security.scram.ScramLoginModule required;',
    'SCRAM-SHA-512': 'org.apache.kafka.common.security.scram.ScramLoginModule required;',
    // PLAIN's users live in its JAAS line (user_<name>="<password>"); SCRAM's in the metadata log.
    PLAIN: `org.apache.kafka.common.security.plain.PlainLoginModule required ${Object.entries(secure.users)
      .map(([name, password]) => `user_${name}=${JSON.stringify(password)}`)
      .join(' ')};`,
  };
  return {
    listener: `,SASL_SSL://${host}:${port}`,
    props: {
      'sasl.enabled.mechanisms': mechanisms.join(','),
      ...Object.fromEntries(mechanisms.map((m) => [`${l}.${m.toLowerCase()}.sasl.jaas.config`, jaas[m]])),
      [`${l}.ssl.keystore.type`]: 'PEM',
      [`${l}.ssl.keystore.location`]: secure.keystoreFile,
      [`${l}.ssl.truststore.type`]: 'PEM',
      [`${l}.ssl.truststore.location`]: secure.truststoreFile,
      [`${l}.ssl.client.auth`]: secure.requireClientCert ? 'required' : 'none',
    },
  };
}

/** kafka-storage format's --add-scram arguments: each user for both SCRAM mechanisms. */
export function scramFormatArgs(secure: SecureListener | undefined): string[] {
  if (!secure) return [];
  return Object.entries(secure.users).flatMap(([name, password]) =>
    ['SCRAM-SHA-256', 'SCRAM-SHA-512'].flatMap((m) => ['--add-scram', `${m}=[name=${name},password=${password}]`]),
  );
}

/** java.util.Properties reads backslashes as escapes (Windows paths, regexes). */
function escapeValue(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}
