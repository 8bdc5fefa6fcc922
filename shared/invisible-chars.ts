// Characters that change how text looks or compares without being seen: direction overrides
// (a name "Ali" U+202E "evil" U+202C shows as "Alilive"), zero-width spaces (a SKU "SKU" U+200B
// "-1" looks like SKU-1 and is another product downstream; a name search never finds "K" U+200B
// "im"), soft hyphens, line and paragraph separators, and half of a UTF-16 pair (JSON that strict
// consumers refuse): Unicode's format characters (Cf), Zl/Zp, lone surrogates (Cs).
// And what Unicode says to draw as nothing (Default_Ignorable_Code_Point) though it is a letter
// or a mark: the Hangul fillers (U+3164, U+115F, U+1160, U+FFA0: a name "ㅤ" looked blank and
// passed), the combining grapheme joiner U+034F, variation selectors; and the Braille blank
// U+2800, a symbol drawn as a blank cell.
// Control characters (Cc) have their own check and message.

/** The zero-width joiner inside an emoji sequence (man, woman, girl: a family) is part of what is seen. */
const EMOJI_JOINER = /(?<=\p{Extended_Pictographic}|\uFE0F|\p{Emoji_Modifier})\u200D(?=\p{Extended_Pictographic})/gu;
/**
 * A variation selector that picks how the character before it is drawn, which is seen: text or
 * emoji style after an emoji (❤️ is U+2764 U+FE0F, a keycap 1️⃣ is 1 U+FE0F U+20E3), and an
 * ideographic variant after a Han character (a Japanese name's 葛 U+E0100). Anywhere else one
 * changes nothing that shows.
 */
const SEEN_SELECTOR = /(?<=\p{Emoji})[\uFE0E\uFE0F]|(?<=\p{Ideographic})[\u{E0100}-\u{E01EF}]/gu;
const INVISIBLE = /[\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Default_Ignorable_Code_Point}\u2800]/u;

export function hasInvisibleChars(text: string): boolean {
  return INVISIBLE.test(text.replace(EMOJI_JOINER, '').replace(SEEN_SELECTOR, ''));
}

/**
 * Combining marks on one character, at most: Vietnamese needs two (ễ: circumflex and tilde),
 * Hebrew with vowel points and a cantillation mark three, decomposed Hangul none (its jamo are
 * letters). Ninety-nine stacked marks ("zalgo") ran over the lines above and below on a receipt.
 */
export const COMBINING_MARKS_MAX = 4;
const STACKED_MARKS = new RegExp(`\\p{M}{${COMBINING_MARKS_MAX + 1},}`, 'u');

/** Whether some character carries more than COMBINING_MARKS_MAX combining marks in a row. */
export function hasStackedMarks(text: string): boolean {
  return STACKED_MARKS.test(text);
}

const MARK_FIRST = /^\p{M}/u;

/**
 * Whether the text begins with a combining mark, which then sits on no letter: a name of U+0301
 * U+0301 showed two accents over nothing and was taken as a name. A mark after a space (Unicode's
 * way to show an accent alone) is left.
 */
export function startsWithMark(text: string): boolean {
  return MARK_FIRST.test(text);
}

const HIDDEN = new RegExp(`\\p{Cc}|${INVISIBLE.source}`, 'gu');

/** The text with each control or invisible character shown as its code point, to say where one is. */
export function revealHidden(text: string): string {
  return text.replace(HIDDEN, (c) => `⟨U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟩`);
}

/** How many characters of a value a problem echoes back: a cell or heading can be the whole file. */
export const ECHO_MAX = 60;

/**
 * The text as a problem echoes it: at most ECHO_MAX characters (code points), the last an "…" when
 * cut. A code point revealHidden spelled out (⟨U+200B⟩) is kept whole or left out, never halved.
 */
export function clipEcho(text: string, max = ECHO_MAX): string {
  const kept: string[] = [];
  for (const c of text) {
    if (kept.length === max)
      return `${kept
        .slice(0, max - 1)
        .join('')
        .replace(/⟨(?:U(?:\+[0-9A-F]*)?)?$/, '')}…`;
    kept.push(c);
  }
  return text;
}
