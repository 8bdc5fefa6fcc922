// The one connection configuration: from Settings, to kafkajs, defaults.
import { logLevel } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import {
  bootstrapAddresses,
  clusterConfig,
  clusterConfigFromSettings,
  DEFAULT_TIMEOUTS,
  parseBrokerAddress,
  withTimeouts,
} from '../../../electron/cluster/cluster-config';
import { toKafkaJsConfig } from '../../../electron/cluster/kafkajs-config';
import { DEFAULT_SETTINGS } from '../../../shared/settings-schema';

describe('ClusterConfig', () => {
  it("is built from Settings: client id, TLS on or off, SASL/PLAIN credentials, the app's timeouts", () => {
    const plain = clusterConfigFromSettings({ ...DEFAULT_SETTINGS, clientId: 'pos-7' }, ['k1:9092']);
    expect(plain).toEqual({
      brokers: ['k1:9092'],
      clientId: 'pos-7',
      tls: null,
      sasl: null,
      timeouts: DEFAULT_TIMEOUTS,
    });
    const secure = clusterConfigFromSettings(
      { ...DEFAULT_SETTINGS, ssl: true, sasl: { mechanism: 'plain', username: 'u', password: 'p' } },
      ['k1:9093'],
    );
    expect(secure).toMatchObject({ tls: {}, sasl: { mechanism: 'plain', username: 'u', password: 'p' } });
  });

  it('maps to kafkajs in one place: TLS as true or with certificates, SASL, timeouts, retries, quiet logs', () => {
    const k = toKafkaJsConfig(
      clusterConfigFromSettings(
        { ...DEFAULT_SETTINGS, ssl: true, sasl: { mechanism: 'plain', username: 'u', password: 'p' } },
        ['k1:9093'],
      ),
    );
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
