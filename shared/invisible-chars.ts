// Characters that change how text looks or compares without being seen: direction overrides
// (a name "Ali" U+202E "evil" U+202C shows as "Alilive"), zero-width spaces (a SKU "SKU" U+200B
// "-1" looks like SKU-1 and is another product downstream; a name search never finds "K" U+200B
// "im"), soft hyphens, line and paragraph separators, and half of a UTF-16 pair (JSON that strict
// consumers refuse).
// All are Unicode's format characters (Cf), Zl/Zp, or lone surrogates (Cs). Control characters
// (Cc) have their own check and message.

/** The zero-width joiner inside an emoji sequence (man, woman, girl: a family) is part of what is seen. */
const EMOJI_JOINER = /(?<=\p{Extended_Pictographic}|\uFE0F|\p{Emoji_Modifier})\u200D(?=\p{Extended_Pictographic})/gu;
const INVISIBLE = /[\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;

export function hasInvisibleChars(text: string): boolean {
  return INVISIBLE.test(text.replace(EMOJI_JOINER, ''));
}

const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;

/** The text with each control or invisible character shown as its code point, to say where one is. */
export function revealHidden(text: string): string {
  return text.replace(HIDDEN, (c) => `⟨U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟩`);
}
