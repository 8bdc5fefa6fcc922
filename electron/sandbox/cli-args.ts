// The sandbox CLI's flags, parsed and validated by plain functions (no I/O, no exit), so each
// refusal has a unit test. cli.ts turns a refusal into a message on stderr and exit code 2.
import { parseArgs } from 'node:util';
import { BROKER_CONFIG_DEFAULTS, invalidBrokerConfig } from './cluster-config';
import { invalidTopicName } from './cluster-state';
import type { SandboxOptions, TopicSpec } from './sandbox-cluster';

export const USAGE = `Usage: npm run sandbox -- [options]

Runs a Kafka-wire-compatible cluster on 127.0.0.1. Prints "ready host:port,..." on stdout when
every listener accepts connections, then reads fault commands on stdin (type "help").

Options:
  --brokers N                      number of brokers, ids 1..N (default 3)
  --port P                         first port; brokers use P, P+1, ... (default 9092; 0 = free ports)
  --topic NAME:PARTITIONS:RF       create a topic at start (repeatable)
  --data-dir DIR                   keep topics, logs, offsets and producer state in DIR
  --min-insync-replicas N          broker min.insync.replicas (default 1)
  --auto-create-topics             auto.create.topics.enable=true (default false)
  --delete-topic-enable true|false delete.topic.enable (default true)
  --max-request-bytes N            socket.request.max.bytes: larger frames close the connection
  --broker-config KEY=VALUE        any broker config the sandbox knows (repeatable), e.g.
                                   log.retention.ms=3600000, queued.max.request.bytes=52428800;
                                   the list is in the README and in DescribeConfigs
  --sasl-user NAME:PASSWORD        require SASL/PLAIN; add this user (repeatable)
  --tls-key FILE --tls-cert FILE   listeners speak TLS with this PEM key and certificate
  --help                           print this help
`;

/** What the CLI will start: sandbox options minus what needs I/O (the TLS files are read later). */
export interface CliConfig {
  options: Omit<SandboxOptions, 'tls' | 'log'>;
  tls: { keyFile: string; certFile: string } | null;
}

export type CliParse = { kind: 'run'; config: CliConfig } | { kind: 'help' } | { kind: 'error'; message: string };

function int(flag: string, raw: string, min: number, max: number): number {
  if (!/^\d+$/.test(raw)) throw new CliError(`${flag} must be a whole number, got "${raw}"`);
  const n = Number(raw);
  if (n < min || n > max) throw new CliError(`${flag} must be between ${min} and ${max}, got ${n}`);
  return n;
}

class CliError extends Error {}

/** `name:partitions:replication`, checked against the number of brokers. */
export function parseTopicSpec(raw: string, brokers: number): TopicSpec {
  const parts = raw.split(':');
  if (parts.length !== 3) throw new CliError(`--topic must be NAME:PARTITIONS:REPLICATION, got "${raw}"`);
  const [name, p, rf] = parts;
  const badName = invalidTopicName(name);
  if (badName) throw new CliError(`--topic ${raw}: ${badName}`);
  const partitions = int(`--topic ${name} partitions`, p, 1, 10_000);
  const replicationFactor = int(`--topic ${name} replication factor`, rf, 1, brokers);
  return { name, partitions, replicationFactor };
}

/** `key=value` for a broker config the sandbox knows, with a value it accepts. */
export function parseBrokerConfig(raw: string): [string, string] {
  const i = raw.indexOf('=');
  if (i <= 0) throw new CliError(`--broker-config must be KEY=VALUE, got "${raw}"`);
  const key = raw.slice(0, i);
  const value = raw.slice(i + 1);
  if (!Object.hasOwn(BROKER_CONFIG_DEFAULTS, key)) throw new CliError(`--broker-config: unknown broker config ${key}`);
  const bad = invalidBrokerConfig(key, value);
  if (bad) throw new CliError(`--broker-config: ${bad}`);
  return [key, value];
}

/** `name:password`; the password may itself contain colons. */
export function parseSaslUser(raw: string): [string, string] {
  const i = raw.indexOf(':');
  if (i <= 0) throw new CliError(`--sasl-user must be NAME:PASSWORD, got "${raw}"`);
  const password = raw.slice(i + 1);
  if (password === '') throw new CliError(`--sasl-user ${raw.slice(0, i)}: the password is empty`);
  return [raw.slice(0, i), password];
}

export function parseCliArgs(argv: string[]): CliParse {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: {
        brokers: { type: 'string' },
        port: { type: 'string' },
        topic: { type: 'string', multiple: true },
        'data-dir': { type: 'string' },
        'min-insync-replicas': { type: 'string' },
        'auto-create-topics': { type: 'boolean' },
        'delete-topic-enable': { type: 'string' },
        'max-request-bytes': { type: 'string' },
        'broker-config': { type: 'string', multiple: true },
        'sasl-user': { type: 'string', multiple: true },
        'tls-key': { type: 'string' },
        'tls-cert': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) return { kind: 'help' };
    if (positionals.length > 0) throw new CliError(`unexpected argument "${positionals[0]}"`);

    const brokers = values.brokers === undefined ? 3 : int('--brokers', values.brokers, 1, 100);
    const port = values.port === undefined ? 9092 : int('--port', values.port, 0, 65535);
    if (port !== 0 && port + brokers - 1 > 65535)
      throw new CliError(`--port ${port} leaves no room for ${brokers} brokers`);
    const options: CliConfig['options'] = { brokers, port };

    const topics = (values.topic ?? []).map((t) => parseTopicSpec(t, brokers));
    const seen = new Set<string>();
    for (const t of topics) {
      if (seen.has(t.name)) throw new CliError(`--topic ${t.name} is given twice`);
      seen.add(t.name);
    }
    if (topics.length > 0) options.topics = topics;

    if (values['data-dir'] !== undefined) {
      if (values['data-dir'] === '') throw new CliError('--data-dir needs a directory');
      options.dataDir = values['data-dir'];
    }
    if (values['min-insync-replicas'] !== undefined) {
      options.minInsyncReplicas = int('--min-insync-replicas', values['min-insync-replicas'], 1, brokers);
    }
    if (values['auto-create-topics']) options.autoCreateTopics = true;
    const del = values['delete-topic-enable'];
    if (del !== undefined) {
      if (del !== 'true' && del !== 'false')
        throw new CliError(`--delete-topic-enable must be true or false, got "${del}"`);
      options.deleteTopicEnable = del === 'true';
    }
    if (values['max-request-bytes'] !== undefined) {
      options.maxRequestBytes = int('--max-request-bytes', values['max-request-bytes'], 1024, 2 ** 31 - 1);
    }
    if (values['broker-config']) {
      const brokerConfig: Record<string, string> = {};
      for (const raw of values['broker-config']) {
        const [key, value] = parseBrokerConfig(raw);
        if (Object.hasOwn(brokerConfig, key)) throw new CliError(`--broker-config ${key} is given twice`);
        brokerConfig[key] = value;
      }
      options.brokerConfig = brokerConfig;
    }
    if (values['sasl-user']) {
      const users: Record<string, string> = {};
      for (const raw of values['sasl-user']) {
        const [name, password] = parseSaslUser(raw);
        if (Object.hasOwn(users, name)) throw new CliError(`--sasl-user ${name} is given twice`);
        users[name] = password;
      }
      options.sasl = { users };
    }
    const key = values['tls-key'];
    const cert = values['tls-cert'];
    if ((key === undefined) !== (cert === undefined))
      throw new CliError('--tls-key and --tls-cert must be given together');
    return {
      kind: 'run',
      config: { options, tls: key !== undefined && cert !== undefined ? { keyFile: key, certFile: cert } : null },
    };
  } catch (err) {
    // parseArgs reports unknown flags and missing values as TypeErrors with readable messages.
    if (err instanceof CliError || (err instanceof TypeError && 'code' in err))
      return { kind: 'error', message: err.message };
    throw err;
  }
}
