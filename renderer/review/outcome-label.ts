// What Review says became of a flagged order: its outcome and, for one that goes to a topic, where
// it stands (ReviewEntry.delivery), decided in shared/review-outcome.ts, whose words the search
// matches. "Sent, flagged" was shown from Save on, while the cluster was down and the order only
// saved; it is said once the order is delivered.
import type { ReviewEntry } from '../../shared/risk-types';
import { shownOutcome } from '../../shared/review-outcome';
import type { UiKey } from '../i18n/ui-strings';

export function outcomeLabel(e: Pick<ReviewEntry, 'outcome' | 'delivery'>): UiKey {
  return `risk.outcome.${shownOutcome(e)}`;
}
