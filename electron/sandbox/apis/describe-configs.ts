// DescribeConfigs v1-2 for brokers (resource type 4, name = broker id) and topics (type 2).
// Values, sources, read-only flags and synonyms follow Kafka 2.4's AdminManager: a topic key
// lists its topic override first, then the broker key it falls back to (static setting, then
// default); a broker can only describe itself, any other id is INVALID_REQUEST.
import {
  ConfigResourceType as ResourceType,
  ConfigSource,
  DescribeConfigs,
  type ConfigSynonym,
  type DescribeConfigsResult,
  type DescribedConfig,
} from '../../kafka-wire/apis/describe-configs';
import { KafkaError } from '../../kafka-wire/error-codes';
import { defineHandler, type RequestContext } from '../api-handler';
import { BROKER_CONFIG_DEFAULTS, type BrokerConfig, TOPIC_CONFIG_FALLBACK } from '../cluster-config';
import { invalidTopicName } from '../cluster-state';

/** Broker keys Kafka 2.4 can change at run time (DynamicBrokerConfig); all others are read-only. */
const DYNAMIC_BROKER_KEYS = new Set([
  'message.max.bytes',
  'min.insync.replicas',
  'unclean.leader.election.enable',
  'log.retention.ms',
  'log.retention.bytes',
  'log.segment.bytes',
  'log.roll.ms',
  'log.index.interval.bytes',
  'log.cleanup.policy',
  'compression.type',
  'producer.id.expiration.ms',
]);

/**
 * Keys whose Kafka default lives in an hours key the sandbox does not have (log.retention.hours,
 * log.roll.hours = 168): unset, Kafka 4.4.0 reports them with no value and no synonyms, and a
 * topic key falling back to them with its effective value and no synonyms. The sandbox applies
 * the same 7 days from its own default.
 */
const HOURS_DEFAULTED = new Set(['log.retention.ms', 'log.roll.ms']);

/** A broker key's synonyms in precedence order: the value set at start, then Kafka's default. */
function brokerSynonyms(config: BrokerConfig, key: string): ConfigSynonym[] {
  const out: ConfigSynonym[] = [];
  const source = config.source(key);
  if (source === ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG)
    out.push({ name: key, value: config.get(key) ?? null, source: ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG });
  if (source !== ConfigSource.DEFAULT_CONFIG)
    out.push({ name: key, value: config.get(key) ?? null, source: ConfigSource.STATIC_BROKER_CONFIG });
  if (Object.hasOwn(BROKER_CONFIG_DEFAULTS, key) && !HOURS_DEFAULTED.has(key))
    out.push({ name: key, value: BROKER_CONFIG_DEFAULTS[key], source: ConfigSource.DEFAULT_CONFIG });
  return out;
}

function entry(name: string, value: string | null, synonyms: ConfigSynonym[], readOnly: boolean): DescribedConfig {
  return {
    name,
    value,
    readOnly,
    configSource: synonyms[0]?.source ?? ConfigSource.DEFAULT_CONFIG,
    isSensitive: false,
    synonyms,
  };
}

function clusterDefaultEntries(config: BrokerConfig): DescribedConfig[] {
  return config
    .clusterDefaults()
    .map((key) =>
      entry(
        key,
        config.get(key) ?? null,
        [{ name: key, value: config.get(key) ?? null, source: ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG }],
        false,
      ),
    );
}

function brokerConfigEntries(config: BrokerConfig): DescribedConfig[] {
  return config.names().map((key) => {
    const unsetHours = HOURS_DEFAULTED.has(key) && config.source(key) === ConfigSource.DEFAULT_CONFIG;
    const value = unsetHours ? null : (config.get(key) ?? null);
    return entry(key, value, brokerSynonyms(config, key), !DYNAMIC_BROKER_KEYS.has(key));
  });
}

function topicConfigEntries(config: BrokerConfig, topicConfigs: Record<string, string>): DescribedConfig[] {
  return Object.keys(TOPIC_CONFIG_FALLBACK)
    .sort()
    .map((key) => {
      const synonyms = brokerSynonyms(config, TOPIC_CONFIG_FALLBACK[key]);
      if (Object.hasOwn(topicConfigs, key))
        synonyms.unshift({ name: key, value: topicConfigs[key], source: ConfigSource.DYNAMIC_TOPIC_CONFIG });
      return entry(key, config.topicValue(topicConfigs, key).value ?? null, synonyms, false);
    });
}

function describe(ctx: RequestContext, type: number, name: string, keys: string[] | null): DescribeConfigsResult {
  const fail = (errorCode: number, errorMessage: string | null): DescribeConfigsResult => ({
    errorCode,
    errorMessage,
    resourceType: type,
    resourceName: name,
    configs: [],
  });
  const state = ctx.services.state;
  let configs: DescribedConfig[];
  if (type === ResourceType.TOPIC) {
    const bad = invalidTopicName(name);
    if (bad) return fail(KafkaError.INVALID_TOPIC_EXCEPTION, bad);
    const topic = state.topics.get(name);
    // Kafka sends no message with this error.
    if (!topic) return fail(KafkaError.UNKNOWN_TOPIC_OR_PARTITION, null);
    configs = topicConfigEntries(state.config, topic.configs);
  } else if (type === ResourceType.BROKER) {
    if (name === '') {
      // Cluster-wide dynamic defaults: what Kafka 4's controller recorded at start.
      configs = clusterDefaultEntries(state.config);
    } else {
      if (!/^-?\d+$/.test(name))
        return fail(KafkaError.INVALID_REQUEST, `Broker id must be an integer, but it is: ${name}`);
      if (Number(name) !== ctx.broker.id) {
        return fail(
          KafkaError.INVALID_REQUEST,
          `Unexpected broker id, expected ${ctx.broker.id} or empty string, but received ${name}`,
        );
      }
      configs = brokerConfigEntries(state.config);
    }
  } else {
    return fail(KafkaError.INVALID_REQUEST, `Unsupported resource type: ${type}`);
  }
  if (keys !== null) configs = configs.filter((c) => keys.includes(c.name));
  // Kafka 4.x answers an empty message, not null, with success (measured on 4.4.0).
  return { errorCode: KafkaError.NONE, errorMessage: '', resourceType: type, resourceName: name, configs };
}

export const describeConfigsHandler = defineHandler({
  api: DescribeConfigs,
  // v0 is gone from Kafka 4.x (KIP-896): its ApiVersions says 1-4.
  minVersion: 1,
  maxVersion: 2,
  handle(ctx, req) {
    const results = req.resources.map((res) =>
      describe(ctx, res.resourceType, res.resourceName, res.configurationKeys),
    );
    // Synonyms only when asked for (v1+); v0 has no such field.
    if (!req.includeSynonyms) for (const res of results) res.configs = res.configs.map((c) => ({ ...c, synonyms: [] }));
    return { throttleTimeMs: 0, results };
  },
});
