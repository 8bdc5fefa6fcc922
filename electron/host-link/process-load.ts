// How loaded a process is, as the benchmarks read it: event-loop delay (how long a ready
// callback waited, e.g. a click's IPC message) and CPU time. The relay measures itself and
// asks the service host for the same figures over the link.
import { monitorEventLoopDelay, performance, type IntervalHistogram } from 'node:perf_hooks';

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
  /**
   * How long the main thread's event loop has been busy since the process started (ms):
   * running JavaScript or blocked in a synchronous call such as SQLite's fsync. The process's
   * CPU time also counts its other threads; this is what a message waiting for the loop sees.
   */
  loopBusyMs: number;
}

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

export function loopBusyMs(): number {
  return performance.eventLoopUtilization().active;
}

export function ownLoad(role: ProcessLoad['role'], h: IntervalHistogram | null): ProcessLoad {
  const cpu = process.cpuUsage();
  return {
    role,
    pid: process.pid,
    cpuUserUs: cpu.user,
    cpuSystemUs: cpu.system,
    loopDelayMs: h ? loopDelayOf(h) : null,
    loopBusyMs: loopBusyMs(),
  };
}
