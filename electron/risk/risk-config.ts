// The risk checks' limits and windows. Every limit can be switched off with null. Amounts are
// in `currency`; orders in another currency are never added to or compared with them.
import { DEFAULT_RISK_LIMITS } from '../../shared/risk-types';

export interface RiskConfig {
  currency: string;
  duplicateWindowMinutes: number;
  /** Sliding windows for velocity, in hours (default 1 h and 24 h). */
  velocityWindowsHours: readonly number[];
  /** Per window, in the same order; null switches one off. */
  customerMaxOrders: readonly (number | null)[];
  customerMaxAmount: readonly (number | null)[];
  terminalMaxOrders: readonly (number | null)[];
  terminalMaxAmount: readonly (number | null)[];
  /** Flagged beyond this modified z-score (Iglewicz and Hoaglin's 3.5). */
  outlierScore: number;
  /** Fewer past orders than this: no outlier flag at all. */
  minHistory: number;
  /** A customer with fewer past orders than this is compared with the store's orders. */
  minCustomerHistory: number;
  /** How many of the latest store-wide totals and per-SKU quantities the outlier tests look at. */
  sampleSize: number;
  /** Per-SKU quantity caps (checked whatever the history). */
  skuQuantityCaps: Readonly<Record<string, number>>;
  /** A customer with no past order and a total above this is flagged; null switches it off. */
  newCustomerLargeTotal: number | null;
}

/** The limits a supervisor sets come from Settings (shared/risk-types.ts); the rest is fixed here. */
export const DEFAULT_RISK_CONFIG: RiskConfig = {
  ...DEFAULT_RISK_LIMITS,
  currency: 'KRW',
  outlierScore: 3.5,
  sampleSize: 1_000,
  skuQuantityCaps: {},
};
