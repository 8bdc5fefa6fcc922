import { describe, expect, it } from 'vitest';
import { ThroughputThrottler } from '../../../electron/bench/throughput-throttler';

// Sub-millisecond clock, as the runner gives the throttler (see bench-runner.ts).
const nowMs = () => performance.now();

/** Sends as fast as a no-op "send" allows, throttled, for `durationMs`; returns records/s achieved. */
async function measure(target: number, durationMs: number): Promise<{ rate: number; sent: number }> {
  const start = nowMs();
  const throttler = new ThroughputThrottler(target, start);
  let sent = 0;
  let sink = 0;
  const fakeSend = (i: number) => {
    sink += i; // stands in for handing a record to the producer
  };
  for (;;) {
    const sendStart = nowMs();
    if (sendStart - start >= durationMs) break;
    fakeSend(sent);
    sent++;
    if (throttler.shouldThrottle(sent, sendStart)) await throttler.throttle();
  }
  expect(sink).toBeGreaterThanOrEqual(0);
  const elapsed = nowMs() - start;
  return { rate: (sent * 1000) / elapsed, sent };
}

describe('ThroughputThrottler (perf-test semantics)', () => {
  it('holds 10,000 records/s within ±2% over 5 s', async () => {
    const { rate } = await measure(10_000, 5000);
    console.log(`throttled fake send: ${rate.toFixed(1)} records/s (target 10000)`);
    expect(rate).toBeGreaterThanOrEqual(9800);
    expect(rate).toBeLessThanOrEqual(10_200);
  }, 15_000);

  it('allows fractional rates: 2.5 records/s sends about 5 records in 2 s', async () => {
    const { sent } = await measure(2.5, 2000);
    expect(sent).toBeGreaterThanOrEqual(5);
    expect(sent).toBeLessThanOrEqual(6);
  }, 10_000);

  it('never throttles with -1 (unthrottled)', () => {
    const t = new ThroughputThrottler(-1, 0);
    expect(t.shouldThrottle(1_000_000_000, 1)).toBe(false);
  });

  it('throttles only once the average since start exceeds the target', () => {
    const t = new ThroughputThrottler(100, 0);
    expect(t.shouldThrottle(5, 0)).toBe(false); // no time has passed: perf-test does not throttle
    expect(t.shouldThrottle(100, 1000)).toBe(false); // exactly on target
    expect(t.shouldThrottle(101, 1000)).toBe(true);
  });

  it('a target of 0 blocks until cancelled, as perf-test does until woken', async () => {
    const t = new ThroughputThrottler(0, 0);
    const abort = new AbortController();
    let done = false;
    const p = t.throttle(abort.signal).then(() => (done = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(done).toBe(false);
    abort.abort();
    await p;
    expect(done).toBe(true);
  });

  it('sleeps in steps of at least 2 ms of accumulated deficit (1,000 records/s: every 2nd record)', async () => {
    const slept: number[] = [];
    let clock = 0;
    const t = new ThroughputThrottler(
      1000,
      0,
      async (ms) => {
        slept.push(ms);
        clock += ms * 1_000_000;
      },
      () => clock,
    );
    for (let i = 0; i < 6; i++) await t.throttle();
    expect(slept).toEqual([2, 2, 2]);
  });
});
