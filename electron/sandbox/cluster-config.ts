// Broker and topic configuration: Kafka 2.4's defaults for the keys the sandbox honours,
// and how a topic-level key falls back to its broker-level key.

import { ConfigSource } from '../kafka-wire/apis/describe-configs';

export { ConfigSource };

export const BROKER_CONFIG_DEFAULTS: Record<string, string> = {
  'auto.create.topics.enable': 'true',
  'delete.topic.enable': 'true',
  'min.insync.replicas': '1',
  'message.max.bytes': '1048588',
  'unclean.leader.election.enable': 'false',
  'default.replication.factor': '1',
  'num.partitions': '1',
  'offsets.topic.replication.factor': '3',
  'socket.request.max.bytes': '104857600',
  'log.retention.ms': '604800000',
  'log.cleanup.policy': 'delete',
  'compression.type': 'producer',
};

/** Topic-level key → the broker-level key it defaults to. */
export const TOPIC_CONFIG_FALLBACK: Record<string, string> = {
  'min.insync.replicas': 'min.insync.replicas',
  'max.message.bytes': 'message.max.bytes',
  'unclean.leader.election.enable': 'unclean.leader.election.enable',
  'retention.ms': 'log.retention.ms',
  'cleanup.policy': 'log.cleanup.policy',
  'compression.type': 'compression.type',
};

const BOOLEAN_KEYS = new Set(['unclean.leader.election.enable']);
const INT_KEYS = new Set(['min.insync.replicas', 'max.message.bytes', 'retention.ms']);

/** Why a topic config value is refused, or null when it is acceptable. */
export function invalidTopicConfig(name: string, value: string | null): string | null {
  if (!Object.hasOwn(TOPIC_CONFIG_FALLBACK, name)) return `unknown topic config ${name}`;
  if (value === null) return `config ${name} needs a value`;
  if (BOOLEAN_KEYS.has(name) && value !== 'true' && value !== 'false') return `${name} must be true or false`;
  if (INT_KEYS.has(name) && !/^\d+$/.test(value)) return `${name} must be a non-negative integer`;
  if (name === 'min.insync.replicas' && Number(value) < 1) return 'min.insync.replicas must be at least 1';
  if (name === 'cleanup.policy' && !/^(delete|compact)(,(delete|compact))?$/.test(value)) return 'cleanup.policy must be delete and/or compact';
  return null;
}

export class BrokerConfig {
  /** Keys set explicitly at start (reported as STATIC_BROKER_CONFIG). */
  private readonly overrides: Record<string, string>;

  constructor(overrides: Record<string, string>) {
    this.overrides = { ...overrides };
  }

  get(name: string): string | undefined {
    return Object.hasOwn(this.overrides, name) ? this.overrides[name] : BROKER_CONFIG_DEFAULTS[name];
  }

  source(name: string): number {
    return Object.hasOwn(this.overrides, name) ? ConfigSource.STATIC_BROKER_CONFIG : ConfigSource.DEFAULT_CONFIG;
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
    if (Object.hasOwn(topicConfigs, name)) return { value: topicConfigs[name], source: ConfigSource.DYNAMIC_TOPIC_CONFIG };
    const brokerKey = TOPIC_CONFIG_FALLBACK[name];
    return { value: brokerKey ? this.get(brokerKey) : undefined, source: brokerKey ? this.source(brokerKey) : ConfigSource.DEFAULT_CONFIG };
  }
}
