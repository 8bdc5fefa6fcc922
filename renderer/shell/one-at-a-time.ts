// A request that must not be sent again while its answer is awaited: a second Enter would check a
// supervisor PIN twice, and one wrong PIN would count twice towards the lock. The ref refuses at
// once; `busy` is for the screen (the buttons that send it disabled meanwhile). Used by every
// screen that disables its buttons while it waits.
//
// A button disabled while it has the focus loses it to the page (Chromium), so a clerk who pressed
// it from the keyboard would find the next Tab starting from the top of the screen. Once the
// answer is in and the button enabled again, the focus goes back to what had it, unless the clerk
// has put it somewhere else meanwhile or that element is gone (a form that closed).
//
// Better still, the button the clerk pressed is not disabled at all (busyButton): marked
// aria-disabled, it keeps the focus throughout, a screen reader says it is unavailable rather than
// nothing, and a second press is refused here as the first one's answer is awaited.
import { useCallback, useEffect, useRef, useState } from 'react';
import { focusBack, focusedNow } from './screen-focus';

export function useOneAtATime(): [busy: boolean, run: (work: () => Promise<void>) => Promise<void>] {
  const running = useRef(false);
  const [busy, setBusy] = useState(false);
  const focusedBefore = useRef<HTMLElement | null>(null);
  const run = useCallback(async (work: () => Promise<void>) => {
    if (running.current) return;
    running.current = true;
    focusedBefore.current = focusedNow();
    setBusy(true);
    try {
      await work();
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);
  // After the render that enabled the buttons again: a disabled one cannot take the focus.
  useEffect(() => {
    if (busy) return;
    focusBack(focusedBefore.current);
    focusedBefore.current = null;
  }, [busy]);
  return [busy, run];
}

/**
 * For a button that sends the request: unavailable while it runs, yet still holding the focus
 * (a disabled one drops it to the page). Its presses are refused by useOneAtATime's run meanwhile.
 */
export const busyButton = (busy: boolean): { 'aria-disabled'?: true } => (busy ? { 'aria-disabled': true } : {});
