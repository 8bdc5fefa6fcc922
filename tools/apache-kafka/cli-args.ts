// The harness CLI's flags: the sandbox CLI's flags where they mean the same (topics are parsed
// by the sandbox's own parseTopicSpec), checked by plain functions so each refusal has a test.
import { parseArgs } from 'node:util';
import { parseTopicSpec } from '../../electron/sandbox';
import type { ApacheKafkaOptions } from './kafka-cluster';
import { DEFAULT_KAFKA_VERSION } from './kafka-version';

export const USAGE = `Usage: npm run kafka -- [options]

Runs a real Apache Kafka cluster (KRaft, combined broker+controller nodes) on 127.0.0.1 with
the store's settings. Prints "ready host:port,..." on stdout once every node serves Metadata
and every broker knows the topics, then reads fault commands on stdin (type "help").
Apache Kafka ${DEFAULT_KAFKA_VERSION} unless KAFKA_VERSION says otherwise; needs Java 17+, and Maven the
first time (jars are cached in ~/.cache/order-desk/apache-kafka, or ORDER_DESK_KAFKA_CACHE).

Options:
  --nodes N                        number of nodes, ids 1..N (default 3)
  --port P                         first client port; nodes use P, P+1, ... (default 9092; 0 = free ports)
  --topic NAME:PARTITIONS:RF       create a topic at start (repeatable)
  --min-insync-replicas N          broker min.insync.replicas (default 2, or 1 with one node)
  --auto-create-topics             auto.create.topics.enable=true (default false)
  --delete-topic-enable true|false delete.topic.enable (default true)
  --resolve-only                   fetch the jars into the cache, make their class-data archive,
                                   print where each is, and exit
  --help                           print this help
`;

export type CliParse =
  | { kind: 'run'; options: Omit<ApacheKafkaOptions, 'log' | 'env'> }
  | { kind: 'resolve' }
  | { kind: 'help' }
  | { kind: 'error'; message: string };

class CliError extends Error {}

function int(flag: string, raw: string, min: number, max: number): number {
  if (!/^\d+$/.test(raw)) throw new CliError(`${flag} must be a whole number, got "${raw}"`);
  const n = Number(raw);
  if (n < min || n > max) throw new CliError(`${flag} must be between ${min} and ${max}, got ${n}`);
  return n;
}

export function parseCliArgs(argv: string[]): CliParse {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: {
        nodes: { type: 'string' },
        port: { type: 'string' },
        topic: { type: 'string', multiple: true },
        'min-insync-replicas': { type: 'string' },
        'auto-create-topics': { type: 'boolean' },
        'delete-topic-enable': { type: 'string' },
        'resolve-only': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) return { kind: 'help' };
    if (positionals.length > 0) throw new CliError(`unexpected argument "${positionals[0]}"`);
    if (values['resolve-only']) return { kind: 'resolve' };

    const nodes = values.nodes === undefined ? 3 : int('--nodes', values.nodes, 1, 9);
    const port = values.port === undefined ? 9092 : int('--port', values.port, 0, 65535);
    if (port !== 0 && port + nodes - 1 > 65535) throw new CliError(`--port ${port} leaves no room for ${nodes} nodes`);
    const options: Omit<ApacheKafkaOptions, 'log' | 'env'> = { nodes, port };

    const seen = new Set<string>();
    const topics = (values.topic ?? []).map((raw) => {
      let spec;
      try {
        spec = parseTopicSpec(raw, nodes);
      } catch (e) {
        throw new CliError((e as Error).message);
      }
      if (seen.has(spec.name)) throw new CliError(`--topic ${spec.name} is given twice`);
      seen.add(spec.name);
      return spec;
    });
    if (topics.length > 0) options.topics = topics;
    if (values['min-insync-replicas'] !== undefined) {
      options.minInsyncReplicas = int('--min-insync-replicas', values['min-insync-replicas'], 1, nodes);
    }
    if (values['auto-create-topics']) options.autoCreateTopics = true;
    const del = values['delete-topic-enable'];
    if (del !== undefined) {
      if (del !== 'true' && del !== 'false')
        throw new CliError(`--delete-topic-enable must be true or false, got "${del}"`);
      options.deleteTopicEnable = del === 'true';
    }
    return { kind: 'run', options };
  } catch (err) {
    if (err instanceof CliError || (err instanceof TypeError && 'code' in err))
      return { kind: 'error', message: err.message };
    throw err;
  }
}
