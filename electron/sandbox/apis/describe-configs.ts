// DescribeConfigs v0-2 for brokers (resource type 4, name = broker id) and topics (type 2).
// Values, sources, read-only flags and synonyms follow Kafka 2.4's AdminManager: a topic key
// lists its topic override first, then the broker key it falls back to (static setting, then
// default); a broker can only describe itself, any other id is INVALID_REQUEST.
import type { ApiHandler, RequestContext } from '../api-handler';
import { BROKER_CONFIG_DEFAULTS, type BrokerConfig, ConfigSource, TOPIC_CONFIG_FALLBACK } from '../cluster-config';
import { invalidTopicName } from '../cluster-state';
import { ApiKey } from '../protocol/api-keys';
import { KafkaError } from '../protocol/error-codes';
import { KafkaWriter } from '../protocol/kafka-writer';

export const ResourceType = { TOPIC: 2, BROKER: 4 } as const;

/** Broker keys Kafka 2.4 can change at run time (DynamicBrokerConfig); all others are read-only. */
const DYNAMIC_BROKER_KEYS = new Set([
  'message.max.bytes',
  'min.insync.replicas',
  'unclean.leader.election.enable',
  'log.retention.ms',
  'log.cleanup.policy',
  'compression.type',
]);

export interface ConfigSynonym {
  name: string;
  value: string | null;
  source: number;
}

export interface ConfigEntry {
  name: string;
  value: string | null;
  readOnly: boolean;
  source: number;
  isSensitive: boolean;
  synonyms: ConfigSynonym[];
}

interface ResourceResult {
  error: number;
  message: string | null;
  type: number;
  name: string;
  configs: ConfigEntry[];
}

/** A broker key's synonyms in precedence order: the value set at start, then Kafka's default. */
function brokerSynonyms(config: BrokerConfig, key: string): ConfigSynonym[] {
  const out: ConfigSynonym[] = [];
  if (config.source(key) === ConfigSource.STATIC_BROKER_CONFIG) {
    out.push({ name: key, value: config.get(key) ?? null, source: ConfigSource.STATIC_BROKER_CONFIG });
  }
  if (Object.hasOwn(BROKER_CONFIG_DEFAULTS, key)) out.push({ name: key, value: BROKER_CONFIG_DEFAULTS[key], source: ConfigSource.DEFAULT_CONFIG });
  return out;
}

function entry(name: string, value: string | null, synonyms: ConfigSynonym[], readOnly: boolean): ConfigEntry {
  return { name, value, readOnly, source: synonyms[0]?.source ?? ConfigSource.DEFAULT_CONFIG, isSensitive: false, synonyms };
}

export function brokerConfigEntries(config: BrokerConfig): ConfigEntry[] {
  return config.names().map((key) => entry(key, config.get(key) ?? null, brokerSynonyms(config, key), !DYNAMIC_BROKER_KEYS.has(key)));
}

export function topicConfigEntries(config: BrokerConfig, topicConfigs: Record<string, string>): ConfigEntry[] {
  return Object.keys(TOPIC_CONFIG_FALLBACK)
    .sort()
    .map((key) => {
      const synonyms = brokerSynonyms(config, TOPIC_CONFIG_FALLBACK[key]);
      if (Object.hasOwn(topicConfigs, key)) synonyms.unshift({ name: key, value: topicConfigs[key], source: ConfigSource.DYNAMIC_TOPIC_CONFIG });
      return entry(key, config.topicValue(topicConfigs, key).value ?? null, synonyms, false);
    });
}

function describe(ctx: RequestContext, type: number, name: string, keys: string[] | null): ResourceResult {
  const fail = (error: number, message: string | null): ResourceResult => ({ error, message, type, name, configs: [] });
  const state = ctx.services.state;
  let configs: ConfigEntry[];
  if (type === ResourceType.TOPIC) {
    const bad = invalidTopicName(name);
    if (bad) return fail(KafkaError.INVALID_TOPIC_EXCEPTION, bad);
    const topic = state.topics.get(name);
    // Kafka sends no message with this error.
    if (!topic) return fail(KafkaError.UNKNOWN_TOPIC_OR_PARTITION, null);
    configs = topicConfigEntries(state.config, topic.configs);
  } else if (type === ResourceType.BROKER) {
    if (name === '') {
      configs = []; // cluster-wide dynamic defaults: the sandbox has none
    } else {
      if (!/^-?\d+$/.test(name)) return fail(KafkaError.INVALID_REQUEST, `Broker id must be an integer, but it is: ${name}`);
      if (Number(name) !== ctx.broker.id) {
        return fail(KafkaError.INVALID_REQUEST, `Unexpected broker id, expected ${ctx.broker.id} or empty string, but received ${name}`);
      }
      configs = brokerConfigEntries(state.config);
    }
  } else {
    return fail(KafkaError.INVALID_REQUEST, `Unsupported resource type: ${type}`);
  }
  if (keys !== null) configs = configs.filter((c) => keys.includes(c.name));
  return { error: KafkaError.NONE, message: null, type, name, configs };
}

export const describeConfigsHandler: ApiHandler = {
  apiKey: ApiKey.DescribeConfigs,
  name: 'DescribeConfigs',
  minVersion: 0,
  maxVersion: 2,
  handle(ctx, r) {
    const v = ctx.apiVersion;
    const resources = r.array((x) => ({ type: x.int8(), name: x.string(), keys: x.nullableArray((y) => y.string()) }));
    const includeSynonyms = v >= 1 ? r.boolean() : false;
    const results = resources.map((res) => describe(ctx, res.type, res.name, res.keys));

    const w = new KafkaWriter().int32(0); // throttle_time_ms
    w.array(results, (w2, res) => {
      w2.int16(res.error).nullableString(res.message).int8(res.type).string(res.name);
      w2.array(res.configs, (w3, c) => {
        w3.string(c.name).nullableString(c.value).boolean(c.readOnly);
        if (v === 0) w3.boolean(c.source === ConfigSource.DEFAULT_CONFIG); // is_default
        else w3.int8(c.source);
        w3.boolean(c.isSensitive);
        if (v >= 1) {
          w3.array(includeSynonyms ? c.synonyms : [], (w4, s) => w4.string(s.name).nullableString(s.value).int8(s.source));
        }
      });
    });
    return w;
  },
};
