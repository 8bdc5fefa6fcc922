// DescribeConfigs v1-2 (v0 is gone from Kafka 4.x): kafkajs's captured v2 request decoded by kafkajs, and hand-built v0/v1 frames.
import { describe, expect, it } from 'vitest';
import { ConfigSource } from '../../../electron/sandbox/cluster-config';
import { ApiKey } from '../../../electron/kafka-wire/api-keys';
import { KafkaError } from '../../../electron/kafka-wire/error-codes';
import type { KafkaReader } from '../../../electron/kafka-wire/kafka-reader';
import { FrameClient, kafkajsDecode, kafkajsRoundTrip, offlineCluster } from './frames-harness';

/** One config entry as kafkajs's DescribeConfigs v2 decoder gives it. */
type ConfigEntry = { configName: string; configSynonyms: Array<{ configName: string; configSource: number }> };

const TOPIC = 2;
const BROKER = 4;

function cluster() {
  return offlineCluster({
    minInsyncReplicas: 2,
    topics: [{ name: 'orders', partitions: 3, replicationFactor: 3, configs: { 'retention.ms': '3600000' } }],
  });
}

interface Entry {
  name: string;
  value: string | null;
  readOnly: boolean;
  isDefault?: boolean;
  source?: number;
  isSensitive: boolean;
  synonyms?: Array<{ name: string; value: string | null; source: number }>;
}

function readResponse(r: KafkaReader, v: number) {
  expect(r.int32()).toBe(0);
  const results = r.array((x) => ({
    error: x.int16(),
    message: x.nullableString(),
    type: x.int8(),
    name: x.string(),
    configs: x.array((y) => {
      const e: Entry = { name: y.string(), value: y.nullableString(), readOnly: y.boolean(), isSensitive: false };
      if (v === 0) e.isDefault = y.boolean();
      else e.source = y.int8();
      e.isSensitive = y.boolean();
      if (v >= 1) e.synonyms = y.array((z) => ({ name: z.string(), value: z.nullableString(), source: z.int8() }));
      return e;
    }),
  }));
  expect(r.remaining()).toBe(0);
  return results;
}

async function describeRaw(
  client: FrameClient,
  v: number,
  resources: Array<{ type: number; name: string; keys: string[] | null }>,
  synonyms = true,
) {
  const r = await client.request(ApiKey.DescribeConfigs, v, (w) => {
    w.array(resources, (w2, res) =>
      w2
        .int8(res.type)
        .string(res.name)
        .nullableArray(res.keys, (w3, k) => w3.string(k)),
    );
    if (v >= 1) w.boolean(synonyms);
  });
  return readResponse(r, v);
}

describe('DescribeConfigs', () => {
  it('answers kafkajs v2 for a topic and its own broker; kafkajs decodes every required key', async () => {
    const c = cluster();
    const body = await kafkajsRoundTrip(new FrameClient(c, 1), 'describeConfigs/v2', {
      resources: [
        { type: TOPIC, name: 'orders' },
        { type: BROKER, name: '1' },
      ],
      includeSynonyms: true,
    });
    const { decoded, parse } = await kafkajsDecode('describeConfigs/v2', body);
    await expect(parse()).resolves.toBeTruthy();
    const [topic, broker] = decoded.resources as Array<{ configEntries: ConfigEntry[] }>;
    const t = Object.fromEntries(topic.configEntries.map((e: ConfigEntry) => [e.configName, e]));
    // Set at start, it is a cluster-wide dynamic default, as Kafka 4's KRaft controller records it.
    expect(t['min.insync.replicas']).toMatchObject({
      configValue: '2',
      readOnly: false,
      configSource: ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG,
    });
    expect(t['retention.ms']).toMatchObject({
      configValue: '3600000',
      configSource: ConfigSource.DYNAMIC_TOPIC_CONFIG,
    });
    expect(
      t['retention.ms'].configSynonyms.map((s: { configName: string; configSource: number }) => [
        s.configName,
        s.configSource,
      ]),
    ).toEqual([
      // log.retention.ms has no default of its own in Kafka (log.retention.hours has), so no synonym.
      ['retention.ms', ConfigSource.DYNAMIC_TOPIC_CONFIG],
    ]);
    for (const k of ['max.message.bytes', 'unclean.leader.election.enable', 'cleanup.policy'])
      expect(t[k]).toBeDefined();
    expect(t['cleanup.policy']).toMatchObject({
      configValue: 'delete',
      configSource: ConfigSource.DEFAULT_CONFIG,
      isDefault: true,
    });

    const b = Object.fromEntries(broker.configEntries.map((e: ConfigEntry) => [e.configName, e]));
    expect(b['auto.create.topics.enable']).toMatchObject({
      configValue: 'false',
      readOnly: true,
      configSource: ConfigSource.STATIC_BROKER_CONFIG,
    });
    expect(b['delete.topic.enable']).toMatchObject({ configValue: 'true', readOnly: true });
    expect(b['min.insync.replicas']).toMatchObject({ configValue: '2', readOnly: false, isSensitive: false });
    expect(b['min.insync.replicas'].configSynonyms).toEqual([
      { configName: 'min.insync.replicas', configValue: '2', configSource: ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG },
      { configName: 'min.insync.replicas', configValue: '2', configSource: ConfigSource.STATIC_BROKER_CONFIG },
      { configName: 'min.insync.replicas', configValue: '1', configSource: ConfigSource.DEFAULT_CONFIG },
    ]);
    expect(b['message.max.bytes']).toMatchObject({ configValue: '1048588', configSource: ConfigSource.DEFAULT_CONFIG });
    expect(b['unclean.leader.election.enable']).toMatchObject({ configValue: 'false' });
    expect(b['default.replication.factor']).toMatchObject({ configValue: '1', readOnly: true });
  });

  it('v0, which Kafka 4.x removed (KIP-896), is not served: the connection closes, as an unsupported version does', async () => {
    await expect(
      describeRaw(new FrameClient(cluster()), 0, [{ type: TOPIC, name: 'orders', keys: ['retention.ms'] }]),
    ).rejects.toThrow(/closed: true/);
  });

  it('v1 without include_synonyms sends empty synonym lists; configuration_keys filters and ignores unknown keys', async () => {
    const [res] = await describeRaw(
      new FrameClient(cluster(), 2),
      1,
      [{ type: BROKER, name: '2', keys: ['message.max.bytes', 'no.such.key'] }],
      false,
    );
    expect(res.configs).toEqual([
      {
        name: 'message.max.bytes',
        value: '1048588',
        readOnly: false,
        source: ConfigSource.DEFAULT_CONFIG,
        isSensitive: false,
        synonyms: [],
      },
    ]);
  });

  it('unknown topic → UNKNOWN_TOPIC_OR_PARTITION; another broker id, a non-numeric id and an unknown type → INVALID_REQUEST; the rest still answered', async () => {
    const results = await describeRaw(new FrameClient(cluster(), 1), 2, [
      { type: TOPIC, name: 'missing', keys: null },
      { type: BROKER, name: '2', keys: null },
      { type: BROKER, name: 'one', keys: null },
      { type: 7, name: 'x', keys: null },
      { type: TOPIC, name: 'orders', keys: ['min.insync.replicas'] },
      { type: BROKER, name: '', keys: null },
    ]);
    expect(results.map((r) => [r.name, r.error])).toEqual([
      ['missing', KafkaError.UNKNOWN_TOPIC_OR_PARTITION],
      ['2', KafkaError.INVALID_REQUEST],
      ['one', KafkaError.INVALID_REQUEST],
      ['x', KafkaError.INVALID_REQUEST],
      ['orders', KafkaError.NONE],
      ['', KafkaError.NONE],
    ]);
    expect(results[1].message).toBe('Unexpected broker id, expected 1 or empty string, but received 2');
    expect(results[4].configs).toHaveLength(1);
    // The cluster-wide dynamic defaults: min.insync.replicas, set at start (Kafka 4's controller records it).
    expect(results[5].configs.map((c) => [c.name, c.value, c.source])).toEqual([
      ['min.insync.replicas', '2', ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG],
    ]);
  });

  it('a huge resource count closes the connection without allocating; other connections still work', async () => {
    const c = cluster();
    const bad = new FrameClient(c);
    await expect(bad.request(ApiKey.DescribeConfigs, 2, (w) => w.int32(0x7fffffff))).rejects.toThrow(/no response/);
    expect(bad.closed).toBe(true);
    const [res] = await describeRaw(new FrameClient(c), 2, [
      { type: BROKER, name: '1', keys: ['delete.topic.enable'] },
    ]);
    expect(res.configs[0].value).toBe('true');
  });

  it('shows the log settings and every limit with its value and source: Kafka names where Kafka has one, sandbox.* where it has none', async () => {
    const c = offlineCluster({
      brokerConfig: { 'queued.max.request.bytes': '52428800', 'log.retention.bytes': '1073741824' },
      topics: [
        {
          name: 'audit',
          partitions: 1,
          replicationFactor: 1,
          configs: { 'segment.bytes': '16777216', 'retention.bytes': '-1' },
        },
      ],
    });
    const [broker, topic] = await describeRaw(new FrameClient(c, 1), 1, [
      { type: BROKER, name: '1', keys: null },
      { type: TOPIC, name: 'audit', keys: null },
    ]);
    const b = Object.fromEntries(broker.configs.map((e) => [e.name, [e.value, e.source]]));
    expect(b).toMatchObject({
      'socket.request.max.bytes': ['104857600', ConfigSource.DEFAULT_CONFIG],
      'queued.max.request.bytes': ['52428800', ConfigSource.STATIC_BROKER_CONFIG],
      'connections.max.idle.ms': ['600000', ConfigSource.DEFAULT_CONFIG],
      // As Kafka 4.4.0: unset, the .ms keys have no value (the default is in log.retention.hours / log.roll.hours).
      'log.retention.ms': [null, ConfigSource.DEFAULT_CONFIG],
      'log.retention.bytes': ['1073741824', ConfigSource.STATIC_BROKER_CONFIG],
      'log.segment.bytes': ['1073741824', ConfigSource.DEFAULT_CONFIG],
      'log.roll.ms': [null, ConfigSource.DEFAULT_CONFIG],
      'log.index.interval.bytes': ['4096', ConfigSource.DEFAULT_CONFIG],
      'log.retention.check.interval.ms': ['300000', ConfigSource.DEFAULT_CONFIG],
      'producer.id.expiration.ms': ['86400000', ConfigSource.DEFAULT_CONFIG],
      'sandbox.log.memory.max.bytes': ['268435456', ConfigSource.DEFAULT_CONFIG],
      'sandbox.request.receive.timeout.ms': ['30000', ConfigSource.DEFAULT_CONFIG],
      'sandbox.max.partitions': ['20000', ConfigSource.DEFAULT_CONFIG],
      'sandbox.max.partitions.per.request': ['10000', ConfigSource.DEFAULT_CONFIG],
    });
    const t = Object.fromEntries(topic.configs.map((e) => [e.name, [e.value, e.source]]));
    expect(t).toMatchObject({
      'segment.bytes': ['16777216', ConfigSource.DYNAMIC_TOPIC_CONFIG],
      'segment.ms': ['604800000', ConfigSource.DEFAULT_CONFIG],
      'retention.bytes': ['-1', ConfigSource.DYNAMIC_TOPIC_CONFIG],
      'retention.ms': ['604800000', ConfigSource.DEFAULT_CONFIG],
      'index.interval.bytes': ['4096', ConfigSource.DEFAULT_CONFIG],
    });
  });

  it('refuses a broker config value the sandbox cannot honour when it starts, and a topic config with INVALID_CONFIG', () => {
    expect(() => offlineCluster({ brokerConfig: { 'log.segment.bytes': '1000' } })).toThrow(
      'log.segment.bytes must be between 1048576 and 2147483647, got 1000',
    );
    expect(() => offlineCluster({ brokerConfig: { 'queued.max.request.bytes': 'lots' } })).toThrow(
      'queued.max.request.bytes must be a whole number',
    );
    const c = offlineCluster();
    expect(c.state.createTopic('t', 1, 1, { 'segment.ms': '0' })).toMatchObject({
      ok: false,
      error: KafkaError.INVALID_CONFIG,
      message: 'segment.ms must be between 1 and 9007199254740991, got 0',
    });
    expect(c.state.createTopic('t', 1, 1, { 'retention.ms': '-1', 'retention.bytes': '-1' })).toMatchObject({
      ok: true,
    });
  });
});
