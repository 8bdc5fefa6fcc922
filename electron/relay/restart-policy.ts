// When the service process dies: restart at once; if it keeps dying soon after starting, wait
// longer each time; after too many quick deaths in a row, give up and say so (a process that
// dies at start every time, e.g. on an outbox written by a newer app, will not heal itself).
export interface RestartPolicy {
  /** A run shorter than this (or one that never became ready) is a quick death. */
  quickRunMs: number;
  /** Delay before the restart after the 1st, 2nd, 3rd… death in a row; the last one repeats. */
  delaysMs: readonly number[];
  /** Give up at this many quick deaths in a row. */
  maxQuickDeaths: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  quickRunMs: 30_000,
  delaysMs: [0, 1_000, 3_000, 8_000],
  maxQuickDeaths: 5,
};

export type RestartDecision = { giveUp: true } | { giveUp: false; delayMs: number };

/** `deathsInARow` counts this death; a death after a long run starts a new series at 1. */
export function restartDecision(policy: RestartPolicy, deathsInARow: number): RestartDecision {
  if (deathsInARow >= policy.maxQuickDeaths) return { giveUp: true };
  const i = Math.min(Math.max(deathsInARow, 1), policy.delaysMs.length) - 1;
  return { giveUp: false, delayMs: policy.delaysMs[i] };
}
