import { describe, expect, it } from 'vitest';
import { catalogueBySku, type Product } from '../../../shared/counter-types';
import { productBySku } from '../../../renderer/order-form/draft-form';

const americano: Product = {
  sku: 'AMER-R',
  name: '아메리카노 (R)',
  price: 4500,
  barcode: null,
  category: null,
  quick: 1,
};

describe('a SKU typed into an order line', () => {
  it('finds the catalogue product typed in small letters or in a Korean IME’s full-width mode', () => {
    const bySku = catalogueBySku([americano]);
    // "ａｍｅｒ－ｒ" is what 전자 (full-width) mode types for amer-r: it stayed as typed, with no name and no price.
    for (const typed of ['AMER-R', 'amer-r', ' amer-r ', 'ＡＭＥＲ－Ｒ', 'ａｍｅｒ－ｒ'])
      expect(productBySku(bySku, typed)?.name, typed).toBe('아메리카노 (R)');
    expect(productBySku(bySku, 'AMER')).toBeUndefined();
  });
});
