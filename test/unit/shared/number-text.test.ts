import { describe, expect, it } from 'vitest';
import { misgroupedDigits, normalizeNumberText, parseNumberText, unitShorthand } from '../../../shared/number-text';

describe('numbers as Korean clerks type them', () => {
  it('reads full-width digits, thousands separators, 원 and ₩', () => {
    expect(parseNumberText('３')).toBe(3);
    expect(parseNumberText('４５００')).toBe(4500);
    expect(parseNumberText('4500원')).toBe(4500);
    expect(parseNumberText('4,500 원')).toBe(4500);
    expect(parseNumberText('₩59,500')).toBe(59500);
    expect(parseNumberText('１０，０００원')).toBe(10000);
    expect(parseNumberText('12.50')).toBe(12.5);
    expect(parseNumberText(' 3 ')).toBe(3);
  });

  it('refuses what is not a number, so the schema can say "Enter a number"', () => {
    expect(parseNumberText('')).toBeNaN();
    expect(parseNumberText('원')).toBeNaN();
    expect(parseNumberText('abc')).toBeNaN();
    expect(parseNumberText('1e3')).toBeNaN();
    expect(parseNumberText('4,5,0원x')).toBeNaN();
    expect(normalizeNumberText('ab３')).toBe('ab3');
  });

  it('refuses digits grouped other than in threes: "1,00" was read as 100 and sent as the price', () => {
    for (const slip of ['1,00', '1,00원', '₩12,0000', '１，００', '1,000,00', '10 00', ',100', '100,'])
      expect([slip, parseNumberText(slip)]).toEqual([slip, Number.NaN]);
    expect(misgroupedDigits('1,00')).toBe(true);
    expect(misgroupedDigits('₩1,000')).toBe(false);
    expect(misgroupedDigits('abc')).toBe(false);
    expect(parseNumberText('1,000,000')).toBe(1000000);
    expect(parseNumberText('1 000')).toBe(1000);
    expect(parseNumberText('1,234.50')).toBe(1234.5);
  });

  it('reads amounts said with Korean units: 3만, 1만5천원, 천원, 2.5만', () => {
    const read: Array<[string, number]> = [
      ['3만', 30000],
      ['3만원', 30000],
      ['３만 원', 30000],
      ['₩1만5천', 15000],
      ['1만 5천원', 15000],
      ['1만2천5백', 12500],
      ['1만500', 10500],
      ['천원', 1000],
      ['만원', 10000],
      ['2.5만', 25000],
      ['1.15만', 11500],
      ['1,200만', 12000000],
      ['1억', 100000000],
    ];
    expect(read.map(([text]) => [text, parseNumberText(text)])).toEqual(read);
  });

  it('refuses units out of order, twice, or with words for numbers, rather than guess', () => {
    for (const text of ['1억 2천만', '만오천', '3만만', '5천1만', '3만-', '3천개', '1,00만'])
      expect([text, parseNumberText(text)]).toEqual([text, Number.NaN]);
  });

  it('refuses one digit after a unit, which a clerk means as the next unit and reads as written otherwise', () => {
    // "1만5" said at a counter is 15,000; read as written it is 10,005, and it once went out so.
    for (const text of ['1만5', '2천5', '3만 5원', '₩1억5', '3백5'])
      expect([text, parseNumberText(text), unitShorthand(text)]).toEqual([text, Number.NaN, true]);
    for (const text of ['1만5천', '1만500', '1만 2,500원', '3만', '15000'])
      expect([text, unitShorthand(text)]).toEqual([text, false]);
  });

  it('keeps a sign, so a negative price is refused by the schema, not misread', () => {
    expect(parseNumberText('-5')).toBe(-5);
    expect(parseNumberText('－５')).toBe(-5);
  });
});
