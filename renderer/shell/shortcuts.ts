// Every keyboard shortcut, once: the F1 dialog lists this table, and each handler's comment
// points here. Keys are shown as written; what they do is a UI string in both languages.
import type { UiKey } from '../i18n/ui-strings';

/** `keys` as written, or as a UI string where it is a word (a barcode scan is no key). */
export const SHORTCUTS: ReadonlyArray<{ keys: string | { word: UiKey }; does: UiKey }> = [
  { keys: 'Enter', does: 'keys.next' },
  { keys: 'Ctrl+Enter', does: 'keys.submit' },
  { keys: 'Esc', does: 'keys.clear' },
  { keys: 'Ctrl+Z', does: 'keys.undo' },
  { keys: 'Alt+L', does: 'keys.addLine' },
  { keys: 'Alt+X', does: 'keys.removeLine' },
  { keys: 'Alt+R', does: 'keys.repeat' },
  { keys: 'Alt+T', does: 'keys.retry' },
  { keys: '+ / −', does: 'keys.quantity' },
  { keys: 'F2–F9', does: 'keys.quick' },
  { keys: { word: 'keys.barcode' }, does: 'keys.scan' },
  { keys: '↓ / ↑', does: 'keys.results' },
  { keys: 'Alt+1…7', does: 'keys.screens' },
  { keys: 'F1 / ?', does: 'keys.help' },
];
