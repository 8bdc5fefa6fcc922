// A real Apache Kafka cluster for tests, benchmarks and people: N combined broker+controller
// JVMs in KRaft mode on 127.0.0.1, storage in a temporary directory, with the sandbox's fault
// controls (stopBroker, startBroker, restartBroker, stopAll, startAll; setLatency is refused).
// Each control returns once the cluster has settled (every running broker agrees who is up and
// the in-sync replicas reflect it), so a test can look right after, as it does on the sandbox.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';
import type { FaultControls, TopicSpec } from '../../electron/sandbox';
import { metadataFromEach, pollUntil, waitForTopics, type NodeView } from './cluster-metadata';
import { HarnessError } from './harness-error';
import { classArchiveFile, classArchiveOptions } from './class-archive';
import { DEFAULT_JVM_OPTIONS, FormatError, KafkaNode, QUICK_START_JVM_OPTIONS } from './kafka-node';
import {
  nodeProperties,
  scramFormatArgs,
  type ClusterSettings,
  type NodeAddress,
  type SecureListener,
} from './node-config';
import { checkJava } from './prerequisites';
import { resolveKafkaJars } from './resolve-jars';

const WATCHDOG = path.join(path.dirname(fileURLToPath(import.meta.url)), 'watchdog.mjs');

export interface ApacheKafkaOptions {
  /** Number of nodes, ids 1..N (default 3). */
  nodes?: number;
  /** First client port; nodes use port, port+1, ... 0 (default) picks free ports, kept across restarts. */
  port?: number;
  topics?: TopicSpec[];
  /** Default min(2, nodes), the store's setting. */
  minInsyncReplicas?: number;
  autoCreateTopics?: boolean;
  deleteTopicEnable?: boolean;
  /** Any other broker configs (e.g. replica.fetch.wait.max.ms). */
  brokerConfig?: Record<string, string>;
  jvmOptions?: string[];
  /** The JIT's first tier only (QUICK_START_JVM_OPTIONS): for tests, never for benchmarks. */
  quickStart?: boolean;
  /**
   * The class-data archive nodes map (class-archive.ts). Default: the one beside the jars, once
   * made; null: none.
   */
  classArchive?: string | null;
  /** Where the broker JVMs write a class-data archive as they exit cleanly (make-class-archive.ts). */
  archiveClassesTo?: string;
  /** How long start-up, a node's return and topic creation may take (default 180 s). */
  startTimeoutMs?: number;
  /** How long a stopping node may take for its controlled shutdown before it is killed (default 20 s). */
  stopGraceMs?: number;
  /** A SASL_SSL listener on each node besides the plaintext one (see node-config.ts). */
  secure?: SecureListener;
  /** Where messages go: `info` for progress, `warn` for what a person should know (default: warn to stderr). */
  log?: (level: 'info' | 'warn', line: string) => void;
  env?: NodeJS.ProcessEnv;
}

const HOST = '127.0.0.1';
/** A node stopping after the quorum is gone cannot finish its controlled shutdown: no point waiting long. */
const NO_QUORUM_GRACE_MS = 3000;

export class ApacheKafkaCluster implements FaultControls {
  readonly clusterId = newClusterId();
  readonly dir: string;
  version = '';
  private readonly nodes = new Map<number, KafkaNode>();
  private addresses: NodeAddress[] = [];
  private watchdog: ChildProcess | null = null;
  private controllerId = -1;
  private closed = false;
  private readonly log: (level: 'info' | 'warn', line: string) => void;

  constructor(private readonly opts: ApacheKafkaOptions = {}) {
    const n = opts.nodes ?? 3;
    if (!Number.isInteger(n) || n < 1 || n > 9)
      throw new HarnessError(`nodes must be 1-9, got ${n}`, 'ask for 1 to 9 nodes');
    this.log = opts.log ?? ((level, line) => level === 'warn' && process.stderr.write(`[apache-kafka] ${line}\n`));
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'order-desk-kafka-'));
  }

  get brokerIds(): number[] {
    return [...this.nodes.keys()];
  }

  get bootstrapServers(): string[] {
    return this.addresses.map((a) => `${HOST}:${a.port}`);
  }

  /** The SASL_SSL listeners' addresses (empty without `secure`). */
  get secureBootstrapServers(): string[] {
    return this.addresses.filter((a) => a.securePort).map((a) => `${HOST}:${a.securePort}`);
  }

  get state(): FaultControls['state'] {
    const brokers = new Map(
      this.addresses.map((a) => [
        a.id,
        { id: a.id, host: HOST, port: a.port, up: this.nodes.get(a.id)?.running ?? false },
      ]),
    );
    return { controllerId: this.controllerId, brokers };
  }

  /** The node directory: server.properties, server.log, data/. */
  nodeDir(id: number): string {
    return this.node(id).dir;
  }

  /** Process ids of the running JVMs (for tests that check nothing outlives the cluster). */
  get pids(): number[] {
    return [...this.nodes.values()].map((n) => n.pid).filter((p): p is number => p !== null);
  }

  async start(): Promise<void> {
    const env = this.opts.env ?? process.env;
    const count = this.opts.nodes ?? 3;
    const java = checkJava(env);
    const jars = await resolveKafkaJars({ env, log: (l) => this.log('info', l) });
    this.version = jars.version;
    this.startWatchdog();
    this.addresses = await this.choosePorts(count);
    const settings: ClusterSettings = {
      host: HOST,
      nodes: this.addresses,
      minInsyncReplicas: this.opts.minInsyncReplicas ?? Math.min(2, count),
      autoCreateTopics: this.opts.autoCreateTopics ?? false,
      deleteTopicEnable: this.opts.deleteTopicEnable ?? true,
      brokerConfig: this.opts.brokerConfig ?? {},
      secure: this.opts.secure,
    };
    const archive =
      this.opts.classArchive === undefined ? classArchiveFile(jars.libDir, java.build) : this.opts.classArchive;
    const launch = {
      libDir: jars.libDir,
      jvmOptions: [
        ...(this.opts.jvmOptions ?? DEFAULT_JVM_OPTIONS),
        ...(this.opts.quickStart ? QUICK_START_JVM_OPTIONS : []),
        ...classArchiveOptions(archive),
      ],
      brokerOnlyOptions: this.opts.archiveClassesTo ? [`-XX:ArchiveClassesAtExit=${this.opts.archiveClassesTo}`] : [],
    };
    const hooks = {
      started: (pid: number) => this.tellWatchdog(`watch ${pid}`),
      stopped: (pid: number) => this.tellWatchdog(`forget ${pid}`),
    };
    for (const a of this.addresses) {
      const node = new KafkaNode(a.id, path.join(this.dir, `node-${a.id}`), launch, hooks);
      fs.mkdirSync(node.dataDir, { recursive: true });
      fs.writeFileSync(node.propertiesFile, nodeProperties(settings, a.id, node.dataDir));
      this.nodes.set(a.id, node);
    }
    this.log('info', `Apache Kafka ${this.version}: formatting ${count} nodes in ${this.dir}`);
    try {
      const scram = scramFormatArgs(this.opts.secure);
      await Promise.all([...this.nodes.values()].map((n) => n.format(this.clusterId, scram)));
    } catch (e) {
      if (!(e instanceof FormatError)) throw e;
      throw new HarnessError(
        `Apache Kafka ${this.version} refused to format node ${e.nodeId}'s storage (kafka-storage format exited ${e.code}), usually over a broker setting it rejects`,
        'correct the broker settings the output below names',
        e.output,
      );
    }
    for (const node of this.nodes.values()) node.start();
    await this.waitSettled(`the ${count} nodes to start and serve Metadata`);
    const topics = this.opts.topics ?? [];
    if (topics.length > 0) await this.createTopics(topics);
    this.log('info', `ready: ${this.bootstrapServers.join(',')}`);
  }

  /** Creates the topics (those that do not exist yet) and waits until every broker knows them. */
  async createTopics(topics: TopicSpec[]): Promise<void> {
    const admin = new Kafka({
      brokers: this.bootstrapServers,
      clientId: 'order-desk-harness',
      logLevel: logLevel.NOTHING,
      retry: { retries: 10 },
    }).admin();
    await admin.connect();
    try {
      await admin.createTopics({
        // kafkajs's own wait asks one broker and gives up when that broker does not know the
        // topic yet (KRaft spreads it asynchronously); waitForTopics below asks every broker.
        waitForLeaders: false,
        topics: topics.map((t) => ({
          topic: t.name,
          numPartitions: t.partitions,
          replicationFactor: t.replicationFactor,
          configEntries: Object.entries(t.configs ?? {}).map(([name, value]) => ({ name, value })),
        })),
      });
    } catch (e) {
      throw new HarnessError(
        `Apache Kafka refused to create ${topics.map((t) => t.name).join(', ')}: ${(e as Error).message}`,
        'check the topic names, partitions and replication factors',
      );
    } finally {
      await admin.disconnect();
    }
    await waitForTopics(
      this.bootstrapServers,
      topics.map((t) => ({ name: t.name, partitions: t.partitions })),
      this.timeout(),
    );
  }

  async stopBroker(id: number): Promise<void> {
    const node = this.node(id);
    if (!node.running) return;
    await this.stopNodes([node]);
    await this.waitSettled(`the others to see node ${id} gone`, { optional: true });
  }

  async startBroker(id: number): Promise<void> {
    const node = this.node(id);
    if (node.running) return;
    node.start();
    if (this.hasQuorum()) await this.waitSettled(`node ${id} to rejoin`);
    else
      this.log(
        'warn',
        `node ${id} started, but ${this.runningNodes().length} of ${this.nodes.size} nodes are too few for a controller quorum: it serves clients once a majority runs`,
      );
  }

  async restartBroker(id: number): Promise<void> {
    await this.stopBroker(id);
    await this.startBroker(id);
  }

  setLatency(): void {
    throw new Error('not supported on Apache Kafka');
  }

  async stopAll(): Promise<void> {
    await this.stopNodes(this.runningNodes());
  }

  async startAll(): Promise<void> {
    for (const node of this.nodes.values()) node.start();
    await this.waitSettled('every node to start');
  }

  async refreshState(): Promise<void> {
    const views = await metadataFromEach(
      this.runningNodes().map((n) => this.address(n.id)),
      [],
    );
    const answer = views.find((v) => v.ok);
    if (answer?.ok) this.controllerId = answer.meta.controllerId;
  }

  /** Stops every JVM (killing what will not stop), removes the temporary directory. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // The data goes with the directory, so there is nothing to shut down cleanly for.
    await Promise.all(this.runningNodes().map((n) => (n.kill(), n.exited())));
    fs.rmSync(this.dir, { recursive: true, force: true });
    if (this.watchdog?.stdin?.writable) this.watchdog.stdin.end('done\n');
    this.watchdog = null;
  }

  private node(id: number): KafkaNode {
    const n = this.nodes.get(id);
    if (!n) throw new Error(`no broker ${id} (brokers are ${this.brokerIds.join(', ')})`);
    return n;
  }

  private address(id: number): string {
    return `${HOST}:${this.addresses.find((a) => a.id === id)!.port}`;
  }

  private runningNodes(): KafkaNode[] {
    return [...this.nodes.values()].filter((n) => n.running);
  }

  /** Every node votes, so the quorum is a majority of all nodes. */
  private hasQuorum(running = this.runningNodes().length): boolean {
    return running > this.nodes.size / 2;
  }

  private timeout(): number {
    return this.opts.startTimeoutMs ?? 180_000;
  }

  /**
   * Stops the nodes with Kafka's controlled shutdown (partition leadership moves away, the node
   * leaves the in-sync replicas), all at once: a node's broker part shuts down before its
   * controller part, so the controller quorum is usually still there to approve every node's
   * shutdown. Once too few nodes run for a quorum, the ones left cannot get that approval and
   * would wait for minutes: they get a short grace, then SIGKILL, and the log says so.
   */
  private async stopNodes(nodes: KafkaNode[]): Promise<void> {
    const graceWithQuorum = this.opts.stopGraceMs ?? 20_000;
    let quorumLostAt = this.hasQuorum() ? null : Date.now();
    const pending = new Set(nodes);
    const killed: Array<{ node: KafkaNode; why: string }> = [];
    for (const node of nodes) node.beginStop();
    const started = Date.now();
    while (pending.size > 0) {
      await new Promise((r) => setTimeout(r, 100));
      for (const n of [...pending]) if (!n.running) pending.delete(n);
      if (quorumLostAt === null && !this.hasQuorum()) quorumLostAt = Date.now();
      const overdue =
        Date.now() - started > graceWithQuorum
          ? `within ${graceWithQuorum / 1000} s of SIGTERM`
          : quorumLostAt !== null && Date.now() - quorumLostAt > NO_QUORUM_GRACE_MS
            ? `within ${NO_QUORUM_GRACE_MS / 1000} s of losing the controller quorum (its controlled shutdown needs one, and too few nodes run)`
            : null;
      if (overdue) {
        for (const n of pending) {
          n.kill();
          killed.push({ node: n, why: overdue });
        }
        await Promise.all([...pending].map((n) => n.exited()));
        pending.clear();
      }
    }
    for (const { node, why } of killed) this.log('warn', `node ${node.id} did not stop ${why}: killed it with SIGKILL`);
  }

  /**
   * Waits until every running broker lists exactly the running nodes and every partition's
   * in-sync replicas are its running replicas; fails at once, with the node's log, when a node
   * exits. `optional`: a timeout is only logged (used after a stop, when the state is right
   * already for everything a client does).
   */
  private async waitSettled(what: string, opts: { optional?: boolean } = {}): Promise<void> {
    const running = () => this.runningNodes();
    if (running().length === 0 || !this.hasQuorum()) return;
    const started = Date.now();
    try {
      await pollUntil(
        async () => {
          if (this.closed) throw new HarnessError('the cluster was closed while starting', 'nothing to do');
          this.failIfANodeDied();
          const up = new Set(running().map((n) => n.id));
          const views = await metadataFromEach(
            [...up].map((id) => this.address(id)),
            null,
          );
          const why = notSettled(views, up);
          if (why === null) {
            const first = views.find((v) => v.ok);
            if (first?.ok) this.controllerId = first.meta.controllerId;
          }
          return why;
        },
        opts.optional ? 30_000 : this.timeout(),
        `waiting for ${what}`,
        250,
      );
    } catch (e) {
      if (e instanceof HarnessError) throw e;
      if (opts.optional) {
        this.log('warn', (e as Error).message);
        return;
      }
      this.failIfANodeDied();
      throw new HarnessError(
        `Apache Kafka ${this.version} did not get there in time: ${(e as Error).message}`,
        "the machine may be overloaded (each node needs about 320 MB and a share of the CPU); the nodes' logs follow",
        running()
          .map((n) => n.logTail(12))
          .join('\n'),
      );
    }
    this.log('info', `${what}: done in ${Date.now() - started} ms`);
  }

  /** A node that exited on its own: say why, from its log. */
  private failIfANodeDied(): void {
    for (const node of this.nodes.values()) {
      const exit = node.lastExit;
      if (node.running || !exit || node.stoppedOnPurpose) continue;
      const log = node.logTail(25);
      const run = node.runLog();
      if (/Address already in use|BindException/.test(run)) {
        const port = /bind to [\d.]+:(\d+)/.exec(run)?.[1] ?? 'one of its ports';
        throw new HarnessError(
          `node ${node.id} could not listen: port ${port} on ${HOST} is already in use`,
          'stop whatever uses that port, or choose another --port (--port 0 picks free ports)',
          log.split(/\n(?=--- last lines)/)[0],
        );
      }
      throw new HarnessError(
        `node ${node.id} (Apache Kafka ${this.version}) exited ${exit.code !== null ? `with code ${exit.code}` : `on ${exit.signal}`} while starting`,
        `read the end of its log below (${node.logFile} is removed with the cluster)`,
        log,
      );
    }
  }

  private async choosePorts(count: number): Promise<NodeAddress[]> {
    const base = this.opts.port ?? 0;
    const taken = new Set<number>();
    const free = async (): Promise<number> => {
      for (;;) {
        const p = await freePort();
        if (!taken.has(p)) {
          taken.add(p);
          return p;
        }
      }
    };
    const out: NodeAddress[] = [];
    for (let i = 0; i < count; i++) {
      const port = base === 0 ? await free() : base + i;
      taken.add(port);
      out.push({ id: i + 1, port, controllerPort: 0 });
    }
    for (const a of out) a.controllerPort = await free();
    if (this.opts.secure) for (const a of out) a.securePort = await free();
    return out;
  }

  private startWatchdog(): void {
    const child = spawn(process.execPath, [WATCHDOG, this.dir], {
      detached: true,
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    child.unref();
    child.stdin?.on('error', () => {});
    (child.stdin as unknown as net.Socket | null)?.unref?.();
    this.watchdog = child;
  }

  private tellWatchdog(line: string): void {
    if (this.watchdog?.stdin?.writable) this.watchdog.stdin.write(`${line}\n`);
  }
}

/** Why the views do not show a settled cluster of exactly `up`, or null. */
function notSettled(views: NodeView[], up: Set<number>): string | null {
  for (const v of views) {
    if (!v.ok) return `${v.broker} does not answer Metadata yet (${v.error})`;
    const listed = v.meta.brokers.map((b) => b.nodeId).sort((a, b) => a - b);
    const want = [...up].sort((a, b) => a - b);
    if (listed.join() !== want.join()) return `${v.broker} lists brokers [${listed}], expected [${want}]`;
    for (const t of v.meta.topics) {
      for (const p of t.partitions) {
        const where = `${t.name}/${p.partitionIndex}`;
        if (p.leaderId < 0) continue; // no running replica can lead it: nothing to wait for
        if (!up.has(p.leaderId)) return `${v.broker}: ${where} is led by stopped node ${p.leaderId}`;
        const runningReplicas = p.replicaNodes.filter((r) => up.has(r));
        const isr = new Set(p.isrNodes);
        const outside = runningReplicas.filter((r) => !isr.has(r));
        if (outside.length)
          return `${v.broker}: ${where} has running replicas [${outside}] outside its ISR [${p.isrNodes}]`;
        const stale = p.isrNodes.filter((r) => !up.has(r));
        if (stale.length) return `${v.broker}: ${where} still has stopped nodes [${stale}] in its ISR`;
      }
    }
  }
  return null;
}

/** 16 random bytes, base64url; like Kafka's own, never starting with "-", which kafka-storage would read as an option. */
function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

/** A port the OS calls free right now (it could be taken before a node binds it: the node's log then says so). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, HOST, () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Starts a cluster and waits until it is ready; on failure nothing is left running. */
export async function startApacheKafka(opts: ApacheKafkaOptions = {}): Promise<ApacheKafkaCluster> {
  const cluster = new ApacheKafkaCluster(opts);
  try {
    await cluster.start();
  } catch (e) {
    await cluster.close();
    throw e;
  }
  return cluster;
}
