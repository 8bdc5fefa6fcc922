// Capped exponential backoff: 250 ms, 500 ms, 1 s, ... up to 10 s between automatic attempts.
export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 250, maxMs: 10_000 };

/** Delay before the next attempt after `failures` consecutive failures (1 = the first). */
export function backoffDelay(failures: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  if (failures <= 0) return 0;
  // 2^30 already exceeds any sensible cap; keeps the arithmetic finite.
  return Math.min(policy.maxMs, policy.initialMs * 2 ** Math.min(failures - 1, 30));
}
