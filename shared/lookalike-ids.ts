// A customer ID that looks like another but is not the same text: "СONF1" with a Cyrillic С beside
// "CONF1", "CΟNF1" with a Greek Ο, "CONF١" with an Arabic-Indic digit. Each was a new customer to
// the duplicate and velocity checks and was never found by a search for the ID as a clerk types
// it. Unicode's mixed-script rule (UTS #39) for the alphabets that share letter shapes with Latin,
// and one set of digits: a terminal's keyboard types 0-9 (full-width ones are folded to them
// by NFKC before this is asked). A Korean ID, or one mixing Hangul with Latin, is not confused.
//
// An ID wholly in Cyrillic or Greek letters that each look like a Latin one ("АВС123", UTS #39's
// whole-script confusable) is another customer than ABC123 to the checks but the same to the
// clerk's eye, and no keyboard at a Korean counter types it: it was pasted. One with a letter
// that looks like no Latin letter ("ЖЮЯ-12", "Иван-01") cannot be read as a Latin ID, so it is
// left to the store: refusing every Cyrillic ID would turn away a real one for no confusion.

const LATIN = /\p{Script=Latin}/u;
const LOOKALIKE_LETTERS = /[\p{Script=Cyrillic}\p{Script=Greek}]/gu;
const LOOKALIKE_SCRIPTS = new RegExp(LOOKALIKE_LETTERS.source, 'u');
const OTHER_DIGITS = /(?![0-9])\p{Nd}/u;
const NOT_ASCII = /[^\0-\x7F]/;
/**
 * The Cyrillic and Greek letters that Unicode's confusables.txt (13.0) draws as Latin letters or
 * digits (А as A, З as 3, Ы as bl), as NFKC leaves them.
 */
const LATIN_LOOKING = new Set('ЅІЈАВЕЗКМНОРСТУХЫЬЮабгеорсухѕіјѡѴѵҮүһҽӀӏӔӕӠԁԌԛԜԝꙄꙇꚘꚙ' + 'ͿΑΒΕΖΗΙΚΜΝΟΡΤΥΧαγινορσυϜϳϺᴦ');

/** Latin letters beside Cyrillic or Greek ones in one ID. */
export function mixesLookalikeScripts(id: string): boolean {
  return LATIN.test(id) && LOOKALIKE_SCRIPTS.test(id);
}

/** Cyrillic or Greek letters, and each of them one that looks Latin: the ID reads as a Latin one. */
export function looksLatinInAnotherScript(id: string): boolean {
  if (!NOT_ASCII.test(id)) return false; // what a keyboard types, at every Save
  const letters = id.match(LOOKALIKE_LETTERS);
  return letters !== null && letters.every((c) => LATIN_LOOKING.has(c));
}

/** Decimal digits other than 0-9 (Arabic-Indic, Devanagari, …). */
export function hasOtherDigits(id: string): boolean {
  return OTHER_DIGITS.test(id);
}
