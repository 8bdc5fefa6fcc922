// What the benchmarks read from a running browser mode: the event-loop delay of the process
// that owns the page's connection (it stands in for Electron's main), CPU time per process,
// messages carried and SQL statements run. It listens only on an IPC channel from the process
// that started this one (a benchmark forks it with one) and answers only its own message type;
// tsx's wrapper also opens a channel, for its signal relay, whose messages are ignored here.
// Its event-loop delay is measured in windows (LoopDelayWindows): a 'quiet' one runs without
// the monitor, so an idle phase measures what the app costs on its own.
import type { IntervalHistogram } from 'node:perf_hooks';
import { LoopDelayWindows, ownLoad, startLoopMonitor, type ProcessLoad } from '../host-link/process-load';

export type { LoopDelay, ProcessLoad } from '../host-link/process-load';

export const STATS_MESSAGE = 'order-desk-stats';

export interface AppStats {
  processes: ProcessLoad[];
  /** Cumulative message counts by hop, e.g. wsIn / wsOut (page ↔ relay). */
  messages: Record<string, number>;
  sqlStatements: number;
}

/**
 * read: the figures since the window began. reset: a new window, with the event-loop delay
 * monitors running in both processes. quiet: a new window with them stopped (loopDelayMs null).
 */
export type StatsOp = 'read' | 'reset' | 'quiet';
export type StatsRequest = { type: typeof STATS_MESSAGE; id: number; op: StatsOp };
export type StatsReply = { type: typeof STATS_MESSAGE; id: number; stats: AppStats };

export interface StatsSource {
  /** Everything except this process's own load. */
  collect(): Promise<Omit<AppStats, 'processes'> & { processes: ProcessLoad[] }>;
  /** Start a new measuring window (other processes' histograms too; quiet: their monitors stopped). */
  reset(quiet: boolean): Promise<void>;
}

/** The process's IPC channel, as this port uses it (tests give their own). */
export interface StatsChannel {
  send?: (message: StatsReply) => unknown;
  on(event: 'message', listener: (m: unknown) => void): unknown;
  unref?(): void;
}

const processChannel = (): StatsChannel => ({
  send: process.send?.bind(process),
  on: (event, listener) => process.on(event, listener),
  unref: () => process.channel?.unref(),
});

/** Answers stats requests on this process's IPC channel, when it has one. */
export function attachStatsPort(
  source: StatsSource,
  channel: StatsChannel = processChannel(),
  startMonitor: () => IntervalHistogram = startLoopMonitor,
): void {
  const send = channel.send;
  if (!send) return;
  const loop = new LoopDelayWindows(startMonitor);
  channel.on('message', (m: unknown) => {
    const req = m as Partial<StatsRequest> | null;
    if (!req || req.type !== STATS_MESSAGE || typeof req.id !== 'number') return;
    const id = req.id;
    void (async () => {
      if (req.op === 'reset' || req.op === 'quiet') {
        loop.begin(req.op === 'quiet');
        await source.reset(req.op === 'quiet');
      }
      const rest = await source.collect();
      const own = ownLoad('relay', loop.delay());
      send({ type: STATS_MESSAGE, id, stats: { ...rest, processes: [own, ...rest.processes] } });
    })();
  });
  // The channel must not keep this process alive: it ends on SIGINT/SIGTERM as always.
  channel.unref?.();
}
