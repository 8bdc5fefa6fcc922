// Browser mode's stats port (what the benchmarks read): no event-loop delay monitor runs until a
// benchmark opens a window that wants one, and a quiet window stops it, so the monitor's own 5 ms
// timer is not counted as the idle app's cost.
import type { IntervalHistogram } from 'node:perf_hooks';
import { describe, expect, it, vi } from 'vitest';
import {
  attachStatsPort,
  STATS_MESSAGE,
  type StatsChannel,
  type StatsOp,
  type StatsReply,
} from '../../../electron/browser-mode/stats-port';
import { startLoopMonitor } from '../../../electron/host-link/process-load';

function harness() {
  const replies: StatsReply[] = [];
  let deliver: (m: unknown) => void = () => {};
  const channel: StatsChannel = {
    send: (m) => replies.push(m),
    on: (_event, listener) => void (deliver = listener),
  };
  const monitors: IntervalHistogram[] = [];
  const resets: boolean[] = [];
  attachStatsPort(
    {
      collect: async () => ({ processes: [], messages: { wsIn: 1 }, sqlStatements: 0 }),
      reset: async (quiet) => void resets.push(quiet),
    },
    channel,
    () => {
      const h = startLoopMonitor();
      monitors.push(h);
      return h;
    },
  );
  let id = 0;
  const ask = async (op: StatsOp) => {
    const mine = ++id;
    deliver({ type: STATS_MESSAGE, id: mine, op });
    // Waited for, not slept on: a fixed 20 ms was too short on a loaded machine (the unit run failed).
    const reply = await vi.waitFor(
      () => {
        const r = replies.find((x) => x.id === mine);
        if (!r) throw new Error(`no reply to ${op}`);
        return r;
      },
      { timeout: 5_000, interval: 5 },
    );
    return reply.stats.processes[0];
  };
  return { ask, monitors, resets, deliver, replies };
}

describe('the stats port', () => {
  it('starts no monitor until a window asks for one, and a quiet window stops it', async () => {
    const h = harness();
    try {
      expect((await h.ask('read')).loopDelayMs).toBeNull();
      expect(h.monitors).toHaveLength(0);
      await h.ask('reset');
      expect(h.monitors).toHaveLength(1);
      // The monitor samples every few milliseconds: read until it has, as a benchmark's window would.
      await vi.waitFor(
        async () => {
          const measured = await h.ask('read');
          expect(measured.role).toBe('relay');
          expect(measured.loopDelayMs?.samples).toBeGreaterThan(0);
        },
        { timeout: 5_000, interval: 20 },
      );
      const quiet = await h.ask('quiet');
      expect(quiet.loopDelayMs).toBeNull();
      expect((await h.ask('read')).loopDelayMs).toBeNull();
      // The same monitor again for the next window, not a second one.
      await h.ask('reset');
      expect(h.monitors).toHaveLength(1);
      // The other processes were told which kind of window began.
      expect(h.resets).toEqual([false, true, false]);
    } finally {
      for (const m of h.monitors) m.disable();
    }
  });

  it('ignores messages that are not its own and answers nothing to them', async () => {
    const h = harness();
    h.deliver({ type: 'tsx-signal', id: 1, op: 'reset' });
    h.deliver(null);
    h.deliver({ type: STATS_MESSAGE, id: 'x', op: 'reset' });
    await new Promise((r) => setTimeout(r, 20));
    expect(h.replies).toEqual([]);
    expect(h.monitors).toHaveLength(0);
  });
});
