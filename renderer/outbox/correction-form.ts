// The Outbox's Correct panel as the clerk edits it (text as typed) and its check, which is the
// request's own schema (orderCorrectionSchema), so the panel's errors and main's refusal never
// disagree. Every field that schema checks and the clerk may change is in the panel: an order
// saved before a check (a currency that is not ISO 4217, an invisible character in the name, a
// KRW price with decimals) failed on a field the panel did not show, and could only be voided.
// The currency and a price are editable only where the saved one fails today's rule: any other is
// what the customer was told (attention-desk.ts refuses the same for any client).
import {
  isCurrencyCode,
  orderCorrectionSchema,
  phoneAsShown,
  priceFitsRule,
  roundedPrice,
  type Order,
  type OrderDraft,
} from '../../shared/order-schema';
import { appError, type AppError } from '../../shared/error-codes';
import { issueError } from '../../shared/describe-issues';
import { notANumberCode, parseNumberText } from '../../shared/number-text';

export interface CorrectionLine {
  sku: string;
  productName: string;
  quantity: number;
  unitPrice: string;
  /** The price as saved: it stays unless it fails the price rule (priceEditable). */
  savedPrice: number;
}

export interface CorrectionForm {
  customerName: string;
  phone: string;
  lines: CorrectionLine[];
  currency: string;
  note: string;
}

export function correctionFormOf(order: Order): CorrectionForm {
  return {
    customerName: order.customerName,
    phone: order.phone ?? '',
    lines: order.lines.map((l) => ({ ...l, unitPrice: String(l.unitPrice), savedPrice: l.unitPrice })),
    currency: order.currency,
    note: order.note ?? '',
  };
}

/**
 * Only a saved currency that is no currency (KWR) can be corrected: a valid one, or one since
 * withdrawn (HRK), was what the prices were given in.
 */
export function currencyEditable(order: Order): boolean {
  return !isCurrencyCode(order.currency);
}

/** The currency the correction goes with: the form's only where it may be corrected. */
function correctedCurrency(order: Order, form: CorrectionForm): string {
  return currencyEditable(order) ? form.currency : order.currency;
}

/** A line's price can be corrected only where the saved one fails the price rule in the corrected currency (KRW 1200.5). */
export function priceEditable(order: Order, form: CorrectionForm, line: CorrectionLine): boolean {
  return !priceFitsRule(line.savedPrice, correctedCurrency(order, form));
}

/** Field path ("currency", "lines.0.unitPrice") → what is wrong with it. */
export type CorrectionErrors = Record<string, AppError>;

/** The panel's fields, in the order they are shown: the first with an error takes the focus. */
export function correctionFields(form: CorrectionForm): string[] {
  return [
    'customerName',
    'phone',
    ...form.lines.flatMap((_, i) => [`lines.${i}.productName`, `lines.${i}.unitPrice`]),
    'currency',
    'note',
  ];
}

export function checkCorrection(
  order: Order,
  form: CorrectionForm,
): { ok: true; draft: OrderDraft } | { ok: false; errors: CorrectionErrors } {
  const parsed = orderCorrectionSchema.safeParse({
    customerName: form.customerName,
    customerId: order.customerId,
    // As the field shows it once left: Ctrl+Enter from the field saves what leaving it shows.
    ...(form.phone.trim() ? { phone: phoneAsShown(form.phone) } : {}),
    lines: form.lines.map((l) => ({
      sku: l.sku,
      productName: l.productName,
      quantity: l.quantity,
      unitPrice: priceEditable(order, form, l) ? parseNumberText(l.unitPrice) : l.savedPrice,
    })),
    currency: correctedCurrency(order, form),
    paymentMethod: order.paymentMethod,
    ...(form.note.trim() ? { note: form.note } : {}),
  });
  const errors: CorrectionErrors = {};
  if (parsed.success) {
    // A price that breaks the rule is only rounded: said here, not first by the service's refusal.
    parsed.data.lines.forEach((l, i) => {
      const line = form.lines[i];
      if (priceEditable(order, form, line) && !roundedPrice(line.savedPrice, l.unitPrice, parsed.data.currency))
        errors[`lines.${i}.unitPrice`] = appError('order.correctPrice', {
          sku: l.sku,
          was: line.savedPrice,
          now: l.unitPrice,
        });
    });
    return Object.keys(errors).length ? { ok: false, errors } : { ok: true, draft: parsed.data };
  }
  for (const issue of parsed.error.issues) {
    const key = issue.path.map(String).join('.') || 'form';
    if (errors[key]) continue;
    // "1만5" gets the order form's words for it, not just "Enter a number".
    if (issue.message === 'field.notANumber' && /^lines\.\d+\.unitPrice$/.test(key)) {
      errors[key] = { code: notANumberCode(form.lines[Number(issue.path[1])].unitPrice) };
      continue;
    }
    errors[key] = issueError(issue);
  }
  return { ok: false, errors };
}
