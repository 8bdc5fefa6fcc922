// How the Orders screen reads a name in its search box, shared by the search
// (electron/counter/order-history.ts) and the screen that says when a query is too short for it.
import { phoneQueryDigits } from './phone-search';

/**
 * Names are searched from this many characters: two go through the name windows' index
 * (order_name_windows, outbox schemas 12 and 18), three or more through the trigram index. One character
 * ("김", a family name alone) would name a fifth of a Korean terminal's orders, a list no clerk
 * pages through, and no index answers it without reading that list: it is searched as a customer
 * ID only, and the screen says so.
 */
export const NAME_SEARCH_MIN_CHARS = 2;

/** A query that is not a phone number and too short to be looked for in names (the screen's hint). */
export function nameQueryTooShort(query: string): boolean {
  const q = query.trim();
  return q !== '' && phoneQueryDigits(q) === null && [...q].length < NAME_SEARCH_MIN_CHARS;
}

/** A name fragment folded as the name index and LIKE fold it (SQLite's lower()): ASCII letters only. */
export function foldName(text: string): string {
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}
