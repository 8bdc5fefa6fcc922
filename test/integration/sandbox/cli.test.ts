// The sandbox CLI as a person or a script runs it: a child process that prints one `ready`
// line, obeys fault commands on stdin (answering ok / error:), and exits 0 on SIGTERM.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { Kafka, logLevel } from 'kafkajs';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const CLI = path.join(ROOT, 'electron/sandbox/cli.ts');

class CliProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly stdoutLines: string[] = [];
  stderr = '';
  private waiters: Array<(line: string) => void> = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(args: string[]) {
    this.child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: ROOT });
    readline.createInterface({ input: this.child.stdout }).on('line', (line) => {
      this.stdoutLines.push(line);
      this.waiters.shift()?.(line);
    });
    this.child.stderr.on('data', (d) => (this.stderr += d));
    this.exited = new Promise((resolve) => this.child.on('exit', (code, signal) => resolve({ code, signal })));
  }

  private consumed = 0;

  /** The next stdout line not read yet. */
  nextLine(timeoutMs = 30_000): Promise<string> {
    if (this.consumed < this.stdoutLines.length) return Promise.resolve(this.stdoutLines[this.consumed++]);
    return new Promise((resolve, reject) => {
      const t = setTimeout(
        () => reject(new Error(`no stdout line in ${timeoutMs} ms; stderr: ${this.stderr}`)),
        timeoutMs,
      );
      this.waiters.push((line) => {
        clearTimeout(t);
        this.consumed++;
        resolve(line);
      });
    });
  }

  async command(line: string): Promise<string> {
    this.child.stdin.write(`${line}\n`);
    return this.nextLine();
  }

  async ready(): Promise<string[]> {
    const line = await this.nextLine();
    expect(line).toMatch(/^ready (127\.0\.0\.1:\d+)(,127\.0\.0\.1:\d+)*$/);
    return line.slice('ready '.length).split(',');
  }
}

const running: CliProcess[] = [];
function cli(args: string[]): CliProcess {
  const p = new CliProcess(args);
  running.push(p);
  return p;
}
// After each test, so a failed expectation leaves no sandbox running into the next one.
afterEach(async () => {
  const left = running.splice(0).filter((p) => p.child.exitCode === null && p.child.signalCode === null);
  for (const p of left) p.child.kill('SIGKILL');
  await Promise.all(left.map((p) => p.exited));
});

describe('sandbox CLI', () => {
  it('prints one ready line, obeys stdin fault commands, and exits 0 on SIGTERM', async () => {
    const p = cli(['--brokers', '3', '--port', '0', '--topic', 'user-data:3:3', '--min-insync-replicas', '2']);
    const brokers = await p.ready();
    expect(brokers).toHaveLength(3);
    const kafka = new Kafka({ brokers, logLevel: logLevel.NOTHING, retry: { retries: 3, initialRetryTime: 100 } });
    const admin = kafka.admin();
    await admin.connect();
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const send = () => producer.send({ topic: 'user-data', acks: -1, messages: [{ key: 'k', value: 'v' }] });
    try {
      await send();
      expect(await p.command('stop 3')).toBe('ok');
      let meta = await admin.fetchTopicMetadata({ topics: ['user-data'] });
      for (const part of meta.topics[0].partitions) expect(part.isr.sort()).toEqual([1, 2]);
      await send();
      expect(await p.command('stop 2')).toBe('ok');
      const err = await send().catch((e) => e);
      expect(err?.cause?.type ?? err?.type).toBe('NOT_ENOUGH_REPLICAS');
      expect(await p.command('start 2')).toBe('ok');
      expect(await p.command('start 3')).toBe('ok');
      await send();
      meta = await admin.fetchTopicMetadata({ topics: ['user-data'] });
      for (const part of meta.topics[0].partitions) expect(part.isr.sort()).toEqual([1, 2, 3]);

      expect(await p.command('latency 1 150')).toBe('ok');
      expect(await p.command('status')).toMatch(/^ok controller=1 brokers 1=up@127\.0\.0\.1:\d+\+150ms 2=up/);
      expect(await p.command('latency 1 0')).toBe('ok');
      expect(await p.command('restart 2')).toBe('ok');
      expect(await p.command('stop 9')).toBe('error: no broker 9 (brokers are 1, 2, 3)');
      expect(await p.command('latency 1 soon')).toMatch(/^error: latency must be/);
      expect(await p.command('explode')).toMatch(/^error: unknown command "explode"/);
      expect(await p.command('help')).toMatch(/^ok commands:/);

      expect(await p.command('stop-all')).toBe('ok');
      expect(await p.command('status')).toMatch(/1=down.*2=down.*3=down/);
      expect(await p.command('start-all')).toBe('ok');
      expect((await p.command('status')).slice(3).split(' ').slice(2)).toEqual(
        brokers.map((b, i) => `${i + 1}=up@${b}`),
      );
      await send();
    } finally {
      await producer.disconnect();
      await admin.disconnect();
    }
    p.child.kill('SIGTERM');
    expect(await p.exited).toEqual({ code: 0, signal: null });
    expect(p.stdoutLines.filter((l) => l.startsWith('ready'))).toHaveLength(1);
    expect(p.stderr).toMatch(/SIGTERM: closing/);
  });

  it('with --data-dir, SIGINT flushes and a second run on the same ports continues the logs', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-cli-'));
    try {
      const first = cli(['--brokers', '1', '--port', '0', '--topic', 'orders:1:1', '--data-dir', dataDir]);
      const [bootstrap] = await first.ready();
      const produce = async (broker: string) => {
        const producer = new Kafka({ brokers: [broker], logLevel: logLevel.NOTHING }).producer({
          idempotent: true,
          maxInFlightRequests: 1,
        });
        await producer.connect();
        const [res] = await producer.send({ topic: 'orders', acks: -1, messages: [{ value: 'a' }, { value: 'b' }] });
        await producer.disconnect();
        return res.baseOffset;
      };
      expect(await produce(bootstrap)).toBe('0');
      first.child.kill('SIGINT');
      expect((await first.exited).code).toBe(0);
      const port = bootstrap.split(':')[1];
      const second = cli(['--brokers', '1', '--port', port, '--topic', 'orders:1:1', '--data-dir', dataDir]);
      expect(await second.ready()).toEqual([bootstrap]);
      expect(await produce(bootstrap)).toBe('2');
      second.child.kill('SIGTERM');
      expect((await second.exited).code).toBe(0);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it.each([
    [['--brokers', 'x'], '--brokers must be a whole number'],
    [['--topic', 'a:1:9'], '--topic a replication factor must be between 1 and 3'],
    [['--no-such-flag'], "Unknown option '--no-such-flag'"],
    [
      ['--tls-key', '/nonexistent/key.pem', '--tls-cert', '/nonexistent/cert.pem'],
      'cannot read the TLS key or certificate',
    ],
  ])('bad flags %j → message on stderr, exit code 2, nothing on stdout', async (args, message) => {
    const p = cli(args);
    expect((await p.exited).code).toBe(2);
    expect(p.stderr).toContain(message);
    expect(p.stdoutLines).toEqual([]);
  });

  it('--help prints the usage on stdout and exits 0', async () => {
    const p = cli(['--help']);
    expect((await p.exited).code).toBe(0);
    expect(p.stdoutLines[0]).toMatch(/^Usage: npm run sandbox/);
    expect(p.stdoutLines.join('\n')).toContain('--sasl-user NAME:PASSWORD');
  });

  it('a port already in use: a clear message and exit code 1', async () => {
    const first = cli(['--brokers', '1', '--port', '0']);
    const [bootstrap] = await first.ready();
    const second = cli(['--brokers', '1', '--port', bootstrap.split(':')[1]]);
    expect((await second.exited).code).toBe(1);
    expect(second.stderr).toMatch(/could not start: .*EADDRINUSE/);
    first.child.kill('SIGTERM');
    expect((await first.exited).code).toBe(0);
  });
});
