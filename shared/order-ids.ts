// The ids of an order: its order id (the service's, at Save) and its submission id (the form's,
// one per order being entered: a submit repeated after a lost answer carries the same one, and
// Save answers with the order it saved the first time). New ones are UUIDs of version 7
// (RFC 9562): the first 48 bits are the time in milliseconds, so ids made later sort after
// earlier ones.
//
// Why not random (version 4) ids: both are keys of unique indexes in the outbox file (the
// outbox, the history, the risk review rows), and a random key lands on a random page of each,
// so every order dirtied pages of its own in each index, in the write-ahead log and again at each
// checkpoint; a time-ordered key lands on the last page, which the orders of a batch share (the
// README's "Fifth look"). Ids of version 4 stay valid everywhere: orders saved before keep theirs.
import { v7 } from 'uuid';

export function newOrderId(): string {
  return v7();
}

export function newSubmissionId(): string {
  return v7();
}

/** How many characters of an order id the screens show, and the Orders search finds it by. */
export const SHORT_ORDER_ID_CHARS = 8;

/** A time-ordered id: its version digit (the 15th character) is 7. */
export function isTimeOrderedId(id: string): boolean {
  return id.length === 36 && id[14] === '7';
}

/**
 * The characters a clerk reads for an order: the start of a random (version 4) id, as screens
 * always showed it, but the end of a time-ordered one, whose start every order of the same
 * minute shares (its end is random).
 */
export function shortOrderId(orderId: string): string {
  return isTimeOrderedId(orderId) ? orderId.slice(-SHORT_ORDER_ID_CHARS) : orderId.slice(0, SHORT_ORDER_ID_CHARS);
}
