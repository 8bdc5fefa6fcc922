// The cluster client over TLS (trusting a given certificate authority) and SASL/PLAIN, against
// a sandbox cluster with a certificate made here with openssl: the one ClusterConfig drives
// both the raw connection and kafkajs.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeBroker } from '../../../electron/cluster/broker-probe';
import { clusterConfig, parseBrokerAddress } from '../../../electron/cluster/cluster-config';
import { ClusterClient } from '../../../electron/cluster/cluster-client';
import { ClusterConnectionError } from '../../../electron/cluster/cluster-errors';
import { kafkaErrorToAppError } from '../../../electron/cluster/error-mapper';
import { toKafkaJsConfig } from '../../../electron/cluster/kafkajs-config';
import { KafkaResponseError } from '../../../electron/kafka-wire/error-codes';
import { type SandboxCluster, startSandboxCluster } from '../../../electron/sandbox';

const hasOpenssl = spawnSync('openssl', ['version']).status === 0;
if (!hasOpenssl)
  console.log(
    'skipping cluster client TLS/SASL tests: openssl not installed (needed to make a self-signed certificate)',
  );

describe.skipIf(!hasOpenssl)('cluster client over TLS and SASL/PLAIN', () => {
  let dir: string;
  let certPem: string;
  let cluster: SandboxCluster;
  const sasl = { mechanism: 'plain' as const, username: 'pos-7', password: 'right-password' };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cluster-tls-'));
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
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
        key,
        '-out',
        cert,
      ],
      { stdio: 'ignore' },
    );
    certPem = fs.readFileSync(cert, 'utf8');
    cluster = await startSandboxCluster({
      brokers: 3,
      tls: { key: fs.readFileSync(key), cert: certPem },
      sasl: { users: { 'pos-7': 'right-password' } },
      topics: [{ name: 'user-data', partitions: 3, replicationFactor: 3 }],
    });
  });
  afterAll(async () => {
    await cluster?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads Metadata and probes a broker when it trusts the certificate and logs in', async () => {
    const config = clusterConfig({ brokers: cluster.bootstrapServers, clientId: 't', tls: { ca: [certPem] }, sasl });
    const client = new ClusterClient(config);
    try {
      const meta = await client.metadata(['user-data']);
      expect(meta.brokers).toHaveLength(3);
      expect(meta.topics[0].partitions).toHaveLength(3);
    } finally {
      client.close();
    }
    const probe = await probeBroker(parseBrokerAddress(cluster.bootstrapServers[1]), config);
    expect(probe).toMatchObject({ reachable: true, nodeId: 2, error: null });
    // The same config drives kafkajs.
    const admin = new Kafka(toKafkaJsConfig(config)).admin();
    await admin.connect();
    expect(await admin.listTopics()).toContain('user-data');
    await admin.disconnect();
  });

  it("a wrong password is the broker's SASL_AUTHENTICATION_FAILED, in the clerk's words", async () => {
    const client = new ClusterClient(
      clusterConfig({
        brokers: cluster.bootstrapServers,
        tls: { ca: [certPem] },
        sasl: { ...sasl, password: 'wrong' },
      }),
    );
    try {
      const e = await client.metadata(null).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(KafkaResponseError);
      expect(e).toMatchObject({ type: 'SASL_AUTHENTICATION_FAILED' });
      expect(kafkaErrorToAppError(e, { brokers: cluster.bootstrapServers, topic: 'user-data' })).toMatchObject({
        code: 'kafka.authFailed',
        params: { detail: expect.stringContaining('Invalid username or password') },
      });
    } finally {
      client.close();
    }
  });

  it('a certificate it does not trust is refused as a connection error', async () => {
    const client = new ClusterClient(clusterConfig({ brokers: [cluster.bootstrapServers[0]], tls: {}, sasl }));
    try {
      const e = await client.metadata(null).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(ClusterConnectionError);
      expect((e as Error).message).toMatch(/self.signed|certificate/i);
    } finally {
      client.close();
    }
  });
});
