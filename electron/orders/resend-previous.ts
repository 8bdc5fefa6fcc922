// The operator's re-send of orders that were delivered to a topic since deleted, re-created or
// truncated (topic-identity.ts marks them 'delivered-previous-topic'). Never automatic: the
// operator confirms a count ("12 orders, delivered since 09:14") and only that many go; if more
// were found gone in between, nothing is re-sent and the confirmation is asked again. Each
// re-sent order keeps its order id, so a consumer that still has it drops the duplicate.
import type { Result } from '../../shared/contract';
import type { OrderChange } from '../../shared/outbox-types';
import type { OutboxStore } from './outbox-store';

export function resendPrevious(
  outbox: OutboxStore,
  confirmed: number,
  log: (message: string) => void,
): Result<OrderChange[]> {
  const before = outbox.previousTopic();
  const r = outbox.resendPreviousTopic(confirmed);
  if (!r.ok) {
    log(`re-send of orders gone from the topic refused: ${confirmed} confirmed, ${before?.count ?? 0} now`);
    return r;
  }
  log(`operator confirmed: re-sending ${r.value.length} order(s) delivered since ${before?.since ?? '?'} to the topic`);
  return r;
}
