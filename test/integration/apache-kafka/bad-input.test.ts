// The harness refuses what it cannot do with one message naming the cause and the fix, a
// non-zero exit, and nothing left running or lying around: no Java, no Maven, a version Maven
// Central does not have, a port in use, a node that fails to start.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HarnessError } from '../../../tools/apache-kafka/harness-error';
import { archiveUsable } from '../../../tools/apache-kafka/class-archive';
import { startApacheKafka } from '../../../tools/apache-kafka/kafka-cluster';
import { spawnTsx, stopAllChildren, type TestChild } from '../../support/child-process';
import { leftoversOf } from './leftovers';

const CLI = 'tools/apache-kafka/cli.ts';
const temps: string[] = [];
const servers: net.Server[] = [];
afterEach(async () => {
  await stopAllChildren();
  for (const s of servers.splice(0)) s.close();
  for (const d of temps.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temps.push(d);
  return d;
}

/** A PATH holding only the named programs (as found on the real PATH). */
function pathWith(...programs: string[]): string {
  const dir = tempDir('order-desk-path-');
  for (const p of programs) {
    const found = (process.env.PATH ?? '')
      .split(':')
      .map((d) => path.join(d, p))
      .find((f) => fs.existsSync(f));
    if (!found) throw new Error(`${p} is not installed here`);
    fs.symlinkSync(found, path.join(dir, p));
  }
  return dir;
}

/** Runs the CLI to its end; the cluster directory it announced must be gone, with nothing running. */
async function refused(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stderr: string; child: TestChild }> {
  const child = spawnTsx(CLI, args, { env: { ...process.env, ...env } });
  const { code } = await child.exited;
  const dir = /cluster in (\S+)/.exec(child.stderr())?.[1];
  if (dir) expect(await leftoversOf(dir, 10_000)).toEqual({ processes: [], dirExists: false });
  expect(child.stdout).toEqual([]);
  return { code, stderr: child.stderr(), child };
}

describe('npm run kafka refuses', () => {
  it('to run without Java, saying which package to install', async () => {
    const r = await refused(['--nodes', '1', '--port', '0'], { PATH: pathWith() });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'kafka: Java was not found on PATH: Apache Kafka runs on a JVM\nFix: install a JDK 17 or newer (Debian: apt-get install -y openjdk-17-jdk-headless)',
    );
  });

  it('to fetch the jars without Maven, leaving the cache untouched', async () => {
    const cache = tempDir('order-desk-kafka-cache-');
    const r = await refused(['--nodes', '1', '--port', '0'], { PATH: pathWith('java'), ORDER_DESK_KAFKA_CACHE: cache });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "kafka: Maven (mvn) was not found on PATH: it fetches Apache Kafka's jars from Maven Central the first time\nFix: install Maven (Debian: apt-get install -y maven)",
    );
    expect(fs.readdirSync(cache)).toEqual([]);
  });

  it('a Kafka version Maven Central does not have, leaving no half-resolved cache entry', async () => {
    const cache = tempDir('order-desk-kafka-cache-');
    const r = await refused(['--nodes', '1', '--port', '0'], { KAFKA_VERSION: '0.0.1', ORDER_DESK_KAFKA_CACHE: cache });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'kafka: Apache Kafka 0.0.1 is not on Maven Central (no org.apache.kafka:kafka_2.13:0.0.1)\nFix: set KAFKA_VERSION to a released version',
    );
    expect(fs.readdirSync(cache)).toEqual([]);
  });

  it('a KAFKA_VERSION that is not a version, before running anything', async () => {
    const r = await refused(['--resolve-only'], { KAFKA_VERSION: 'latest' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'kafka: KAFKA_VERSION "latest" is not a Kafka version\nFix: set it to a released version such as 4.4.0, or unset it',
    );
  });

  it('a port in use: names the port and stops what it started', async () => {
    const server = net.createServer();
    servers.push(server);
    const port = await new Promise<number>((resolve) =>
      server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)),
    );
    const r = await refused(['--nodes', '1', '--port', String(port)], {});
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `kafka: node 1 could not listen: port ${port} on 127.0.0.1 is already in use\nFix: stop whatever uses that port, or choose another --port (--port 0 picks free ports)`,
    );
  });

  it('bad flags, with exit code 2 and nothing started', async () => {
    const r = await refused(['--nodes', 'x'], {});
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('kafka: --nodes must be a whole number, got "x"');
    expect(r.stderr).not.toContain('cluster in');
  });
});

describe('startApacheKafka refuses', () => {
  it('a broker setting the storage formatter rejects, naming it', async () => {
    const err = await startApacheKafka({ nodes: 1, port: 0, brokerConfig: { 'num.network.threads': '0' } }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(HarnessError);
    expect((err as HarnessError).problem).toBe(
      "Apache Kafka 4.4.0 refused to format node 1's storage (kafka-storage format exited 1), usually over a broker setting it rejects",
    );
    expect((err as HarnessError).details).toContain('num.network.threads');
  });

  it('a node that fails to start: says which, shows the end of its log, and leaves nothing behind', async () => {
    // Kafka loads the authorizer only when the node starts (the storage formatter accepts the name).
    const err = await startApacheKafka({
      nodes: 1,
      port: 0,
      brokerConfig: { 'authorizer.class.name': 'no.such.Authorizer' },
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(HarnessError);
    const e = err as HarnessError;
    expect(e.problem).toMatch(/^node 1 \(Apache Kafka 4\.4\.0\) exited with code \d+ while starting$/);
    expect(e.details).toMatch(/first errors in .*\n.*\njava\.lang\.ClassNotFoundException: no\.such\.Authorizer/);
    const dir = /first errors in (\S+)\/node-1\/server\.log/.exec(e.details)![1];
    expect(await leftoversOf(dir, 10_000)).toEqual({ processes: [], dirExists: false });
  });
});

describe('npm run kafka -- --resolve-only', () => {
  it('prints where the jars of the pinned version and their class-data archive are and exits 0', async () => {
    const child = spawnTsx(CLI, ['--resolve-only']);
    expect((await child.exited).code).toBe(0);
    expect(child.stdout).toHaveLength(2);
    const dir = /^Apache Kafka 4\.4\.0: (\S+)$/.exec(child.stdout[0])![1];
    expect(fs.readdirSync(dir).filter((j) => /^kafka_2\.13-4\.4\.0\.jar$|^log4j-slf4j-impl-/.test(j))).toHaveLength(2);
    const archive = /^class-data archive: (\S+\.jsa)$/.exec(child.stdout[1])![1];
    expect(archiveUsable(archive, dir)).toBe(true);
  });
});
