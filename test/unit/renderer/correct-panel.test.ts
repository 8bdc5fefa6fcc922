// The Outbox's Correct panel for an order saved before the ISO 4217 check, in a currency it now
// refuses (KWR): the clerk sees a labelled Currency field holding KWR and, under it, the order
// form's own words for it, in English and Korean; once they type KRW the correction passes the
// request's check and carries KRW. The same for a KRW price with decimals (saved before prices
// followed their currency) and a name with an invisible character (saved before that check).
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { i18next } from '../../../renderer/i18n/i18n';
import { CorrectPanel } from '../../../renderer/outbox/CorrectPanel';
import { checkCorrection, correctionFormOf, type CorrectionForm } from '../../../renderer/outbox/correction-form';
import { requests } from '../../../shared/contract';
import type { Order } from '../../../shared/order-schema';
import { order } from '../orders/fixtures';

afterEach(() => i18next.changeLanguage('en'));

function panel(o: Order, form: CorrectionForm = correctionFormOf(o)): string {
  return renderToStaticMarkup(
    createElement(CorrectPanel, {
      order: o,
      form,
      onForm: () => {},
      onSave: () => {},
      onCancel: () => {},
      busy: false,
      label: 'Correct',
    }),
  );
}

/** The field a label names: its value, whether it is marked invalid, and the text of the error it points to. */
function fieldByLabel(html: string, label: string) {
  const forId = new RegExp(`<label for="([^"]+)">${label}</label>`).exec(html)?.[1];
  if (!forId) throw new Error(`no label "${label}" in ${html}`);
  const input = new RegExp(`<(?:input|textarea)[^>]*id="${forId}"[^>]*>`).exec(html)?.[0] ?? '';
  const describedBy = /aria-describedby="([^"]+)"/.exec(input)?.[1];
  const error = describedBy ? new RegExp(`id="${describedBy}"[^>]*>([^<]*)<`).exec(html)?.[1] : null;
  return {
    value: /value="([^"]*)"/.exec(input)?.[1],
    invalid: /aria-invalid="true"/.test(input),
    error: error ?? null,
  };
}

describe('Correct panel', () => {
  const kwr = order({ customerId: 'old', currency: 'KWR' });

  it('shows the currency saved before the ISO 4217 check, with the order form’s message, in English and Korean', async () => {
    expect(fieldByLabel(panel(kwr), 'Currency')).toEqual({
      value: 'KWR',
      invalid: true,
      error: 'KWR is not a currency code; did you mean KRW?',
    });
    await i18next.changeLanguage('ko');
    expect(fieldByLabel(panel(kwr), '통화')).toEqual({
      value: 'KWR',
      invalid: true,
      error: 'KWR은 통화 코드가 아닙니다. KRW를 입력하려고 하셨나요?',
    });
  });

  it('takes the corrected currency: no error left, and the draft passes the request’s check with KRW', () => {
    const form = { ...correctionFormOf(kwr), currency: 'KRW' };
    expect(fieldByLabel(panel(kwr, form), 'Currency')).toEqual({ value: 'KRW', invalid: false, error: null });
    const checked = checkCorrection(kwr, form);
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    const input = requests.orders.correct.input.safeParse({ orderId: kwr.orderId, draft: checked.draft });
    expect(input.success && input.data.draft.currency).toBe('KRW');
  });

  it('shows and takes a corrected KRW price with decimals and a name with an invisible character', () => {
    const old = order({
      customerName: 'Kim\u200BMinsu',
      lines: [{ sku: 'APL-01', productName: 'Apple', quantity: 3, unitPrice: 1200.5 }],
    });
    const html = panel(old);
    expect(fieldByLabel(html, 'Customer name')).toMatchObject({ value: 'Kim\u200BMinsu', invalid: true });
    expect(fieldByLabel(html, 'Customer name').error).toMatch(/invisible character/);
    expect(html).toMatch(
      /aria-label="Unit price \(APL-01\)"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*aria-label="Unit price \(APL-01\)"/,
    );
    expect(html).toContain('No decimals: KRW prices are whole amounts');
    const fixed = checkCorrection(old, {
      ...correctionFormOf(old),
      customerName: 'Kim Minsu',
      lines: [{ sku: 'APL-01', productName: 'Apple', quantity: 3, unitPrice: '1,200원', savedPrice: 1200.5 }],
    });
    expect(fixed.ok && fixed.draft).toMatchObject({ customerName: 'Kim Minsu', lines: [{ unitPrice: 1200 }] });
  });

  it('shows a valid saved currency read-only, with why, in English and Korean; the draft keeps it whatever the form holds', async () => {
    const krw = order({ currency: 'KRW' });
    const html = panel(krw);
    const forId = /<label for="([^"]+)">Currency<\/label>/.exec(html)![1];
    const input = new RegExp(`<input id="${forId}"[^>]*>`).exec(html)![0];
    expect(input).toMatch(/readOnly=""/);
    expect(input).toMatch(/value="KRW"/);
    expect(html).toContain('A saved order’s currency cannot be changed: void it and enter it again.');
    await i18next.changeLanguage('ko');
    expect(panel(krw)).toContain('저장된 주문의 통화는 바꿀 수 없습니다. 취소하고 다시 입력하세요.');
    const checked = checkCorrection(krw, { ...correctionFormOf(krw), currency: 'USD' });
    expect(checked.ok && checked.draft.currency).toBe('KRW');
  });

  it('keeps a currency withdrawn since the order was saved (HRK) read-only, and says it is no longer in use and what replaced it', async () => {
    const hrk = order({ currency: 'HRK' });
    const html = panel(hrk);
    expect(html).toMatch(/<input id="[^"]+" readOnly="" aria-invalid="true"[^>]*value="HRK"/);
    expect(html).toContain('A saved order’s currency cannot be changed: void it and enter it again.');
    const checked = checkCorrection(hrk, { ...correctionFormOf(hrk), currency: 'EUR' });
    expect(checked.ok ? null : checked.errors.currency).toEqual({
      code: 'field.currencyWithdrawn',
      params: { code: 'HRK', replacement: 'EUR' },
    });
    expect(html).toContain(
      'HRK is no longer in use: ISO 4217 replaced it with EUR, in other amounts. Enter the order in EUR',
    );
    await i18next.changeLanguage('ko');
    expect(panel(hrk)).toContain('HRK는 더 이상 쓰지 않는 통화입니다.');
  });

  it('shows a valid saved price read-only and keeps it; only a price that breaks the rule is a field', () => {
    const o = order({
      lines: [
        { sku: 'APL-01', productName: 'Apple', quantity: 3, unitPrice: 1200 },
        { sku: 'MLK-02', productName: 'Milk', quantity: 1, unitPrice: 2450.5 },
      ],
    });
    const html = panel(o);
    expect(html).toMatch(/<input readOnly="" aria-label="Unit price \(APL-01\)" value="1200"/);
    expect(html).not.toMatch(/<input readOnly="" aria-label="Unit price \(MLK-02\)"/);
    expect(html).toMatch(/aria-label="Unit price \(MLK-02\)"[^>]*value="2450.5"/);
    const form = correctionFormOf(o);
    const typed = { ...form, lines: form.lines.map((l) => ({ ...l, unitPrice: '2450' })) };
    const checked = checkCorrection(o, typed);
    expect(checked.ok && checked.draft.lines.map((l) => l.unitPrice)).toEqual([1200, 2450]);
  });

  it('says for "1만5" what the order form says, not just "Enter a number"', async () => {
    const o = order({ lines: [{ sku: 'APL-01', productName: 'Apple', quantity: 3, unitPrice: 1200.5 }] });
    const form = correctionFormOf(o);
    const typed = { ...form, lines: [{ ...form.lines[0], unitPrice: '1만5' }] };
    const checked = checkCorrection(o, typed);
    expect(checked.ok ? null : checked.errors['lines.0.unitPrice']).toEqual({ code: 'field.unitShorthand' });
    await i18next.changeLanguage('ko');
    expect(panel(o, typed)).toContain('단위 뒤의 한 자리 숫자는 두 가지로 읽힙니다 (1만5: 15,000 또는 10,005)');
  });

  it('takes a price that breaks the rule only rounded, and says so under it before the service would (KRW 1200.5 to 1)', async () => {
    const o = order({ lines: [{ sku: 'APL-01', productName: 'Apple', quantity: 3, unitPrice: 1200.5 }] });
    const form = correctionFormOf(o);
    const far = { ...form, lines: [{ ...form.lines[0], unitPrice: '1' }] };
    const checked = checkCorrection(o, far);
    expect(checked.ok ? null : checked.errors['lines.0.unitPrice']).toEqual({
      code: 'order.correctPrice',
      params: { sku: 'APL-01', was: 1200.5, now: 1 },
    });
    expect(panel(o, far)).toContain(
      'only a price that breaks the price rule can be corrected, rounded to the nearest one',
    );
    await i18next.changeLanguage('ko');
    expect(panel(o, far)).toContain('가격 규칙에 맞지 않는 단가만 가장 가까운 맞는 값으로 고칠 수 있습니다');
    const near = checkCorrection(o, { ...form, lines: [{ ...form.lines[0], unitPrice: '1201' }] });
    expect(near.ok && near.draft.lines[0].unitPrice).toBe(1201);
  });

  it('names each product field and Remove button with its line, in English and Korean', async () => {
    const o = order();
    const html = panel(o);
    expect(html).toContain('aria-label="Product name (APL-01)"');
    expect(html).toContain('aria-label="Remove line: Apple (APL-01)"');
    expect(html).toContain('aria-label="Remove line: Milk 1L (MLK-02)"');
    await i18next.changeLanguage('ko');
    const ko = panel(o);
    expect(ko).toContain('aria-label="상품명 (MLK-02)"');
    expect(ko).toContain('aria-label="품목 빼기: Apple (APL-01)"');
  });

  it('says each error as its field’s description, never as an alert of its own, in English and Korean', async () => {
    const bad = order({ customerName: 'Kim\u200BMinsu', currency: 'KWR' });
    const form = { ...correctionFormOf(bad), phone: 'call me' };
    const html = panel(bad, form);
    expect(fieldByLabel(html, 'Phone')).toEqual({
      value: 'call me',
      invalid: true,
      error: 'Digits, spaces, +, ( ), - and . only',
    });
    expect(fieldByLabel(html, 'Customer name').invalid).toBe(true);
    expect(html).not.toContain('role="alert"');
    await i18next.changeLanguage('ko');
    const ko = panel(bad, form);
    expect(fieldByLabel(ko, '전화번호')).toEqual({
      value: 'call me',
      invalid: true,
      error: '숫자, 공백, +, ( ), -, 마침표(.)만 사용할 수 있습니다',
    });
    expect(ko).not.toContain('role="alert"');
  });

  it('saves a mobile number typed as digits as the Phone field shows it once left (Ctrl+Enter from the field)', () => {
    const o = order();
    const checked = checkCorrection(o, { ...correctionFormOf(o), phone: '01077778888' });
    expect(checked.ok && checked.draft.phone).toBe('010-7777-8888');
    const landline = checkCorrection(o, { ...correctionFormOf(o), phone: '+82 2 123 4567' });
    expect(landline.ok && landline.draft.phone).toBe('+82 2 123 4567');
  });
});
