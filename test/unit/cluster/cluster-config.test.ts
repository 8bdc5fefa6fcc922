// The one connection configuration: from Settings, to kafkajs, defaults.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { logLevel } from 'kafkajs';
import { describe, expect, it, onTestFinished } from 'vitest';
import {
  bootstrapAddresses,
  clusterConfig,
  clusterConfigFromSettings,
  DEFAULT_TIMEOUTS,
  parseBrokerAddress,
  readPemFile,
  withTimeouts,
} from '../../../electron/cluster/cluster-config';
import { toKafkaJsConfig } from '../../../electron/cluster/kafkajs-config';
import { DEFAULT_SETTINGS } from '../../../shared/settings-schema';

describe('ClusterConfig', () => {
  it("is built from Settings and the relay's secrets: client id, TLS on or off, SASL credentials, the app's timeouts", () => {
    const plain = clusterConfigFromSettings({ ...DEFAULT_SETTINGS, clientId: 'pos-7' }, ['k1:9092']);
    expect(plain).toEqual({
      ok: true,
      config: { brokers: ['k1:9092'], clientId: 'pos-7', tls: null, sasl: null, timeouts: DEFAULT_TIMEOUTS },
    });
    const secure = clusterConfigFromSettings(
      { ...DEFAULT_SETTINGS, ssl: true, sasl: { mechanism: 'scram-sha-512', username: 'u' } },
      ['k1:9093'],
      { saslPassword: 'p' },
    );
    expect(secure).toMatchObject({
      ok: true,
      config: { tls: { checkServerName: true }, sasl: { mechanism: 'scram-sha-512', username: 'u', password: 'p' } },
    });
  });

  it('reads the CA, client certificate and key the settings name, with the key passphrase from the secrets', () => {
    const files: Record<string, string> = {
      '/etc/kafka/ca.pem': '-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n',
      '/etc/kafka/pos.pem': '-----BEGIN CERTIFICATE-----\nPOS\n-----END CERTIFICATE-----\n',
      '/etc/kafka/pos.key': '-----BEGIN ENCRYPTED PRIVATE KEY-----\nK\n-----END ENCRYPTED PRIVATE KEY-----\n',
      '/etc/kafka/notes.txt': 'not a certificate',
    };
    const read = (f: string) => {
      if (!(f in files)) throw Object.assign(new Error(`ENOENT: ${f}`), { code: 'ENOENT' });
      return files[f];
    };
    const tls = {
      caFile: '/etc/kafka/ca.pem',
      certFile: '/etc/kafka/pos.pem',
      keyFile: '/etc/kafka/pos.key',
      checkServerName: false,
    };
    const r = clusterConfigFromSettings(
      { ...DEFAULT_SETTINGS, ssl: true, tls },
      ['k:1'],
      { tlsKeyPassphrase: 'pp' },
      read,
    );
    expect(r).toMatchObject({
      ok: true,
      config: {
        tls: {
          ca: [files['/etc/kafka/ca.pem']],
          cert: files['/etc/kafka/pos.pem'],
          key: files['/etc/kafka/pos.key'],
          passphrase: 'pp',
          checkServerName: false,
        },
      },
    });
    // TLS off: the files are neither read nor used.
    expect(
      clusterConfigFromSettings({ ...DEFAULT_SETTINGS, ssl: false, tls }, ['k:1'], {}, () => {
        throw new Error('read');
      }),
    ).toMatchObject({ ok: true, config: { tls: null } });
  });

  it('names the setting that cannot work instead of connecting and failing in vaguer words', () => {
    const read = (f: string) => {
      if (f === '/tmp/notes.txt') return 'hello';
      throw new Error('ENOENT');
    };
    const tls = (caFile: string) => ({ ...DEFAULT_SETTINGS.tls, caFile });
    expect(
      clusterConfigFromSettings({ ...DEFAULT_SETTINGS, ssl: true, tls: tls('/nope/ca.pem') }, ['k:1'], {}, read),
    ).toEqual({
      ok: false,
      problem: { code: 'tls.fileUnreadable', params: { file: '/nope/ca.pem' } },
    });
    expect(
      clusterConfigFromSettings({ ...DEFAULT_SETTINGS, ssl: true, tls: tls('/tmp/notes.txt') }, ['k:1'], {}, read),
    ).toEqual({
      ok: false,
      problem: { code: 'tls.fileNotPem', params: { file: '/tmp/notes.txt', kind: 'CERTIFICATE' } },
    });
    expect(
      clusterConfigFromSettings({ ...DEFAULT_SETTINGS, sasl: { mechanism: 'plain', username: 'u' } }, ['k:1'], {}),
    ).toEqual({ ok: false, problem: { code: 'sasl.passwordMissing' } });
  });

  it('reads a TLS file only if it is a regular file: a named pipe is unreadable at once, not a read that never ends', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'order-desk-pem-'));
    onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
    const fifo = path.join(dir, 'ca.pem');
    execFileSync('mkfifo', [fifo]);
    const tls = { ...DEFAULT_SETTINGS.tls, caFile: fifo };
    expect(clusterConfigFromSettings({ ...DEFAULT_SETTINGS, ssl: true, tls }, ['k:1'])).toEqual({
      ok: false,
      problem: { code: 'tls.fileUnreadable', params: { file: fifo } },
    });
    expect(() => readPemFile(dir)).toThrow('not a regular file');
    const pem = path.join(dir, 'real.pem');
    fs.writeFileSync(pem, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    expect(readPemFile(pem)).toContain('BEGIN CERTIFICATE');
  });

  it('maps to kafkajs in one place: TLS as true or with certificates, SASL, timeouts, retries, quiet logs', () => {
    const c = clusterConfigFromSettings(
      { ...DEFAULT_SETTINGS, ssl: true, sasl: { mechanism: 'plain', username: 'u' } },
      ['k1:9093'],
      { saslPassword: 'p' },
    );
    if (!c.ok) throw new Error('expected a config');
    const k = toKafkaJsConfig(c.config);
    expect(k).toMatchObject({
      clientId: 'order-desk',
      brokers: ['k1:9093'],
      ssl: true,
      sasl: { mechanism: 'plain', username: 'u', password: 'p' },
      connectionTimeout: 3_000,
      requestTimeout: 10_000,
      retry: { retries: 2 },
      logLevel: logLevel.NOTHING,
    });
    expect(toKafkaJsConfig(clusterConfig({ brokers: ['a:1'], tls: { ca: ['PEM'] } })).ssl).toEqual({
      ca: ['PEM'],
      cert: undefined,
      key: undefined,
    });
    expect(toKafkaJsConfig(clusterConfig({ brokers: ['a:1'] })).ssl).toBe(false);
    expect(
      toKafkaJsConfig(withTimeouts(clusterConfig({ brokers: ['a:1'] }), { requestMs: 6_000 }), {
        retry: { retries: 1 },
      }),
    ).toMatchObject({ requestTimeout: 6_000, connectionTimeout: 3_000, retry: { retries: 1 } });
  });

  it('reads broker addresses, skipping what is not host:port', () => {
    expect(parseBrokerAddress('[::1]:9092')).toEqual({ host: '::1', port: 9092 });
    expect(() => parseBrokerAddress('k1')).toThrow(/host:port/);
    expect(bootstrapAddresses(clusterConfig({ brokers: ['a:1', 'nonsense', 'b:2'] }))).toEqual([
      { host: 'a', port: 1 },
      { host: 'b', port: 2 },
    ]);
  });
});
