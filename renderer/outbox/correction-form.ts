// The Outbox's Correct panel as the clerk edits it (text as typed) and its check, which is the
// request's own schema (orderCorrectionSchema), so the panel's errors and main's refusal never
// disagree. Every field that schema checks and the clerk may change is in the panel: an order
// saved before a check (a currency that is not ISO 4217, an invisible character in the name, a
// KRW price with decimals) failed on a field the panel did not show, and could only be voided.
import { orderCorrectionSchema, type Order, type OrderDraft } from '../../shared/order-schema';
import { isErrorCode, type AppError } from '../../shared/error-codes';
import { issueParams } from '../../shared/describe-issues';
import { notANumberCode, parseNumberText } from '../../shared/number-text';

export interface CorrectionLine {
  sku: string;
  productName: string;
  quantity: number;
  unitPrice: string;
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
    lines: order.lines.map((l) => ({ ...l, unitPrice: String(l.unitPrice) })),
    currency: order.currency,
    note: order.note ?? '',
  };
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
    ...(form.phone.trim() ? { phone: form.phone } : {}),
    lines: form.lines.map((l) => ({ ...l, unitPrice: parseNumberText(l.unitPrice) })),
    currency: form.currency,
    paymentMethod: order.paymentMethod,
    ...(form.note.trim() ? { note: form.note } : {}),
  });
  if (parsed.success) return { ok: true, draft: parsed.data };
  const errors: CorrectionErrors = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.map(String).join('.') || 'form';
    if (errors[key]) continue;
    // "1만5" gets the order form's words for it, not just "Enter a number".
    if (issue.message === 'field.notANumber' && /^lines\.\d+\.unitPrice$/.test(key)) {
      errors[key] = { code: notANumberCode(form.lines[Number(issue.path[1])].unitPrice) };
      continue;
    }
    const params = issueParams(issue);
    errors[key] = { code: isErrorCode(issue.message) ? issue.message : 'field.invalid', ...(params ? { params } : {}) };
  }
  return { ok: false, errors };
}
