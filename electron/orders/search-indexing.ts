// Keeps the Orders screen's search indexes filled (outbox schema 13): Save leaves them alone, and
// every 100 ms the orders saved since go in as one batch (OutboxStore.indexForSearch), at once
// again while a backlog is left. Until then the search looks at those orders directly, so an order
// is found the moment it is saved either way.
import { SEARCH_INDEX_BATCH, type OutboxStore } from './outbox-store';

const DEFAULT_INTERVAL_MS = 100;

export interface SearchIndexingOptions {
  outbox: OutboxStore;
  intervalMs?: number;
  log?: (message: string) => void;
}

export interface SearchIndexing {
  stop(): void;
}

export function startSearchIndexing(opts: SearchIndexingOptions): SearchIndexing {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let lastError = '';
  const tick = () => {
    timer = null;
    if (stopped) return;
    let more = false;
    try {
      // One batch per turn of the event loop: a backlog's catch-up never holds the submits for long.
      more = opts.outbox.indexForSearch() === SEARCH_INDEX_BATCH;
      lastError = '';
    } catch (e) {
      // A closing database, or a full disk: the orders are safe, only the index waits. Said once.
      const message = e instanceof Error ? e.message : String(e);
      if (message !== lastError) opts.log?.(`search index: ${message}`);
      lastError = message;
    }
    timer = more ? setTimeout(tick, 0) : setTimeout(tick, opts.intervalMs ?? DEFAULT_INTERVAL_MS);
    timer.unref?.();
  };
  tick();
  return {
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
