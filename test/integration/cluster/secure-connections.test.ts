// Connecting the way production clusters require, with a CA made here (test/support/test-ca.ts):
// TLS with the store's CA, mutual TLS with an encrypted client key, SASL/SCRAM-SHA-256 and -512
// and PLAIN; and every way it goes wrong, each told apart in the clerk's and operator's words,
// by the raw cluster client (Diagnostics, in-doubt search, benchmark) and by kafkajs (the order
// producer) alike, since one ClusterConfig drives both. Against sandbox clusters, and in the
// kafka leg against real Apache Kafka with a SASL_SSL listener (SCRAM users, the test CA's
// certificate, client certificates required) beside its plaintext one.
import fs from 'node:fs';
import path from 'node:path';
import { Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterClient } from '../../../electron/cluster/cluster-client';
import { clusterConfig, type ClusterConfig } from '../../../electron/cluster/cluster-config';
import { clusterErrorToAppError, kafkaErrorToAppError } from '../../../electron/cluster/error-mapper';
import { toKafkaJsConfig } from '../../../electron/cluster/kafkajs-config';
import { type SandboxCluster, startSandboxCluster } from '../../../electron/sandbox';
import { hasOpenssl, makeTestCa, type TestCa } from '../../support/test-ca';
import { targetKind } from '../../support/kafka-target';
import { startApacheKafka, type ApacheKafkaCluster } from '../../../tools/apache-kafka/kafka-cluster';
import { until } from '../../support/until';
import { draft, useOrderCores } from '../orders/order-core';

const { core } = useOrderCores();

if (!hasOpenssl) console.log('skipping secure connection tests: openssl not installed (it makes the test CA)');
const external = targetKind === 'external';
if (external)
  console.log(
    'skipping secure connection tests: they need listeners made with a test CA, which KAFKA_BROKERS’s cluster does not have',
  );
const onKafka = targetKind === 'kafka';
const onlySandbox = (what: string) => {
  if (onKafka)
    console.log(`skipping ${what} on Apache Kafka: it needs a broker certificate of its own (one more cluster)`);
  return onKafka;
};

const USERS = { 'pos-7': 'correct horse', clerk: 'b4tt3ry' };
const TOPIC = 'user-data';

describe.skipIf(!hasOpenssl || external)(`secure connections (${onKafka ? 'Apache Kafka' : 'sandbox'})`, () => {
  let ca: TestCa;
  const clusters: Record<string, { bootstrapServers: string[] }> = {};
  const sandboxes: SandboxCluster[] = [];
  let kafka: ApacheKafkaCluster | null = null;
  beforeAll(async () => {
    ca = makeTestCa();
    const topics = [{ name: TOPIC, partitions: 3, replicationFactor: 3 }];
    if (onKafka) {
      // One node: a SASL_SSL listener requiring client certificates, beside its plaintext listener.
      const keystoreFile = path.join(ca.dir, 'broker-keystore.pem');
      fs.writeFileSync(keystoreFile, ca.serverKey + ca.serverCert);
      kafka = await startApacheKafka({
        nodes: 1,
        topics: [{ name: TOPIC, partitions: 3, replicationFactor: 1 }],
        secure: { users: USERS, keystoreFile, truststoreFile: ca.files.caCert, requireClientCert: true },
      });
      const secure = { bootstrapServers: kafka.secureBootstrapServers };
      Object.assign(clusters, {
        mtlsScram: secure,
        tlsPlain: secure,
        plaintext: { bootstrapServers: kafka.bootstrapServers },
      });
      return;
    }
    const server = { key: ca.serverKey, cert: ca.serverCert };
    clusters.mtlsScram = await startSandboxCluster({
      brokers: 3,
      topics,
      tls: { ...server, ca: ca.caCert, requireClientCert: true },
      sasl: { users: USERS, mechanisms: ['SCRAM-SHA-256', 'SCRAM-SHA-512'] },
    });
    clusters.tlsPlain = await startSandboxCluster({ brokers: 1, topics: [], tls: server, sasl: { users: USERS } });
    clusters.wrongName = await startSandboxCluster({
      brokers: 1,
      tls: { key: ca.wrongNameKey, cert: ca.wrongNameCert },
    });
    clusters.expired = await startSandboxCluster({ brokers: 1, tls: { key: ca.expiredKey, cert: ca.expiredCert } });
    clusters.plaintext = await startSandboxCluster({ brokers: 1 });
    sandboxes.push(...(Object.values(clusters) as SandboxCluster[]));
  }, 240_000);
  afterAll(async () => {
    for (const c of sandboxes) await c.close();
    await kafka?.close();
    ca?.remove();
  });

  /** Records in the topic, as the cluster reports its offsets. */
  async function recordCount(config: ClusterConfig): Promise<number> {
    const admin = new Kafka(toKafkaJsConfig(config)).admin();
    await admin.connect();
    try {
      return (await admin.fetchTopicOffsets(TOPIC)).reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
    } finally {
      await admin.disconnect();
    }
  }

  const mtls = () => ({
    ca: [ca.caCert],
    cert: ca.clientCert,
    key: ca.clientKeyEncrypted,
    passphrase: ca.clientKeyPassphrase,
  });

  /** What Diagnostics would show (raw client) and what the order path would show (kafkajs). */
  async function failures(config: ClusterConfig): Promise<{ raw: string; kafkajs: string }> {
    const client = new ClusterClient(config);
    let raw = 'connected';
    try {
      await client.metadata(null);
    } catch (e) {
      raw = clusterErrorToAppError(e, config.brokers).code;
    } finally {
      client.close();
    }
    const admin = new Kafka({ ...toKafkaJsConfig(config), retry: { retries: 0 } }).admin();
    let kafkajs = 'connected';
    try {
      await admin.connect();
      await admin.listTopics();
    } catch (e) {
      kafkajs = kafkaErrorToAppError(e, { brokers: config.brokers, topic: TOPIC }).code;
    } finally {
      await admin.disconnect().catch(() => {});
    }
    return { raw, kafkajs };
  }

  it.each(['scram-sha-256', 'scram-sha-512'] as const)(
    'delivers orders over mutual TLS with an encrypted client key and SASL/%s, and reads them back',
    async (mechanism) => {
      const config = clusterConfig({
        brokers: clusters.mtlsScram.bootstrapServers,
        tls: mtls(),
        sasl: { mechanism, username: 'pos-7', password: USERS['pos-7'] },
      });
      const client = new ClusterClient(config);
      try {
        expect((await client.metadata([TOPIC])).topics[0].partitions).toHaveLength(3);
      } finally {
        client.close();
      }
      const producer = new Kafka(toKafkaJsConfig(config)).producer({ idempotent: true });
      await producer.connect();
      const before = await recordCount(config);
      await producer.send({
        topic: TOPIC,
        acks: -1,
        messages: [1, 2, 3].map((i) => ({ key: `C-${i}`, value: JSON.stringify({ i, mechanism }) })),
      });
      await producer.disconnect();
      expect((await recordCount(config)) - before).toBe(3);
    },
  );

  it.each([
    [
      'a wrong password',
      () => ({ tls: mtls(), sasl: { mechanism: 'scram-sha-256', username: 'pos-7', password: 'nope' } }),
      'kafka.authFailed',
    ],
    [
      'an unknown user',
      () => ({ tls: mtls(), sasl: { mechanism: 'scram-sha-512', username: 'ghost', password: 'x' } }),
      'kafka.authFailed',
    ],
    [
      'a mechanism the listener does not offer',
      () => ({ tls: mtls(), sasl: { mechanism: 'plain', username: 'pos-7', password: USERS['pos-7'] } }),
      'kafka.saslMechanism',
    ],
    [
      'no client certificate',
      () => ({
        tls: { ca: [ca.caCert] },
        sasl: { mechanism: 'scram-sha-256', username: 'pos-7', password: USERS['pos-7'] },
      }),
      'tls.clientCertRequired',
    ],
    ['a wrong key passphrase', () => ({ tls: { ...mtls(), passphrase: 'wrong' }, sasl: null }), 'tls.keyPassphrase'],
  ] as const)('mutual TLS + SCRAM with %s: its own message', async (_what, parts, code) => {
    const r = await failures(
      clusterConfig({ brokers: clusters.mtlsScram.bootstrapServers, ...(parts() as Partial<ClusterConfig>) }),
    );
    expect(r).toEqual({ raw: code, kafkajs: code });
  });

  it('names the offered mechanisms when the chosen one is not enabled', async () => {
    const client = new ClusterClient(
      clusterConfig({
        brokers: clusters.mtlsScram.bootstrapServers,
        tls: mtls(),
        sasl: { mechanism: 'plain', username: 'a', password: 'b' },
      }),
    );
    const e = await client.metadata(null).catch((x: unknown) => x);
    client.close();
    const error = clusterErrorToAppError(e, []);
    expect(error.code).toBe('kafka.saslMechanism');
    expect(error.params?.mechanism).toBe('PLAIN');
    expect(String(error.params?.offered).split(', ').sort()).toEqual(['SCRAM-SHA-256', 'SCRAM-SHA-512']);
  });

  it.each([
    ['the system’s authorities only (a private CA)', 'tlsPlain', () => ({}), 'tls.untrusted'],
    ['another CA', 'tlsPlain', () => ({ ca: [ca.otherCaCert] }), 'tls.untrusted'],
    ['TLS against a plaintext port', 'plaintext', () => ({}), 'tls.toPlaintext'],
  ] as const)('the server certificate: %s gives its own message', async (_what, cluster, tls, code) => {
    const r = await failures(clusterConfig({ brokers: clusters[cluster].bootstrapServers, tls: tls() }));
    expect(r).toEqual({ raw: code, kafkajs: code });
  });

  it.skipIf(onlySandbox('the name-mismatch and expired-certificate cases')).each([
    ['a certificate for another name', 'wrongName', 'tls.nameMismatch'],
    ['an expired certificate', 'expired', 'tls.expired'],
  ] as const)('the server certificate: %s gives its own message', async (_what, cluster, code) => {
    const r = await failures(clusterConfig({ brokers: clusters[cluster].bootstrapServers, tls: { ca: [ca.caCert] } }));
    expect(r).toEqual({ raw: code, kafkajs: code });
  });

  it('plaintext against a TLS port says to turn TLS on (the raw client asks the port)', async () => {
    const client = new ClusterClient(
      clusterConfig({
        brokers: clusters.tlsPlain.bootstrapServers,
        tls: null,
        sasl: { mechanism: 'plain', username: 'clerk', password: USERS.clerk },
      }),
    );
    const e = await client.metadata(null).catch((x: unknown) => x);
    client.close();
    expect(clusterErrorToAppError(e, clusters.tlsPlain.bootstrapServers).code).toBe('tls.plainToTls');
  });

  it.skipIf(onlySandbox('the host-name check switch'))(
    'the host-name check can be turned off for a certificate of another name; the chain is still checked',
    async () => {
      const off = await failures(
        clusterConfig({
          brokers: clusters.wrongName.bootstrapServers,
          tls: { ca: [ca.caCert], checkServerName: false },
        }),
      );
      expect(off).toEqual({ raw: 'connected', kafkajs: 'connected' });
      const untrusted = await failures(
        clusterConfig({ brokers: clusters.wrongName.bootstrapServers, tls: { checkServerName: false } }),
      );
      expect(untrusted).toEqual({ raw: 'tls.untrusted', kafkajs: 'tls.untrusted' });
    },
  );

  it('the app as an operator sets it up (CA file, client certificate, encrypted key, SCRAM): orders wait on an untrusted CA and on a wrong password, each said in its own words, and go out once each is fixed', async () => {
    // The files an operator would point Settings at; the passphrase and the password are secrets.
    const keyFile = path.join(ca.dir, 'client-key-encrypted.pem');
    const otherCaFile = path.join(ca.dir, 'other-ca.pem');
    fs.writeFileSync(keyFile, ca.clientKeyEncrypted);
    fs.writeFileSync(otherCaFile, ca.otherCaCert);
    const brokers = clusters.mtlsScram.bootstrapServers;
    const tls = (caFile: string) => ({ caFile, certFile: ca.files.clientCert, keyFile, checkServerName: true });
    const c = await core({
      brokers,
      topic: TOPIC,
      settings: { ssl: true, tls: tls(otherCaFile), sasl: { mechanism: 'scram-sha-512', username: 'pos-7' } },
      secrets: { saslPassword: 'not-the-password', tlsKeyPassphrase: ca.clientKeyPassphrase },
    });
    const right = clusterConfig({
      brokers,
      tls: mtls(),
      sasl: { mechanism: 'scram-sha-512', username: 'pos-7', password: USERS['pos-7'] },
    });
    const before = await recordCount(right);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await c.submit(draft(`SEC-${i}`, i))).order.orderId);
    const lastError = () => c.connection.at(-1)?.error?.code;

    await until(() => lastError() === 'tls.untrusted', 20_000, 'tls.untrusted in the header');
    expect(ids.map((id) => c.state(id) ?? 'saved').filter((s) => s === 'delivered')).toEqual([]);

    // The operator sets the store's CA file: now the password is the problem.
    const current = await c.core.handlers.settings.get(undefined);
    if (!current.ok) throw new Error('settings.get failed');
    expect(JSON.stringify(current.value)).not.toContain('not-the-password');
    expect((await c.core.handlers.settings.save({ ...current.value, tls: tls(ca.files.caCert) })).ok).toBe(true);
    await until(() => lastError() === 'kafka.authFailed', 20_000, 'kafka.authFailed in the header');
    expect(ids.filter((id) => c.state(id) === 'delivered')).toEqual([]);

    // The right password, typed in Settings, reaches the services through the relay's store.
    await c.core.setSecrets({ saslPassword: USERS['pos-7'], tlsKeyPassphrase: ca.clientKeyPassphrase });
    await until(() => ids.every((id) => c.state(id) === 'delivered'), 30_000, 'every order delivered');
    expect(c.connection.at(-1)).toMatchObject({ status: 'connected', error: null });
    // Exactly once: three more records, at three different offsets.
    expect((await recordCount(right)) - before).toBe(3);
    const places = ids.map((id) => `${c.records.get(id)?.partition}/${c.records.get(id)?.offset}`);
    expect(new Set(places).size).toBe(3);
  }, 90_000);
});
