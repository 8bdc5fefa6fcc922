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

/**
 * The spaces a Korean name is written with or without ("김 민수" and "김민수" are one customer): the
 * space bar's, the Korean IME's full-width one (U+3000), and the no-break space a name pasted from
 * a document brings. Names never hold tabs or line breaks (the order schema refuses them).
 */
export const NAME_SPACES: readonly string[] = [' ', '\u3000', '\u00a0'];

/** Hangul's blocks (jamo, compatibility jamo, syllables) as a character class's ranges: for a RegExp and for SQLite's GLOB. */
export const HANGUL_RANGES = '\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3';

const SPACES = new RegExp(`[${NAME_SPACES.join('')}]`, 'g');
const HANGUL_ONLY = new RegExp(`^[${HANGUL_RANGES}]+$`);

/**
 * A Korean name (or a query for one), Hangul and spaces only, without its spaces; null for any
 * other text or one without a space. Korean spacing between family and given name varies by
 * clerk, so spaces are not significant there. A Latin name keeps its own (closed up, "Ann Abbott"
 * would be found by "Anna"), and so does a name that mixes scripts ("Customer 7 김민지", "오타
 * Typo"): closed up it would be indexed twice over for windows across words no one types.
 * Outbox schema 25 indexes names this way (electron/orders/outbox-schema.ts says it in SQL).
 */
export function closedKoreanName(text: string): string | null {
  const closed = text.replace(SPACES, '');
  return closed !== text && HANGUL_ONLY.test(closed) ? closed : null;
}

/**
 * The text the names' trigram index holds for a name (schema 25): the name, and below it on its
 * own line the name closed up when it is Korean, so "김민수" finds "김 민수".
 */
export function searchableName(name: string): string {
  const closed = closedKoreanName(name);
  return closed === null ? name : `${name}\n${closed}`;
}
