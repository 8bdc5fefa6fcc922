// The one order schema both the form and main check with: what it accepts, what it refuses
// (with which error code, so the clerk sees why), and the total main computes.
import { describe, expect, it, vi } from 'vitest';
import { ERROR_MESSAGES } from '../../../shared/error-codes';
import { formatError } from '../../../shared/error-codes';
import { issueParams, schemaProblem } from '../../../shared/describe-issues';
import { ISO_4217_CURRENCIES } from '../../../shared/iso-4217';
import { CHROMIUM_DIGITS, NODE_DIGITS, underRuntimeDigits } from '../../support/runtime-intl';
import {
  ORDER_LIMITS,
  currencyDecimals,
  orderDraftSchema,
  orderSchema,
  orderSubmissionSchema,
  orderTotal,
  type OrderDraftInput,
} from '../../../shared/order-schema';
import { phoneDigits, phoneQueryDigits } from '../../../shared/phone-search';
import { phoneAsShown } from '../../../shared/order-schema';

const valid: OrderDraftInput = {
  customerName: '김민지',
  customerId: 'C-1001',
  phone: '010-1234-5678',
  lines: [{ sku: 'AMER-R', productName: 'Americano (R)', quantity: 2, unitPrice: 4500 }],
  currency: 'KRW',
  paymentMethod: 'card',
  note: 'no ice',
};

/** The first error code per field path: what the form shows under the field. */
function errors(input: unknown): Record<string, string> {
  const r = orderDraftSchema.safeParse(input);
  if (r.success) return {};
  const out: Record<string, string> = {};
  for (const i of r.error.issues) out[i.path.join('.') || '(root)'] ??= i.message;
  return out;
}

/** Each customer ID refused with its code, under the field. */
function expectRefused(refused: [customerId: string, code: string][]) {
  for (const [customerId, code] of refused)
    expect(errors({ ...valid, customerId }), customerId).toEqual({ customerId: code });
}

/** Each customer ID taken. */
function expectTaken(customerIds: string[]) {
  for (const customerId of customerIds)
    expect(orderDraftSchema.safeParse({ ...valid, customerId }).success, customerId).toBe(true);
}

/** What the form says of a customer ID, in English and in Korean. */
function words(customerId: string): string[] {
  const problem = schemaProblem(orderDraftSchema, { ...valid, customerId })!;
  return [formatError(problem, 'en'), formatError(problem, 'ko')];
}

/** An order as made and stored (the topic, the outbox), with these fields as an older check took them. */
const madeOrder = (fields: Record<string, unknown>) => ({
  ...valid,
  ...fields,
  orderId: '7d3f6c2e-1b2a-4c5d-8e9f-0a1b2c3d4e5f',
  schemaVersion: 1,
  storeId: 's',
  terminalId: 't',
  clerk: 'c',
  createdAt: '2026-01-01T00:00:00.000Z',
  total: 9000,
});

describe('order draft schema', () => {
  it('accepts a normal order, trims text and defaults the currency to KRW', () => {
    const { currency: _omitted, ...withoutCurrency } = valid;
    const r = orderDraftSchema.parse({ ...withoutCurrency, customerName: '  김민지  ' });
    expect(r.customerName).toBe('김민지');
    expect(r.currency).toBe('KRW');
  });

  it('accepts the optional fields left out', () => {
    const { phone: _p, note: _n, ...minimal } = valid;
    expect(orderDraftSchema.safeParse(minimal).success).toBe(true);
  });

  it('names each missing required field', () => {
    expect(errors({ ...valid, customerName: '   ', customerId: '' })).toEqual({
      customerName: 'field.required',
      customerId: 'field.required',
    });
    expect(errors({ ...valid, lines: [] })).toEqual({ lines: 'field.linesMin' });
    expect(errors({ ...valid, lines: [{ ...valid.lines[0], sku: '' }] })).toEqual({ 'lines.0.sku': 'field.required' });
  });

  it.each([
    ['customerName', 'Kim\u0000'],
    ['customerName', 'Kim\u001b[31m'],
    ['customerName', 'Kim\u0085'],
    ['customerName', 'Kim\nLee'],
    ['note', 'ring\u0007bell'],
    ['note', '\u007f'],
  ])('refuses a control character in %s (%j) with field.controlChars', (field, value) => {
    expect(errors({ ...valid, [field]: value })).toEqual({ [field]: 'field.controlChars' });
  });

  it('refuses control characters in line texts; a note keeps its line breaks and tabs', () => {
    expect(errors({ ...valid, lines: [{ ...valid.lines[0], productName: 'Latte\u0001' }] })).toEqual({
      'lines.0.productName': 'field.controlChars',
    });
    expect(errors({ ...valid, lines: [{ ...valid.lines[0], sku: 'A\tB' }] })).toEqual({
      'lines.0.sku': 'field.controlChars',
    });
    expect(orderDraftSchema.parse({ ...valid, note: 'no ice\r\nextra hot\tplease' }).note).toBe(
      'no ice\r\nextra hot\tplease',
    );
    expect(ERROR_MESSAGES['field.controlChars'].ko).toMatch(/제어 문자/);
  });

  it.each([
    ['customerName', 'Ali\u202Eevil\u202C'],
    ['customerName', 'K\u200Bim'],
    ['customerName', 'A\u2028B'],
    ['customerName', 'A\uD800B'],
    ['note', 'x\uDFFFy'],
    ['note', 'Co\u00ADffee'],
    ['phone', '010\u200E-1234-5678'],
  ])('refuses an invisible character in %s (%j) with field.invisibleChars', (field, value) => {
    expect(errors({ ...valid, [field]: value })).toEqual({ [field]: 'field.invisibleChars' });
  });

  it('refuses invisible characters in line texts, and keeps an emoji joined by a zero-width joiner', () => {
    expect(errors({ ...valid, lines: [{ ...valid.lines[0], sku: 'SKU\u200B-1' }] })).toEqual({
      'lines.0.sku': 'field.invisibleChars',
    });
    expect(errors({ ...valid, lines: [{ ...valid.lines[0], productName: 'La\uFEFFtte' }] })).toEqual({
      'lines.0.productName': 'field.invisibleChars',
    });
    const family = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}';
    expect(orderDraftSchema.parse({ ...valid, note: `for the ${family}` }).note).toBe(`for the ${family}`);
    expect(errors({ ...valid, customerName: 'Ki\u200Dm' })).toEqual({ customerName: 'field.invisibleChars' });
  });

  it('sends a price within a float of whole cents as those cents', () => {
    const priced = (currency: string, unitPrice: number) =>
      orderDraftSchema.parse({ ...valid, currency, lines: [{ ...valid.lines[0], unitPrice }] }).lines[0].unitPrice;
    expect(priced('USD', 0.1 + 0.2)).toBe(0.3);
    expect(priced('KRW', 4950.000000000001)).toBe(4950);
    expect(priced('USD', 5e-324)).toBe(0);
  });

  it.each([
    [0, 'field.quantityRange'],
    [1000, 'field.quantityRange'],
    [-3, 'field.quantityRange'],
    [1.5, 'field.quantityWhole'],
    [Number.NaN, 'field.notANumber'],
    ['2', 'field.notANumber'],
  ])('refuses quantity %s with %s', (quantity, code) => {
    expect(errors({ ...valid, lines: [{ ...valid.lines[0], quantity }] })).toEqual({ 'lines.0.quantity': code });
  });

  it.each([
    [-1, 'field.priceNegative'],
    [0.001, 'field.priceDecimals'],
    [ORDER_LIMITS.unitPriceMax + 1, 'field.priceTooHigh'],
    [Number.POSITIVE_INFINITY, 'field.notANumber'],
  ])('refuses unit price %s with %s', (unitPrice, code) => {
    expect(errors({ ...valid, lines: [{ ...valid.lines[0], unitPrice }] })).toEqual({ 'lines.0.unitPrice': code });
  });

  it('accepts a free item and prices with two decimals', () => {
    expect(orderDraftSchema.safeParse({ ...valid, lines: [{ ...valid.lines[0], unitPrice: 0 }] }).success).toBe(true);
    expect(
      orderDraftSchema.safeParse({ ...valid, currency: 'USD', lines: [{ ...valid.lines[0], unitPrice: 19.99 }] })
        .success,
    ).toBe(true);
  });

  it('takes a price with no more decimals than its currency has: whole won and yen', () => {
    const priced = (currency: string, ...prices: number[]) => ({
      ...valid,
      currency,
      lines: prices.map((unitPrice, i) => ({ ...valid.lines[0], sku: `S${i}`, unitPrice })),
    });
    // Shown as ₩13,502 and produced as 13501.5 before: the screens format KRW without decimals.
    expect(errors(priced('KRW', 4500, 4500.5))).toEqual({ 'lines.1.unitPrice': 'field.priceWhole' });
    expect(errors(priced('JPY', 0.5))).toEqual({ 'lines.0.unitPrice': 'field.priceWhole' });
    expect(errors(priced('USD', 19.99, 0.5))).toEqual({});
    expect(errors(priced('KWD', 1.001))).toEqual({ 'lines.0.unitPrice': 'field.priceDecimals' });
    expect(errors(priced('KRW', 0.001))).toEqual({ 'lines.0.unitPrice': 'field.priceDecimals' });
    expect(orderSubmissionSchema.safeParse(priced('KRW', 4500.5)).success).toBe(false);
    expect([
      currencyDecimals('KRW'),
      currencyDecimals('JPY'),
      currencyDecimals('USD'),
      currencyDecimals('KWD'),
    ]).toEqual([0, 0, 2, 2]);
    const issue = orderDraftSchema.safeParse(priced('KRW', 4500.5)).error?.issues[0];
    expect(issue?.code === 'custom' && formatError({ code: 'field.priceWhole', params: issue.params }, 'ko')).toBe(
      '소수점 없이 입력하세요: KRW 가격은 정수입니다',
    );
  });

  it('still reads an order produced with half a won before that check', () => {
    const produced = {
      ...valid,
      lines: [{ ...valid.lines[0], unitPrice: 4500.5 }],
      orderId: '3f2b8c1e-1111-4222-8333-444455556666',
      schemaVersion: 1,
      storeId: 's',
      terminalId: 't',
      clerk: 'c',
      createdAt: '2026-12-01T00:00:00.000Z',
      total: 9001,
    };
    expect(orderSchema.safeParse(produced).success).toBe(true);
  });

  it('refuses a phone too short to be a number ("010-12"), and takes every Korean number, shortest 1588-1234', () => {
    expect(errors({ ...valid, phone: '010-12' })).toEqual({ phone: 'field.phoneShort' });
    expect(formatError({ code: 'field.phoneShort' }, 'ko')).toBe('전화번호는 숫자 8자리 이상입니다 (예: 1588-1234)');
    for (const phone of ['1588-1234', '02-123-4567', '010-1234-5678', '+82 10-1234-5678', '０１０－１２３４－５６７８'])
      expect(errors({ ...valid, phone }), phone).toEqual({});
    expect(errors({ ...valid, phone: '010-ab' })).toEqual({ phone: 'field.phoneChars' });
  });

  it('takes a phone written with dots, as the Orders search does, and keeps it as the one typed with dashes', () => {
    const kept = (phone: string) => orderDraftSchema.parse({ ...valid, phone }).phone;
    expect(kept('010.1234.5678')).toBe('010-1234-5678');
    expect(kept('０１０．１２３４．５６７８')).toBe('010-1234-5678');
    expect(kept('02.123.4567')).toBe('02-123-4567');
    expect(kept('010-1234-5678')).toBe('010-1234-5678');
    // What the search takes as a phone the form takes, and the kept phone's digits are the query's.
    for (const typed of ['010.1234.5678', '+82 10.1234.5678', '(02) 123 4567', '０１０．１２３４．５６７８'])
      expect(phoneDigits(kept(typed)), typed).toBe(phoneQueryDigits(typed));
  });

  it('allows at most 50 lines', () => {
    const line = valid.lines[0];
    expect(orderDraftSchema.safeParse({ ...valid, lines: Array(50).fill(line) }).success).toBe(true);
    expect(errors({ ...valid, lines: Array(51).fill(line) })).toEqual({ lines: 'field.linesMax' });
  });

  it('refuses huge strings instead of storing them', () => {
    const huge = 'x'.repeat(1_000_000);
    expect(errors({ ...valid, customerName: huge })).toEqual({ customerName: 'field.tooLong' });
    expect(errors({ ...valid, note: huge })).toEqual({ note: 'field.tooLong' });
    expect(errors({ ...valid, lines: [{ ...valid.lines[0], productName: huge }] })).toEqual({
      'lines.0.productName': 'field.tooLong',
    });
  });

  it('refuses wrong types', () => {
    expect(errors({ ...valid, customerName: 42 })).toEqual({ customerName: 'field.required' });
    expect(errors({ ...valid, lines: 'AMER-R x2' })).toEqual({ lines: 'field.invalid' });
    expect(errors({ ...valid, paymentMethod: 'bitcoin' })).toEqual({ paymentMethod: 'field.paymentMethod' });
    expect(errors({ ...valid, currency: 'won' })).toEqual({ currency: 'field.currency' });
    expect(orderDraftSchema.safeParse(null).success).toBe(false);
    expect(orderDraftSchema.safeParse([valid]).success).toBe(false);
  });

  it('refuses extra fields, including a total or order id the renderer tries to set', () => {
    for (const extra of [{ total: 1 }, { orderId: 'x' }, { storeId: 'other-store' }]) {
      const r = orderDraftSchema.safeParse({ ...valid, ...extra });
      expect(r.success).toBe(false);
      expect(r.error?.issues[0].code).toBe('unrecognized_keys');
    }
    expect(orderDraftSchema.safeParse({ ...valid, lines: [{ ...valid.lines[0], discount: 100 }] }).success).toBe(false);
  });

  it('refuses prototype-pollution keys, at the top and inside a line', () => {
    const top = JSON.parse(`{"__proto__": {"polluted": true}, ${JSON.stringify(valid).slice(1)}`);
    expect(orderDraftSchema.safeParse(top).success).toBe(false);
    const inLine = JSON.parse(
      JSON.stringify(valid).replace('"sku"', '"constructor":{"prototype":{"polluted":true}},"sku"'),
    );
    expect(orderDraftSchema.safeParse(inLine).success).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps customer IDs to characters that are safe as a Kafka key and in a terminal', () => {
    expect(errors({ ...valid, customerId: 'C 1001' })).toEqual({ customerId: 'field.customerIdChars' });
    expect(errors({ ...valid, customerId: 'C-1001\u0000' })).toEqual({ customerId: 'field.controlChars' });
    expect(orderDraftSchema.safeParse({ ...valid, customerId: '고객_01.a' }).success).toBe(true);
  });

  it('refuses a customer ID that only looks like another: Cyrillic or Greek letters among Latin ones, digits of another script', () => {
    // A Cyrillic С, a Greek Ο, an Arabic-Indic one: each was a new customer beside CONF1.
    expect(errors({ ...valid, customerId: '\u0421ONF1' })).toEqual({ customerId: 'field.customerIdLookalike' });
    expect(errors({ ...valid, customerId: 'C\u039fNF1' })).toEqual({ customerId: 'field.customerIdLookalike' });
    expect(errors({ ...valid, customerId: 'CONF\u0661' })).toEqual({ customerId: 'field.customerIdDigits' });
    expect(errors({ ...valid, customerId: 'C-\u0967\u0968' })).toEqual({ customerId: 'field.customerIdDigits' });
    // What a keyboard types still passes: Latin, Hangul, both, full-width (folded to C1001), one other alphabet alone.
    for (const customerId of ['CONF1', '고객_01.a', 'K고객-7', '\uff23\uff11\uff10\uff10\uff11', 'Иван-01', 'Σ-12'])
      expect(orderDraftSchema.safeParse({ ...valid, customerId }).success, customerId).toBe(true);
    expect(orderDraftSchema.parse({ ...valid, customerId: '\uff23\uff11\uff10\uff10\uff11' }).customerId).toBe('C1001');
  });

  it('refuses a customer ID wholly in Cyrillic or Greek letters that look Latin, saying so in English and Korean', () => {
    // "АВС123" in Cyrillic, "ΑΒΕ-7" in Greek, "ВЗ" (B3), lowercase "арех", and both alphabets at once:
    // each reads as a Latin ID that it is not.
    for (const customerId of [
      '\u0410\u0412\u0421123',
      '\u0391\u0392\u0395-7',
      '\u0412\u0417',
      '\u0430\u0440\u0435\u0445',
      '\u0410\u0392\u0421',
    ])
      expect(errors({ ...valid, customerId }), customerId).toEqual({ customerId: 'field.customerIdLooksLatin' });
    const problem = schemaProblem(orderDraftSchema, { ...valid, customerId: '\u0410\u0412\u0421123' });
    expect(problem).toEqual({ code: 'field.customerIdLooksLatin' });
    expect(formatError(problem!, 'en')).toBe(
      'Has letters of another alphabet that look like Latin ones (Cyrillic, Greek, Cherokee…), often pasted: retype it',
    );
    expect(formatError(problem!, 'ko')).toBe(
      '로마자처럼 보이는 다른 문자(키릴 문자, 그리스 문자, 체로키 문자 등)가 들어 있습니다. 주로 붙여 넣을 때 들어옵니다. 직접 입력하세요',
    );
    // A letter that looks like no Latin one: not read as a Latin ID, taken.
    for (const customerId of ['\u0416\u042e\u042f-12', '\u0416\u0410\u0412', '\u03a3-12'])
      expect(orderDraftSchema.safeParse({ ...valid, customerId }).success, customerId).toBe(true);
  });

  it('refuses a customer ID in any alphabet that Unicode draws as Latin, or beside Latin, saying so in English and Korean', () => {
    // Each reads as ABC123 (or A-1, ABE7) to a clerk: Lisu, Cherokee, Greek with a tonos, Lisu
    // among Latin letters, a Cyrillic А among Hangul. Saved over the WebSocket before.
    const refused: [string, string][] = [
      ['\ua4ee\ua4d0\ua4da123', 'field.customerIdLooksLatin'], // ꓮꓐꓚ123
      ['\u13aa\u13f4\u13df123', 'field.customerIdLooksLatin'], // ᎪᏴᏟ123
      ['\u13aa-1', 'field.customerIdLooksLatin'], // Ꭺ-1
      ['\u0386\u0392\u03957', 'field.customerIdLooksLatin'], // ΆΒΕ7
      ['\uae40\u04101', 'field.customerIdLooksLatin'], // 김А1, reads as 김A1
      ['A\ua4d0C123', 'field.customerIdLookalike'], // AꓐC123
      ['\u2c80\u2c82\u2ca4123', 'field.customerIdScript'], // ⲀⲂⲤ123 (Coptic: Ⲁ, Ⲃ are not in confusables.txt)
      ['\u0531\u0532-12', 'field.customerIdScript'], // ԱԲ-12, Armenian
    ];
    expectRefused(refused);
    expect(words('\u13aa\u13f4\u13df123')).toEqual([
      'Has letters of another alphabet that look like Latin ones (Cyrillic, Greek, Cherokee…), often pasted: retype it',
      '로마자처럼 보이는 다른 문자(키릴 문자, 그리스 문자, 체로키 문자 등)가 들어 있습니다. 주로 붙여 넣을 때 들어옵니다. 직접 입력하세요',
    ]);
    expect(words('A\ua4d0C123')).toEqual([
      'Mixes Latin letters with letters of another alphabet that look the same, often pasted: retype it',
      '로마자와 모양이 같은 다른 문자가 섞여 있습니다. 주로 붙여 넣을 때 들어옵니다. 직접 입력하세요',
    ]);
    expect(words('\u2c80\u2c82\u2ca4123')).toEqual([
      'Letters of an alphabet a customer ID does not use, often pasted: use Latin, Korean, Chinese, Japanese, Cyrillic or Greek letters',
      '고객 ID에 쓰지 않는 문자가 있습니다(주로 붙여 넣을 때 들어옵니다). 로마자, 한글, 한자, 일본 문자, 키릴 문자, 그리스 문자로 입력하세요',
    ]);
    // Still taken: what a keyboard types, Hangul with Latin, kana and Han, real Cyrillic and Greek IDs.
    expectTaken([
      'C-1001',
      '김민지',
      'K고객-7',
      'カナ_7',
      '東京-1',
      'Иван-01',
      '\u0416\u042e\u042f-12',
      'Σ-12',
      'Éric-3',
    ]);
  });

  it('refuses a customer ID whose Cyrillic and Greek letters look alike, mixed or each alone, saying so in English and Korean', () => {
    // "ГП-12" in Cyrillic and "ΓΠ-12" in Greek look the same and were two customers; "ЖΣ-1"
    // mixes the two alphabets. Latin and a Cyrillic or Greek letter drawn as Latin keep their words.
    const refused: [string, string][] = [
      ['\u0413\u041f-12', 'field.customerIdCyrillicGreek'], // ГП-12, Cyrillic
      ['\u0393\u03a0-12', 'field.customerIdCyrillicGreek'], // ΓΠ-12, Greek
      ['\u0444\u043f', 'field.customerIdCyrillicGreek'], // фп, reads as Greek φπ
      ['\u0410\u0413-7', 'field.customerIdCyrillicGreek'], // АГ-7, reads as Greek ΑΓ-7
      ['\uae40\u0413\u0301-1', 'field.customerIdCyrillicGreek'], // 김Ѓ-1 (Г with an accent) among Hangul
      ['\u0376\u0392\u0391\u0397', 'field.customerIdCyrillicGreek'], // ͶΒΑΗ, Greek with an archaic Ͷ, reads as ИВАН
      ['\u0416\u03a3-1', 'field.customerIdMixedAlphabets'], // ЖΣ-1
      ['\u0418\u0432\u0430\u043d\u03a0', 'field.customerIdMixedAlphabets'], // ИванΠ
      ['\u0410\u0392\u0421', 'field.customerIdLooksLatin'], // АΒС, reads as ABC
    ];
    expectRefused(refused);
    expect([words('\u0413\u041f-12'), words('\u0416\u03a3-1')]).toEqual([
      [
        'Every Cyrillic or Greek letter in it looks the same in the other alphabet (П and Π, Ф and Φ…), so it reads as another customer’s ID: write it in Latin or Korean letters',
        '키릴 문자나 그리스 문자가 모두 다른 쪽 문자와 모양이 같아(П와 Π, Ф와 Φ 등) 다른 고객의 ID로 읽힙니다. 로마자나 한글로 입력하세요',
      ],
      [
        'Mixes Cyrillic and Greek letters, which look alike, often pasted: write it in one alphabet',
        '모양이 비슷한 키릴 문자와 그리스 문자가 섞여 있습니다. 주로 붙여 넣을 때 들어옵니다. 한 가지 문자로 입력하세요',
      ],
    ]);
    // Still taken: an ID in one alphabet with a letter the other has no look-alike of, Hangul, Latin, digits.
    expectTaken([
      'Иван-01',
      'ИВАН', // only an archaic Greek letter (Ͷ) looks like И
      'Лиза-7',
      'Ли-7', // и looks like an archaic Greek ͷ only
      '\u0416\u0413-12', // ЖГ-12
      'Σ-12',
      '\u0394\u03a0-3', // ΔΠ-3
      '김민지',
      'C-1001',
      '12345',
    ]);
  });

  it('still reads an order whose customer ID was saved in Lisu or Cherokee before the look-alike check', () => {
    expect(orderSchema.parse(madeOrder({ customerId: '\ua4ee\ua4d0\ua4da123' })).customerId).toBe(
      '\ua4ee\ua4d0\ua4da123',
    );
  });

  it('still reads an order whose customer ID was saved before the whole-alphabet look-alike check', () => {
    expect(orderSchema.parse(madeOrder({ customerId: '\u0410\u0412\u0421123' })).customerId).toBe(
      '\u0410\u0412\u0421123',
    );
  });

  it('still reads an order whose texts were saved before the checks on invisible characters and stacked marks', () => {
    // What the checks of 2026-12-07 refuse at Save, in an order made before them (on the topic,
    // from another terminal, or in this terminal's outbox): read as it was taken.
    const texts = {
      customerName: '\u3164',
      note: 'A\uFE0F',
      lines: [{ sku: 'S\u034F1', productName: `Mocha${'\u0301'.repeat(9)}`, quantity: 1, unitPrice: 9000 }],
    };
    expect(orderDraftSchema.safeParse({ ...valid, ...texts }).success).toBe(false);
    const read = orderSchema.parse(madeOrder(texts));
    expect([read.customerName, read.note, read.lines[0].sku]).toEqual(['\u3164', 'A\uFE0F', 'S\u034F1']);
  });

  it('still reads an order whose name was saved as marks on no letter, before that check', () => {
    expect(orderDraftSchema.safeParse({ ...valid, customerName: '\u0301\u0301' }).success).toBe(false);
    expect(orderSchema.parse(madeOrder({ customerName: '\u0301\u0301' })).customerName).toBe('\u0301\u0301');
  });

  it('still reads an order whose customer ID was saved before the look-alike checks', () => {
    const made = madeOrder({ customerId: '\u0421ONF1' });
    expect(orderSchema.parse(made).customerId).toBe('\u0421ONF1');
  });

  it('uses only error codes that have words for the clerk in both languages', () => {
    const codes = [
      ...Object.values(
        errors({
          customerName: 1,
          customerId: ' ',
          phone: 'abc',
          lines: [],
          currency: 'x',
          paymentMethod: 'y',
          note: 'z'.repeat(600),
        }),
      ),
      ...Object.values(errors({ ...valid, lines: [{ sku: '', productName: '', quantity: 0.5, unitPrice: -1 }] })),
    ];
    expect(codes.length).toBeGreaterThan(8);
    for (const c of codes) expect(ERROR_MESSAGES, c).toHaveProperty([c]);
  });
});

describe('currency', () => {
  const currencyIssue = (currency: string) => {
    const r = orderDraftSchema.safeParse({ ...valid, currency });
    return r.success
      ? null
      : r.error.issues.map((i) => formatError({ code: i.message as 'field.currency', params: issueParams(i) }));
  };

  it('takes ISO 4217 codes in use', () => {
    for (const c of ['KRW', 'USD', 'JPY', 'EUR', 'KWD']) expect(currencyIssue(c)).toBeNull();
    expect(ISO_4217_CURRENCIES).toContain('KRW');
  });

  it('decides a code the same whichever runtime checks it: the page’s Chromium and the service’s Node', async () => {
    // Each runtime's Intl lists its own ICU's currencies: Node 20.20 listed SLE, XCG and ZWG and
    // Debian's Chromium 156 did not, so the form refused an XCG order the service saved; both
    // listed HRK, withdrawn in 2023, and XDR, which no customer pays in.
    const node = [...ISO_4217_CURRENCIES.filter((c) => c !== 'VED'), 'HRK', 'XDR'];
    const chromium = node.filter((c) => !['SLE', 'XCG', 'ZWG'].includes(c));
    const codes = ['KRW', 'SLE', 'XCG', 'ZWG', 'VED', 'HRK', 'XDR', 'KWR'];
    async function decidedWith(runtimeList: string[]) {
      vi.resetModules();
      const spy = vi.spyOn(Intl, 'supportedValuesOf').mockReturnValue(runtimeList);
      try {
        const { orderDraftSchema: schema } = await import('../../../shared/order-schema');
        return codes.map((currency) => {
          const r = schema.safeParse({ ...valid, currency });
          const said = r.success
            ? []
            : r.error.issues.map((i) => formatError({ code: i.message as 'field.currency', params: issueParams(i) }));
          return `${currency}: ${said.join('; ') || 'taken'}`;
        });
      } finally {
        spy.mockRestore();
      }
    }
    const expected = [
      'KRW: taken',
      'SLE: taken',
      'XCG: taken',
      'ZWG: taken',
      'VED: taken',
      'HRK: HRK is no longer in use: ISO 4217 replaced it with EUR, in other amounts. Enter the order in EUR',
      'XDR: XDR is an ISO 4217 code but no money a customer pays in (a fund, unit of account or metal), e.g. KRW, USD',
      'KWR: KWR is not a currency code; did you mean KRW?',
    ];
    const byNode = await decidedWith(node);
    expect(await decidedWith(chromium)).toEqual(byNode);
    expect(byNode).toEqual(expected);
  });

  it('decides a price’s decimals the same whichever runtime checks it: RSD 100.5 is taken by the form and the service', async () => {
    // The decimals came from Intl's resolvedOptions(): RSD 0 in Debian's Chromium 156, 2 in Node
    // 20.20, so the form said "No decimals: RSD prices are whole amounts" to a price the service took.
    async function decided() {
      const {
        orderDraftSchema: draft,
        orderSubmissionSchema: submission,
        currencyDecimals: decimals,
      } = await import('../../../shared/order-schema');
      const rsd = { ...valid, currency: 'RSD', lines: [{ ...valid.lines[0], unitPrice: 100.5 }] };
      const said = (r: ReturnType<typeof draft.safeParse>) =>
        r.success
          ? 'taken'
          : r.error.issues
              .map((i) => formatError({ code: i.message as 'field.priceWhole', params: issueParams(i) }))
              .join('; ');
      return {
        form: said(draft.safeParse(rsd)),
        service: said(submission.safeParse(rsd)),
        decimals: Object.fromEntries(ISO_4217_CURRENCIES.map((c) => [c, decimals(c)])),
      };
    }
    const byChromium = await underRuntimeDigits(CHROMIUM_DIGITS, decided);
    const byNode = await underRuntimeDigits(NODE_DIGITS, decided);
    expect(byChromium).toEqual(byNode);
    expect([byNode.form, byNode.service]).toEqual(['taken', 'taken']);
    // ISO 4217's minor units, not CLDR's (IDR 2, IQD 3 capped at the price rule's 2, KRW 0).
    expect(['RSD', 'IDR', 'IQD', 'KRW', 'CLP', 'XPF', 'USD'].map((c) => byNode.decimals[c])).toEqual([
      2, 2, 2, 0, 0, 0, 2,
    ]);
  });

  it('says which code replaced a withdrawn one (SLL, HRK), in English and Korean, rather than no currency', () => {
    expect(currencyIssue('SLL')).toEqual([
      'SLL is no longer in use: ISO 4217 replaced it with SLE, in other amounts. Enter the order in SLE',
    ]);
    const r = orderSubmissionSchema.safeParse({ ...valid, currency: 'HRK' });
    const issue = r.success ? null : r.error.issues[0];
    expect(formatError({ code: issue!.message as 'field.currency', params: issueParams(issue!) }, 'ko')).toBe(
      'HRK는 더 이상 쓰지 않는 통화입니다. EUR로 바뀌었고 금액 단위가 다릅니다. 주문을 EUR로 입력하세요',
    );
  });

  it('refuses three capital letters that are no currency, naming the code and a likely one, in English and Korean', () => {
    expect(currencyIssue('KWR')).toEqual(['KWR is not a currency code; did you mean KRW?']);
    expect(currencyIssue('XYZ')).toEqual(['XYZ is not a currency code (ISO 4217), e.g. KRW, USD']);
    const r = orderSubmissionSchema.safeParse({ ...valid, currency: 'KWR' });
    expect(r.success).toBe(false);
    const issue = r.success ? null : r.error.issues[0];
    expect(formatError({ code: issue!.message as 'field.currency', params: issueParams(issue!) }, 'ko')).toBe(
      'KWR은 통화 코드가 아닙니다. KRW를 입력하려고 하셨나요?',
    );
    expect(currencyIssue('won')).toEqual(['Three-letter currency code, e.g. KRW']);
  });

  it('still reads an order made in such a code before the check (the topic, the outbox), and in a withdrawn one', () => {
    expect(orderSchema.parse(madeOrder({ currency: 'KWR' })).currency).toBe('KWR');
    expect(orderSchema.parse(madeOrder({ currency: 'HRK' })).currency).toBe('HRK');
  });
});

describe('order total', () => {
  it('is exact to the cent where floating point is not', () => {
    expect(0.1 * 3).not.toBe(0.3);
    expect(orderTotal([{ sku: 'a', productName: 'a', quantity: 3, unitPrice: 0.1 }])).toBe(0.3);
    expect(
      orderTotal([
        { sku: 'a', productName: 'a', quantity: 2, unitPrice: 4500 },
        { sku: 'b', productName: 'b', quantity: 1, unitPrice: 4200 },
      ]),
    ).toBe(13200);
  });

  it('stays exact at the largest order the schema allows', () => {
    const line = {
      sku: 'a',
      productName: 'a',
      quantity: ORDER_LIMITS.quantityMax,
      unitPrice: ORDER_LIMITS.unitPriceMax,
    };
    expect(orderTotal(Array(ORDER_LIMITS.linesMax).fill(line))).toBe(50 * 999 * 1_000_000_000);
  });
});

describe('a phone as the order form shows and saves it', () => {
  it.each([
    ['01077778888', '010-7777-8888'],
    ['010 7777 8888', '010-7777-8888'],
    ['010-77778888', '010-7777-8888'],
    ['０１０７７７７８８８８', '010-7777-8888'],
    ['010.7777.8888', '010-7777-8888'],
    ['0111234567', '011-123-4567'],
    [' 01912345678 ', '019-1234-5678'],
  ])('a Korean mobile number %j is shown %j', (typed, shown) => {
    expect(phoneAsShown(typed)).toBe(shown);
  });

  it.each(['+82 10 7777 8888', '+821077778888', '021234567', '15881234', '0101234567', '(010)77778888', 'call me', ''])(
    '%j, no Korean mobile number written with digits, is left as typed',
    (typed) => expect(phoneAsShown(typed)).toBe(typed),
  );

  it('is kept by the schema as shown', () => {
    expect(orderDraftSchema.parse({ ...valid, phone: phoneAsShown('01077778888') }).phone).toBe('010-7777-8888');
  });
});
