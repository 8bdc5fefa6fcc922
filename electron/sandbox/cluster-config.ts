// Broker and topic configuration: Kafka's defaults for the keys the sandbox honours, how a
// topic-level key falls back to its broker-level key, and which values each key accepts. Keys
// named sandbox.* are the sandbox's own limits, with no Kafka counterpart.

import { ConfigSource } from '../kafka-wire/apis/describe-configs';

export { ConfigSource };

const MiB = 1024 * 1024;

export const BROKER_CONFIG_DEFAULTS: Record<string, string> = {
  'auto.create.topics.enable': 'true',
  'delete.topic.enable': 'true',
  'min.insync.replicas': '1',
  'message.max.bytes': '1048588',
  'unclean.leader.election.enable': 'false',
  'default.replication.factor': '1',
  'num.partitions': '1',
  'offsets.topic.replication.factor': '3',
  'compression.type': 'producer',
  // the log (Kafka's defaults)
  'log.cleanup.policy': 'delete',
  'log.retention.ms': '604800000',
  'log.retention.bytes': '-1',
  'log.segment.bytes': String(1024 * MiB),
  'log.roll.ms': '604800000',
  'log.index.interval.bytes': '4096',
  'log.retention.check.interval.ms': '300000',
  'producer.id.expiration.ms': '86400000',
  // requests and connections (Kafka leaves queued.max.request.bytes unbounded: -1)
  'socket.request.max.bytes': String(100 * MiB),
  'queued.max.request.bytes': String(100 * MiB),
  'connections.max.idle.ms': '600000',
  // the sandbox's own limits
  'sandbox.log.memory.max.bytes': String(256 * MiB),
  'sandbox.request.receive.timeout.ms': '30000',
  'sandbox.max.partitions': '20000',
  'sandbox.max.partitions.per.request': '10000',
};

/** Topic-level key → the broker-level key it defaults to. */
export const TOPIC_CONFIG_FALLBACK: Record<string, string> = {
  'min.insync.replicas': 'min.insync.replicas',
  'max.message.bytes': 'message.max.bytes',
  'unclean.leader.election.enable': 'unclean.leader.election.enable',
  'retention.ms': 'log.retention.ms',
  'retention.bytes': 'log.retention.bytes',
  'segment.bytes': 'log.segment.bytes',
  'segment.ms': 'log.roll.ms',
  'index.interval.bytes': 'log.index.interval.bytes',
  'cleanup.policy': 'log.cleanup.policy',
  'compression.type': 'compression.type',
};

const INT32_MAX = 2 ** 31 - 1;
const LONG_MAX = Number.MAX_SAFE_INTEGER;

/** Whole-number keys and their ranges (Kafka's validators; segment.bytes at least 1 MiB as in Kafka 4.x). */
const RANGES: Record<string, [number, number]> = {
  'min.insync.replicas': [1, INT32_MAX],
  'message.max.bytes': [0, INT32_MAX],
  'max.message.bytes': [0, INT32_MAX],
  'default.replication.factor': [1, 32767],
  'num.partitions': [1, INT32_MAX],
  'offsets.topic.replication.factor': [1, 32767],
  'log.retention.ms': [-1, LONG_MAX],
  'retention.ms': [-1, LONG_MAX],
  'log.retention.bytes': [-LONG_MAX, LONG_MAX],
  'retention.bytes': [-LONG_MAX, LONG_MAX],
  'log.segment.bytes': [MiB, INT32_MAX],
  'segment.bytes': [MiB, INT32_MAX],
  'log.roll.ms': [1, LONG_MAX],
  'segment.ms': [1, LONG_MAX],
  'log.index.interval.bytes': [0, INT32_MAX],
  'index.interval.bytes': [0, INT32_MAX],
  'log.retention.check.interval.ms': [1, LONG_MAX],
  'producer.id.expiration.ms': [1, INT32_MAX],
  'socket.request.max.bytes': [1024, INT32_MAX],
  'queued.max.request.bytes': [-1, LONG_MAX],
  'connections.max.idle.ms': [-1, LONG_MAX],
  'sandbox.log.memory.max.bytes': [MiB, LONG_MAX],
  'sandbox.request.receive.timeout.ms': [1, LONG_MAX],
  'sandbox.max.partitions': [1, INT32_MAX],
  'sandbox.max.partitions.per.request': [1, INT32_MAX],
};

const BOOLEAN_KEYS = new Set(['unclean.leader.election.enable', 'auto.create.topics.enable', 'delete.topic.enable']);

function invalidValue(name: string, value: string): string | null {
  if (BOOLEAN_KEYS.has(name) && value !== 'true' && value !== 'false') return `${name} must be true or false`;
  const range = RANGES[name];
  if (range) {
    if (!/^-?\d+$/.test(value)) return `${name} must be a whole number, got "${value}"`;
    const n = Number(value);
    if (n < range[0] || n > range[1]) return `${name} must be between ${range[0]} and ${range[1]}, got ${value}`;
  }
  if (
    (name === 'cleanup.policy' || name === 'log.cleanup.policy') &&
    !/^(delete|compact)(,(delete|compact))?$/.test(value)
  ) {
    return `${name} must be delete and/or compact`;
  }
  return null;
}

/** Why a topic config value is refused, or null when it is acceptable. */
export function invalidTopicConfig(name: string, value: string | null): string | null {
  if (!Object.hasOwn(TOPIC_CONFIG_FALLBACK, name)) return `unknown topic config ${name}`;
  if (value === null) return `config ${name} needs a value`;
  return invalidValue(name, value);
}

/** Why a broker config value is refused, or null. Keys the sandbox does not know are left alone (the group coordinator reads its own). */
export function invalidBrokerConfig(name: string, value: string): string | null {
  return invalidValue(name, value);
}

/** Broker keys Kafka 4's controller turns into cluster-wide dynamic defaults when set at start. */
export const CLUSTER_DEFAULT_KEYS: ReadonlySet<string> = new Set(['min.insync.replicas']);

export class BrokerConfig {
  /** Keys set explicitly at start (reported as STATIC_BROKER_CONFIG). */
  private readonly overrides: Record<string, string>;

  constructor(overrides: Record<string, string>) {
    this.overrides = { ...overrides };
  }

  get(name: string): string | undefined {
    return Object.hasOwn(this.overrides, name) ? this.overrides[name] : BROKER_CONFIG_DEFAULTS[name];
  }

  /**
   * Where a broker key's value comes from. Kafka 4's KRaft controller records a statically set
   * min.insync.replicas as the cluster-wide dynamic default when the cluster starts (measured on
   * 4.4.0: source DYNAMIC_DEFAULT_BROKER_CONFIG, synonyms dynamic default, static, default).
   */
  source(name: string): number {
    if (!Object.hasOwn(this.overrides, name)) return ConfigSource.DEFAULT_CONFIG;
    return CLUSTER_DEFAULT_KEYS.has(name)
      ? ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG
      : ConfigSource.STATIC_BROKER_CONFIG;
  }

  /** The cluster-wide dynamic defaults (DescribeConfigs of broker ""). */
  clusterDefaults(): string[] {
    return [...CLUSTER_DEFAULT_KEYS].filter((k) => Object.hasOwn(this.overrides, k));
  }

  bool(name: string): boolean {
    return this.get(name) === 'true';
  }

  int(name: string): number {
    return Number(this.get(name));
  }

  names(): string[] {
    return [...new Set([...Object.keys(BROKER_CONFIG_DEFAULTS), ...Object.keys(this.overrides)])].sort();
  }

  /** A topic config's effective value and where it comes from. */
  topicValue(topicConfigs: Record<string, string>, name: string): { value: string | undefined; source: number } {
    if (Object.hasOwn(topicConfigs, name))
      return { value: topicConfigs[name], source: ConfigSource.DYNAMIC_TOPIC_CONFIG };
    const brokerKey = TOPIC_CONFIG_FALLBACK[name];
    return {
      value: brokerKey ? this.get(brokerKey) : undefined,
      source: brokerKey ? this.source(brokerKey) : ConfigSource.DEFAULT_CONFIG,
    };
  }
}
