// kafka-producer-perf-test's ThroughputThrottler semantics (apache/kafka tools), re-expressed
// for an event loop: the sender asks shouldThrottle() before each record (average rate since
// start above the target?) and, when so, throttle() adds one record's worth of sleep to a
// deficit and sleeps once the deficit reaches 2 ms. Oversleeping is not repaid explicitly:
// shouldThrottle() is false until the average falls back to the target, so the rate converges.
// A negative target means unthrottled; fractional targets (0.5 records/s) are allowed.
// Target 0 would block until woken, as in perf-test; the parameter check refuses it earlier.

const NS_PER_MS = 1_000_000;
const NS_PER_SEC = 1000 * NS_PER_MS;
const MIN_SLEEP_NS = 2 * NS_PER_MS;

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const realSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

export class ThroughputThrottler {
  private readonly sleepTimeNs: number;
  private sleepDeficitNs = 0;

  constructor(
    /** Records (or bytes) per second; < 0 = unthrottled. */
    readonly targetThroughput: number,
    /** When the first record was sent, in ms on the same clock as sendStartMs. */
    readonly startMs: number,
    private readonly sleep: Sleep = realSleep,
    private readonly nowNs: () => number = () => Number(process.hrtime.bigint()),
  ) {
    this.sleepTimeNs = targetThroughput > 0 ? NS_PER_SEC / targetThroughput : Number.POSITIVE_INFINITY;
  }

  /** amountSoFar: records (or bytes) sent so far; sendStartMs: when the latest one was sent. */
  shouldThrottle(amountSoFar: number, sendStartMs: number): boolean {
    if (this.targetThroughput < 0) return false;
    const elapsedSec = (sendStartMs - this.startMs) / 1000;
    return elapsedSec > 0 && amountSoFar / elapsedSec > this.targetThroughput;
  }

  /** Sleeps, now and then, so that on average 1/target seconds pass per record. Abort wakes it. */
  async throttle(signal?: AbortSignal): Promise<void> {
    if (this.targetThroughput === 0) {
      await new Promise<void>((resolve) => {
        if (!signal || signal.aborted) return resolve();
        signal.addEventListener('abort', () => resolve(), { once: true });
      });
      return;
    }
    this.sleepDeficitNs += this.sleepTimeNs;
    if (this.sleepDeficitNs < MIN_SLEEP_NS) return;
    const started = this.nowNs();
    let remaining = this.sleepDeficitNs;
    while (remaining > 0 && !signal?.aborted) {
      await this.sleep(Math.max(1, Math.floor(remaining / NS_PER_MS)), signal);
      remaining = this.sleepDeficitNs - (this.nowNs() - started);
    }
    if (signal?.aborted) {
      // Woken early: keep the part of the deficit that was not slept, as perf-test does.
      const slept = this.nowNs() - started;
      if (slept <= this.sleepDeficitNs) this.sleepDeficitNs -= slept;
      return;
    }
    this.sleepDeficitNs = 0;
  }
}
