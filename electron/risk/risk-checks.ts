// The checks on one order before Save completes, computed locally from the recent history.
// Each flag explains itself with its numbers (shared/risk-flags.ts); a check that has too
// little history to judge says nothing: missing history is never a flag. Pure: the clock, the
// history and the limits come in as arguments.
import type { RiskFlag } from '../../shared/risk-flags';
import type { RiskConfig } from './risk-config';
import type { RiskHistory, RiskOrder, Sample } from './risk-history';
import { scoreAgainst, scratch, spreadInPlace } from './robust-stats';

const MINUTE = 60_000;
const HOUR = 3_600_000;

/** Each order's lines as one string, made once: every later order of its customer compares with it. */
const basketKeys = new WeakMap<RiskOrder, string>();
function basketKey(o: RiskOrder): string {
  let key = basketKeys.get(o);
  if (key === undefined) {
    key = o.lines
      .map((l) => `${l.sku}\u0000${l.quantity}\u0000${l.unitPrice}`)
      .sort()
      .join('\u0001');
    basketKeys.set(o, key);
  }
  return key;
}

/** Same lines (SKU, quantity, price; in any order) and the same total and currency. */
function sameBasket(a: RiskOrder, b: RiskOrder): boolean {
  if (a.currency !== b.currency || a.total !== b.total || a.lines.length !== b.lines.length) return false;
  return basketKey(a) === basketKey(b);
}

function duplicate(order: RiskOrder, past: readonly RiskOrder[], history: RiskHistory, config: RiskConfig): RiskFlag[] {
  const windowMs = config.duplicateWindowMinutes * MINUTE;
  // Newest first: the flag names the most recent twin. A twin exactly at the window's edge counts.
  for (let i = past.length - 1; i >= 0; i--) {
    const p = past[i];
    const age = order.at - p.at;
    if (age > windowMs) break;
    // A voided twin is the order the clerk voided to enter again; a held one is still waiting.
    if (age >= 0 && p.orderId !== order.orderId && sameBasket(order, p) && !history.voided(p.orderId))
      return [
        {
          code: 'duplicate',
          severity: 'warning',
          params: {
            customerId: order.customerId,
            minutesAgo: Math.floor(age / MINUTE),
            terminalId: p.terminalId,
            windowMinutes: config.duplicateWindowMinutes,
          },
        },
      ];
  }
  return [];
}

function velocity(
  order: RiskOrder,
  scope: 'customer' | 'terminal',
  history: RiskHistory,
  maxOrders: readonly (number | null)[],
  maxAmount: readonly (number | null)[],
  config: RiskConfig,
): RiskFlag[] {
  const flags: RiskFlag[] = [];
  const id = scope === 'customer' ? order.customerId : order.terminalId;
  const homeAmount = order.currency === config.currency ? order.total : 0;
  const counted = history.has(order.orderId);
  config.velocityWindowsHours.forEach((hours, w) => {
    const since = order.at - hours * HOUR;
    const past = history.window(scope, id, since, order.at);
    // This order counts once, whether or not the history already holds it.
    const count = past.count + (counted ? 0 : 1);
    const amount = past.amount + (counted ? 0 : homeAmount);
    const limitCount = maxOrders[w] ?? null;
    if (limitCount !== null && count > limitCount)
      flags.push({
        code: 'velocity',
        severity: count > 2 * limitCount ? 'high' : 'warning',
        params: {
          scope,
          id,
          measure: 'orders',
          value: count,
          limit: limitCount,
          windowHours: hours,
          currency: config.currency,
        },
      });
    const limitAmount = maxAmount[w] ?? null;
    // Amounts add up only in the limit's currency; an order in another one is kept apart.
    if (limitAmount !== null && order.currency === config.currency && amount > limitAmount)
      flags.push({
        code: 'velocity',
        severity: amount > 2 * limitAmount ? 'high' : 'warning',
        params: {
          scope,
          id,
          measure: 'amount',
          value: Math.round(amount * 100) / 100,
          limit: limitAmount,
          windowHours: hours,
          currency: config.currency,
        },
      });
  });
  return flags;
}

/** The n totals in `currency` among a customer's orders, and their spread. */
function customerTotals(orders: readonly RiskOrder[], currency: string, n: number, history: RiskHistory): Sample {
  const values = scratch(n);
  let j = 0;
  for (const p of orders) if (p.currency === currency && history.taken(p.orderId)) values[j++] = p.total;
  return { n, spread: spreadInPlace(values) };
}

function amountOutlier(
  order: RiskOrder,
  customerPast: readonly RiskOrder[],
  history: RiskHistory,
  config: RiskConfig,
): RiskFlag[] {
  let n = 0;
  // The customer's usual: the orders the store took (a held or voided one is no usual).
  for (const p of customerPast) if (p.currency === order.currency && history.taken(p.orderId)) n++;
  const basis = n >= config.minCustomerHistory ? 'customer' : 'store';
  const sample =
    basis === 'customer'
      ? customerTotals(customerPast, order.currency, n, history)
      : history.storeTotals(order.currency);
  if (sample.n < config.minHistory) return [];
  const z = scoreAgainst(order.total, sample.spread);
  if (!z || Math.abs(z.score) <= config.outlierScore) return [];
  return [
    {
      code: 'amount-outlier',
      severity: Math.abs(z.score) > 2 * config.outlierScore ? 'high' : 'warning',
      params: {
        customerId: order.customerId,
        total: order.total,
        median: z.median,
        score: z.score,
        basis,
        n: sample.n,
        currency: order.currency,
      },
    },
  ];
}

function quantityOutliers(order: RiskOrder, history: RiskHistory, config: RiskConfig): RiskFlag[] {
  const flags: RiskFlag[] = [];
  const seen = new Set<string>();
  for (const line of order.lines) {
    if (seen.has(line.sku)) continue;
    seen.add(line.sku);
    const quantity = order.lines.filter((l) => l.sku === line.sku).reduce((s, l) => s + l.quantity, 0);
    const cap = config.skuQuantityCaps[line.sku];
    if (cap !== undefined && quantity > cap) {
      flags.push({ code: 'quantity-outlier', severity: 'warning', params: { sku: line.sku, quantity, cap } });
      continue;
    }
    const sample = history.skuQuantities(line.sku);
    if (sample.n < config.minHistory) continue;
    const z = scoreAgainst(quantity, sample.spread);
    if (!z || Math.abs(z.score) <= config.outlierScore) continue;
    flags.push({
      code: 'quantity-outlier',
      severity: Math.abs(z.score) > 2 * config.outlierScore ? 'high' : 'warning',
      params: { sku: line.sku, quantity, median: z.median, score: z.score, n: sample.n },
    });
  }
  return flags;
}

function newCustomerLarge(order: RiskOrder, customerPast: readonly RiskOrder[], config: RiskConfig): RiskFlag[] {
  const limit = config.newCustomerLargeTotal;
  if (limit === null || customerPast.length > 0 || order.currency !== config.currency || order.total <= limit)
    return [];
  return [
    {
      code: 'new-customer-large',
      severity: order.total > 2 * limit ? 'high' : 'warning',
      params: { customerId: order.customerId, total: order.total, limit, currency: order.currency },
    },
  ];
}

/** Every flag the order raises against the history (which may or may not already hold it). */
export function checkOrder(order: RiskOrder, history: RiskHistory, config: RiskConfig): RiskFlag[] {
  const all = history.customerOrders(order.customerId);
  // Copied without the order only when the history holds it (a re-check): usually it does not yet.
  const customerPast = history.has(order.orderId) ? all.filter((p) => p.orderId !== order.orderId) : all;
  return [
    ...duplicate(order, customerPast, history, config),
    ...velocity(order, 'customer', history, config.customerMaxOrders, config.customerMaxAmount, config),
    ...velocity(order, 'terminal', history, config.terminalMaxOrders, config.terminalMaxAmount, config),
    ...amountOutlier(order, customerPast, history, config),
    ...quantityOutliers(order, history, config),
    ...newCustomerLarge(order, customerPast, config),
  ];
}
