import { describe, expect, it } from 'vitest';
import { UI_STRINGS } from '../../../renderer/i18n/ui-strings';
import { ERROR_MESSAGES } from '../../../shared/error-codes';
import { DIAG_STRINGS } from '../../../renderer/diagnostics/diagnostics-strings';

const params = (s: string) => [...s.matchAll(/\{(\w+)(?:,[^}]*)?\}/g)].map((m) => m[1]).sort();

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

  it('writes no particle placeholders such as 이(가) or 을(를): {word, josa(이/가)} picks the right one', () => {
    for (const [key, { ko }] of Object.entries({ ...UI_STRINGS, ...ERROR_MESSAGES, ...DIAG_STRINGS } as Record<
      string,
      { ko: string }
    >)) {
      expect(ko, key).not.toMatch(/[가-힣]\((가|이|를|을|는|은|과|와|으)\)/);
      expect(ko, key).not.toMatch(/\}(이|을|은)\(/);
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
