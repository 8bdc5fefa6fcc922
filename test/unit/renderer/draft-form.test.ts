import { describe, expect, it } from 'vitest';
import {
  emptyForm,
  fromDraft,
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

  it('shows a line subtotal only for a valid quantity and price, summed in cents', () => {
    expect(lineSubtotal({ quantity: '2', unitPrice: '7,250' })).toBe(14500);
    expect(lineSubtotal({ quantity: '3', unitPrice: '0.1' })).toBe(0.3);
    expect(lineSubtotal({ quantity: '12', unitPrice: '' })).toBeNull();
    expect(lineSubtotal({ quantity: '1.5', unitPrice: '100' })).toBeNull();
    expect(lineSubtotal({ quantity: '0', unitPrice: '100' })).toBeNull();
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
      customerName: 'field.required',
      customerId: 'field.required',
      phone: 'field.phoneChars',
      'lines.0.sku': 'field.required',
      'lines.0.quantity': 'field.quantityRange',
      'lines.0.unitPrice': 'field.notANumber',
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

  it('refills the form from a previous draft', () => {
    const v = validateForm({ ...filled(), note: 'hot', phone: '010 1234' });
    if (!v.ok) throw new Error('expected valid');
    const again = fromDraft(v.draft);
    expect(again).toMatchObject({
      customerName: 'Kim',
      phone: '010 1234',
      note: 'hot',
      lines: [{ sku: 'S-1', quantity: '2', unitPrice: '12000' }],
    });
    expect(validateForm(again)).toEqual(v);
  });
});
