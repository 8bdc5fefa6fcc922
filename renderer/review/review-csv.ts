// The Review screen's rows as CSV (RFC 4180: quoted when needed, CRLF), one row per flagged
// order, reasons in the clerk's language, so a supervisor can file or mail the day's list. The
// customer's name and the total are the order's as they are now, as on the screen; saved_total and
// saved_customer_name only where a correction changed them; practice (true) for an order flagged in
// training; checks, the flagging checks' names.
import { csvCell } from '../../shared/csv-cell';
import { RISK_CHECK_NAMES, riskReason } from '../../shared/risk-flags';
import type { Lang } from '../../shared/error-codes';
import type { ReviewEntry } from '../../shared/risk-types';
import { formatMoney } from '../outbox/format';

const HEADER = [
  'created_at',
  'order_id',
  'customer_id',
  'customer_name',
  'terminal_id',
  'total',
  'currency',
  'codes',
  'reasons',
  'policy',
  'outcome',
  'topic',
  'decided_by',
  'decided_at',
  'delivery',
  // Last, so a sheet that reads the columns by place still finds the others where they were.
  'saved_total',
  'saved_currency',
  'saved_customer_name',
  // Flagged on the app's training cluster (Review's Practice badge): not a sale.
  'practice',
  // The checks that flagged it by the names Settings and the screen give them, in the clerk's
  // language: codes alone meant nothing to a supervisor filing the list.
  'checks',
];

export function reviewCsv(entries: readonly ReviewEntry[], lang: Lang): string {
  const rows = entries.map((e) =>
    [
      e.createdAt,
      e.orderId,
      e.customerId,
      e.customerName,
      e.terminalId,
      e.total,
      e.currency,
      [...new Set(e.flags.map((f) => f.code))].join(','),
      e.flags.map((f) => riskReason(f, lang, formatMoney)).join(' | '),
      e.policy,
      e.outcome,
      e.topic,
      e.decision?.by ?? null,
      e.decision?.at ?? null,
      e.delivery,
      e.savedTotal?.total ?? null,
      e.savedTotal?.currency ?? null,
      e.savedCustomerName ?? null,
      e.practice === true,
      [...new Set(e.flags.map((f) => RISK_CHECK_NAMES[f.code][lang]))].join(' | '),
    ]
      .map((v) => csvCell(v))
      .join(','),
  );
  return [HEADER.join(','), ...rows].join('\r\n') + '\r\n';
}
