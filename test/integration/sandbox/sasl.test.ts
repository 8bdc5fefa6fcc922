// SASL/PLAIN end to end with kafkajs and kcat (librdkafka): good credentials work, a wrong
// password is refused with Kafka's message, and a client that skips SASL gets nowhere.
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxCluster, startSandboxCluster } from '../../../electron/sandbox';
import { runKcat, skipWithoutKcat } from '../../support/kcat';

const kcat = (args: string[], input?: string) => runKcat(args, { input, timeoutMs: 30_000 });
const hasKcat = !skipWithoutKcat('the kcat SASL tests');

const USERS = { alice: 'wonder:land', bob: 'builder' };

const saslArgs = (user: string, password: string) => [
  '-X',
  'security.protocol=SASL_PLAINTEXT',
  '-X',
  'sasl.mechanisms=PLAIN',
  '-X',
  `sasl.username=${user}`,
  '-X',
  `sasl.password=${password}`,
];

describe('SASL/PLAIN', () => {
  let cluster: SandboxCluster;
  const logs: string[] = [];
  beforeAll(async () => {
    cluster = await startSandboxCluster({
      brokers: 3,
      sasl: { users: USERS },
      topics: [{ name: 'orders', partitions: 3, replicationFactor: 3 }],
      log: (l) => logs.push(l),
    });
  });
  afterAll(() => cluster.close());

  const offsets = () => cluster.state.topics.get('orders')!.partitions.reduce((n, p) => n + p.log.nextOffset, 0);

  it('kafkajs with the right password: admin and an idempotent producer work', async () => {
    const kafka = new Kafka({
      brokers: cluster.bootstrapServers,
      logLevel: logLevel.NOTHING,
      sasl: { mechanism: 'plain', username: 'alice', password: 'wonder:land' },
    });
    const admin = kafka.admin();
    await admin.connect();
    expect(
      await admin.createTopics({ topics: [{ topic: 'sasl-created', numPartitions: 1, replicationFactor: 3 }] }),
    ).toBe(true);
    await admin.disconnect();
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const before = offsets();
    await producer.send({
      topic: 'orders',
      acks: -1,
      messages: Array.from({ length: 10 }, (_, i) => ({ key: `k${i}`, value: `v${i}` })),
    });
    await producer.disconnect();
    expect(offsets() - before).toBe(10);
    expect(logs.some((l) => l.endsWith('authenticated as alice'))).toBe(true);
  });

  it('kafkajs with a wrong password fails with SASL_AUTHENTICATION_FAILED and its message', async () => {
    const kafka = new Kafka({
      brokers: cluster.bootstrapServers,
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
      sasl: { mechanism: 'plain', username: 'alice', password: 'nope' },
    });
    const admin = kafka.admin();
    const err = await admin.connect().catch((e) => e);
    expect(err).toBeInstanceOf(Error);
    expect(String(err.message)).toContain('Authentication failed: Invalid username or password');
    await admin.disconnect();
  });

  it('kafkajs without SASL: the broker closes the connection at the first request that needs authentication', async () => {
    const kafka = new Kafka({
      brokers: cluster.bootstrapServers,
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
      connectionTimeout: 2000,
    });
    const admin = kafka.admin();
    // connect() may get by on ApiVersions alone (allowed before authentication); Metadata may not.
    await expect(admin.connect().then(() => admin.listTopics())).rejects.toThrow();
    await admin.disconnect();
    expect(logs.some((l) => /Metadata before SASL authentication/.test(l))).toBe(true);
  });

  describe.skipIf(!hasKcat)('kcat', () => {
    it('kcat -L with the right credentials lists the brokers', async () => {
      const res = await kcat([
        '-L',
        '-J',
        '-m',
        '10',
        '-b',
        cluster.bootstrapServers[0],
        ...saslArgs('bob', 'builder'),
      ]);
      expect(res.code, res.stderr).toBe(0);
      const meta = JSON.parse(res.stdout);
      expect(meta.brokers.map((b: { id: number }) => b.id).sort()).toEqual([1, 2, 3]);
    });

    it("kcat with a wrong password reports the broker's message and fails", async () => {
      const res = await kcat(['-L', '-m', '3', '-b', cluster.bootstrapServers[0], ...saslArgs('bob', 'wrong')]);
      expect(res.code).not.toBe(0);
      expect(res.stderr).toContain('Authentication failed: Invalid username or password');
    });

    it('kcat -P over SASL stores every record (acks=all, idempotent)', async () => {
      const before = offsets();
      const lines = Array.from({ length: 500 }, (_, i) => `key${i}:value ${i}`).join('\n') + '\n';
      const res = await kcat(
        [
          '-P',
          '-b',
          cluster.bootstrapServers[1],
          '-t',
          'orders',
          '-K',
          ':',
          '-X',
          'acks=all',
          '-X',
          'enable.idempotence=true',
          ...saslArgs('alice', 'wonder:land'),
        ],
        lines,
      );
      expect(res.code, res.stderr).toBe(0);
      expect(offsets() - before).toBe(500);
    });
  });
});
