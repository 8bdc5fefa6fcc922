// `npm run kafka` as a person or a script runs it: real Apache Kafka nodes, one `ready` line
// once every broker knows the topics, the sandbox's fault commands on stdin, and nothing left
// behind, whether it is stopped by SIGTERM or SIGINT, orphaned, or killed outright.
import { spawn } from 'node:child_process';
import { Kafka, logLevel } from 'kafkajs';
import { afterEach, describe, expect, it } from 'vitest';
import { metadataFromEach, topicsMissing } from '../../../tools/apache-kafka/cluster-metadata';
import { PROJECT_DIR, spawnTsx, stopAllChildren, type TestChild } from '../../support/child-process';
import { isAlive, leftoversOf, processesMentioning } from './leftovers';

const CLI = 'tools/apache-kafka/cli.ts';

afterEach(async () => {
  await stopAllChildren();
});

/** The cluster's temporary directory, which the CLI names on stderr before it starts anything. */
async function clusterDir(child: TestChild): Promise<string> {
  await expect.poll(() => /cluster in (\S+)/.exec(child.stderr())?.[1], { timeout: 30_000 }).toBeTruthy();
  return /cluster in (\S+)/.exec(child.stderr())![1];
}

async function ready(child: TestChild): Promise<string[]> {
  const line = await child.nextLine(/^ready /, 240_000);
  expect(line).toMatch(/^ready 127\.0\.0\.1:\d+(,127\.0\.0\.1:\d+)*$/);
  return line.slice('ready '.length).split(',');
}

describe('npm run kafka', () => {
  it('prints one ready line once every broker knows the topic, obeys the fault commands, and stops everything on SIGTERM', async () => {
    const child = spawnTsx(CLI, [
      '--nodes',
      '3',
      '--port',
      '0',
      '--topic',
      'user-data:3:3',
      '--min-insync-replicas',
      '2',
    ]);
    const dir = await clusterDir(child);
    const brokers = await ready(child);
    expect(brokers).toHaveLength(3);
    expect(processesMentioning(dir).filter((p) => p.cmd.includes('kafka.Kafka'))).toHaveLength(3);
    // Ready means every broker, asked on its own, knows the topic with a leader per partition.
    expect(topicsMissing(await metadataFromEach(brokers, null), [{ name: 'user-data', partitions: 3 }])).toBeNull();

    const kafka = new Kafka({ brokers, logLevel: logLevel.NOTHING, retry: { retries: 3, initialRetryTime: 100 } });
    const admin = kafka.admin();
    await admin.connect();
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const send = () => producer.send({ topic: 'user-data', acks: -1, messages: [{ key: 'k', value: 'v' }] });
    const isrs = async () =>
      (await admin.fetchTopicMetadata({ topics: ['user-data'] })).topics[0].partitions.map((p) => [...p.isr].sort());
    try {
      await send();
      expect(await child.command('stop 3')).toBe('ok');
      expect(await isrs()).toEqual([
        [1, 2],
        [1, 2],
        [1, 2],
      ]);
      await send();
      expect(await child.command('stop 2')).toBe('ok');
      const err = await send().catch((e) => e);
      expect(err?.cause?.type ?? err?.type).toBe('NOT_ENOUGH_REPLICAS');
      expect(await child.command('start 2')).toBe('ok');
      expect(await child.command('start 3')).toBe('ok');
      await send();
      expect(await isrs()).toEqual([
        [1, 2, 3],
        [1, 2, 3],
        [1, 2, 3],
      ]);

      expect(await child.command('latency 1 150')).toBe('error: not supported on Apache Kafka');
      expect(await child.command('status')).toMatch(
        /^ok controller=[123] brokers 1=up@127\.0\.0\.1:\d+ 2=up@127\.0\.0\.1:\d+ 3=up@127\.0\.0\.1:\d+$/,
      );
      expect(await child.command('restart 2')).toBe('ok');
      expect(await child.command('stop 9')).toBe('error: no broker 9 (brokers are 1, 2, 3)');
      expect(await child.command('explode')).toMatch(/^error: unknown command "explode"/);
      expect(await child.command('help')).toMatch(/^ok commands:/);

      expect(await child.command('stop-all')).toBe('ok');
      expect(processesMentioning(dir).filter((p) => p.cmd.includes('kafka.Kafka'))).toHaveLength(0);
      expect(await child.command('status')).toMatch(/1=down.*2=down.*3=down/);
      expect(await child.command('start-all')).toBe('ok');
      expect((await child.command('status')).split(' ').slice(3)).toEqual(brokers.map((b, i) => `${i + 1}=up@${b}`));
      await send();
    } finally {
      await producer.disconnect();
      await admin.disconnect();
    }
    child.proc.kill('SIGTERM');
    expect(await child.exited).toEqual({ code: 0, signal: null });
    expect(child.stdout.filter((l) => l.startsWith('ready'))).toHaveLength(1);
    expect(child.stderr()).toMatch(/SIGTERM: stopping/);
    expect(await leftoversOf(dir, 5000)).toEqual({ processes: [], dirExists: false });
  });

  it('runs a single node, and SIGINT stops it and removes its directory', async () => {
    const child = spawnTsx(CLI, ['--nodes', '1', '--port', '0', '--topic', 'orders:2:1']);
    const dir = await clusterDir(child);
    const [broker] = await ready(child);
    const producer = new Kafka({ brokers: [broker], logLevel: logLevel.NOTHING }).producer({
      idempotent: true,
      maxInFlightRequests: 1,
    });
    await producer.connect();
    const [res] = await producer.send({ topic: 'orders', acks: -1, messages: [{ key: 'k', value: 'v' }] });
    await producer.disconnect();
    expect(res.errorCode).toBe(0);
    child.proc.kill('SIGINT');
    expect((await child.exited).code).toBe(0);
    expect(await leftoversOf(dir, 5000)).toEqual({ processes: [], dirExists: false });
  });

  it('stops everything when the process that started it dies', async () => {
    // A parent that starts the harness and then is killed without a word, as a crashed test runner would be.
    const parent = spawn(
      process.execPath,
      [
        '-e',
        `const c = require('node:child_process').spawn(process.execPath, ['--import', 'tsx', ${JSON.stringify(CLI)}, '--nodes', '1', '--port', '0'], { stdio: 'inherit' }); console.error('harness pid', c.pid);`,
      ],
      { cwd: PROJECT_DIR, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    parent.stdout.on('data', (d) => (out += d));
    parent.stderr.on('data', (d) => (err += d));
    try {
      await expect.poll(() => /^ready /m.test(out), { timeout: 240_000 }).toBe(true);
      const dir = /cluster in (\S+)/.exec(err)![1];
      expect(processesMentioning(dir).some((p) => p.cmd.includes('kafka.Kafka'))).toBe(true);
      parent.kill('SIGKILL');
      expect(await leftoversOf(dir, 30_000)).toEqual({ processes: [], dirExists: false });
      expect(err).toMatch(/parent process \d+ exited: stopping/);
      const harness = Number(/harness pid (\d+)/.exec(err)![1]);
      expect(isAlive(harness)).toBe(false);
    } finally {
      parent.kill('SIGKILL');
    }
  });

  it('a SIGKILLed harness still takes its JVMs and its directory with it (the watchdog)', async () => {
    const child = spawnTsx(CLI, ['--nodes', '1', '--port', '0']);
    const dir = await clusterDir(child);
    await ready(child);
    expect(processesMentioning(dir).filter((p) => p.cmd.includes('watchdog.mjs'))).toHaveLength(1);
    child.proc.kill('SIGKILL');
    await child.exited;
    expect(await leftoversOf(dir, 30_000)).toEqual({ processes: [], dirExists: false });
  });
});
