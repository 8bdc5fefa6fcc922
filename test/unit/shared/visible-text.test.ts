// The one rule for text that becomes an order, an audit record or a catalogue entry (order-schema's
// visibleText): the requests that carry a void's reason and a supervisor's name refuse what the
// order form's fields refuse, with the same error codes, which the forms show in the clerk's words.
import { describe, expect, it } from 'vitest';
import { requestSpec } from '../../../shared/contract';
import { schemaProblem } from '../../../shared/describe-issues';
import { formatError } from '../../../shared/error-codes';
import { riskDecideInputSchema } from '../../../shared/risk-types';
import { isBlankText, orderDraftSchema, voidReasonTextSchema } from '../../../shared/order-schema';

const ORDER_ID = '7d3f6c2e-1b2a-4c5d-8e9f-0a1b2c3d4e5f';

/** The first issue's message, per field, as the request gate finds it. */
function refused(group: string, method: string, input: unknown): Record<string, string> {
  const r = requestSpec(group, method)!.input.safeParse(input);
  if (r.success) return {};
  const out: Record<string, string> = {};
  for (const i of r.error.issues) out[i.path.join('.')] ??= i.message;
  return out;
}

const hidden: Array<[string, string, string]> = [
  ['a right-to-left override', 'Ali\u202Eevil', 'field.invisibleChars'],
  ['a zero-width space', 'Ki\u200Bm', 'field.invisibleChars'],
  ['a bell (U+0007)', 'Kim\u0007', 'field.controlChars'],
  ['a NUL', 'Kim\u0000', 'field.controlChars'],
];

describe('a void reason and a supervisor name', () => {
  it.each(hidden)('a void reason with %s is refused at the request with the order fields’ code', (_, text, code) => {
    expect(refused('orders', 'void', { orderId: ORDER_ID, reason: `wrong ${text}`, pin: '1234' })).toEqual({
      reason: code,
    });
  });

  it.each(hidden)(
    'a supervisor name with %s is refused at the request with the order fields’ code',
    (_, text, code) => {
      expect(
        refused('risk', 'decide', { orderId: ORDER_ID, decision: 'confirm', supervisor: text, pin: '1234' }),
      ).toEqual({ supervisor: code });
    },
  );

  it('takes a plain reason and a Korean supervisor name, trimmed', () => {
    expect(refused('orders', 'void', { orderId: ORDER_ID, reason: '고객이 취소함', pin: '1234' })).toEqual({});
    const d = requestSpec('risk', 'decide')!.input.parse({
      orderId: ORDER_ID,
      decision: 'void',
      supervisor: ' 박서연 ',
      pin: '1234',
    }) as { supervisor: string };
    expect(d.supervisor).toBe('박서연');
  });

  it('the forms say it in the clerk’s language before asking', () => {
    const problem = schemaProblem(voidReasonTextSchema, 'ok\u202E');
    expect(problem).toEqual({ code: 'field.invisibleChars' });
    expect(formatError(problem!, 'ko')).toMatch(/^보이지 않는 문자/);
    expect(schemaProblem(riskDecideInputSchema.shape.supervisor, 'Kim\u0007')).toEqual({ code: 'field.controlChars' });
    expect(schemaProblem(riskDecideInputSchema.shape.supervisor, '  ')).toEqual({ code: 'field.required' });
  });
});

describe('characters that look blank or pile up', () => {
  const order = {
    customerName: '김민지',
    customerId: 'C-1001',
    lines: [{ sku: 'AMER-R', productName: 'Americano (R)', quantity: 1, unitPrice: 4500 }],
    currency: 'KRW',
    paymentMethod: 'card',
  };
  const nameError = (customerName: string) => {
    const r = orderDraftSchema.safeParse({ ...order, customerName });
    return r.success ? null : r.error.issues[0].message;
  };

  it.each([
    ['the Hangul filler U+3164', '\u3164'],
    ['the Hangul choseong filler U+115F', 'Kim\u115F'],
    ['the Hangul jungseong filler U+1160', 'Kim\u1160'],
    ['the halfwidth Hangul filler U+FFA0', '\uFFA0'],
    ['the combining grapheme joiner U+034F', 'Ki\u034Fm'],
    ['the Braille blank U+2800', '\u2800'],
    ['a variation selector U+FE00 after a letter', 'Kim\uFE00'],
    ['a variation selector-16 after a letter', 'Kim\uFE0F'],
    ['an ideographic variation selector after a Hangul syllable', '김\u{E0100}'],
  ])('refuses %s in a name with field.invisibleChars', (_, name) => {
    expect(nameError(name)).toBe('field.invisibleChars');
  });

  it('refuses more than four combining marks on one letter, with the limit in the message', () => {
    expect(nameError(`Z${'\u0301'.repeat(99)}`)).toBe('field.stackedMarks');
    expect(nameError(`Zo${'\u0334'.repeat(5)}`)).toBe('field.stackedMarks');
    expect(nameError(`Zo${'\u0334'.repeat(4)}`)).toBeNull();
    expect(schemaProblem(orderDraftSchema, { ...order, customerName: `Z${'\u0334'.repeat(5)}` })).toEqual({
      code: 'field.stackedMarks',
      params: { max: 4 },
    });
    expect(formatError({ code: 'field.stackedMarks', params: { max: 4 } })).toBe(
      'Has more than 4 marks stacked on one letter, often pasted: retype it',
    );
  });

  it.each([
    ['two acute accents', '\u0301\u0301'],
    ['a diaeresis alone', '\u0308'],
    ['a diaeresis between spaces', ' \u0308 '],
    ['nine accents', '\u0301'.repeat(9)],
    ['a diaeresis before a name', '\u0308Kim'],
  ])('refuses a name of %s, marks on no letter, with field.markOnNothing', (_, name) => {
    expect(nameError(name)).toBe('field.markOnNothing');
  });

  it('says what is wrong with marks on no letter, in English and Korean, in the order and decision forms', () => {
    const problem = schemaProblem(orderDraftSchema, { ...order, customerName: '\u0301\u0301' });
    expect(problem).toEqual({ code: 'field.markOnNothing' });
    expect(formatError(problem!, 'en')).toBe(
      'Begins with a mark (an accent) that has no letter under it, often pasted: retype it',
    );
    expect(formatError(problem!, 'ko')).toBe(
      '글자 없이 덧붙인 기호로 시작합니다. 주로 붙여 넣을 때 들어옵니다. 직접 입력하세요',
    );
    expect(schemaProblem(riskDecideInputSchema.shape.supervisor, '\u0308')).toEqual({ code: 'field.markOnNothing' });
    expect(refused('orders', 'void', { orderId: ORDER_ID, reason: '\u0301 wrong', pin: '1234' })).toEqual({
      reason: 'field.markOnNothing',
    });
  });

  it.each([
    ['a Korean name', '김민수'],
    ['a Korean name decomposed (NFD), as macOS file names give it', '김민수'.normalize('NFD')],
    ['a Korean name in old Hangul jamo', '\u1112\u119E\u11AB'],
    ['Zoë decomposed', 'Zoe\u0308'],
    ['José', 'José'],
    ['an accent shown alone after a space', 'Jose \u0301'],
    ['Nguyễn decomposed', 'Nguye\u0302\u0303n'],
    ['a Hebrew name with vowel points', 'שָׁלוֹם'],
    ['a heart emoji with its emoji selector', 'Kim \u2764\uFE0F'],
    ['a keycap', 'Table 1\uFE0F\u20E3'],
    ['a Japanese name with an ideographic variant', '葛\u{E0100}飾'],
  ])('takes %s', (_, name) => {
    expect(nameError(name)).toBeNull();
  });
});

describe('the Orders search query', () => {
  const search = (query: string) => ({ query, from: null, to: null, before: null, limit: 25 });

  it.each([
    ['a NUL', 'Kim\u0000'],
    ['a bell', 'Ki\u0007m'],
  ])('with %s is an invalid request that says why, not an internal error', (_, query) => {
    expect(refused('history', 'search', search(query))).toEqual({ query: 'field.controlChars' });
  });

  it('takes a name, a phone, an order id and nothing', () => {
    for (const q of ['김민수', '010-1234', '0193', '']) expect(refused('history', 'search', search(q))).toEqual({});
  });
});

describe('empty text, as the required checks of the void and decision forms read it', () => {
  // The forms mark a field "Required" by isBlankText before anything is sent: it must call empty
  // exactly what the schemas (and the services, which trim) take for empty.
  it.each(['', '   ', '\u3000', '\t ', ' x ', '김'])('%j is blank exactly when a required text is missing', (text) => {
    const missing = schemaProblem(riskDecideInputSchema.shape.supervisor, text)?.code === 'field.required';
    expect(isBlankText(text)).toBe(missing);
    // A void's reason trims to the same: nothing left is the service's "give a reason".
    expect(voidReasonTextSchema.parse(text) === '').toBe(missing);
  });
});
