// A Review row's customer and total as the order is now: a correction on the Outbox (Correct
// panel) may have renamed the customer or removed lines after the order was flagged. Where it did,
// the cell says so under the value, with the one the order was flagged and saved with: the total
// its flags' reasons still quote, the name the clerk who took it (and its receipt) knew it by.
import type { ReviewEntry } from '../../shared/risk-types';
import { useT } from '../i18n/i18n';
import { formatMoney } from '../outbox/format';

function SavedAs({ text }: { text: string | null }) {
  return text ? <div className="muted small">{text}</div> : null;
}

export function CustomerCell({ entry: e }: { entry: ReviewEntry }) {
  const { t } = useT();
  return (
    <td data-testid="review-customer">
      <bdi>{e.customerName}</bdi> <bdi className="mono muted">{e.customerId}</bdi>
      <SavedAs text={e.savedCustomerName ? t('review.savedName', { name: e.savedCustomerName }) : null} />
    </td>
  );
}

export function TotalCell({ entry: e }: { entry: ReviewEntry }) {
  const { t, lang } = useT();
  return (
    <td className="num" data-testid="review-total">
      {formatMoney(e.total, e.currency, lang)}
      <SavedAs
        text={
          e.savedTotal
            ? t('review.savedTotal', { total: formatMoney(e.savedTotal.total, e.savedTotal.currency, lang) })
            : null
        }
      />
    </td>
  );
}
