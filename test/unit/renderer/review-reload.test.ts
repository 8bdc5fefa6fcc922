// Review's list follows orders as they change, without a request per change: at a busy counter
// one reload per change filled the window's share of requests (Review then said "busy"), each
// one answered from every flagged order of the day on the service's event loop.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { quietThen, reloadGate } from '../../../renderer/review/reload-gate';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** A load the service answers after `ms`, recording when each began and how many ran at once. */
function slowLoad(ms: number) {
  const starts: number[] = [];
  let running = 0;
  let most = 0;
  const load = async () => {
    starts.push(Date.now());
    most = Math.max(most, ++running);
    await new Promise((r) => setTimeout(r, ms));
    running--;
  };
  return { load, starts, most: () => most };
}

describe("Review's reloads as orders change", () => {
  it('2,000 changes over 2 s (1,000 orders a second) bring 3 reloads, never two at once, a second apart, the last after the last change', async () => {
    const t0 = Date.now();
    const s = slowLoad(300);
    const gate = reloadGate(s.load, 1_000);
    for (let i = 0; i < 2_000; i++) {
      gate.request();
      await vi.advanceTimersByTimeAsync(1);
    }
    await vi.advanceTimersByTimeAsync(5_000);
    expect(s.starts.map((t) => t - t0)).toEqual([0, 1_000, 2_000]);
    expect(s.most()).toBe(1);
  });

  it('a change after a quiet second reloads at once; none after the screen closed', async () => {
    const t0 = Date.now();
    const s = slowLoad(50);
    const gate = reloadGate(s.load, 1_000);
    gate.request();
    await vi.advanceTimersByTimeAsync(3_000);
    gate.request();
    await vi.advanceTimersByTimeAsync(10);
    expect(s.starts.map((t) => t - t0)).toEqual([0, 3_000]);
    gate.request();
    gate.stop();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(s.starts).toHaveLength(2);
  });

  it('a load that fails does not stop the reloads', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    let calls = 0;
    const gate = reloadGate(async () => {
      calls++;
      if (calls === 1) throw new Error('request.busy');
    }, 100);
    gate.request();
    await vi.advanceTimersByTimeAsync(1);
    gate.request();
    await vi.advanceTimersByTimeAsync(200);
    expect(calls).toBe(2);
    expect(logged).toHaveBeenCalledTimes(1);
    logged.mockRestore();
  });
});

describe("Review's reload when an order is held in another window", () => {
  it('a burst of holds (20, 50 ms apart) is one reload, 150 ms after the last; none after the screen closed', async () => {
    const t0 = Date.now();
    const s = slowLoad(50);
    const gate = reloadGate(s.load, 1_000);
    const held = quietThen(gate.request, 150);
    for (let i = 0; i < 20; i++) {
      held.request();
      await vi.advanceTimersByTimeAsync(50);
    }
    await vi.advanceTimersByTimeAsync(5_000);
    expect(s.starts).toHaveLength(1);
    // 150 ms after the last hold (the gate's own timer adds its millisecond).
    expect(s.starts[0] - t0 - 19 * 50).toBeGreaterThanOrEqual(150);
    expect(s.starts[0] - t0 - 19 * 50).toBeLessThan(160);
    held.request();
    held.stop();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(s.starts).toHaveLength(1);
  });
});
