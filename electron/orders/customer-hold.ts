// Per-customer order is the guarantee (issue 10). When the broker refuses an order for good
// (too large for a topic whose limit was lowered, or not knowable at Save because the terminal
// was offline; or invalid), that order "needs attention": it stays in the outbox as failed with
// auto_retry = 0, and every later order of the same customer waits behind it (the outbox marks
// them `waiting.heldBehind`, and the dispatcher leaves them out of its batches). Other
// customers' orders keep flowing. The hold ends when a person acts (attention-desk.ts):
// corrects the order (it keeps its place and goes first), voids it (kept with the reason, never
// sent), or retries it as it is (e.g. after an operator raised the topic's limit).
import type { PendingRow } from './outbox-store';

/** The rows the dispatcher may batch now: none of a customer whose earlier order needs attention. */
export function withoutHeldCustomers(rows: PendingRow[], held: ReadonlySet<string>): PendingRow[] {
  return held.size === 0 ? rows : rows.filter((r) => !held.has(r.customerId));
}
