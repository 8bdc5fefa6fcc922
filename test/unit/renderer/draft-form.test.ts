import { formatError } from '../../../shared/error-codes';
import { describe, expect, it } from 'vitest';
import {
  addProduct,
  withFreeLineAfter,
  atCatalogPrices,
  emptyLine,
  fromCounterDraft,
  isEmptyForm,
  stepQuantity,
  toCounterDraft,
  emptyForm,
  fromDraft,
  isRequiredField,
  lineSubtotal,
  parseNumber,
  toDraftInput,
  validateForm,
  type DraftForm,
} from '../../../renderer/order-form/draft-form';

const filled = (): DraftForm => ({
  ...emptyForm(),
  customerName: 'Kim',
  customerId: 'C-1',
  lines: [{ key: 1, sku: 'S-1', productName: 'Tea', quantity: '2', unitPrice: '12,000' }],
});

describe('order form ↔ draft', () => {
  it('starts with one line, quantity 1, KRW, card', () => {
    const f = emptyForm();
    expect(f.lines).toHaveLength(1);
    expect(f.lines[0].quantity).toBe('1');
    expect(f.currency).toBe('KRW');
    expect(f.paymentMethod).toBe('card');
  });

  it('reads numbers the way a clerk types them, and an empty box as no number', () => {
    expect(parseNumber('12,000')).toBe(12000);
    expect(parseNumber(' 3 ')).toBe(3);
    expect(parseNumber('')).toBeNaN();
    expect(parseNumber('abc')).toBeNaN();
  });

  it('shows a line subtotal only for a quantity and price the order takes, summed in cents', () => {
    expect(lineSubtotal({ quantity: '2', unitPrice: '7,250' }, 'KRW')).toBe(14500);
    expect(lineSubtotal({ quantity: '3', unitPrice: '0.1' }, 'USD')).toBe(0.3);
    expect(lineSubtotal({ quantity: '12', unitPrice: '' }, 'KRW')).toBeNull();
    expect(lineSubtotal({ quantity: '1.5', unitPrice: '100' }, 'KRW')).toBeNull();
    expect(lineSubtotal({ quantity: '0', unitPrice: '100' }, 'KRW')).toBeNull();
    // What Submit refuses is not counted either (it was, beside the field's error).
    expect(lineSubtotal({ quantity: '1000', unitPrice: '1' }, 'KRW')).toBeNull();
    expect(lineSubtotal({ quantity: '1', unitPrice: '4500.5' }, 'KRW')).toBeNull();
    expect(lineSubtotal({ quantity: '1', unitPrice: '4500.5' }, 'usd')).toBe(4500.5);
    expect(lineSubtotal({ quantity: '1', unitPrice: '99999999999999' }, 'KRW')).toBeNull();
    expect(lineSubtotal({ quantity: '1', unitPrice: '1,00' }, 'KRW')).toBeNull();
  });

  it('says where the commas go when digits are grouped other than in threes, and the price limit as money', () => {
    const v = validateForm({
      ...emptyForm(),
      customerName: 'Kim',
      customerId: 'C-1',
      lines: [
        { key: 1, sku: 'A', productName: 'P', quantity: '1', unitPrice: '1,00' },
        { key: 2, sku: 'B', productName: 'Q', quantity: '1,0', unitPrice: '1000000001' },
      ],
    });
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.errors).toEqual({
      'lines.0.unitPrice': { code: 'field.digitGroups' },
      'lines.1.quantity': { code: 'field.digitGroups' },
      'lines.1.unitPrice': { code: 'field.priceTooHigh', params: { max: '1,000,000,000' } },
    });
    expect(formatError(v.errors['lines.1.unitPrice'], 'ko')).toBe('가격이 너무 큽니다: 최대 1,000,000,000');
  });

  it('maps every schema problem to the field that has it, as an error code', () => {
    const v = validateForm({
      ...emptyForm(),
      phone: 'x',
      lines: [{ key: 1, sku: '', productName: 'P', quantity: '1000', unitPrice: '' }],
    });
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.errors).toEqual({
      customerName: { code: 'field.required' },
      customerId: { code: 'field.required' },
      phone: { code: 'field.phoneChars' },
      'lines.0.sku': { code: 'field.required' },
      'lines.0.quantity': { code: 'field.quantityRange', params: { max: 999 } },
      'lines.0.unitPrice': { code: 'field.notANumber' },
    });
  });

  it('says under Customer ID that an ID wholly in Latin-looking Cyrillic letters is not what it looks', () => {
    const v = validateForm({ ...filled(), customerId: '\u0410\u0412\u0421123' });
    expect(v.ok ? null : v.errors).toEqual({ customerId: { code: 'field.customerIdLooksLatin' } });
    expect(formatError({ code: 'field.customerIdLooksLatin' }, 'ko')).toMatch(
      /^로마자처럼 보이는 다른 문자\(키릴 문자/,
    );
  });

  it('says under Name that accents alone are no name', () => {
    const v = validateForm({ ...filled(), customerName: '\u0301\u0301' });
    expect(v.ok ? null : v.errors).toEqual({ customerName: { code: 'field.markOnNothing' } });
    expect(formatError({ code: 'field.markOnNothing' }, 'en')).toMatch(/^Begins with a mark \(an accent\)/);
  });

  it('states the limit a too-long field broke', () => {
    const v = validateForm({ ...filled(), customerName: 'x'.repeat(101) });
    expect(v.ok ? null : v.errors.customerName).toEqual({ code: 'field.tooLong', params: { max: 100 } });
  });

  it('names the currency when its prices are whole amounts and the price has decimals', () => {
    const v = validateForm({ ...filled(), lines: [{ ...filled().lines[0], unitPrice: '4,500.5원' }] });
    expect(v.ok ? null : v.errors).toEqual({
      'lines.0.unitPrice': { code: 'field.priceWhole', params: { currency: 'KRW' } },
    });
    const usd = validateForm({ ...filled(), currency: 'usd', lines: [{ ...filled().lines[0], unitPrice: '4.50' }] });
    expect(usd.ok && usd.draft.lines[0].unitPrice).toBe(4.5);
  });

  it("reprices a repeated order at today's catalogue prices, leaving lines the catalogue lacks", () => {
    const product = { sku: 'S-1', name: 'Tea', price: 12500, barcode: null, category: null, quick: null };
    const form = {
      ...filled(),
      lines: [...filled().lines, { key: 2, sku: 'X-9', productName: 'Gift wrap', quantity: '1', unitPrice: '500' }],
    };
    const r = atCatalogPrices(form, new Map([['S-1', product]]));
    expect(r.changed).toBe(1);
    expect(r.form.lines.map((l) => [l.unitPrice, l.catalogPrice ?? null])).toEqual([
      ['12500', 12500],
      ['500', null],
    ]);
    expect(atCatalogPrices(r.form, new Map([['S-1', product]])).changed).toBe(0);
  });

  it('reads full-width digits and 원 in quantity and price', () => {
    const v = validateForm({
      ...filled(),
      lines: [{ key: 1, sku: 'S', productName: 'P', quantity: '３', unitPrice: '4,500원' }],
    });
    expect(v.ok && v.draft.lines[0]).toMatchObject({ quantity: 3, unitPrice: 4500 });
  });

  it('adds a catalogue product: into the empty line, then one more of it, then a new line', () => {
    const apple = { sku: 'A', name: 'Apple', price: 100 };
    const pear = { sku: 'P', name: 'Pear', price: 250 };
    let f = emptyForm();
    f = addProduct(f, apple)!.form;
    expect(f.lines).toHaveLength(1);
    expect(f.lines[0]).toMatchObject({
      sku: 'A',
      productName: 'Apple',
      quantity: '1',
      unitPrice: '100',
      catalogPrice: 100,
    });
    f = addProduct(f, apple)!.form;
    expect(f.lines[0].quantity).toBe('2');
    const added = addProduct(f, pear)!;
    expect(added.line).toBe(1);
    expect(added.form.lines[1]).toMatchObject({ sku: 'P', quantity: '1' });
    // An overridden price is a different line, not one more at the wrong price.
    const overridden = { ...f, lines: [{ ...f.lines[0], unitPrice: '90' }] };
    expect(addProduct(overridden, apple)!.form.lines).toHaveLength(2);
  });

  it('keeps a quantity typed into the free line before the product (3, then the key)', () => {
    const apple = { sku: 'A', name: 'Apple', price: 100 };
    const typed = (quantity: string) => ({ ...emptyForm(), lines: [{ ...emptyLine(), quantity }] });
    expect(addProduct(typed('3'), apple)!.form.lines[0]).toMatchObject({ sku: 'A', quantity: '3' });
    expect(addProduct(typed('１２'), apple)!.form.lines[0].quantity).toBe('12');
    // Nothing a line can hold is kept: the product goes in once.
    for (const q of ['', '0', '1.5', '1000', 'x'])
      expect(addProduct(typed(q), apple)!.form.lines[0].quantity).toBe('1');
  });

  it('adds a quantity typed before the key of a product already on the order to its line, and frees the free line again', () => {
    const apple = { sku: 'A', name: 'Apple', price: 100 };
    const onOrder = addProduct(emptyForm(), apple)!.form;
    const typed = { ...onOrder, lines: [...onOrder.lines, { ...emptyLine(), quantity: '3' }] };
    const added = addProduct(typed, apple)!;
    expect(added.line).toBe(0);
    expect(added.form.lines.map((l) => [l.sku, l.quantity])).toEqual([
      ['A', '4'],
      ['', '1'],
    ]);
    // Past the most a line holds: refused, the typed quantity kept for the clerk to see.
    const many = { ...typed, lines: [{ ...typed.lines[0], quantity: '997' }, typed.lines[1]] };
    expect(addProduct(many, apple)).toBeNull();
  });

  it('gives a free line after the one a key filled, adding one only when none is left (not past the most lines)', () => {
    const apple = { sku: 'A', name: 'Apple', price: 100 };
    const one = addProduct(emptyForm(), apple)!;
    const freed = withFreeLineAfter(one.form, one.line);
    expect(freed.free).toBe(1);
    expect(freed.form.lines.map((l) => l.sku)).toEqual(['A', '']);
    expect(withFreeLineAfter(freed.form, 0)).toEqual(freed);
    const full = { ...one.form, lines: Array.from({ length: 50 }, () => one.form.lines[0]) };
    expect(withFreeLineAfter(full, 49)).toEqual({ form: full, free: null });
  });

  it('leaves every blank line out of the order, wherever it is, and nothing else', () => {
    const blank = () => ({ ...emptyLine(), quantity: '1' });
    const v = validateForm({ ...filled(), lines: [...filled().lines, blank(), blank()] });
    expect(v.ok && v.draft.lines).toEqual([{ sku: 'S-1', productName: 'Tea', quantity: 2, unitPrice: 12000 }]);
    // Enter on the last price, then Alt+L: a blank line between two others stopped Submit with
    // "Required" on it; it is left out as the one at the end is.
    const tea = filled().lines[0];
    const between = validateForm({ ...filled(), lines: [blank(), tea, blank(), { ...blank(), quantity: '' }, tea] });
    expect(between.ok && between.draft.lines).toEqual([
      { sku: 'S-1', productName: 'Tea', quantity: 2, unitPrice: 12000 },
      { sku: 'S-1', productName: 'Tea', quantity: 2, unitPrice: 12000 },
    ]);
    // A line with anything typed keeps its errors, on its own line of the form.
    const typed = validateForm({
      ...filled(),
      lines: [blank(), tea, blank(), { ...blank(), unitPrice: 'abc' }, { ...blank(), quantity: '3' }],
    });
    expect(typed.ok ? null : typed.errors).toEqual({
      'lines.3.sku': { code: 'field.required' },
      'lines.3.productName': { code: 'field.required' },
      'lines.3.unitPrice': { code: 'field.notANumber' },
      'lines.4.sku': { code: 'field.required' },
      'lines.4.productName': { code: 'field.required' },
      'lines.4.unitPrice': { code: 'field.notANumber' },
    });
    // An order with no line at all is told so on its first line.
    const none = validateForm({ ...filled(), lines: [blank(), blank()] });
    expect(none.ok ? null : Object.keys(none.errors)).toEqual([
      'lines.0.sku',
      'lines.0.productName',
      'lines.0.unitPrice',
    ]);
  });

  it('puts no catalogue price (in KRW) into an order of another currency', () => {
    const tea = { sku: 'S-1', productName: 'Tea', catalogPrice: 12000 };
    const catalogue = new Map([
      ['S-1', { sku: 'S-1', name: 'Tea', price: 13000, barcode: null, category: null, quick: null }],
    ]);
    // Repeated in dollars: the dollar price stays as it was.
    const dollars = {
      ...filled(),
      currency: 'USD',
      lines: [{ key: 1, sku: 'S-1', productName: 'Tea', quantity: '2', unitPrice: '4.5' }],
    };
    expect(atCatalogPrices(dollars, catalogue)).toEqual({ form: dollars, changed: 0 });
    // Added in won, then the currency changed: the price still at the catalogue's is refused on its line.
    const switched = { ...filled(), currency: 'usd', lines: [{ key: 1, quantity: '2', ...tea, unitPrice: '12,000' }] };
    expect(validateForm(switched)).toEqual({
      ok: false,
      errors: {
        'lines.0.unitPrice': { code: 'field.catalogueCurrency', params: { catalogue: 'KRW', currency: 'USD' } },
      },
    });
    // A price the clerk typed in dollars is theirs; in won the catalogue's price is fine.
    expect(validateForm({ ...switched, lines: [{ ...switched.lines[0], unitPrice: '9' }] }).ok).toBe(true);
    expect(validateForm({ ...switched, currency: 'KRW' }).ok).toBe(true);
  });

  it('refuses to add past 50 lines or quantity 999', () => {
    const full = {
      ...emptyForm(),
      lines: Array.from({ length: 50 }, (_, i) => ({ ...emptyLine(), sku: `S${i}`, productName: 'x', unitPrice: '1' })),
    };
    expect(addProduct(full, { sku: 'NEW', name: 'New', price: 1 })).toBeNull();
    const most = {
      ...emptyForm(),
      lines: [{ ...emptyLine(), sku: 'A', productName: 'Apple', quantity: '999', unitPrice: '100' }],
    };
    expect(addProduct(most, { sku: 'A', name: 'Apple', price: 100 })).toBeNull();
  });

  it('steps the quantity with + and - within 1..999', () => {
    expect(stepQuantity('1', 1)).toEqual({ quantity: '2' });
    expect(stepQuantity('1', -1)).toEqual({ leftAsTyped: 'atLimit' });
    expect(stepQuantity('999', 1)).toEqual({ leftAsTyped: 'atLimit' });
    expect(stepQuantity('', 1)).toEqual({ quantity: '2' });
    expect(stepQuantity('５', -1)).toEqual({ quantity: '4' });
    expect(stepQuantity('0', 1)).toEqual({ quantity: '1' });
    expect(stepQuantity('1,000', -1)).toEqual({ quantity: '999' });
  });

  it('leaves a quantity it cannot step as typed, never a guess: 1234 was made 999, 1.5 and "abc" 2', () => {
    for (const [typed, delta] of [
      ['１２３４', -1],
      ['1.5', 1],
      ['abc', 1],
      ['0', -1],
      ['-3', 1],
    ] as const)
      expect(stepQuantity(typed, delta), typed).toEqual({ leftAsTyped: 'notStepped' });
  });

  it('knows an untouched form from a started one, and keeps a draft through the terminal', () => {
    expect(isEmptyForm(emptyForm())).toBe(true);
    expect(isEmptyForm({ ...emptyForm(), note: 'x' })).toBe(false);
    expect(isEmptyForm({ ...emptyForm(), paymentMethod: 'cash' })).toBe(false);
    const id = crypto.randomUUID();
    const kept = toCounterDraft({ ...filled(), tendered: '20000' }, id);
    expect(kept.submissionId).toBe(id);
    const back = fromCounterDraft(kept);
    expect(back).toMatchObject({
      customerName: 'Kim',
      tendered: '20000',
      lines: [{ sku: 'S-1', unitPrice: '12,000' }],
    });
  });

  it('turns a correct form into the draft main will accept (optional fields left out)', () => {
    const v = validateForm(filled());
    expect(v).toEqual({
      ok: true,
      draft: {
        customerName: 'Kim',
        customerId: 'C-1',
        lines: [{ sku: 'S-1', productName: 'Tea', quantity: 2, unitPrice: 12000 }],
        currency: 'KRW',
        paymentMethod: 'card',
      },
    });
    expect(toDraftInput({ ...filled(), currency: 'usd' }).currency).toBe('USD');
  });

  it('refuses to save a cash order while the cash tendered is short of the total; an empty amount saves', () => {
    // 33,300원 in cash and 3만 handed over: the form says 3,300원 short, and Save must not go ahead.
    const cash = (tendered: string): DraftForm => ({
      ...filled(),
      paymentMethod: 'cash',
      lines: [{ key: 1, sku: 'S-1', productName: 'Tea', quantity: '3', unitPrice: '11,100' }],
      tendered,
    });
    const short = validateForm(cash('3만'));
    expect(short).toEqual({
      ok: false,
      errors: { tendered: { code: 'field.tenderedShort', params: { short: 3300 } } },
    });
    expect(formatError({ code: 'field.tenderedShort', params: { short: '3,300원' } }, 'ko')).toBe(
      '합계보다 3,300원 부족합니다',
    );
    expect(formatError({ code: 'field.tenderedShort', params: { short: '₩3,300' } }, 'en')).toBe(
      '₩3,300 short of the total',
    );
    // An amount that reads two ways is not taken as one either.
    expect(validateForm(cash('1만5'))).toEqual({ ok: false, errors: { tendered: { code: 'field.unitShorthand' } } });
    // Tendering is optional; enough, or exactly the total, saves; and a card order has no cash.
    for (const ok of ['', ' ', '4만', '33,300원']) expect(validateForm(cash(ok)).ok).toBe(true);
    expect(validateForm({ ...cash('3만'), paymentMethod: 'card' }).ok).toBe(true);
  });

  it('takes a phone copied with dots (010.1234.5678) and sends it as one typed with dashes', () => {
    const v = validateForm({ ...filled(), phone: '010.1234.5678' });
    expect(v.ok ? v.draft.phone : v.errors).toBe('010-1234-5678');
  });

  it('refills the form from a previous draft', () => {
    const v = validateForm({ ...filled(), note: 'hot', phone: '010 1234 5678' });
    if (!v.ok) throw new Error('expected valid');
    const again = fromDraft(v.draft);
    expect(again).toMatchObject({
      customerName: 'Kim',
      // A mobile number is sent as the field shows it once left.
      phone: '010-1234-5678',
      note: 'hot',
      lines: [{ sku: 'S-1', quantity: '2', unitPrice: '12000' }],
    });
    expect(validateForm(again)).toEqual(v);
  });
});

describe('isRequiredField', () => {
  it('says required exactly where the order schema refuses an order without the field', () => {
    const required = [
      'customerName',
      'customerId',
      'lines.0.sku',
      'lines.3.productName',
      'lines.0.quantity',
      'lines.0.unitPrice',
    ];
    const optional = ['phone', 'note', 'currency', 'tendered', 'lines.0.nothing', 'nothing'];
    expect(required.filter((p) => !isRequiredField(p))).toEqual([]);
    expect(optional.filter((p) => isRequiredField(p))).toEqual([]);
    // The schema agrees: a filled form without the phone and note validates, one without a SKU does not.
    const noSku = filled();
    noSku.lines[0].sku = '';
    expect(validateForm({ ...filled(), phone: '', note: '' }).ok).toBe(true);
    expect(validateForm(noSku).ok).toBe(false);
  });
});

describe('a quantity typed with the counter word 개', () => {
  const withQuantity = (quantity: string) => validateForm({ ...filled(), lines: [{ ...filled().lines[0], quantity }] });

  it('takes "2개", "３ 개" and " 4개 " as the count, as the price takes "원"', () => {
    for (const [typed, count] of [
      ['2개', 2],
      ['３ 개', 3],
      [' 4개 ', 4],
    ] as const) {
      const v = withQuantity(typed);
      expect(v.ok ? v.draft.lines[0].quantity : v.errors, typed).toBe(count);
      expect(lineSubtotal({ quantity: typed, unitPrice: '1,000' }, 'KRW'), typed).toBe(count * 1000);
    }
    expect(stepQuantity('2개', 1)).toEqual({ quantity: '3' });
  });

  it('still says 숫자를 입력하세요 (Enter a number) for 개 alone, twice, or with anything else', () => {
    for (const typed of ['개', '2개개', '개2', '2 개 3', 'two개']) {
      const v = withQuantity(typed);
      expect(v.ok ? null : v.errors['lines.0.quantity'], typed).toEqual({ code: 'field.notANumber' });
    }
    const v = withQuantity('1,00개');
    expect(v.ok ? null : v.errors['lines.0.quantity']).toEqual({ code: 'field.digitGroups' });
    expect(formatError({ code: 'field.notANumber' }, 'ko')).toBe('숫자를 입력하세요');
  });
});

describe('the phone the form sends', () => {
  it('is a Korean mobile number as leaving the field shows it, also when Submit is pressed from the field', () => {
    expect(toDraftInput({ ...filled(), phone: '01077778888' }).phone).toBe('010-7777-8888');
    expect(toDraftInput({ ...filled(), phone: '+82 10 7777 8888' }).phone).toBe('+82 10 7777 8888');
  });
});
