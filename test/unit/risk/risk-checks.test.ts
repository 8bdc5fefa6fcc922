// Every check on fixed fixtures, with its edges: no history, one order, a spread of zero,
// exactly at a limit or a window's edge, many lines, two terminals, other currencies.
import { describe, expect, it } from 'vitest';
import { checkOrder } from '../../../electron/risk/risk-checks';
import { DEFAULT_RISK_CONFIG, type RiskConfig } from '../../../electron/risk/risk-config';
import { RiskHistory, type RiskOrder } from '../../../electron/risk/risk-history';
import { riskHeaderValue, riskReason } from '../../../shared/risk-flags';
import { spreadOf } from '../../../electron/risk/robust-stats';

const T0 = Date.parse('2026-12-02T09:00:00Z');
const MIN = 60_000;
let n = 0;

function order(p: Partial<RiskOrder> & { minutes?: number } = {}): RiskOrder {
  const lines = p.lines ?? [{ sku: 'AMERICANO', quantity: 1, unitPrice: 4500 }];
  return {
    orderId: p.orderId ?? `o-${++n}`,
    customerId: p.customerId ?? 'C-1001',
    terminalId: p.terminalId ?? 'T-1',
    at: p.at ?? T0 + (p.minutes ?? 0) * MIN,
    currency: p.currency ?? 'KRW',
    lines,
    total: p.total ?? lines.reduce((s, l) => s + l.quantity * l.unitPrice, 0),
  };
}

/** Limits off except the ones a test turns on, so each test sees only its own check. */
const quiet: RiskConfig = {
  ...DEFAULT_RISK_CONFIG,
  customerMaxOrders: [null, null],
  customerMaxAmount: [null, null],
  terminalMaxOrders: [null, null],
  terminalMaxAmount: [null, null],
  newCustomerLargeTotal: null,
};

function historyOf(...orders: RiskOrder[]): RiskHistory {
  const h = new RiskHistory({ windowMs: 24 * 60 * MIN, maxOrders: 100_000, sampleSize: 1_000, currency: 'KRW' });
  for (const o of orders) h.add(o);
  return h;
}
const codes = (o: RiskOrder, h: RiskHistory, c: RiskConfig = quiet) => checkOrder(o, h, c).map((f) => f.code);
const money = (a: number, c: string) => `${c} ${a}`;

describe('no history', () => {
  it('raises nothing on an empty history, however large the order', () => {
    expect(codes(order({ total: 9_000_000 }), historyOf())).toEqual([]);
  });

  it('raises only new-customer-large for a first large order, with its numbers', () => {
    const flags = checkOrder(order({ customerId: 'C-9', total: 800_000 }), historyOf(), {
      ...quiet,
      newCustomerLargeTotal: 500_000,
    });
    expect(flags).toEqual([
      {
        code: 'new-customer-large',
        severity: 'warning',
        params: { customerId: 'C-9', total: 800_000, limit: 500_000, currency: 'KRW' },
      },
    ]);
    expect(riskReason(flags[0], 'en', money)).toBe(
      'First order from new customer C-9, and its total KRW 800000 is above KRW 500000',
    );
    expect(riskReason(flags[0], 'ko', money)).toBe(
      '새 고객 C-9의 첫 주문입니다. 합계 KRW 800000 (기준 KRW 500000 초과)',
    );
  });

  it('new-customer-large: exactly at the limit is not above it; a known customer is not new', () => {
    const c = { ...quiet, newCustomerLargeTotal: 500_000 };
    expect(codes(order({ customerId: 'C-9', total: 500_000 }), historyOf(), c)).toEqual([]);
    expect(codes(order({ total: 800_000 }), historyOf(order({ minutes: -60 })), c)).toEqual([]);
  });
});

describe('duplicate', () => {
  const lines = [
    { sku: 'LATTE', quantity: 2, unitPrice: 5000 },
    { sku: 'BAGEL', quantity: 1, unitPrice: 3500 },
  ];

  it('flags the same customer, lines and total within 10 minutes, from any terminal, naming it', () => {
    const first = order({ lines, terminalId: 'T-2', minutes: 0 });
    const again = order({ lines: [...lines].reverse(), terminalId: 'T-1', minutes: 4 });
    const flags = checkOrder(again, historyOf(first), quiet);
    expect(flags).toEqual([
      {
        code: 'duplicate',
        severity: 'warning',
        params: { customerId: 'C-1001', minutesAgo: 4, terminalId: 'T-2', windowMinutes: 10 },
      },
    ]);
    expect(riskReason(flags[0], 'en', money)).toBe(
      'Customer C-1001 placed an order with the same lines and total 4 min ago (terminal T-2; window 10 min)',
    );
  });

  it('counts a twin exactly 10 minutes old, not one 10 minutes and 1 ms old', () => {
    const first = order({ lines, minutes: 0 });
    expect(codes(order({ lines, at: first.at + 10 * MIN }), historyOf(first))).toEqual(['duplicate']);
    expect(codes(order({ lines, at: first.at + 10 * MIN + 1 }), historyOf(first))).toEqual([]);
  });

  it('does not flag a different quantity, another customer, or the same amount in another currency', () => {
    const first = order({ lines, minutes: 0 });
    expect(codes(order({ lines: [{ ...lines[0], quantity: 3 }, lines[1]], minutes: 1 }), historyOf(first))).toEqual([]);
    expect(codes(order({ lines, customerId: 'C-2', minutes: 1 }), historyOf(first))).toEqual([]);
    expect(codes(order({ lines, currency: 'USD', minutes: 1 }), historyOf(first))).toEqual([]);
  });

  it('does not flag a twin that was voided (here, or cancelled on another terminal), but one held for a supervisor', () => {
    const first = order({ lines, minutes: 0 });
    const h = historyOf(first);
    h.untake(first.orderId);
    expect(codes(order({ lines, minutes: 2 }), h)).toEqual([]);
    const held = order({ lines, minutes: 3 });
    h.add(held, 'held');
    expect(codes(order({ lines, minutes: 4 }), h)).toEqual(['duplicate']);
    // The supervisor voids the held one: the clerk's next entry is no duplicate of it either.
    h.untake(held.orderId);
    expect(codes(order({ lines, minutes: 5 }), h)).toEqual([]);
    // An older twin the store took still is, behind the voided newer one.
    const h2 = historyOf(order({ lines, minutes: 0 }), order({ lines, minutes: 1 }));
    h2.untake(h2.customerOrders('C-1001')[1].orderId);
    expect(checkOrder(order({ lines, minutes: 4 }), h2, quiet)[0].params).toMatchObject({ minutesAgo: 4 });
  });

  it('compares orders of many lines line by line', () => {
    const many = Array.from({ length: 50 }, (_, i) => ({ sku: `S-${i}`, quantity: 1 + (i % 3), unitPrice: 100 * i }));
    const first = order({ lines: many, minutes: 0 });
    expect(codes(order({ lines: [...many].reverse(), minutes: 2 }), historyOf(first))).toEqual(['duplicate']);
    const changed = many.map((l, i) => (i === 49 ? { ...l, unitPrice: l.unitPrice + 1 } : l));
    expect(codes(order({ lines: changed, total: first.total, minutes: 2 }), historyOf(first))).toEqual([]);
  });
});

describe('velocity', () => {
  const c: RiskConfig = { ...quiet, customerMaxOrders: [3, 10], terminalMaxOrders: [5, null] };

  it('flags the 4th order of a customer within an hour, not the 3rd (exactly at the limit)', () => {
    const past = [0, 10, 20].map((m) => order({ minutes: m, total: 1000 + m }));
    expect(codes(order({ minutes: 30, total: 999 }), historyOf(...past.slice(0, 2)), c)).toEqual([]);
    const flags = checkOrder(order({ minutes: 30, total: 999 }), historyOf(...past), c);
    expect(flags).toEqual([
      {
        code: 'velocity',
        severity: 'warning',
        params: {
          scope: 'customer',
          id: 'C-1001',
          measure: 'orders',
          value: 4,
          limit: 3,
          windowHours: 1,
          currency: 'KRW',
        },
      },
    ]);
    expect(riskReason(flags[0], 'en', money)).toBe(
      '4 orders from customer C-1001 in the last 1 h (this one included); the limit is 3',
    );
    expect(riskReason(flags[0], 'ko', money)).toBe('고객 C-1001: 최근 1시간 주문 4건 (이 주문 포함), 한도 3건');
  });

  it('lets an order exactly one hour old fall out of the window', () => {
    const past = [0, 10, 20].map((m) => order({ minutes: m, total: 1000 + m }));
    expect(codes(order({ minutes: 60, total: 999 }), historyOf(...past), c)).toEqual([]);
  });

  it('counts per terminal across customers, and keeps two terminals apart', () => {
    const past = [1, 2, 3, 4, 5].map((m) => order({ minutes: m, customerId: `C-${m}`, total: 100 * m }));
    const other = [1, 2, 3].map((m) => order({ minutes: m, customerId: `D-${m}`, terminalId: 'T-2', total: 7 * m }));
    const flags = checkOrder(order({ minutes: 6, customerId: 'C-new', total: 1 }), historyOf(...past, ...other), c);
    expect(flags.map((f) => f.params)).toEqual([
      { scope: 'terminal', id: 'T-1', measure: 'orders', value: 6, limit: 5, windowHours: 1, currency: 'KRW' },
    ]);
    expect(
      codes(order({ minutes: 6, customerId: 'D-new', terminalId: 'T-2', total: 1 }), historyOf(...past, ...other), c),
    ).toEqual([]);
  });

  it('adds up amounts in the limit currency only; another currency is neither added nor limited', () => {
    const amounts: RiskConfig = { ...quiet, customerMaxAmount: [100_000, null] };
    const past = [order({ minutes: 0, total: 60_000 }), order({ minutes: 5, total: 30_000, currency: 'USD' })];
    expect(codes(order({ minutes: 10, total: 40_000 }), historyOf(...past), amounts)).toEqual([]);
    const flags = checkOrder(order({ minutes: 10, total: 40_001 }), historyOf(...past), amounts);
    expect(flags[0].params).toMatchObject({ measure: 'amount', value: 100_001, limit: 100_000 });
    expect(codes(order({ minutes: 10, total: 900_000, currency: 'USD' }), historyOf(...past), amounts)).toEqual([]);
  });
});

describe('amount outlier', () => {
  const usual = [10_000, 12_000, 11_000, 13_000, 12_000, 11_000];

  it('flags a total far from the customer’s own usual, with the score and median', () => {
    const past = usual.map((t, i) => order({ minutes: i, total: t }));
    const flags = checkOrder(order({ minutes: 30, total: 90_000 }), historyOf(...past), quiet);
    expect(flags.map((f) => f.code)).toEqual(['amount-outlier']);
    expect(flags[0].params).toMatchObject({ basis: 'customer', n: 6, median: 11_500, total: 90_000 });
    // |usual − 11500| = 1500, 500, 500, 1500, 500, 500 → MAD 500 → M = 0.6745 · 78500 / 500
    expect((flags[0].params as { score: number }).score).toBeCloseTo(105.8965, 3);
    expect(flags[0].severity).toBe('high');
    expect(codes(order({ minutes: 30, total: 14_000 }), historyOf(...past))).toEqual([]);
  });

  it('measures the customer’s usual by the orders the store took: a held or voided one is left out', () => {
    const past = usual.map((t, i) => order({ minutes: i, total: t }));
    const h = historyOf(...past);
    const held = order({ minutes: 7, total: 500_000 });
    h.add(held, 'held');
    h.untake(past[0].orderId);
    const flags = checkOrder(order({ minutes: 30, total: 90_000 }), h, quiet);
    expect(flags[0].params).toMatchObject({ basis: 'customer', n: 5, median: 12_000 });
    h.take(held.orderId);
    expect(checkOrder(order({ minutes: 30, total: 90_000 }), h, quiet)[0].params).toMatchObject({ n: 6 });
  });

  it('uses the store’s totals for a customer with too few orders, and nothing below the minimum', () => {
    const store = usual.map((t, i) => order({ minutes: i, total: t, customerId: `S-${i}` }));
    const one = order({ minutes: 10, total: 11_000, customerId: 'C-1' });
    const flags = checkOrder(order({ minutes: 20, total: 90_000, customerId: 'C-1' }), historyOf(...store, one), quiet);
    expect(flags[0].params).toMatchObject({ basis: 'store', n: 7 });
    expect(codes(order({ minutes: 20, total: 90_000 }), historyOf(...store.slice(0, 4)))).toEqual([]);
  });

  it('with MAD = 0 scores by the mean absolute deviation; with MeanAD = 0 raises nothing', () => {
    const mostlySame = [10_000, 10_000, 10_000, 10_000, 10_000, 30_000].map((t, i) => order({ minutes: i, total: t }));
    // median 10000, MAD 0, MeanAD 20000/6 → M = (x − 10000)/(1.253314·3333.3)
    const flags = checkOrder(order({ minutes: 30, total: 30_000 }), historyOf(...mostlySame), quiet);
    expect((flags[0].params as { score: number }).score).toBeCloseTo(20_000 / (1.253314 * (20_000 / 6)), 4);
    const allSame = [1, 2, 3, 4, 5].map((i) => order({ minutes: i, total: 10_000 }));
    expect(codes(order({ minutes: 30, total: 900_000 }), historyOf(...allSame))).toEqual([]);
  });

  it('keeps currencies apart: USD totals are not the usual for a KRW order', () => {
    const usd = usual.map((t, i) => order({ minutes: i, total: t / 1000, currency: 'USD' }));
    expect(codes(order({ minutes: 30, total: 12_000 }), historyOf(...usd))).toEqual([]);
  });
});

describe('quantity outlier', () => {
  it('flags an unusual quantity of a SKU against that SKU’s orders', () => {
    const past = [1, 2, 1, 1, 2, 1].map((q, i) =>
      order({ minutes: i, customerId: `C-${i}`, lines: [{ sku: 'LATTE', quantity: q, unitPrice: 5000 }] }),
    );
    const flags = checkOrder(
      order({ minutes: 30, customerId: 'X', lines: [{ sku: 'LATTE', quantity: 40, unitPrice: 5000 }] }),
      historyOf(...past),
      quiet,
    );
    // (Its total is unusual for the store too: that is the amount check's flag.)
    expect(flags.map((f) => f.code)).toEqual(['amount-outlier', 'quantity-outlier']);
    expect(flags[1].params).toMatchObject({ sku: 'LATTE', quantity: 40, n: 6, median: 1 });
  });

  it('applies a per-SKU cap whatever the history, adding up lines of the same SKU', () => {
    const c = { ...quiet, skuQuantityCaps: { GIFTCARD: 5 } };
    const lines = [
      { sku: 'GIFTCARD', quantity: 3, unitPrice: 10_000 },
      { sku: 'GIFTCARD', quantity: 3, unitPrice: 10_000 },
    ];
    const flags = checkOrder(order({ lines }), historyOf(), c);
    expect(flags).toEqual([
      { code: 'quantity-outlier', severity: 'warning', params: { sku: 'GIFTCARD', quantity: 6, cap: 5 } },
    ]);
    expect(riskReason(flags[0], 'ko', money)).toBe('품목 GIFTCARD: 수량 6개가 상한 5개를 넘습니다');
    expect(codes(order({ lines: [{ ...lines[0], quantity: 5 }] }), historyOf(), c)).toEqual([]);
  });
});

describe('history and header', () => {
  it('counts an order once whether it came from the outbox or the topic, and forgets what left the window', () => {
    const h = historyOf();
    const o = order({ minutes: 0 });
    expect(h.add(o)).toBe(true);
    expect(h.add({ ...o })).toBe(false);
    h.advance(o.at + 24 * 60 * MIN + 1);
    expect(h.customerOrders('C-1001')).toEqual([]);
    expect(h.size).toBe(0);
  });

  it('keeps at most maxOrders, dropping the earliest', () => {
    const h = new RiskHistory({ windowMs: 24 * 60 * MIN, maxOrders: 3, sampleSize: 10, currency: 'KRW' });
    for (let i = 0; i < 5; i++) h.add(order({ minutes: i, orderId: `k-${i}` }));
    expect(h.size).toBe(3);
    expect(h.has('k-0')).toBe(false);
    expect(h.customerOrders('C-1001').map((o) => o.orderId)).toEqual(['k-2', 'k-3', 'k-4']);
  });

  it('each sample’s size and spread are those of the values still in the window, one sample after another', () => {
    const h = new RiskHistory({ windowMs: 60 * MIN, maxOrders: 1_000, sampleSize: 50, currency: 'KRW' });
    const quantities: number[] = [];
    const totals: number[] = [];
    // 120 orders a minute apart: the window keeps the last hour's, the samples their last 50.
    for (let i = 0; i < 120; i++) {
      const quantity = 1 + ((i * 7) % 5);
      const o = order({ minutes: i, lines: [{ sku: 'LATTE', quantity, unitPrice: 5000 + (i % 3) * 500 }] });
      h.add(o);
      quantities.push(quantity);
      totals.push(o.total);
    }
    h.advance(T0 + 119 * MIN);
    // Read alternately: the two share one work array, which must not leak from one to the next.
    for (let round = 0; round < 2; round++) {
      const latte = h.skuQuantities('LATTE');
      const store = h.storeTotals('KRW');
      expect(latte).toEqual({ n: 50, spread: spreadOf(quantities.slice(-50)) });
      expect(store).toEqual({ n: 50, spread: spreadOf(totals.slice(-50)) });
    }
    expect(h.skuQuantities('ESPRESSO')).toEqual({ n: 0, spread: null });
    // Fifty minutes on, the window holds the last eleven minutes' orders (its edge included).
    h.advance(T0 + 169 * MIN);
    expect(h.skuQuantities('LATTE')).toEqual({ n: 11, spread: spreadOf(quantities.slice(-11)) });
  });

  it('the risk header lists each code once, comma-separated', () => {
    const dup = {
      code: 'duplicate',
      severity: 'warning',
      params: { customerId: 'a', minutesAgo: 1, terminalId: 't', windowMinutes: 10 },
    } as const;
    const big = {
      code: 'amount-outlier',
      severity: 'high',
      params: { customerId: 'a', total: 1, median: 1, score: 9, basis: 'store', n: 5, currency: 'KRW' },
    } as const;
    expect(riskHeaderValue([dup, big, dup])).toBe('duplicate,amount-outlier');
  });
});
