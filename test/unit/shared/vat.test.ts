import { describe, expect, it } from 'vitest';
import { changeDue, splitVatInclusive } from '../../../shared/vat';

describe('VAT included in the total (공급가액 + 부가세)', () => {
  it('splits a KRW total into whole won that add up exactly', () => {
    expect(splitVatInclusive(11000, 'KRW')).toEqual({ supply: 10000, vat: 1000 });
    expect(splitVatInclusive(59500, 'KRW')).toEqual({ supply: 54091, vat: 5409 });
    for (const total of [0, 1, 9, 14500, 999_999, 123_456_789]) {
      const { supply, vat } = splitVatInclusive(total, 'KRW');
      expect(supply + vat).toBe(total);
      expect(Number.isInteger(supply) && Number.isInteger(vat)).toBe(true);
    }
  });

  it('works in cents for currencies with minor units, and in whole yen as in won', () => {
    expect(splitVatInclusive(10.99, 'USD')).toEqual({ supply: 9.99, vat: 1 });
    // Split in cents before: 909.09 + 90.91 yen, which the receipt showed rounded.
    expect(splitVatInclusive(1000, 'JPY')).toEqual({ supply: 909, vat: 91 });
    expect(splitVatInclusive(1005, 'JPY')).toEqual({ supply: 914, vat: 91 });
  });

  it('gives the change due only when the amount tendered covers the total', () => {
    expect(changeDue(13500, 20000)).toBe(6500);
    expect(changeDue(13500, 13500)).toBe(0);
    expect(changeDue(13500, 10000)).toBeNull();
    expect(changeDue(0.3, 1)).toBe(0.7);
    expect(changeDue(100, Number.NaN)).toBeNull();
  });
});
