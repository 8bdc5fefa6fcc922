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
import { clusterConfig, clusterConfigFromSettings, type ClusterConfig } from '../../../electron/cluster/cluster-config';
import { DEFAULT_SETTINGS, type Settings } from '../../../shared/settings-schema';
import type { Secrets } from '../../../shared/secret-types';
import { clusterErrorToAppError, kafkaErrorToAppError } from '../../../electron/cluster/error-mapper';
import { toKafkaJsConfig } from '../../../electron/cluster/kafkajs-config';
import { type SandboxCluster, startSandboxCluster } from '../../../electron/sandbox';
import { garbageDecryptingPassphrase, hasOpenssl, makeTestCa, type TestCa } from '../../support/test-ca';
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

const USERS = { 'pos-7': 'correct horse', clerk: 'b4tt3ry' };
const TOPIC = 'user-data';
const clerkPlain = { mechanism: 'plain', username: 'clerk', password: USERS.clerk } as const;

describe.skipIf(!hasOpenssl || external)(`secure connections (${onKafka ? 'Apache Kafka' : 'sandbox'})`, () => {
  let ca: TestCa;
  const clusters: Record<string, { bootstrapServers: string[] }> = {};
  const sandboxes: SandboxCluster[] = [];
  const kafkas: ApacheKafkaCluster[] = [];
  beforeAll(async () => {
    ca = makeTestCa();
    const topics = [{ name: TOPIC, partitions: 3, replicationFactor: 3 }];
    if (onKafka) {
      // One node: a SASL_SSL listener requiring client certificates, beside its plaintext listener.
      const keystoreFile = path.join(ca.dir, 'broker-keystore.pem');
      fs.writeFileSync(keystoreFile, ca.serverKey + ca.serverCert);
      // One-node clusters, started together: SCRAM with client certificates required; PLAIN over
      // TLS without; and PLAIN behind a certificate for another name and behind an expired one
      // (a listener offers one set of mechanisms and one certificate).
      const keystore = (name: string, key: string, cert: string) => {
        const file = path.join(ca.dir, `${name}-keystore.pem`);
        fs.writeFileSync(file, key + cert);
        return file;
      };
      const plainOver = (keystore: string) =>
        startApacheKafka({
          nodes: 1,
          quickStart: true,
          topics: [{ name: TOPIC, partitions: 3, replicationFactor: 1 }],
          secure: {
            users: USERS,
            keystoreFile: keystore,
            truststoreFile: ca.files.caCert,
            requireClientCert: false,
            mechanisms: ['PLAIN'],
          },
        });
      const started = await Promise.all([
        startApacheKafka({
          nodes: 1,
          quickStart: true,
          topics: [{ name: TOPIC, partitions: 3, replicationFactor: 1 }],
          secure: { users: USERS, keystoreFile, truststoreFile: ca.files.caCert, requireClientCert: true },
        }),
        plainOver(keystoreFile),
        plainOver(keystore('wrong-name', ca.wrongNameKey, ca.wrongNameCert)),
        plainOver(keystore('expired', ca.expiredKey, ca.expiredCert)),
      ]);
      kafkas.push(...started);
      const [mtls, plain, wrongName, expired] = started;
      Object.assign(clusters, {
        mtlsScram: { bootstrapServers: mtls.secureBootstrapServers },
        tlsPlain: { bootstrapServers: plain.secureBootstrapServers },
        wrongName: { bootstrapServers: wrongName.secureBootstrapServers },
        expired: { bootstrapServers: expired.secureBootstrapServers },
        plaintext: { bootstrapServers: mtls.bootstrapServers },
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
    clusters.tlsPlain = await startSandboxCluster({
      brokers: 1,
      topics: [{ name: TOPIC, partitions: 3, replicationFactor: 1 }],
      tls: server,
      sasl: { users: USERS },
    });
    // PLAIN behind a certificate for another name, and behind an expired one (as on Apache Kafka).
    clusters.wrongName = await startSandboxCluster({
      brokers: 1,
      topics: [{ name: TOPIC, partitions: 3, replicationFactor: 1 }],
      tls: { key: ca.wrongNameKey, cert: ca.wrongNameCert },
      sasl: { users: USERS },
    });
    clusters.expired = await startSandboxCluster({
      brokers: 1,
      topics: [{ name: TOPIC, partitions: 3, replicationFactor: 1 }],
      tls: { key: ca.expiredKey, cert: ca.expiredCert },
      sasl: { users: USERS },
    });
    clusters.plaintext = await startSandboxCluster({ brokers: 1 });
    sandboxes.push(...(Object.values(clusters) as SandboxCluster[]));
  }, 240_000);
  afterAll(async () => {
    for (const c of sandboxes) await c.close();
    for (const k of kafkas) await k.close();
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
    [
      'a wrong key passphrase that decrypts the key to garbage',
      () => ({ tls: { ...mtls(), passphrase: garbageDecryptingPassphrase(ca.clientKeyEncrypted) }, sasl: null }),
      'tls.keyPassphrase',
    ],
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

  it.each([
    ['a certificate for another name', 'wrongName', 'tls.nameMismatch'],
    ['an expired certificate', 'expired', 'tls.expired'],
  ] as const)('the server certificate: %s gives its own message', async (_what, cluster, code) => {
    const r = await failures(
      clusterConfig({ brokers: clusters[cluster].bootstrapServers, tls: { ca: [ca.caCert] }, sasl: clerkPlain }),
    );
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

  it('the host-name check can be turned off for a certificate of another name; the chain is still checked', async () => {
    const off = await failures(
      clusterConfig({
        brokers: clusters.wrongName.bootstrapServers,
        tls: { ca: [ca.caCert], checkServerName: false },
        sasl: clerkPlain,
      }),
    );
    expect(off).toEqual({ raw: 'connected', kafkajs: 'connected' });
    const untrusted = await failures(
      clusterConfig({
        brokers: clusters.wrongName.bootstrapServers,
        tls: { checkServerName: false },
        sasl: clerkPlain,
      }),
    );
    expect(untrusted).toEqual({ raw: 'tls.untrusted', kafkajs: 'tls.untrusted' });
  });

  // The app as an operator sets it up: Settings (files by path, the mechanism, the user) and the
  // relay's secrets. Each bad setting: its own words in the header while the orders wait; once
  // fixed (Settings saved, or a secret replaced) the same orders go out, each exactly once.
  type Setup = { brokers: string[]; settings: Partial<Settings>; secrets: Secrets };
  const files = () => {
    const keyFile = path.join(ca.dir, 'client-key-encrypted.pem');
    const otherCaFile = path.join(ca.dir, 'other-ca.pem');
    if (!fs.existsSync(keyFile)) fs.writeFileSync(keyFile, ca.clientKeyEncrypted);
    if (!fs.existsSync(otherCaFile)) fs.writeFileSync(otherCaFile, ca.otherCaCert);
    return { keyFile, otherCaFile };
  };
  const mtlsSetup = (): Setup => ({
    brokers: clusters.mtlsScram.bootstrapServers,
    settings: {
      ssl: true,
      tls: { caFile: ca.files.caCert, certFile: ca.files.clientCert, keyFile: files().keyFile, checkServerName: true },
      sasl: { mechanism: 'scram-sha-512', username: 'pos-7' },
    },
    secrets: { saslPassword: USERS['pos-7'], tlsKeyPassphrase: ca.clientKeyPassphrase },
  });
  const plainSetup = (): Setup => ({
    brokers: clusters.tlsPlain.bootstrapServers,
    settings: {
      ssl: true,
      tls: { ...DEFAULT_SETTINGS.tls, caFile: ca.files.caCert },
      sasl: { mechanism: 'plain', username: 'clerk' },
    },
    secrets: { saslPassword: USERS.clerk },
  });
  const withTls = (s: Setup, tls: Partial<Settings['tls']>): Setup => ({
    ...s,
    settings: { ...s.settings, tls: { ...s.settings.tls!, ...tls } },
  });
  const BAD: ReadonlyArray<[string, () => Setup, string, () => Setup]> = [
    ['another CA file', () => withTls(mtlsSetup(), { caFile: files().otherCaFile }), 'tls.untrusted', mtlsSetup],
    [
      'a wrong password',
      () => ({ ...mtlsSetup(), secrets: { ...mtlsSetup().secrets, saslPassword: 'nope' } }),
      'kafka.authFailed',
      mtlsSetup,
    ],
    [
      'an unknown user',
      () => ({
        ...mtlsSetup(),
        settings: { ...mtlsSetup().settings, sasl: { mechanism: 'scram-sha-512', username: 'ghost' } },
      }),
      'kafka.authFailed',
      mtlsSetup,
    ],
    [
      'a mechanism the listener does not offer',
      () => ({
        ...mtlsSetup(),
        settings: { ...mtlsSetup().settings, sasl: { mechanism: 'plain', username: 'pos-7' } },
      }),
      'kafka.saslMechanism',
      mtlsSetup,
    ],
    [
      'no client certificate',
      () => withTls(mtlsSetup(), { certFile: null, keyFile: null }),
      'tls.clientCertRequired',
      mtlsSetup,
    ],
    [
      'a wrong key passphrase',
      () => ({ ...mtlsSetup(), secrets: { ...mtlsSetup().secrets, tlsKeyPassphrase: 'wrong' } }),
      'tls.keyPassphrase',
      mtlsSetup,
    ],
    [
      'TLS to a plaintext port',
      () => ({ ...mtlsSetup(), brokers: clusters.plaintext.bootstrapServers }),
      'tls.toPlaintext',
      mtlsSetup,
    ],
    [
      'a broker certificate for another name (the operator turns the name check off)',
      () => ({ ...plainSetup(), brokers: clusters.wrongName.bootstrapServers }),
      'tls.nameMismatch',
      () => withTls({ ...plainSetup(), brokers: clusters.wrongName.bootstrapServers }, { checkServerName: false }),
    ],
    [
      'plaintext to a TLS port',
      () => ({ ...plainSetup(), settings: { ...plainSetup().settings, ssl: false } }),
      'tls.plainToTls',
      plainSetup,
    ],
    [
      'the wrong password over TLS with SASL/PLAIN',
      () => ({ ...plainSetup(), secrets: { saslPassword: 'nope' } }),
      'kafka.authFailed',
      plainSetup,
    ],
  ];

  it.each(BAD)(
    'the app with %s: its own message in the header, the orders wait, and go out once the setting is fixed',
    async (_what, bad, code, good) => {
      const wrong = bad();
      const right = good();
      const c = await core({ brokers: wrong.brokers, topic: TOPIC, settings: wrong.settings, secrets: wrong.secrets });
      const rightConfig = clusterConfigFromSettings(
        { ...DEFAULT_SETTINGS, ...right.settings },
        right.brokers,
        right.secrets,
      );
      if (!rightConfig.ok) throw new Error(`the right setup does not build: ${JSON.stringify(rightConfig.problem)}`);
      const before = await recordCount(rightConfig.config);
      const ids: string[] = [];
      for (let i = 0; i < 2; i++) ids.push((await c.submit(draft(`SEC-${i}`, i))).order.orderId);
      await until(() => c.connection.at(-1)?.error?.code === code, 20_000, `${code} in the header`);
      expect(ids.filter((id) => c.state(id) === 'delivered')).toEqual([]);

      // The fix, as the operator makes it: Settings saved, and the secret typed again.
      const current = await c.core.handlers.settings.get(undefined);
      if (!current.ok) throw new Error('settings.get failed');
      expect(JSON.stringify(current.value)).not.toContain(String(wrong.secrets.saslPassword));
      expect(
        (await c.core.handlers.settings.save({ ...current.value, ...right.settings, brokers: right.brokers })).ok,
      ).toBe(true);
      await c.core.setSecrets(right.secrets);
      await until(() => ids.every((id) => c.state(id) === 'delivered'), 30_000, 'every order delivered');
      expect(c.connection.at(-1)).toMatchObject({ status: 'connected', error: null });
      expect((await recordCount(rightConfig.config)) - before).toBe(ids.length);
      const places = ids.map((id) => `${c.records.get(id)?.partition}/${c.records.get(id)?.offset}`);
      expect(new Set(places).size).toBe(ids.length);
    },
    60_000,
  );

  it('the app against an expired broker certificate: its own message, and the orders wait (only the cluster’s operator can renew it)', async () => {
    const setup = { ...plainSetup(), brokers: clusters.expired.bootstrapServers };
    const c = await core({ brokers: setup.brokers, topic: TOPIC, settings: setup.settings, secrets: setup.secrets });
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) ids.push((await c.submit(draft(`EXP-${i}`, i))).order.orderId);
    await until(() => c.connection.at(-1)?.error?.code === 'tls.expired', 20_000, 'tls.expired in the header');
    expect(ids.filter((id) => c.state(id) === 'delivered')).toEqual([]);
    const waiting = await c.core.handlers.connection.state(undefined);
    expect(waiting.ok && waiting.value.waiting).toBe(2);
  }, 60_000);
});
