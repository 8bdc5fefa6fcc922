// The risk checks' limits and windows. Every limit can be switched off with null. Amounts are
// in `currency`; orders in another currency are never added to or compared with them.
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

export const DEFAULT_RISK_CONFIG: RiskConfig = {
  currency: 'KRW',
  duplicateWindowMinutes: 10,
  velocityWindowsHours: [1, 24],
  customerMaxOrders: [3, 10],
  customerMaxAmount: [1_000_000, 3_000_000],
  terminalMaxOrders: [600, 5_000],
  terminalMaxAmount: [null, null],
  outlierScore: 3.5,
  minHistory: 5,
  minCustomerHistory: 5,
  sampleSize: 1_000,
  skuQuantityCaps: {},
  newCustomerLargeTotal: 500_000,
};
