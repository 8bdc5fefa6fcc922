import { describe, expect, it } from 'vitest';
import { UI_STRINGS } from '../../../renderer/i18n/ui-strings';
import { ERROR_MESSAGES } from '../../../shared/error-codes';

const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the clerk-facing words', () => {
  it.each([
    ['UI strings', UI_STRINGS],
    ['error messages', ERROR_MESSAGES],
  ] as const)('%s exist in English and Korean with the same parameters', (_n, table) => {
    for (const [key, { en, ko }] of Object.entries(table as Record<string, { en: string; ko: string }>)) {
      expect(en.trim(), key).not.toBe('');
      expect(ko.trim(), key).not.toBe('');
      expect(params(ko), key).toEqual(params(en));
    }
  });

  it('uses the labels issue 3 names for the order form', () => {
    const en = (k: keyof typeof UI_STRINGS) => UI_STRINGS[k].en;
    expect([
      en('form.customerName'),
      en('form.customerId'),
      en('form.phone'),
      en('form.sku'),
      en('form.product'),
      en('form.quantity'),
      en('form.unitPrice'),
      en('form.paymentMethod'),
      en('form.note'),
    ]).toEqual([
      'Customer name',
      'Customer ID',
      'Phone',
      'SKU',
      'Product',
      'Quantity',
      'Unit price',
      'Payment method',
      'Note',
    ]);
    expect([en('form.addLine'), en('form.submit'), en('form.repeat')]).toEqual([
      'Add line',
      'Submit order',
      'Repeat last order',
    ]);
  });
});
