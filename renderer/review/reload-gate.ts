// Review reloads its list when orders change. At a busy counter they change many times a second,
// and each reload is a request the service answers from every flagged order of the day (thousands
// on a busy day, tens of milliseconds on its event loop, which Save shares): one reload per
// change filled the window's share of requests, and Review showed "busy" instead of the list. One
// reload at a time; changes that come meanwhile ask for one more after it, started at least
// `gapMs` after the one before, however many they were.
export interface ReloadGate {
  /** Reload soon: now if none ran for `gapMs`, else once after the one running or the gap. */
  request(): void;
  /** No reload after this (the screen closed). */
  stop(): void;
}

export function reloadGate(load: () => Promise<void>, gapMs: number): ReloadGate {
  let running = false;
  let again = false;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastStart = -Infinity;
  const start = () => {
    timer = null;
    if (stopped) return;
    running = true;
    again = false;
    lastStart = Date.now();
    // The screen's load says its own errors; one that throws must not stop the reloads.
    void load()
      .catch((e: unknown) => console.error('Review could not reload its list', e))
      .finally(() => {
        running = false;
        if (again) request();
      });
  };
  const request = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    if (timer !== null) return;
    timer = setTimeout(start, Math.max(0, lastStart + gapMs - Date.now()));
  };
  return {
    request,
    stop() {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
    },
  };
}

/**
 * `f` once calls have stopped for `quietMs`: orders held in another window come in bursts (a
 * rush of duplicates, a policy switched to hold), and each asked for its own reload.
 */
export function quietThen(f: () => void, quietMs: number): ReloadGate {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const clear = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  return {
    request() {
      clear();
      timer = setTimeout(() => {
        timer = null;
        f();
      }, quietMs);
    },
    stop: clear,
  };
}
