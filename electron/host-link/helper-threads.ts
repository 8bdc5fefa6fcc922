// The runtime's helper threads at a lower priority than the event loops, in browser mode's two
// Node processes (the relay and the service process) on Linux.
//
// Why: Node starts V8's worker threads (the optimizing compiler, the collector's parallel and
// concurrent work) at the same priority as the event loop. When a terminal's first orders come
// fast, V8 optimizes hundreds of functions at once: at 1,000 orders/s the service process's
// helpers took 24–44% of a core beside its main thread in the first second (about 100
// optimizations every 500 ms for 3 s), on a 2-core machine whose event loops (client, relay,
// service process, cluster) were then waiting for a core as long as they ran, and most of a
// run's slow "Saved" answers came in those seconds. An event loop that waits holds an order; a
// compile that waits only makes the code fast a little later (README, the tenth look).
//
// Which threads: the ones that exist when the process's entry calls this, before the app starts
// anything of its own: V8's platform workers and the module loader's thread. Threads the app
// starts later (the Diagnostics benchmark's worker, libuv's pool on first use) are started by the
// main thread and keep its priority.
//
// Not in Electron: there these threads are Chromium's (its IO thread carries the messages
// between main and the utility process), and Chromium sets their priorities itself.
import fs from 'node:fs';
import os from 'node:os';

/** Linux's lowest priority: beside a runnable event loop, a helper gets about 1/70 of the core. */
export const HELPER_THREAD_NICE = 19;

export interface ThreadEnv {
  platform: NodeJS.Platform;
  /** Set inside Electron (main and utility processes alike). */
  electron: string | undefined;
  /** The process id, which on Linux is also the main thread's id. */
  pid: number;
  /** Ids of this process's threads now (/proc/self/task). */
  threadIds(): number[];
  /** setpriority(PRIO_PROCESS, tid): on Linux, given a thread id, it sets that thread's nice value. */
  setPriority(tid: number, nice: number): void;
}

const nodeEnv = (): ThreadEnv => ({
  platform: process.platform,
  electron: process.versions.electron,
  pid: process.pid,
  threadIds: () => fs.readdirSync('/proc/self/task').map(Number),
  setPriority: (tid, nice) => os.setPriority(tid, nice),
});

export type HelperThreadsResult = { lowered: number } | { skipped: string };

/** Lowers every thread of this process but the main one to HELPER_THREAD_NICE. Never throws. */
export function lowerHelperThreads(env: ThreadEnv = nodeEnv()): HelperThreadsResult {
  if (env.electron !== undefined) return { skipped: 'Electron: Chromium sets its threads’ priorities' };
  if (env.platform !== 'linux') return { skipped: `${env.platform}: a thread’s priority is set only on Linux here` };
  let tids: number[];
  try {
    tids = env.threadIds();
  } catch (e) {
    return { skipped: `the threads could not be listed: ${(e as Error).message}` };
  }
  let lowered = 0;
  for (const tid of tids) {
    if (tid === env.pid) continue;
    try {
      env.setPriority(tid, HELPER_THREAD_NICE);
      lowered++;
    } catch {
      // A thread that ended since it was listed (ESRCH): nothing to lower.
    }
  }
  return { lowered };
}

/** The line the process's log gets: how many threads were lowered, or why none were. */
export function describeHelperThreads(result: HelperThreadsResult): string {
  return 'lowered' in result
    ? `helper threads at nice ${HELPER_THREAD_NICE}: ${result.lowered}`
    : `helper threads left at their priority (${result.skipped})`;
}
