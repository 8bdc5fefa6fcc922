// Deletes delivered orders older than the retention setting (Settings → history, default 400
// days) from the outbox's history: once when the services start, then every hour, and at once
// when the setting changes. Waiting orders are never deleted, however old.
import type { OutboxStore } from './outbox-store';

const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_INTERVAL_MS = 60 * 60 * 1000;

export interface HistoryRetentionOptions {
  outbox: OutboxStore;
  retentionDays(): number;
  intervalMs?: number;
  now?: () => number;
  log?: (message: string) => void;
}

export interface HistoryRetention {
  /** Prunes now; returns how many delivered orders were deleted. */
  runNow(): number;
  stop(): void;
}

export function startHistoryRetention(opts: HistoryRetentionOptions): HistoryRetention {
  const now = opts.now ?? Date.now;
  const runNow = (): number => {
    const days = opts.retentionDays();
    const deleted = opts.outbox.pruneHistory(now() - days * DAY_MS);
    if (deleted > 0) opts.log?.(`history: deleted ${deleted} delivered order(s) older than ${days} days`);
    return deleted;
  };
  const safeRun = () => {
    try {
      runNow();
    } catch (e) {
      // A busy or closing database: the next round tries again; orders are never at stake here.
      opts.log?.(`history retention failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  safeRun();
  const timer = setInterval(safeRun, opts.intervalMs ?? DEFAULT_INTERVAL_MS);
  timer.unref?.();
  return { runNow, stop: () => clearInterval(timer) };
}
