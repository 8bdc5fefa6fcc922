// The recent orders the risk checks look at: this terminal's own and, while connected, every
// terminal's as read back from the order topic. Bounded twice: orders older than the window
// fall out, and beyond maxOrders the earliest added fall out, so memory stays flat however busy
// the store is. Indexed the way the checks ask: by customer and by terminal (sorted by time),
// and the latest totals per currency and quantities per SKU for the outlier tests.

import { scratch, spreadInPlace, type Spread } from './robust-stats';

/** A sample's size and spread: what the outlier checks ask of it. */
export interface Sample {
  n: number;
  spread: Spread | null;
}

/** Taken (in the baselines), held for a supervisor (an attempt, waiting) or voided (an attempt, gone). */
export type Standing = 'taken' | 'held' | 'voided';

const EMPTY_SAMPLE: Sample = { n: 0, spread: null };

export interface RiskLine {
  sku: string;
  quantity: number;
  unitPrice: number;
}

export interface RiskOrder {
  orderId: string;
  customerId: string;
  terminalId: string;
  /** When the order was made (ms since the epoch). */
  at: number;
  total: number;
  currency: string;
  lines: readonly RiskLine[];
}

export interface RiskHistoryOptions {
  /** Orders older than this (before the newest `now` seen) are dropped. */
  windowMs: number;
  maxOrders: number;
  /** How many of the latest values the store-wide and per-SKU samples keep. */
  sampleSize: number;
  /** The currency amounts are summed in (velocity limits); other currencies count as orders only. */
  currency: string;
}

export const DEFAULT_HISTORY_OPTIONS: RiskHistoryOptions = {
  windowMs: 24 * 3_600_000,
  maxOrders: 100_000,
  sampleSize: 1_000,
  currency: 'KRW',
};

/** A fixed-size ring of (time, value), newest overwriting oldest, with its spread cached until it changes. */
class Ring {
  private readonly at: Float64Array;
  private readonly v: Float64Array;
  /** Whose value each slot holds, so a voided order's can be taken out (drop). */
  private readonly ids: string[];
  private next = 0;
  private count = 0;
  private cached: { cutoff: number; sample: Sample } | null = null;
  constructor(size: number) {
    this.at = new Float64Array(size);
    this.v = new Float64Array(size);
    this.ids = new Array<string>(size);
  }
  push(at: number, value: number, id: string): void {
    this.at[this.next] = at;
    this.ids[this.next] = id;
    this.v[this.next] = value;
    this.next = (this.next + 1) % this.at.length;
    this.count = Math.min(this.count + 1, this.at.length);
    this.cached = null;
  }
  /** Takes an order's value out (a void: rare, so a scan of the ring, never at Save). */
  drop(id: string): void {
    for (let i = 0; i < this.count; i++)
      if (this.ids[i] === id) {
        this.at[i] = -Infinity;
        this.cached = null;
      }
  }
  /** How many values are at or after cutoff, and their spread; recomputed only after a push or a new cutoff. */
  since(cutoff: number): Sample {
    if (this.cached?.cutoff === cutoff) return this.cached.sample;
    const values = scratch(this.count);
    let n = 0;
    for (let i = 0; i < this.count; i++) if (this.at[i] >= cutoff) values[n++] = this.v[i];
    this.cached = { cutoff, sample: { n, spread: spreadInPlace(values.subarray(0, n)) } };
    return this.cached.sample;
  }
}

/**
 * One customer's or terminal's orders sorted by time, with running sums of their totals in the
 * history's currency, so "how many and how much since t" is two binary searches, not a scan of
 * a busy terminal's thousands of orders.
 */
export class TimeIndex {
  readonly orders: RiskOrder[] = [];
  /** cum[i] = sum of totals (home currency) of orders[0..i]; differences stay valid when the front is cut. */
  private readonly cum: number[] = [];

  constructor(private readonly currency: string) {}

  get length(): number {
    return this.orders.length;
  }

  private amountOf(o: RiskOrder): number {
    return o.currency === this.currency ? o.total : 0;
  }

  insert(o: RiskOrder): void {
    const i = this.upperBound(o.at);
    const before = i > 0 ? this.cum[i - 1] : this.cum.length ? this.cum[0] - this.amountOf(this.orders[0]) : 0;
    this.orders.splice(i, 0, o);
    this.cum.splice(i, 0, before + this.amountOf(o));
    // Out-of-order arrivals are rare (the topic's partitions interleave); later sums shift by this one.
    for (let j = i + 1; j < this.cum.length; j++) this.cum[j] += this.amountOf(o);
  }

  remove(o: RiskOrder): void {
    const i = this.orders.indexOf(o);
    if (i < 0) return;
    this.orders.splice(i, 1);
    this.cum.splice(i, 1);
    // Cutting the front (the common case: orders leaving the window) leaves every difference valid.
    if (i > 0) for (let j = i; j < this.cum.length; j++) this.cum[j] -= this.amountOf(o);
  }

  /** First index with at > t. */
  upperBound(t: number): number {
    let lo = 0;
    let hi = this.orders.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.orders[mid].at <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Orders with since < at <= until, and their total in the home currency. */
  window(since: number, until: number): { count: number; amount: number } {
    const from = this.upperBound(since);
    const to = this.upperBound(until);
    if (to <= from) return { count: 0, amount: 0 };
    const base = from > 0 ? this.cum[from - 1] : this.cum[0] - this.amountOf(this.orders[0]);
    return { count: to - from, amount: this.cum[to - 1] - base };
  }
}

function removeFrom(map: Map<string, TimeIndex>, key: string, o: RiskOrder): void {
  const index = map.get(key);
  if (!index) return;
  index.remove(o);
  if (index.length === 0) map.delete(key);
}

export class RiskHistory {
  private readonly byId = new Map<string, RiskOrder>();
  private readonly byCustomer = new Map<string, TimeIndex>();
  private readonly byTerminal = new Map<string, TimeIndex>();
  private readonly totals = new Map<string, Ring>();
  private readonly quantities = new Map<string, Ring>();
  /**
   * The orders not taken, by their standing: attempts, outside the baselines; a voided one is gone,
   * so no order entered again is its duplicate (a held one waits, and is). Absent: taken.
   */
  private readonly notTaken = new Map<string, Exclude<Standing, 'taken'>>();
  private newest = 0;

  constructor(readonly opts: RiskHistoryOptions = DEFAULT_HISTORY_OPTIONS) {}

  get size(): number {
    return this.byId.size;
  }

  has(orderId: string): boolean {
    return this.byId.has(orderId);
  }

  /**
   * Adds an order once (the same order from the outbox and from the topic counts once); false
   * when known or too old. One not taken (held for a supervisor, voided) counts as an attempt
   * only, outside the baselines, until `take`; a voided one is no duplicate's twin either.
   */
  add(o: RiskOrder, standing: Standing = 'taken'): boolean {
    if (this.byId.has(o.orderId)) return false;
    this.newest = Math.max(this.newest, o.at);
    if (o.at < this.cutoff()) return false;
    this.byId.set(o.orderId, o);
    this.index(this.byCustomer, o.customerId).insert(o);
    this.index(this.byTerminal, o.terminalId).insert(o);
    if (standing === 'taken') this.sample(o);
    else this.notTaken.set(o.orderId, standing);
    this.evict();
    return true;
  }

  private sample(o: RiskOrder): void {
    this.ring(this.totals, o.currency).push(o.at, o.total, o.orderId);
    // One value per SKU per order (lines of the same SKU added up), as the check measures it.
    const perSku = new Map<string, number>();
    for (const l of o.lines) perSku.set(l.sku, (perSku.get(l.sku) ?? 0) + l.quantity);
    for (const [sku, q] of perSku) this.ring(this.quantities, sku).push(o.at, q, o.orderId);
  }

  /**
   * An order the store did not take after all (voided, cancelled; a held one a supervisor voided):
   * it still counts as an attempt (velocity) but leaves the usual totals and quantities the
   * outliers are measured against, and is no twin for the duplicate check (the clerk voided it to
   * enter it again). Rare (a void), so a scan of its rings, never at Save.
   */
  untake(orderId: string): void {
    const o = this.byId.get(orderId);
    const standing = this.notTaken.get(orderId);
    if (!o || standing === 'voided') return;
    this.notTaken.set(orderId, 'voided');
    if (standing === undefined) this.unsample(o);
  }

  private unsample(o: RiskOrder): void {
    this.totals.get(o.currency)?.drop(o.orderId);
    for (const l of o.lines) this.quantities.get(l.sku)?.drop(o.orderId);
  }

  /** A held order a supervisor confirmed: now one the store took. */
  take(orderId: string): void {
    const o = this.byId.get(orderId);
    if (!o || this.notTaken.get(orderId) !== 'held') return;
    this.notTaken.delete(orderId);
    this.sample(o);
  }

  /**
   * An order corrected on the Outbox (lines removed, a price fixed): the checks see what it is
   * now, its time and place in the history unchanged. Rare, so a scan of its rings.
   */
  replace(o: RiskOrder): void {
    const was = this.byId.get(o.orderId);
    if (!was) return;
    removeFrom(this.byCustomer, was.customerId, was);
    removeFrom(this.byTerminal, was.terminalId, was);
    // Map.set keeps the id's place, so eviction still meets it in time order.
    this.byId.set(o.orderId, o);
    this.index(this.byCustomer, o.customerId).insert(o);
    this.index(this.byTerminal, o.terminalId).insert(o);
    if (this.notTaken.has(o.orderId)) return;
    this.unsample(was);
    this.sample(o);
  }

  /** Whether an order is in the baselines: taken, not held nor voided. */
  taken(orderId: string): boolean {
    return !this.notTaken.has(orderId);
  }

  /** Whether an order was voided: still an attempt, no longer an order anyone may enter twice. */
  voided(orderId: string): boolean {
    return this.notTaken.get(orderId) === 'voided';
  }

  /** The customer's orders still in the window, oldest first. */
  customerOrders(customerId: string): readonly RiskOrder[] {
    return this.live(this.byCustomer.get(customerId));
  }

  /** Count and amount (in the history's currency) of a customer's or terminal's orders with since < at <= until. */
  window(scope: 'customer' | 'terminal', id: string, since: number, until: number): { count: number; amount: number } {
    const index = (scope === 'customer' ? this.byCustomer : this.byTerminal).get(id);
    return index ? index.window(Math.max(since, this.cutoff() - 1), until) : { count: 0, amount: 0 };
  }

  /** The latest store-wide order totals in one currency (at most sampleSize), and their spread. */
  storeTotals(currency: string): Sample {
    return this.totals.get(currency)?.since(this.cutoff()) ?? EMPTY_SAMPLE;
  }

  /** The latest quantities of one SKU, one per order (at most sampleSize), and their spread. */
  skuQuantities(sku: string): Sample {
    return this.quantities.get(sku)?.since(this.cutoff()) ?? EMPTY_SAMPLE;
  }

  /** Drops what fell out of the window as time passes without new orders. */
  advance(now: number): void {
    this.newest = Math.max(this.newest, now);
    this.evict();
  }

  private cutoff(): number {
    return this.newest - this.opts.windowMs;
  }

  private live(index: TimeIndex | undefined): readonly RiskOrder[] {
    if (!index) return [];
    const i = index.upperBound(this.cutoff() - 1);
    return i === 0 ? index.orders : index.orders.slice(i);
  }

  private index(map: Map<string, TimeIndex>, key: string): TimeIndex {
    let index = map.get(key);
    if (!index) map.set(key, (index = new TimeIndex(this.opts.currency)));
    return index;
  }

  private ring(map: Map<string, Ring>, key: string): Ring {
    let r = map.get(key);
    if (!r) map.set(key, (r = new Ring(this.opts.sampleSize)));
    return r;
  }

  private evict(): void {
    const cutoff = this.cutoff();
    // Insertion order is close to time order (the outbox and each partition are in time order),
    // so the oldest sit at the front of byId.
    for (const o of this.byId.values()) {
      if (this.byId.size <= this.opts.maxOrders && o.at >= cutoff) break;
      this.byId.delete(o.orderId);
      this.notTaken.delete(o.orderId);
      removeFrom(this.byCustomer, o.customerId, o);
      removeFrom(this.byTerminal, o.terminalId, o);
    }
  }
}
