// The sandbox cluster: N brokers in one process, each with its own TCP listener, sharing one
// cluster state. Fault controls (stop/start one broker, latency, whole-cluster stop/start on
// the same ports) are what tests and people use to see how the app behaves.
import { EventEmitter } from 'node:events';
import type { SandboxServices } from './api-handler';
import { API_TABLE } from './api-table';
import { BrokerServer, type TlsOptions } from './broker-server';
import { BufferBudget } from './buffer-budget';
import { BrokerConfig, invalidBrokerConfig } from './cluster-config';
import { ClusterState } from './cluster-state';
import { ClusterStore } from './cluster-store';
import { installExtensions } from './extensions';
import { SCRAM_MECHANISMS, scramCredential, type ScramCredential } from '../kafka-wire/sasl-scram';

export interface TopicSpec {
  name: string;
  partitions: number;
  replicationFactor: number;
  configs?: Record<string, string>;
}

export interface SandboxOptions {
  /** Number of brokers; their ids are 1..N. Default 3. */
  brokers?: number;
  host?: string;
  /** First port; brokers listen on port, port+1, ... 0 (default) picks free ports, kept across restarts. */
  port?: number;
  topics?: TopicSpec[];
  minInsyncReplicas?: number;
  /** auto.create.topics.enable; false by default, as in the store's cluster. */
  autoCreateTopics?: boolean;
  /** delete.topic.enable; true by default, as in Kafka. */
  deleteTopicEnable?: boolean;
  messageMaxBytes?: number;
  /** socket.request.max.bytes: larger frames close the connection. */
  maxRequestBytes?: number;
  /** Any other broker config keys (e.g. unclean.leader.election.enable, default.replication.factor). */
  brokerConfig?: Record<string, string>;
  /** Keep topics, logs, committed offsets and producer state here across restarts. */
  dataDir?: string;
  /** SASL users (name → password) and the mechanisms offered (default PLAIN only); when set, every connection must authenticate. */
  sasl?: { users: Record<string, string>; mechanisms?: SaslMechanism[] };
  tls?: TlsOptions;
  log?: (line: string) => void;
}

export type SaslMechanism = 'PLAIN' | 'SCRAM-SHA-256' | 'SCRAM-SHA-512';

function scramCredentialsFor(sasl: SandboxOptions['sasl']): Map<string, Map<string, ScramCredential>> {
  const out = new Map<string, Map<string, ScramCredential>>();
  for (const mechanism of sasl?.mechanisms ?? []) {
    const hash = SCRAM_MECHANISMS[mechanism];
    if (!hash) continue;
    out.set(mechanism, new Map(Object.entries(sasl!.users).map(([u, p]) => [u, scramCredential(hash, p)])));
  }
  return out;
}

export class SandboxCluster {
  readonly state: ClusterState;
  readonly services: SandboxServices;
  private readonly servers = new Map<number, BrokerServer>();
  private readonly retentionTimer: NodeJS.Timeout;

  constructor(private readonly opts: SandboxOptions = {}) {
    const n = opts.brokers ?? 3;
    if (!Number.isInteger(n) || n < 1 || n > 100) throw new Error(`brokers must be 1-100, got ${n}`);
    const host = opts.host ?? '127.0.0.1';
    const port = opts.port ?? 0;
    const overrides: Record<string, string> = {
      ...opts.brokerConfig,
      'auto.create.topics.enable': String(opts.autoCreateTopics ?? false),
      'delete.topic.enable': String(opts.deleteTopicEnable ?? true),
    };
    if (opts.minInsyncReplicas !== undefined) overrides['min.insync.replicas'] = String(opts.minInsyncReplicas);
    if (opts.messageMaxBytes !== undefined) overrides['message.max.bytes'] = String(opts.messageMaxBytes);
    if (opts.maxRequestBytes !== undefined) overrides['socket.request.max.bytes'] = String(opts.maxRequestBytes);
    for (const [key, value] of Object.entries(overrides)) {
      const bad = invalidBrokerConfig(key, value);
      if (bad) throw new Error(bad);
    }
    const config = new BrokerConfig(overrides);
    const log = opts.log ?? (() => {});
    const addrs = Array.from({ length: n }, (_, i) => ({ id: i + 1, host, port: port === 0 ? 0 : port + i }));
    this.state = new ClusterState(config, addrs, opts.dataDir ? new ClusterStore(opts.dataDir) : null, log);
    this.services = {
      state: this.state,
      saslUsers: opts.sasl ? new Map(Object.entries(opts.sasl.users)) : null,
      saslMechanisms: opts.sasl?.mechanisms ?? (opts.sasl ? ['PLAIN'] : []),
      scramCredentials: scramCredentialsFor(opts.sasl),
      extensions: new Map(),
      events: new EventEmitter().setMaxListeners(0),
      log,
    };
    // Retention and idle producers, as Kafka's log manager checks them; unref'd so it never keeps a process alive.
    this.retentionTimer = setInterval(
      () => this.state.runLogRetention(),
      Math.min(config.int('log.retention.check.interval.ms'), 2 ** 31 - 1),
    );
    this.retentionTimer.unref();
    installExtensions(this.services);
    // One budget for the bytes of requests held by every broker's connections: one process, one heap.
    const budget = new BufferBudget(config.int('queued.max.request.bytes'));
    for (const node of this.state.brokers.values()) {
      this.servers.set(
        node.id,
        new BrokerServer(this.services, node, API_TABLE, {
          maxRequestBytes: config.int('socket.request.max.bytes'),
          tls: opts.tls ?? null,
          budget,
          timeouts: {
            receiveTimeoutMs: config.int('sandbox.request.receive.timeout.ms'),
            idleMs: config.int('connections.max.idle.ms'),
          },
        }),
      );
    }
  }

  get brokerIds(): number[] {
    return [...this.servers.keys()];
  }

  get bootstrapServers(): string[] {
    return [...this.state.brokers.values()].map((b) => `${b.host}:${b.port}`);
  }

  get clusterId(): string {
    return this.state.clusterId;
  }

  private server(id: number): BrokerServer {
    const s = this.servers.get(id);
    if (!s) throw new Error(`no broker ${id} (brokers are ${this.brokerIds.join(', ')})`);
    return s;
  }

  async startBroker(id: number): Promise<void> {
    const s = this.server(id);
    if (s.listening) return;
    await s.start();
    this.state.brokerUp(id);
    this.services.log(`broker ${id} started on ${s.node.host}:${s.node.port}`);
  }

  async stopBroker(id: number): Promise<void> {
    const s = this.server(id);
    if (!s.listening) return;
    this.state.brokerDown(id);
    await s.stop();
    this.services.log(`broker ${id} stopped`);
  }

  async restartBroker(id: number): Promise<void> {
    await this.stopBroker(id);
    await this.startBroker(id);
  }

  /** Delays every response of one broker by ms (0 removes the delay). */
  setLatency(id: number, ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new Error(`latency must be a non-negative number of ms, got ${ms}`);
    this.server(id).latencyMs = ms;
  }

  async startAll(): Promise<void> {
    for (const id of this.brokerIds) await this.startBroker(id);
  }

  async stopAll(): Promise<void> {
    for (const id of this.brokerIds) await this.stopBroker(id);
  }

  createTopic(spec: TopicSpec): void {
    const res = this.state.createTopic(spec.name, spec.partitions, spec.replicationFactor, spec.configs ?? {});
    if (!res.ok) throw new Error(res.message);
  }

  async close(): Promise<void> {
    clearInterval(this.retentionTimer);
    await this.stopAll();
    this.services.events.emit('close');
    this.state.close();
  }
}

/** Starts every broker and creates the requested topics that do not exist yet. */
export async function startSandboxCluster(opts: SandboxOptions = {}): Promise<SandboxCluster> {
  const cluster = new SandboxCluster(opts);
  try {
    await cluster.startAll();
    for (const t of opts.topics ?? []) if (!cluster.state.topics.has(t.name)) cluster.createTopic(t);
  } catch (err) {
    await cluster.close();
    throw err;
  }
  return cluster;
}
