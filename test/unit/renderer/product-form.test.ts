import { describe, expect, it } from 'vitest';
import { checkProductForm, EMPTY_PRODUCT_FORM, refusedField } from '../../../renderer/catalogue/product-form';
import { formatError } from '../../../shared/error-codes';

const withPrice = (price: string) => checkProductForm({ ...EMPTY_PRODUCT_FORM, sku: 'A1', name: '사과', price });

describe('the catalogue editor’s price', () => {
  it('explains "1만5" as the order form does, not a bare "Enter a number"', () => {
    const r = withPrice('1만5');
    expect(r).toEqual({ ok: false, field: 'price', error: { code: 'field.unitShorthand' } });
    if (r.ok) return;
    expect(formatError(r.error, 'ko')).toContain('1만5천');
  });

  it('says why commas in the wrong place, or plainly not a number, are refused', () => {
    expect(withPrice('1,00')).toMatchObject({ ok: false, field: 'price', error: { code: 'field.digitGroups' } });
    expect(withPrice('abc')).toMatchObject({ ok: false, field: 'price', error: { code: 'field.notANumber' } });
    expect(withPrice('')).toMatchObject({ ok: false, field: 'price', error: { code: 'field.notANumber' } });
  });

  it('reads prices as Korean clerks type them', () => {
    expect(withPrice('1만5천원')).toMatchObject({ ok: true, product: { price: 15000 } });
    expect(withPrice('-1')).toMatchObject({ ok: false, field: 'price', error: { code: 'field.priceNegative' } });
  });
});

describe('a save the service refuses', () => {
  it('is about the field another product already has, where the cursor goes; else about no field', () => {
    expect(refusedField({ code: 'catalogue.skuTaken', params: { sku: 'A1', name: '사과' } })).toBe('sku');
    expect(refusedField({ code: 'catalogue.barcodeTaken', params: { barcode: '880', name: '사과' } })).toBe('barcode');
    expect(refusedField({ code: 'catalogue.quickTaken', params: { quick: 1, name: '사과' } })).toBe('quick');
    expect(refusedField({ code: 'catalogue.full', params: { max: 5000 } })).toBe('form');
  });
});
