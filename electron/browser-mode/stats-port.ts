// What the benchmarks read from a running browser mode: the event-loop delay of the process
// that owns the page's connection (it stands in for Electron's main), CPU time per process,
// messages carried and SQL statements run. It listens only on an IPC channel from the process
// that started this one (a benchmark forks it with one) and answers only its own message type;
// tsx's wrapper also opens a channel, for its signal relay, whose messages are ignored here.
import { ownLoad, startLoopMonitor, type ProcessLoad } from '../host-link/process-load';

export type { LoopDelay, ProcessLoad } from '../host-link/process-load';

export const STATS_MESSAGE = 'order-desk-stats';

export interface AppStats {
  processes: ProcessLoad[];
  /** Cumulative message counts by hop, e.g. wsIn / wsOut (page ↔ relay). */
  messages: Record<string, number>;
  sqlStatements: number;
}

export type StatsRequest = { type: typeof STATS_MESSAGE; id: number; op: 'read' | 'reset' };
export type StatsReply = { type: typeof STATS_MESSAGE; id: number; stats: AppStats };

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
