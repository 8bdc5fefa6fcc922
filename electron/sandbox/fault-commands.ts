// Fault commands read from the CLI's stdin, one a line, each answered with one line: `ok`
// (possibly followed by details) or `error: <why>`. Parsing is separate from running so both
// can be tested without a process.

export type FaultCommand =
  | { op: 'stop' | 'start' | 'restart'; broker: number }
  | { op: 'latency'; broker: number; ms: number }
  | { op: 'stop-all' | 'start-all' | 'status' | 'help' };

export const FAULT_HELP =
  'commands: stop N | start N | restart N | latency N MS | stop-all | start-all | status | help';

/**
 * What the commands drive: the sandbox cluster, or any other cluster offering the same controls
 * (the Apache Kafka harness in tools/apache-kafka), or a fake in tests.
 */
export interface FaultControls {
  readonly brokerIds: number[];
  startBroker(id: number): Promise<void>;
  stopBroker(id: number): Promise<void>;
  restartBroker(id: number): Promise<void>;
  setLatency(id: number, ms: number): void;
  startAll(): Promise<void>;
  stopAll(): Promise<void>;
  readonly state: {
    controllerId: number;
    brokers: ReadonlyMap<number, { id: number; host: string; port: number; up: boolean }>;
  };
  /** Brings `state` up to date before `status` reads it, for clusters that must ask their nodes. */
  refreshState?(): Promise<void>;
}

export type FaultParse = { ok: true; command: FaultCommand } | { ok: false; error: string };

const WHOLE = /^\d+$/;

export function parseFaultCommand(line: string): FaultParse {
  const words = line
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
  if (words.length === 0) return { ok: false, error: 'empty command; type help' };
  const [op, ...args] = words;
  const arity = (n: number): string | null =>
    args.length === n
      ? null
      : `${op} takes ${n === 0 ? 'no arguments' : n === 1 ? 'a broker id' : 'a broker id and milliseconds'}`;
  switch (op) {
    case 'stop':
    case 'start':
    case 'restart': {
      const bad = arity(1);
      if (bad) return { ok: false, error: bad };
      if (!WHOLE.test(args[0])) return { ok: false, error: `broker id must be a number, got "${args[0]}"` };
      return { ok: true, command: { op, broker: Number(args[0]) } };
    }
    case 'latency': {
      const bad = arity(2);
      if (bad) return { ok: false, error: bad };
      if (!WHOLE.test(args[0])) return { ok: false, error: `broker id must be a number, got "${args[0]}"` };
      if (!WHOLE.test(args[1]) || Number(args[1]) > 600_000)
        return { ok: false, error: `latency must be 0-600000 ms, got "${args[1]}"` };
      return { ok: true, command: { op, broker: Number(args[0]), ms: Number(args[1]) } };
    }
    case 'stop-all':
    case 'start-all':
    case 'status':
    case 'help': {
      const bad = arity(0);
      if (bad) return { ok: false, error: bad };
      return { ok: true, command: { op } };
    }
    default:
      return { ok: false, error: `unknown command "${op}"; ${FAULT_HELP}` };
  }
}

function describeStatus(target: FaultControls, latencies: ReadonlyMap<number, number>): string {
  const brokers = [...target.state.brokers.values()]
    .sort((a, b) => a.id - b.id)
    .map(
      (b) =>
        `${b.id}=${b.up ? 'up' : 'down'}@${b.host}:${b.port}${latencies.get(b.id) ? `+${latencies.get(b.id)}ms` : ''}`,
    );
  return `controller=${target.state.controllerId} brokers ${brokers.join(' ')}`;
}

/** Runs one command line; never throws. `latencies` remembers what `latency` set, for `status`. */
export async function runFaultCommand(
  target: FaultControls,
  line: string,
  latencies: Map<number, number> = new Map(),
): Promise<string> {
  const parsed = parseFaultCommand(line);
  if (!parsed.ok) return `error: ${parsed.error}`;
  const c = parsed.command;
  try {
    if ('broker' in c && !target.brokerIds.includes(c.broker)) {
      return `error: no broker ${c.broker} (brokers are ${target.brokerIds.join(', ')})`;
    }
    switch (c.op) {
      case 'stop':
        await target.stopBroker(c.broker);
        return 'ok';
      case 'start':
        await target.startBroker(c.broker);
        return 'ok';
      case 'restart':
        await target.restartBroker(c.broker);
        return 'ok';
      case 'latency':
        target.setLatency(c.broker, c.ms);
        latencies.set(c.broker, c.ms);
        return 'ok';
      case 'stop-all':
        await target.stopAll();
        return 'ok';
      case 'start-all':
        await target.startAll();
        return 'ok';
      case 'status':
        await target.refreshState?.();
        return `ok ${describeStatus(target, latencies)}`;
      case 'help':
        return `ok ${FAULT_HELP}`;
    }
  } catch (err) {
    return `error: ${(err as Error).message}`;
  }
}
