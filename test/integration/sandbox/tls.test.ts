// TLS listeners (and SASL_SSL) with kafkajs and kcat, using a self-signed certificate made
// with openssl at test time.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxCluster, startSandboxCluster } from '../../../electron/sandbox';
import { runKcat, skipWithoutKcat } from '../../support/kcat';

const hasOpenssl = spawnSync('openssl', ['version']).status === 0;
if (!hasOpenssl) console.log('skipping TLS tests: openssl not installed (needed to make a self-signed certificate)');
const kcat = (args: string[], input?: string) => runKcat(args, { input, timeoutMs: 30_000 });
const hasKcat = !skipWithoutKcat('the kcat TLS tests');

let dir: string;
let keyFile: string;
let certFile: string;

function makeCert(): void {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-tls-'));
  keyFile = path.join(dir, 'key.pem');
  certFile = path.join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    { stdio: 'ignore' },
  );
}

describe.skipIf(!hasOpenssl)('TLS', () => {
  let tlsCluster: SandboxCluster;
  let saslSslCluster: SandboxCluster;
  const count = (c: SandboxCluster, topic: string) =>
    c.state.topics.get(topic)!.partitions.reduce((n, p) => n + p.log.nextOffset, 0);

  beforeAll(async () => {
    makeCert();
    const tls = { key: fs.readFileSync(keyFile), cert: fs.readFileSync(certFile) };
    const topics = [{ name: 'orders', partitions: 3, replicationFactor: 3 }];
    tlsCluster = await startSandboxCluster({ brokers: 3, tls, topics });
    saslSslCluster = await startSandboxCluster({ brokers: 3, tls, topics, sasl: { users: { clerk: 's3cret' } } });
  });
  afterAll(async () => {
    await tlsCluster?.close();
    await saslSslCluster?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('kafkajs with ssl: { ca } creates a topic and produces (SSL)', async () => {
    const kafka = new Kafka({
      brokers: tlsCluster.bootstrapServers,
      logLevel: logLevel.NOTHING,
      ssl: { ca: [fs.readFileSync(certFile, 'utf8')] },
    });
    const admin = kafka.admin();
    await admin.connect();
    expect(
      await admin.createTopics({ topics: [{ topic: 'tls-created', numPartitions: 1, replicationFactor: 3 }] }),
    ).toBe(true);
    await admin.disconnect();
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    await producer.send({
      topic: 'orders',
      acks: -1,
      messages: [
        { key: 'a', value: '1' },
        { key: 'b', value: '2' },
      ],
    });
    await producer.disconnect();
    expect(count(tlsCluster, 'orders')).toBe(2);
  });

  it('kafkajs that does not trust the certificate fails; a plaintext client is refused; the listener keeps serving', async () => {
    const untrusting = new Kafka({
      brokers: tlsCluster.bootstrapServers,
      logLevel: logLevel.NOTHING,
      ssl: true,
      retry: { retries: 0 },
      connectionTimeout: 3000,
    });
    const admin = untrusting.admin();
    await expect(admin.connect()).rejects.toThrow(/self.signed|certificate/i);
    await admin.disconnect();
    // A plaintext Kafka request to the TLS port is not a TLS handshake: the connection is dropped.
    const [host, port] = tlsCluster.bootstrapServers[0].split(':');
    const closed = await new Promise<boolean>((resolve) => {
      const s = net.connect(Number(port), host, () =>
        s.write(Buffer.from('000000110012000200000001000474657374', 'hex')),
      );
      s.on('error', () => {});
      s.on('close', () => resolve(true));
      setTimeout(() => resolve(false), 5000);
    });
    expect(closed).toBe(true);
    const ok = new Kafka({
      brokers: tlsCluster.bootstrapServers,
      logLevel: logLevel.NOTHING,
      ssl: { ca: [fs.readFileSync(certFile, 'utf8')] },
    }).admin();
    await ok.connect();
    expect(await ok.listTopics()).toContain('orders');
    await ok.disconnect();
  });

  it('kafkajs over SASL_SSL', async () => {
    const kafka = new Kafka({
      brokers: saslSslCluster.bootstrapServers,
      logLevel: logLevel.NOTHING,
      ssl: { ca: [fs.readFileSync(certFile, 'utf8')] },
      sasl: { mechanism: 'plain', username: 'clerk', password: 's3cret' },
    });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'orders', acks: -1, messages: [{ key: 'a', value: '1' }] });
    await producer.disconnect();
    expect(count(saslSslCluster, 'orders')).toBe(1);
  });

  describe.skipIf(!hasKcat)('kcat', () => {
    it('kcat -L over SSL verifies the certificate (and its IP address) and lists the brokers', async () => {
      const res = await kcat([
        '-L',
        '-J',
        '-m',
        '10',
        '-b',
        tlsCluster.bootstrapServers[2],
        '-X',
        'security.protocol=SSL',
        '-X',
        `ssl.ca.location=${certFile}`,
      ]);
      expect(res.code, res.stderr).toBe(0);
      const meta = JSON.parse(res.stdout);
      expect(meta.brokers).toHaveLength(3);
      expect(meta.originating_broker.name).toMatch(/^ssl:\/\//);
    });

    it('kcat -P over SASL_SSL with acks=all stores the records', async () => {
      const before = count(saslSslCluster, 'orders');
      const res = await kcat(
        [
          '-P',
          '-b',
          saslSslCluster.bootstrapServers[0],
          '-t',
          'orders',
          '-X',
          'acks=all',
          '-X',
          'security.protocol=SASL_SSL',
          '-X',
          `ssl.ca.location=${certFile}`,
          '-X',
          'sasl.mechanisms=PLAIN',
          '-X',
          'sasl.username=clerk',
          '-X',
          'sasl.password=s3cret',
        ],
        'one\ntwo\nthree\n',
      );
      expect(res.code, res.stderr).toBe(0);
      expect(count(saslSslCluster, 'orders') - before).toBe(3);
    });

    it('kcat over SASL_SSL with a wrong password is refused', async () => {
      const res = await kcat([
        '-L',
        '-m',
        '3',
        '-b',
        saslSslCluster.bootstrapServers[0],
        '-X',
        'security.protocol=SASL_SSL',
        '-X',
        `ssl.ca.location=${certFile}`,
        '-X',
        'sasl.mechanisms=PLAIN',
        '-X',
        'sasl.username=clerk',
        '-X',
        'sasl.password=guess',
      ]);
      expect(res.code).not.toBe(0);
      expect(res.stderr).toContain('Invalid username or password');
    });
  });
});
