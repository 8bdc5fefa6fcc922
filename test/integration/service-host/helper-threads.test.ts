// Browser mode's two processes run the runtime's helper threads (V8's compiler and collector
// workers) below their event loops, as an operator sees with `ps -L -o tid,ni`: the main thread
// of the relay and of the service process at nice 0, the helpers at 19, and each process's log
// says how many it lowered (electron/host-link/helper-threads.ts).
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { HELPER_THREAD_NICE } from '../../../electron/host-link/helper-threads';
import { startBrowserMode, stopAll } from './browser-mode-process';

afterEach(() => stopAll());

/** Each thread's nice value, from /proc (the 19th field of stat, counted after the name's closing parenthesis). */
function threadNices(pid: number): Map<number, number> {
  const out = new Map<number, number>();
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      out.set(Number(tid), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
    } catch {
      // A thread that ended while being read.
    }
  }
  return out;
}

const onLinux =
  process.platform === 'linux' ||
  (console.log(`skipping the helper-thread priority test: ${process.platform} has no /proc and no per-thread nice`),
  false);

describe.skipIf(!onLinux)('helper threads', () => {
  it('run at nice 19 in the relay and the service process, their main threads at 0, and the logs say so', async () => {
    const app = await startBrowserMode();
    const host = await app.waitForHostPid(1);
    // The relay's count: the first such line is the relay's (the service process logs its own once it starts).
    const counts = app.stderr.flatMap((l) => /helper threads at nice 19: (\d+)/.exec(l)?.[1] ?? []).map(Number);
    expect(counts).toHaveLength(2);
    for (const [pid, logged] of [
      [app.relay.pid!, counts[0]],
      [host, counts[1]],
    ]) {
      const nices = threadNices(pid);
      expect(nices.get(pid), `main thread of ${pid}`).toBe(0);
      const lowered = [...nices].filter(([tid, nice]) => tid !== pid && nice === HELPER_THREAD_NICE);
      // V8's platform workers at least (four by default).
      expect(lowered.length, `threads of ${pid} at nice ${HELPER_THREAD_NICE}`).toBeGreaterThanOrEqual(1);
      expect(lowered.length, `threads of ${pid} lowered, as its log says`).toBe(logged);
    }
    // And the app answers as always.
    const { api } = app.client();
    const state = await api.connection.state();
    expect(state.ok).toBe(true);
  });
});
