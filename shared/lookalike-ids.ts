// A customer ID that looks like another but is not the same text: "СONF1" with a Cyrillic С beside
// "CONF1", "ꓮꓐꓚ123" in Lisu or "ᎪᏴᏟ123" in Cherokee for ABC123, "CONF١" with an Arabic-Indic
// digit. Each was a new customer to the duplicate and velocity checks and was never found by a
// search for the ID as a clerk types it, and no keyboard at a Korean counter types them: they were
// pasted.
//
// Which letters look Latin is Unicode's data, not ours: confusables.txt (UTS #39), as the
// unhomoglyph package ships it. A letter of another alphabet whose skeleton (UTS #39: NFD, then
// each character's prototype) is Latin letters or digits a keyboard types, marks allowed ("А" as A,
// "Ꭺ" as A, "Ά" as A with an accent, "Ю" as IO), looks Latin. An ID whose other letters are all of
// the scripts a counter types (Latin, Hangul, Han, kana) then reads as one typed there: refused.
// One with a letter that looks like nothing typed ("ЖЮЯ-12", "Иван-01", "Σ-12") cannot be read as
// a typed ID, so it is left to the store: refusing every Cyrillic ID would turn away a real one.
// A letter the counter types (Latin, Hangul, Han, kana) is taken as itself: 〇 is not read as O.
//
// Cyrillic and Greek look alike to each other too (П and Π, Ф and Φ, Г and Γ, from the same data):
// an ID that mixes them ("ЖΣ-1") is refused, and so is one whose Cyrillic or Greek letters all have
// a look-alike in the other as written today ("ГП-12" and "ΓΠ-12" were two customers). One with a
// letter the other alphabet has nothing like ("Иван-01", "ΔΠ-3", "ИВАН": only an archaic Greek
// letter looks like И) is taken, as an ID with a letter that looks like no Latin one is.
//
// confusables.txt does not know every look-alike (Coptic Ⲁ and Ⲃ are missing, and a later Unicode
// adds more), so letters outside the scripts a customer ID is written in are refused as well, with
// their own words: a store's IDs are typed in Latin, Hangul, Han, kana, or Cyrillic and Greek under
// the rule above.

import prototypes from 'unhomoglyph/data.json' with { type: 'json' };
import type { ErrorCode } from './error-codes';

const PROTOTYPES: Readonly<Record<string, string | undefined>> = prototypes;
/** What a counter's keyboard and IME type: such a letter is taken as itself, never as a look-alike. */
const COUNTER_SCRIPTS = '\\p{Script=Latin}\\p{Script=Hangul}\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}';
const TYPED_AT_COUNTER = new RegExp(`[${COUNTER_SCRIPTS}]`, 'u');
const TYPED_ID = new RegExp(`^[${COUNTER_SCRIPTS}0-9._-]*$`, 'u');
const ID_SCRIPTS = new RegExp(
  `[${COUNTER_SCRIPTS}\\p{Script=Cyrillic}\\p{Script=Greek}\\p{Script=Common}\\p{Script=Inherited}]`,
  'u',
);
const NOT_ASCII = /[^\0-\x7F]/;
const LATIN = /\p{Script=Latin}/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const GREEK = /\p{Script=Greek}/u;
const CYRILLIC_OR_GREEK = /[\p{Script=Cyrillic}\p{Script=Greek}]/u;
const LETTER = /\p{L}/u;
/** Letters and digits a keyboard types, with marks, and at least one of them. */
const KEYBOARD_LATIN = /^(?=.*[A-Za-z0-9])[A-Za-z0-9\p{M}]+$/u;
const OTHER_DIGITS = /(?![0-9])\p{Nd}/u;

/** UTS #39's skeleton of a character: NFD, then each one's prototype. */
function skeletonOf(c: string): string {
  let skeleton = '';
  for (const d of c.normalize('NFD')) skeleton += PROTOTYPES[d] ?? d;
  return skeleton.normalize('NFD');
}

/** A character of another script that UTS #39's skeleton draws as Latin letters or 0-9. */
function looksLatin(c: string): boolean {
  return KEYBOARD_LATIN.test(skeletonOf(c));
}

/** The letters written today (Russian, Ukrainian, Kazakh…; monotonic Greek), not Ͷ, Ѱ or Ϲ. */
const IN_USE = /[\u0386-\u03ce\u0400-\u045f\u048a-\u052f]/u;
let twins: ReadonlySet<string> | undefined;
/**
 * The Cyrillic and Greek letters (without marks) that look like a letter of the other alphabet in
 * use today: "ͶΒΑΗ" in Greek reads as Cyrillic ИВАН, but ИВАН is not read as Greek for an archaic
 * Ͷ. Every letter with a look-alike is in the data, as a character or as a prototype; built once,
 * on the first ID that has such letters (under a millisecond), not at every Save.
 */
function cyrillicGreekTwins(): ReadonlySet<string> {
  if (twins) return twins;
  type Alike = { letters: string[]; inUse: boolean };
  const bySkeleton = new Map<string, { cyrillic: Alike; greek: Alike }>();
  for (const [from, to] of Object.entries(PROTOTYPES)) {
    if (!CYRILLIC_OR_GREEK.test(from) && !CYRILLIC_OR_GREEK.test(to ?? '')) continue;
    for (const c of [from, ...(to ?? '')]) {
      const alphabet = CYRILLIC.test(c) ? 'cyrillic' : GREEK.test(c) ? 'greek' : null;
      if (!alphabet || !LETTER.test(c) || c.normalize('NFD') !== c) continue;
      const skeleton = skeletonOf(c);
      const alike = bySkeleton.get(skeleton) ?? {
        cyrillic: { letters: [], inUse: false },
        greek: { letters: [], inUse: false },
      };
      alike[alphabet].letters.push(c);
      alike[alphabet].inUse ||= IN_USE.test(c);
      bySkeleton.set(skeleton, alike);
    }
  }
  const set = new Set<string>();
  for (const { cyrillic, greek } of bySkeleton.values()) {
    if (greek.inUse) for (const c of cyrillic.letters) set.add(c);
    if (cyrillic.inUse) for (const c of greek.letters) set.add(c);
  }
  twins = set;
  return set;
}

/** A Cyrillic or Greek letter, its marks aside, that looks like a letter of the other alphabet. */
function hasTwin(c: string): boolean {
  return cyrillicGreekTwins().has(String.fromCodePoint(c.normalize('NFD').codePointAt(0)!));
}

/**
 * Why a customer ID (NFKC, letters, digits and ._- only) would look like another customer's to a
 * clerk, or null: Latin letters beside Cyrillic or Greek ones or beside letters that look Latin;
 * letters that look Latin among only what a counter types; Cyrillic beside Greek; Cyrillic or Greek
 * letters that all look like the other's; letters of a script IDs are not written in.
 */
export function lookalikeIdProblem(id: string): ErrorCode | null {
  if (!NOT_ASCII.test(id) || TYPED_ID.test(id)) return null; // nearly every ID, at every Save
  let latin = false;
  let cyrillic = false;
  let greek = false;
  let twinless = false;
  let lookalike = false;
  let untyped = false;
  let foreign = false;
  for (const c of id) {
    if (!LETTER.test(c)) continue;
    if (LATIN.test(c)) latin = true;
    else if (TYPED_AT_COUNTER.test(c)) continue;
    else if (looksLatin(c)) lookalike = true;
    else untyped = true;
    if (CYRILLIC.test(c)) cyrillic = true;
    else if (GREEK.test(c)) greek = true;
    else {
      if (!ID_SCRIPTS.test(c)) foreign = true;
      continue;
    }
    if (!twinless && !hasTwin(c)) twinless = true;
  }
  if (latin && (cyrillic || greek || lookalike)) return 'field.customerIdLookalike';
  if (lookalike && !untyped) return 'field.customerIdLooksLatin';
  if (cyrillic && greek) return 'field.customerIdMixedAlphabets';
  if ((cyrillic || greek) && !twinless) return 'field.customerIdCyrillicGreek';
  return foreign ? 'field.customerIdScript' : null;
}

/** Decimal digits other than 0-9 (Arabic-Indic, Devanagari, …). */
export function hasOtherDigits(id: string): boolean {
  return OTHER_DIGITS.test(id);
}
