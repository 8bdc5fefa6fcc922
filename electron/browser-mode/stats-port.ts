// What the benchmarks read from a running browser mode: the event-loop delay of the process
// that owns the page's connection (it stands in for Electron's main), CPU time per process,
// messages carried and SQL statements run. Only a process started with an IPC channel (a
// benchmark forks it) answers; `npm start` and the tests never open one, so nothing listens.
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

export const STATS_MESSAGE = 'order-desk-stats';

export interface LoopDelay {
  p50: number;
  p99: number;
  max: number;
  mean: number;
  samples: number;
}

export interface ProcessLoad {
  /** relay: the process that owns the connection to the page; host: the services. */
  role: 'relay' | 'host';
  pid: number;
  cpuUserUs: number;
  cpuSystemUs: number;
  /** Since the last reset; null when not measured. */
  loopDelayMs: LoopDelay | null;
}

export interface AppStats {
  processes: ProcessLoad[];
  /** Cumulative message counts by hop, e.g. wsIn / wsOut (page ↔ relay). */
  messages: Record<string, number>;
  sqlStatements: number;
}

export type StatsRequest = { type: typeof STATS_MESSAGE; id: number; op: 'read' | 'reset' };
export type StatsReply = { type: typeof STATS_MESSAGE; id: number; stats: AppStats };

/**
 * Sampling period of the event-loop delay histogram: fine enough to see a 16 ms frame missed,
 * coarse enough not to cost CPU itself (200 wake-ups a second).
 */
const LOOP_RESOLUTION_MS = 5;

/** The histogram holds whole sampling intervals; the delay is what a callback waited beyond one. */
export function loopDelayOf(h: IntervalHistogram): LoopDelay {
  const ms = (ns: number) => Math.max(0, Math.round((ns - LOOP_RESOLUTION_MS * 1e6) / 1e4) / 100);
  return { p50: ms(h.percentile(50)), p99: ms(h.percentile(99)), max: ms(h.max), mean: ms(h.mean), samples: h.count };
}

export function startLoopMonitor(): IntervalHistogram {
  const h = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  h.enable();
  return h;
}

export function ownLoad(role: ProcessLoad['role'], h: IntervalHistogram | null): ProcessLoad {
  const cpu = process.cpuUsage();
  return { role, pid: process.pid, cpuUserUs: cpu.user, cpuSystemUs: cpu.system, loopDelayMs: h ? loopDelayOf(h) : null };
}

export interface StatsSource {
  /** Everything except this process's own load. */
  collect(): Promise<Omit<AppStats, 'processes'> & { processes: ProcessLoad[] }>;
  /** Start a new measuring window (other processes' histograms too). */
  reset(): Promise<void>;
}

/** Answers stats requests on this process's IPC channel, when it has one. */
export function attachStatsPort(source: StatsSource): void {
  const send = process.send?.bind(process);
  if (!send) return;
  const loop = startLoopMonitor();
  process.on('message', (m: unknown) => {
    const req = m as Partial<StatsRequest> | null;
    if (!req || req.type !== STATS_MESSAGE || typeof req.id !== 'number') return;
    const id = req.id;
    void (async () => {
      if (req.op === 'reset') {
        loop.reset();
        await source.reset();
      }
      const rest = await source.collect();
      const stats: AppStats = { ...rest, processes: [ownLoad('relay', loop), ...rest.processes] };
      send({ type: STATS_MESSAGE, id, stats } satisfies StatsReply);
    })();
  });
  // The channel must not keep this process alive: it ends on SIGINT/SIGTERM as always.
  process.channel?.unref();
}
