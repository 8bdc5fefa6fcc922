// A customer ID that looks like another but is not the same text: "СONF1" with a Cyrillic С beside
// "CONF1", "CΟNF1" with a Greek Ο, "CONF١" with an Arabic-Indic digit. Each was a new customer to
// the duplicate and velocity checks and was never found by a search for the ID as a clerk types
// it. Unicode's mixed-script rule (UTS #39) for the alphabets that share letter shapes with Latin,
// and one set of digits: a terminal's keyboard types 0-9 (full-width ones are folded to them
// by NFKC before this is asked). A Korean ID, or one mixing Hangul with Latin, is not confused.

const LATIN = /\p{Script=Latin}/u;
const LOOKALIKE_SCRIPTS = /[\p{Script=Cyrillic}\p{Script=Greek}]/u;
const OTHER_DIGITS = /(?![0-9])\p{Nd}/u;

/** Latin letters beside Cyrillic or Greek ones in one ID. */
export function mixesLookalikeScripts(id: string): boolean {
  return LATIN.test(id) && LOOKALIKE_SCRIPTS.test(id);
}

/** Decimal digits other than 0-9 (Arabic-Indic, Devanagari, …). */
export function hasOtherDigits(id: string): boolean {
  return OTHER_DIGITS.test(id);
}
