// How loaded a process is, as the benchmarks read it: event-loop delay (how long a ready
// callback waited, e.g. a click's IPC message), CPU time, the loop's busy time, and its main
// thread's time on a core and waiting for one. The relay measures itself and asks the service
// host for the same figures over the link.
import { readFileSync } from 'node:fs';
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
  /** The main thread's time on a core and waiting for one, since it started; null off Linux. */
  mainThread: MainThreadTime | null;
}

/**
 * What the kernel's scheduler counted for one thread (ms): running on a core (user and system
 * time), and runnable but waiting for a core. A busy loop that is neither was blocked in a system
 * call (an fsync, a write to a full pipe): the loop's busy time alone cannot tell the three apart.
 */
export interface MainThreadTime {
  onCpuMs: number;
  waitingMs: number;
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

/**
 * A process's event-loop delay, measured in windows: the monitor starts with the first window
 * that asks for it, and a quiet window stops it. Its 5 ms timer costs CPU of its own (9–27 ms a
 * second on this project's 2-core VM, about as much as the idle app), so a window that measures
 * what the app costs when idle runs without it.
 */
export class LoopDelayWindows {
  private histogram: IntervalHistogram | null = null;
  private measuring = false;

  constructor(private readonly startMonitor: () => IntervalHistogram = startLoopMonitor) {}

  begin(quiet: boolean): void {
    this.measuring = !quiet;
    if (this.measuring) {
      this.histogram ??= this.startMonitor();
      this.histogram.enable();
      this.histogram.reset();
    } else this.histogram?.disable();
  }

  /** Since the window began; null in a quiet window and before the first one. */
  delay(): LoopDelay | null {
    return this.measuring && this.histogram ? loopDelayOf(this.histogram) : null;
  }
}

export function loopBusyMs(): number {
  return performance.eventLoopUtilization().active;
}

/** Reads /proc/<pid>/task/<tid>/schedstat: "<ns on a core> <ns waiting for one> <timeslices>". */
export function parseSchedstat(text: string): MainThreadTime | null {
  const [run, wait] = text.trim().split(/\s+/).map(Number);
  return Number.isFinite(run) && Number.isFinite(wait) ? { onCpuMs: run / 1e6, waitingMs: wait / 1e6 } : null;
}

/** The calling process's main thread (its tid is the pid); null where /proc has no schedstat. */
export function mainThreadTime(): MainThreadTime | null {
  try {
    return parseSchedstat(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8'));
  } catch {
    return null;
  }
}

export function ownLoad(role: ProcessLoad['role'], loopDelay: LoopDelay | null): ProcessLoad {
  const cpu = process.cpuUsage();
  return {
    role,
    pid: process.pid,
    cpuUserUs: cpu.user,
    cpuSystemUs: cpu.system,
    loopDelayMs: loopDelay,
    loopBusyMs: loopBusyMs(),
    mainThread: mainThreadTime(),
  };
}
