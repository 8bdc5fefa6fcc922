// kafka-producer-perf-test's command line, flag for flag, so the seed's commands run unchanged
// apart from the program name. Producer properties are mapped onto kafkajs where it has an
// equivalent; the rest are reported as ignored rather than silently dropped.
import { readFileSync } from 'node:fs';
import { COMPRESSIONS, DEFAULT_BENCH_ACKS, type BenchParams } from '../../shared/bench-types';

export interface CliOptions {
  topic: string;
  numRecords: number;
  recordSize: number | null;
  payloadFile: string | null;
  payloadDelimiter: string;
  throughput: number;
  warmupRecords: number;
  printMetrics: boolean;
  json: boolean;
  bootstrapServers: string[];
  clientId: string;
  acks: BenchParams['acks'];
  batchSize: number | null;
  lingerMs: number | null;
  compression: BenchParams['compression'];
  ignoredProps: string[];
}

export type ParsedCli = { ok: true; options: CliOptions } | { ok: false; message: string } | { ok: 'help' };

export const USAGE = `usage: npm run bench -- --topic TOPIC --num-records N (--record-size BYTES | --payload-file FILE)
       --throughput RECORDS_PER_SEC (-1 = no limit) --producer-props bootstrap.servers=HOST:PORT [acks=0|1|all]
       [batch.size=BYTES] [linger.ms=MS] [compression.type=none|gzip] [client.id=ID]
       [--producer.config FILE] [--payload-delimiter DELIM (default \\n)] [--warmup-records N]
       [--print-metrics] [--json]`;

const NUMBER = /^-?\d+(\.\d+)?$/;

export function parseCliArgs(argv: string[]): ParsedCli {
  const flags = new Map<string, string>();
  const props: string[] = [];
  const bools = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') return { ok: 'help' };
    if (a === '--print-metrics' || a === '--json') {
      bools.add(a);
    } else if (a === '--producer-props') {
      while (i + 1 < argv.length && !argv[i + 1].startsWith('--')) props.push(argv[++i]);
    } else if (
      [
        '--topic',
        '--num-records',
        '--record-size',
        '--payload-file',
        '--payload-delimiter',
        '--throughput',
        '--warmup-records',
        '--producer.config',
      ].includes(a)
    ) {
      if (i + 1 >= argv.length) return { ok: false, message: `${a} needs a value` };
      flags.set(a, argv[++i]);
    } else {
      return { ok: false, message: `unknown argument ${a}` };
    }
  }

  const num = (flag: string, integer: boolean): number | string | null => {
    const v = flags.get(flag);
    if (v === undefined) return null;
    if (!NUMBER.test(v) || (integer && v.includes('.')))
      return `${flag} must be a${integer ? ' whole' : ''} number (got "${v}")`;
    return Number(v);
  };
  const topic = flags.get('--topic');
  if (!topic) return { ok: false, message: '--topic is required' };
  const numRecords = num('--num-records', true);
  if (numRecords === null) return { ok: false, message: '--num-records is required' };
  if (typeof numRecords === 'string') return { ok: false, message: numRecords };
  const throughput = num('--throughput', false);
  if (throughput === null) return { ok: false, message: '--throughput is required (-1 for no limit)' };
  if (typeof throughput === 'string') return { ok: false, message: throughput };
  const recordSize = num('--record-size', true);
  if (typeof recordSize === 'string') return { ok: false, message: recordSize };
  const payloadFile = flags.get('--payload-file') ?? null;
  if ((recordSize === null) === (payloadFile === null)) {
    return { ok: false, message: 'give either --record-size or --payload-file' };
  }
  const warmup = num('--warmup-records', true);
  if (typeof warmup === 'string') return { ok: false, message: warmup };

  // --producer.config first, --producer-props override it (as in perf-test).
  const allProps = new Map<string, string>();
  const configFile = flags.get('--producer.config');
  if (configFile) {
    let text: string;
    try {
      text = readFileSync(configFile, 'utf8');
    } catch (e) {
      return { ok: false, message: `cannot read --producer.config ${configFile}: ${(e as Error).message}` };
    }
    for (const line of text.split(/\r?\n/)) {
      const t = line.trim();
      if (!t || t.startsWith('#') || t.startsWith('!')) continue;
      const m = /^([^=:\s]+)\s*[=:]\s*(.*)$/.exec(t);
      if (m) allProps.set(m[1], m[2]);
    }
  }
  for (const p of props) {
    const eq = p.indexOf('=');
    if (eq <= 0) return { ok: false, message: `--producer-props expects key=value, got "${p}"` };
    allProps.set(p.slice(0, eq), p.slice(eq + 1));
  }
  if (!allProps.size) return { ok: false, message: 'either --producer-props or --producer.config must be given' };

  const servers = allProps.get('bootstrap.servers');
  if (!servers) return { ok: false, message: 'bootstrap.servers is required in --producer-props' };
  const acksText = allProps.get('acks');
  const acksMap: Record<string, BenchParams['acks']> = { '0': 0, '1': 1, '-1': -1, all: -1 };
  const acks = acksText === undefined ? DEFAULT_BENCH_ACKS : acksMap[acksText.toLowerCase()];
  if (acks === undefined) return { ok: false, message: `acks must be 0, 1, -1 or all (got "${acksText}")` };
  const intProp = (key: string): number | null | string => {
    const v = allProps.get(key);
    if (v === undefined) return null;
    return /^\d+$/.test(v) ? Number(v) : `${key} must be a whole number (got "${v}")`;
  };
  const batchSize = intProp('batch.size');
  if (typeof batchSize === 'string') return { ok: false, message: batchSize };
  if (batchSize === 0)
    return { ok: false, message: 'batch.size=0 (no batching) is not supported; use 1 for one record per batch' };
  const lingerMs = intProp('linger.ms');
  if (typeof lingerMs === 'string') return { ok: false, message: lingerMs };
  const compression = (allProps.get('compression.type') ?? 'none').toLowerCase();
  if (!(COMPRESSIONS as readonly string[]).includes(compression)) {
    return {
      ok: false,
      message: `compression.type=${compression} is not available: kafkajs has ${COMPRESSIONS.join(' and ')} built in`,
    };
  }
  const known = new Set(['bootstrap.servers', 'acks', 'batch.size', 'linger.ms', 'compression.type', 'client.id']);

  return {
    ok: true,
    options: {
      topic,
      numRecords,
      recordSize,
      payloadFile,
      payloadDelimiter: flags.get('--payload-delimiter') ?? '\\n',
      throughput,
      warmupRecords: warmup ?? 0,
      printMetrics: bools.has('--print-metrics'),
      json: bools.has('--json'),
      bootstrapServers: servers
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      clientId: allProps.get('client.id') ?? 'order-desk-bench',
      acks,
      batchSize,
      lingerMs,
      compression: compression as BenchParams['compression'],
      ignoredProps: [...allProps.keys()].filter((k) => !known.has(k)),
    },
  };
}
