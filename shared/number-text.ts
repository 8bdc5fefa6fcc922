// Numbers as Korean clerks type them: full-width digits from a Korean IME ("４５００"),
// thousands separators ("4,500", "4，500"), a currency sign or a trailing 원 ("4500원", "₩4,500").
// One reading for the order form, the tendered amount and the catalogue's CSV prices.

/** Full-width digits, comma, dot, plus and minus (U+FF01–U+FF5E) as their ASCII twins. */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/**
 * The plain ASCII number a clerk meant, or the text unchanged (trimmed, half-width) when it is not
 * one, so the schema still says "Enter a number" about what was typed.
 */
export function normalizeNumberText(text: string): string {
  const half = toHalfWidth(text).trim();
  const bare = withoutCurrency(half);
  if (misgrouped(bare)) return half;
  const stripped = bare.replace(/[\s,]/g, '');
  return /^[+-]?(\d+\.?\d*|\.\d+)$/.test(stripped) ? stripped.replace(/^\+/, '') : half;
}

/**
 * Whether the text groups its digits other than in threes ("1,00", "12,0000"): a slip for 1,000
 * or 100 that reading past the comma made 100, sent as the line's price. Not a number.
 */
export function misgroupedDigits(text: string): boolean {
  return misgrouped(withoutCurrency(toHalfWidth(text).trim()));
}

const withoutCurrency = (half: string) => half.replace(/^[₩￦]\s*/, '').replace(/\s*(원|won|KRW)$/i, '');

/** Separators (commas, spaces) anywhere but between groups of three digits before the point. */
function misgrouped(bare: string): boolean {
  return (
    /^[+-]?[\d\s,]*\d[\d\s,]*(\.\d*)?$/.test(bare) &&
    /[\s,]/.test(bare) &&
    !/^[+-]?\d{1,3}([\s,]\d{3})+(\.\d*)?$/.test(bare)
  );
}

/** The number in the text, or NaN for an empty box or anything that is not a number. */
export function parseNumberText(text: string): number {
  const n = normalizeNumberText(text);
  return n === '' || !/^-?(\d+\.?\d*|\.\d+)$/.test(n) ? Number.NaN : Number(n);
}
