// A form's request that must not be sent again while its answer is awaited: a second Enter would
// check a supervisor PIN twice, and one wrong PIN would count twice towards the lock. The ref
// refuses at once; `busy` is for the screen (the submit button disabled meanwhile).
import { useCallback, useRef, useState } from 'react';

export function useOneAtATime(): [busy: boolean, run: (work: () => Promise<void>) => Promise<void>] {
  const running = useRef(false);
  const [busy, setBusy] = useState(false);
  const run = useCallback(async (work: () => Promise<void>) => {
    if (running.current) return;
    running.current = true;
    setBusy(true);
    try {
      await work();
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);
  return [busy, run];
}
