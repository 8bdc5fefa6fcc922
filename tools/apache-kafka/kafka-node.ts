// One Apache Kafka node: a JVM running kafka.Kafka with its own server.properties, data and
// log in its own directory. Started in its own process group (a Ctrl-C meant for the harness
// reaches the harness, which then stops the nodes in order) and, on Linux, with a parent-death
// signal, so even a SIGKILLed harness takes its JVMs along.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const LOG4J_CONFIG = path.join(path.dirname(fileURLToPath(import.meta.url)), 'log4j2.xml');

/** Small heaps and the serial collector: three nodes fit in about 1 GB on a 2-core machine. */
export const DEFAULT_JVM_OPTIONS = [
  '-Xms128m',
  '-Xmx256m',
  '-XX:+UseSerialGC',
  '-XX:-UsePerfData',
  '-Djava.awt.headless=true',
];

/**
 * For clusters started and restarted many times over (the test legs): the JIT's first tier only.
 * A 3-node cluster then starts on 0.6x the CPU, 0.4x with the class-data archive too (npm run
 * bench:kafka-start); its peak throughput is lower, so benchmarks against Kafka keep the defaults.
 */
export const QUICK_START_JVM_OPTIONS = ['-XX:TieredStopAtLevel=1'];

const hasSetpriv = process.platform === 'linux' && spawnSync('setpriv', ['--help'], { stdio: 'ignore' }).status === 0;

export interface NodeLaunch {
  libDir: string;
  jvmOptions: string[];
  /** Only for the broker itself, not the storage formatter (e.g. -XX:ArchiveClassesAtExit). */
  brokerOnlyOptions?: string[];
}

export interface NodeExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** The java command line, behind setpriv's parent-death signal where there is one. */
function javaCommand(args: string[]): [string, string[]] {
  return hasSetpriv ? ['setpriv', ['--pdeathsig', 'KILL', '--', 'java', ...args]] : ['java', args];
}

export class FormatError extends Error {
  constructor(
    readonly nodeId: number,
    readonly code: number | null,
    readonly output: string,
  ) {
    super(`kafka-storage format failed for node ${nodeId} (exit ${code})`);
  }
}

export class KafkaNode {
  private proc: ChildProcess | null = null;
  private exit: Promise<NodeExit> | null = null;
  /** How the last run ended (null while running or never started). */
  lastExit: NodeExit | null = null;
  /** Whether the harness ended the last run (a JVM ending on SIGTERM exits with code 143, like any other). */
  stoppedOnPurpose = false;
  /** Where the current run's lines begin in server.log (earlier runs of the node wrote before). */
  private logStart = 0;

  constructor(
    readonly id: number,
    readonly dir: string,
    private readonly launch: NodeLaunch,
    private readonly hooks: { started(pid: number): void; stopped(pid: number): void },
  ) {}

  get propertiesFile(): string {
    return path.join(this.dir, 'server.properties');
  }

  get dataDir(): string {
    return path.join(this.dir, 'data');
  }

  get logFile(): string {
    return path.join(this.dir, 'server.log');
  }

  get running(): boolean {
    return this.proc !== null;
  }

  get pid(): number | null {
    return this.proc?.pid ?? null;
  }

  /** Formats the node's KRaft storage (once, before the first start). */
  format(clusterId: string, extraArgs: readonly string[] = []): Promise<void> {
    const out = path.join(this.dir, 'format.out');
    return new Promise((resolve, reject) => {
      const fd = fs.openSync(out, 'a');
      const [cmd, args] = javaCommand([
        ...this.launch.jvmOptions,
        ...this.logProps(),
        '-cp',
        `${this.launch.libDir}/*`,
        'kafka.tools.StorageTool',
        'format',
        '-t',
        clusterId,
        '-c',
        this.propertiesFile,
        ...extraArgs,
      ]);
      const child = spawn(cmd, args, { stdio: ['ignore', fd, fd], detached: true });
      fs.closeSync(fd);
      if (child.pid) this.hooks.started(child.pid);
      child.on('error', reject);
      child.on('exit', (code) => {
        if (child.pid) this.hooks.stopped(child.pid);
        if (code === 0) resolve();
        else reject(new FormatError(this.id, code, tail(out, 15)));
      });
    });
  }

  start(): void {
    if (this.proc) return;
    this.logStart = fileSize(this.logFile);
    const fd = fs.openSync(path.join(this.dir, 'jvm.out'), 'a');
    const [cmd, args] = javaCommand([
      ...this.launch.jvmOptions,
      ...(this.launch.brokerOnlyOptions ?? []),
      ...this.logProps(),
      '-cp',
      `${this.launch.libDir}/*`,
      'kafka.Kafka',
      this.propertiesFile,
    ]);
    const proc = spawn(cmd, args, { stdio: ['ignore', fd, fd], detached: true });
    fs.closeSync(fd);
    this.proc = proc;
    this.lastExit = null;
    this.stoppedOnPurpose = false;
    if (proc.pid) this.hooks.started(proc.pid);
    this.exit = new Promise((resolve) => {
      const done = (e: NodeExit) => {
        if (this.proc === proc) this.proc = null;
        if (proc.pid) this.hooks.stopped(proc.pid);
        this.lastExit = e;
        resolve(e);
      };
      proc.once('exit', (code, signal) => done({ code, signal }));
      proc.once('error', () => done({ code: null, signal: null }));
    });
  }

  /** SIGTERM: Kafka's controlled shutdown. The cluster decides how long to wait before kill(). */
  beginStop(): void {
    if (!this.proc) return;
    this.stoppedOnPurpose = true;
    this.proc.kill('SIGTERM');
  }

  /** SIGKILL to the node's process group, at once. */
  kill(): void {
    const pid = this.proc?.pid;
    if (!pid) return;
    this.stoppedOnPurpose = true;
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      this.proc?.kill('SIGKILL');
    }
  }

  /** Resolves when the current run ends (at once when not running). */
  exited(): Promise<NodeExit | null> {
    return this.exit && this.proc ? this.exit : Promise.resolve(this.lastExit);
  }

  /** What the current run has written to server.log so far. */
  runLog(): string {
    return readFrom(this.logFile, this.logStart);
  }

  /**
   * For error messages: the current run's first errors, each with the start of its exception
   * (the cause usually comes long before the shutdown that ends the log), the last lines of its
   * log, and the JVM's own output.
   */
  logTail(lines = 20): string {
    const run = this.runLog()
      .split('\n')
      .filter((l) => l !== '');
    const errors: string[] = [];
    for (let i = 0; i < run.length && errors.length < 12; i++) {
      if (!/^\[[^\]]+\] (ERROR|FATAL) /.test(run[i])) continue;
      errors.push(run[i]);
      // The exception's class and message, and where the cause starts.
      for (let j = i + 1; j < run.length && j <= i + 6 && !run[j].startsWith('['); j++) {
        if (!/^\s+at /.test(run[j]) || /^Caused by/.test(run[j])) errors.push(run[j]);
      }
    }
    const parts = [
      [`first errors in ${this.logFile}`, errors.join('\n')],
      [`last lines of ${this.logFile}`, run.slice(-lines).join('\n')],
      [`last lines of ${path.join(this.dir, 'jvm.out')}`, tail(path.join(this.dir, 'jvm.out'), 8)],
    ].filter(([, text]) => text.trim() !== '');
    return parts.map(([title, text]) => `--- ${title} ---\n${text}`).join('\n');
  }

  private logProps(): string[] {
    return [`-Dlog4j2.configurationFile=${LOG4J_CONFIG}`, `-Dkafka.logs.dir=${this.dir}`];
  }
}

function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

function readFrom(file: string, offset: number): string {
  try {
    return fs.readFileSync(file).subarray(offset).toString('utf8');
  } catch {
    return '';
  }
}

export function tail(file: string, lines: number): string {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return text
      .split('\n')
      .filter((l) => l !== '')
      .slice(-lines)
      .join('\n');
  } catch {
    return '';
  }
}
