// The Review screen's CSV: one row per flagged order with its codes and reasons in the clerk's
// language, quoted where needed, and no cell a spreadsheet would run as a formula.
import { describe, expect, it } from 'vitest';
import { reviewCsv } from '../../../renderer/review/review-csv';
import type { ReviewEntry } from '../../../shared/risk-types';

const entry: ReviewEntry = {
  orderId: '6f1c2a8e-0000-4000-8000-000000000001',
  customerId: '=HYPERLINK("x")',
  customerName: 'Kim, Minji "VIP"',
  terminalId: 'pos-1',
  total: 900000,
  currency: 'KRW',
  createdAt: '2026-12-02T09:00:00.000Z',
  flags: [
    {
      code: 'duplicate',
      severity: 'warning',
      params: { customerId: 'C-1', minutesAgo: 3, terminalId: 'pos-2', windowMinutes: 10 },
    },
  ],
  policy: 'hold',
  outcome: 'confirmed',
  topic: 'user-data',
  decision: { decision: 'confirm', by: 'Lee', at: '2026-12-02T09:05:00.000Z' },
  delivered: null,
  delivery: 'waiting',
};

const velocity: ReviewEntry['flags'][number] = {
  code: 'velocity',
  severity: 'high',
  params: { scope: 'customer', id: 'C-1', measure: 'orders', value: 6, limit: 5, windowHours: 1, currency: 'KRW' },
};

describe('review CSV', () => {
  it('writes a header and one quoted, formula-safe row per order, reasons in the chosen language', () => {
    const en = reviewCsv([entry], 'en').split('\r\n');
    expect(en[0]).toBe(
      'created_at,order_id,customer_id,customer_name,terminal_id,total,currency,codes,reasons,policy,outcome,topic,decided_by,decided_at,delivery,saved_total,saved_currency,saved_customer_name,practice,checks',
    );
    expect(en[1]).toContain(`"'=HYPERLINK(""x"")"`);
    expect(en[1]).toContain('"Kim, Minji ""VIP"""');
    expect(en[1]).toContain('Customer C-1 placed an order with the same lines and total 3 min ago');
    // Confirmed, not delivered yet: the outcome alone read as sent.
    expect(en[1]).toMatch(/,hold,confirmed,user-data,Lee,2026-12-02T09:05:00.000Z,waiting,,,,false,Duplicate order$/);
    // Flagged in training: the screen marks it Practice, and a filed list must not pass it off as a sale.
    expect(reviewCsv([{ ...entry, practice: true }], 'en').split('\r\n')[1]).toMatch(
      /,waiting,,,,true,Duplicate order$/,
    );
    expect(reviewCsv([entry], 'ko')).toContain('고객 C-1: 같은 품목과 같은 금액의 주문이 3분 전에 있었습니다');
    // The checks by name in the clerk's language, each once however many flags it raised.
    expect(reviewCsv([entry], 'ko').split('\r\n')[1]).toMatch(/,false,중복 주문$/);
    const twice = { ...entry, flags: [...entry.flags, { ...entry.flags[0]! }, velocity] };
    expect(reviewCsv([twice], 'en').split('\r\n')[1]).toMatch(
      /,false,Duplicate order \| Too many or too much in a window$/,
    );
    expect(reviewCsv([], 'en').split('\r\n')).toEqual([en[0], '']);
  });
});
