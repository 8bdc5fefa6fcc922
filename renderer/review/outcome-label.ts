// What Review says became of a flagged order: its outcome and, for one that goes to a topic, where
// it stands (ReviewEntry.delivery). "Sent, flagged" was shown from Save on, while the cluster was
// down and the order only saved; it is said once the order is delivered.
import type { ReviewEntry } from '../../shared/risk-types';
import type { UiKey } from '../i18n/ui-strings';

export function outcomeLabel(e: Pick<ReviewEntry, 'outcome' | 'delivery'>): UiKey {
  const { outcome, delivery } = e;
  if (delivery === null || delivery === 'delivered') return `risk.outcome.${outcome}`;
  if (outcome === 'sent' || outcome === 'confirmed') return `risk.outcome.${outcome}.${delivery}`;
  // Routed: the review sender retries until the review topic takes it, so it only ever waits.
  return 'risk.outcome.routed.waiting';
}
