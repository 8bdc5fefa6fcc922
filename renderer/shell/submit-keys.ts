// The keys that send a small form or panel (a void, a supervisor's decision), as the app is
// worked from the keyboard (shortcuts.ts: Ctrl+Enter submits): Ctrl+Enter (⌘+Enter) wherever the
// cursor is, and Enter in a one-line field. A multi-line field keeps its Enter for a new line, a
// button its Enter for itself, and an Enter that ends a Hangul syllable (IME) sends nothing.
import type { KeyboardEvent } from 'react';

/** Ctrl+Enter or ⌘+Enter, not the Enter that ends an IME composition. */
export function isCtrlEnter(e: KeyboardEvent): boolean {
  return e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.nativeEvent.isComposing;
}

/**
 * A key that submits: presses `button` (the form's own submit button, so one that is disabled,
 * busy or with nothing to send, refuses the key as it refuses a click, and a form's required
 * fields are checked as for Enter) and says it did.
 */
export function pressOnSubmitKey(e: KeyboardEvent, button: HTMLButtonElement | null): boolean {
  const oneLine = e.target instanceof HTMLInputElement && !e.altKey && !e.shiftKey && !e.nativeEvent.isComposing;
  if (!isCtrlEnter(e) && !(e.key === 'Enter' && oneLine)) return false;
  e.preventDefault();
  button?.click();
  return true;
}
