// Numbers as Korean clerks type them: full-width digits from a Korean IME ("４５００"),
// thousands separators ("4,500", "4，500"), a currency sign or a trailing 원 ("4500원", "₩4,500"),
// Korean units ("3만", "1만5천원"; not "1만5", which reads two ways).
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
  const inUnits = koreanUnits(bare);
  if (inUnits !== null) return inUnits;
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

/** Korean counting units, largest first, as powers of ten. */
const UNITS: ReadonlyArray<[string, number]> = [
  ['억', 8],
  ['만', 4],
  ['천', 3],
  ['백', 2],
];
/** Whole digits, grouped in threes or not. */
const PLAIN = String.raw`(\d{1,3}(?:,\d{3})+|\d+)?`;
/** A number before a unit: whole digits, and decimals ("1.5만"). */
const UNIT_NUMBER = String.raw`${PLAIN}(?:\.(\d+))?`;
/** Each unit optional, in descending order: its number's whole part, its decimals, the unit. */
const IN_UNITS = new RegExp(`^${UNITS.map(([u]) => `(?:${UNIT_NUMBER}\\s*(${u}))?`).join('\\s*')}\\s*${PLAIN}$`);
/** IN_UNITS' group of the digits after the last unit ("500" in "1만500"). */
const REST = 1 + 3 * UNITS.length;

/**
 * An amount said with Korean units, as a clerk says it: "3만" 30000, "1만5천" 15000, "천원" 1000
 * (a unit alone is one of it), "2.5만" 25000; "1억 2천만" and "만오천" are not (units descend once
 * each, and their numbers are digits). The plain ASCII number, or null when the text has no unit
 * or is not such an amount. Decimals move by their unit in the text, so "1.15만" is 11500 exactly.
 */
function koreanUnits(bare: string): string | null {
  if (!/[억만천백]/.test(bare)) return null;
  const m = IN_UNITS.exec(bare);
  if (!m) return null;
  let total = 0;
  UNITS.forEach(([, power], i) => {
    const [whole, fraction, unit] = [m[1 + 3 * i], m[2 + 3 * i], m[3 + 3 * i]];
    if (unit === undefined) return;
    const digits = `${(whole ?? (fraction === undefined ? '1' : '0')).replace(/,/g, '')}${fraction ?? ''}`;
    const shift = power - (fraction?.length ?? 0);
    total += shift >= 0 ? Number(`${digits}${'0'.repeat(shift)}`) : Number(digits) / 10 ** -shift;
  });
  const rest = m[REST];
  // "1만5", "2천5": said at a counter they mean 15000 and 2500 (the next unit left out), read as
  // written they are 10005 and 2005. Neither is guessed.
  if (rest !== undefined && rest.length === 1) return null;
  return String(total + (rest === undefined ? 0 : Number(rest.replace(/,/g, ''))));
}

/** Whether the text ends in a unit and one digit ("1만5", "2천 5원"), which reads two ways. */
export function unitShorthand(text: string): boolean {
  const bare = withoutCurrency(toHalfWidth(text).trim());
  const m = /[억만천백]/.test(bare) ? IN_UNITS.exec(bare) : null;
  return m !== null && m[REST]?.length === 1;
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

/**
 * A quantity as typed with the counter word after it ("2개", "３ 개"), as a clerk says it, without
 * that word; any other text as it was. Only after digits: "개" alone or "2개개" stay not a number.
 */
export function withoutCounterWord(text: string): string {
  return toHalfWidth(text)
    .trim()
    .replace(/(\d)\s*개$/, '$1');
}

/** The count in a typed quantity (see withoutCounterWord), or NaN as parseNumberText. */
export function parseQuantityText(text: string): number {
  return parseNumberText(withoutCounterWord(text));
}

/**
 * Why a typed price or quantity is not a number, in the most helpful words: commas in the wrong
 * place, a unit shorthand that reads two ways ("1만5"), or plainly not a number. The order form
 * and the Outbox's Correct say the same.
 */
export function notANumberCode(text: string): 'field.digitGroups' | 'field.unitShorthand' | 'field.notANumber' {
  if (misgroupedDigits(text)) return 'field.digitGroups';
  if (unitShorthand(text)) return 'field.unitShorthand';
  return 'field.notANumber';
}
