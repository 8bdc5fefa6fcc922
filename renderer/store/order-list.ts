// The recent orders a window holds, kept up to date by two kinds of message from main: a submit's
// answer (the whole record, state "saved") and small changes (state, attempts, partition, offset),
// which may come in either order. Pure, so the races are tested without a window
// (test/unit/renderer/order-list.test.ts); app-store.ts holds the list and talks to the api.
import { OLDER_WAITING_MAX, type OrderChange, type OrderRecord } from '../../shared/outbox-types';

const STATE_RANK: Record<OrderRecord['state'], number> = {
  saved: 0,
  sending: 1,
  failed: 2,
  delivered: 3,
  voided: 3,
  'delivered-previous-topic': 4,
};

/** True when `a` is further along than `b` (more attempts, or a later state of the same attempt). */
export function isNewer(a: OrderRecord, b: OrderRecord): boolean {
  // The operator re-sent an order gone with a re-created topic: it starts again as never sent.
  if (a.state === 'delivered-previous-topic' && b.state === 'saved') return false;
  if (b.state === 'delivered-previous-topic' && a.state === 'saved') return true;
  return a.attempts > b.attempts || (a.attempts === b.attempts && STATE_RANK[a.state] > STATE_RANK[b.state]);
}

/** The record with a change applied, or null when the record is already further along. */
function withChange(current: OrderRecord, change: OrderChange): OrderRecord | null {
  const { orderId: _orderId, ...fields } = change;
  const next = { ...current, ...fields };
  return isNewer(current, next) ? null : next;
}

/**
 * Changes for orders the window does not hold yet. Most are orders saved in another window (the
 * page is asked for again), but the answer to this window's own submit can come after the
 * order's later changes: its "saved" must not undo the "delivered" that came first, which was
 * then shown as saved until the page was read again. The newest change per order is kept, for a
 * bounded number of orders, until the order's record comes: a submit's answer (upsert) or a page
 * read (mergeNewer).
 */
export class EarlyChanges {
  private readonly byId = new Map<string, OrderChange>();

  constructor(private readonly max = 1_000) {}

  keep(change: OrderChange): void {
    this.byId.delete(change.orderId);
    this.byId.set(change.orderId, change);
    if (this.byId.size > this.max) this.byId.delete(this.byId.keys().next().value!);
  }

  /** The record as the changes that came before it say (and forgets them). */
  settle(record: OrderRecord): OrderRecord {
    const change = this.byId.get(record.order.orderId);
    if (!change) return record;
    this.byId.delete(record.order.orderId);
    return withChange(record, change) ?? record;
  }
}

/** `changes` applied to `orders`: the new list (null when nothing changed), and the changes for orders not in it. */
export function applyChanges(
  orders: readonly OrderRecord[],
  changes: readonly OrderChange[],
): { orders: OrderRecord[] | null; unknown: OrderChange[] } {
  const index = new Map(orders.map((o, i) => [o.order.orderId, i]));
  let next: OrderRecord[] | null = null;
  const unknown: OrderChange[] = [];
  for (const change of changes) {
    const i = index.get(change.orderId);
    if (i === undefined) {
      unknown.push(change);
      continue;
    }
    const changed = withChange((next ?? orders)[i], change);
    if (!changed) continue;
    next ??= orders.slice();
    next[i] = changed;
  }
  return { orders: next, unknown };
}

/**
 * The newest `limit` orders and, after them, every failed one and up to OLDER_WAITING_MAX still
 * waiting: a refused order fell off the Outbox (and out of Alt+T's reach) once `limit` newer
 * orders were made. Bounded, since every change looks through the list, and a terminal offline
 * for hours may hold a backlog of thousands.
 */
export function trimmed(orders: readonly OrderRecord[], limit: number): OrderRecord[] {
  let waiting = 0;
  return orders.filter(
    (o, i) =>
      i < limit ||
      o.state === 'failed' ||
      ((o.state === 'saved' || o.state === 'sending') && ++waiting <= OLDER_WAITING_MAX),
  );
}

/** A submit's answer (or a retried order) put into the list: null when the list already knows more. */
export function upsert(orders: readonly OrderRecord[], record: OrderRecord, limit: number): OrderRecord[] | null {
  const i = orders.findIndex((o) => o.order.orderId === record.order.orderId);
  if (i < 0) return trimmed([record, ...orders], limit);
  // An answer can arrive after the events that already moved the order on. Its order still
  // lands: a correction's answer carries the corrected lines, which no change does, and its
  // resend was often delivered first (the row said Delivered beside the old lines and total).
  const further = isNewer(orders[i], record);
  if (further && JSON.stringify(orders[i].order) === JSON.stringify(record.order)) return null;
  const next = orders.slice();
  next[i] = further ? { ...orders[i], order: record.order } : record;
  return next;
}

/**
 * The loaded list, except where an event that arrived while it loaded already told us more: about
 * an order the window holds (`live`), or about one it did not hold yet (`early`). The second
 * case is an order saved in another window: its changes make this window read the page, and
 * its "delivered" can come while that read is under way. Left out, the page's older "sending"
 * stayed on screen for good, since the order was then held and nothing asked again.
 */
export function mergeNewer(
  loaded: OrderRecord[],
  live: OrderRecord[],
  early: EarlyChanges,
  limit: number,
): OrderRecord[] {
  const byId = new Map(live.map((r) => [r.order.orderId, r]));
  const merged = loaded.map((loadedRecord) => {
    const r = early.settle(loadedRecord);
    const l = byId.get(r.order.orderId);
    return l && isNewer(l, r) ? l : r;
  });
  // Orders that reached this window after the page was read (a submit's answer) stay on top.
  const inPage = new Set(loaded.map((r) => r.order.orderId));
  const newest = loaded[0]?.savedAt ?? '';
  const later = live.filter((r) => !inPage.has(r.order.orderId) && r.savedAt > newest);
  return trimmed([...later, ...merged], limit);
}
