// A submission id seen before means the answer to its first submit was lost (the app restarted,
// the browser-mode connection dropped) and the form sent it again. The stores that dedupe by
// submission id (the outbox, the risk checks' held and routed orders) answer it here, inside the
// lookup they already make: no second read on Save's path.
import { sameDraft, type Order } from '../../shared/order-schema';
import type { Result } from '../../shared/contract';
import { appError } from '../../shared/error-codes';
import { shortOrderId } from '../../shared/order-ids';

/**
 * The first answer again when the form still holds what was saved. Changed since, the change is
 * not saved, and "Saved" would say it was: refused, naming the order that stands.
 */
export function answerRepeat<T>(saved: Order, resubmitted: Order, answer: T): Result<T> {
  return sameDraft(saved, resubmitted)
    ? { ok: true, value: answer }
    : { ok: false, error: appError('order.changedSinceSaved', { order: shortOrderId(saved.orderId) }) };
}
