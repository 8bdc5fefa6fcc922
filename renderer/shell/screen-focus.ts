// Where the keyboard is when a screen opens. Switching screens (Alt+1..7 or the tabs) left the
// focus on the page itself, so a clerk who pressed Alt+2 to find an order had to Tab through the
// header to reach the search field. Now it goes to the screen's field marked data-autofocus (the
// order form's customer name, the Orders search), else to its first heading, from where Tab goes
// on into the screen and a screen reader reads where the clerk is. A screen that placed the focus
// itself keeps it. Diagnostics is loaded lazily, so its heading is waited for.
//
// And where it goes back to: a button disabled while its request ran, or a question that closed,
// left the focus on the page; focusBack returns it to what had it before (one-at-a-time.ts, the
// unsaved-settings question in App.tsx, the order form's Submit), or hands it to the next step's
// element (Diagnostics' benchmark and topic forms, the Orders pager, Review's decision, the panels
// of an order that needs attention).

/** The element with the focus now, for focusBack later. */
export const focusedNow = (): HTMLElement | null =>
  document.activeElement instanceof HTMLElement ? document.activeElement : null;

/** Whether the page has the focus, or is about to take it from a button just disabled. */
export function focusLost(): boolean {
  const now = document.activeElement;
  // A button just disabled still has the focus until Chromium takes it to the page a moment later.
  return now === null || now === document.body || now.matches(':disabled');
}

/** Gives the focus back to `el` if the page has lost it meanwhile and `el` is still there. */
export function focusBack(el: HTMLElement | null): void {
  if (el?.isConnected && focusLost()) el.focus();
}

/**
 * A save refused for what a field holds: the keyboard to the first of these fields (by id) that
 * is on the page, as a clerk reads the form, so the fix is typed at once (the order form, the
 * catalogue editor). Where no field is at fault, the focus stays where it is.
 */
export function focusFirstField(ids: readonly string[]): void {
  for (const id of ids) {
    const el = document.getElementById(id);
    if (el) return el.focus();
  }
}

/** Puts the focus on the screen's start (its data-autofocus field, else its first heading). */
function focusStart(main: HTMLElement): boolean {
  const target = main.querySelector<HTMLElement>('[data-autofocus]') ?? main.querySelector<HTMLElement>('h1, h2');
  if (!target) return false;
  // A heading takes the focus from script only, and is not added to the Tab order.
  if (!target.matches('input, select, textarea, button, a[href]') && !target.hasAttribute('tabindex'))
    target.tabIndex = -1;
  target.focus({ preventScroll: true });
  return true;
}

/**
 * The screen's shortcut pressed on the screen itself (Alt+2 on Orders): back to its start, its
 * text selected, so what the clerk types next replaces the last query. It did nothing, and the
 * next query went to the button last pressed while Enter ran the old search again.
 */
export function focusScreenAgain(main: HTMLElement): void {
  if (!focusStart(main)) return;
  const now = document.activeElement;
  if (now instanceof HTMLInputElement) now.select();
}

/** Moves the focus into `main` once its screen is there; returns a stop for the wait. */
export function focusScreen(main: HTMLElement, waitMs = 3000): () => void {
  const place = (): boolean => main.contains(document.activeElement) || focusStart(main);
  if (place()) return () => {};
  const observer = new MutationObserver(() => {
    if (place()) stop();
  });
  const timer = setTimeout(() => stop(), waitMs);
  const stop = () => {
    observer.disconnect();
    clearTimeout(timer);
  };
  observer.observe(main, { childList: true, subtree: true });
  return stop;
}
