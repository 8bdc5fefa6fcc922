// The order form's state as the clerk types it (strings), and its mapping to the contract's
// draft. Validation is orderDraftSchema itself, the schema main checks again, so the inline
// errors and main's refusal can never disagree.
import {
  DEFAULT_CURRENCY,
  orderDraftSchema,
  type OrderDraft,
  type OrderDraftInput,
  type PaymentMethod,
} from '../../shared/order-schema';
import { isErrorCode, type ErrorCode } from '../../shared/error-codes';

export interface LineForm {
  key: number;
  sku: string;
  productName: string;
  quantity: string;
  unitPrice: string;
}

export interface DraftForm {
  customerName: string;
  customerId: string;
  phone: string;
  lines: LineForm[];
  currency: string;
  paymentMethod: PaymentMethod;
  note: string;
}

/** Field path ("customerName", "lines.0.quantity", "lines") → error code. */
export type FieldErrors = Record<string, ErrorCode>;

let lineKeys = 0;
export function emptyLine(): LineForm {
  return { key: ++lineKeys, sku: '', productName: '', quantity: '1', unitPrice: '' };
}

export function emptyForm(): DraftForm {
  return {
    customerName: '',
    customerId: '',
    phone: '',
    lines: [emptyLine()],
    currency: DEFAULT_CURRENCY,
    paymentMethod: 'card',
    note: '',
  };
}

/** "12,000" and " 3 " are numbers; an empty field is not (the schema says "Enter a number"). */
export function parseNumber(text: string): number {
  const cleaned = text.replace(/[\s,]/g, '');
  return cleaned === '' ? Number.NaN : Number(cleaned);
}

/** A line's subtotal as typed, or null while its quantity or price is not yet a valid number. */
export function lineSubtotal(line: Pick<LineForm, 'quantity' | 'unitPrice'>): number | null {
  const quantity = parseNumber(line.quantity);
  const unitPrice = parseNumber(line.unitPrice);
  if (!Number.isInteger(quantity) || quantity <= 0 || !Number.isFinite(unitPrice) || unitPrice < 0) return null;
  return (Math.round(unitPrice * 100) * quantity) / 100;
}

const optional = (text: string) => (text.trim() === '' ? undefined : text);

export function toDraftInput(form: DraftForm): OrderDraftInput {
  return {
    customerName: form.customerName,
    customerId: form.customerId,
    phone: optional(form.phone),
    lines: form.lines.map((l) => ({
      sku: l.sku,
      productName: l.productName,
      quantity: parseNumber(l.quantity),
      unitPrice: parseNumber(l.unitPrice),
    })),
    currency: form.currency.trim().toUpperCase(),
    paymentMethod: form.paymentMethod,
    note: optional(form.note),
  };
}

export function validateForm(form: DraftForm): { ok: true; draft: OrderDraft } | { ok: false; errors: FieldErrors } {
  const parsed = orderDraftSchema.safeParse(toDraftInput(form));
  if (parsed.success) return { ok: true, draft: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.map(String).join('.') || 'form';
    // The first problem per field is the one worth showing.
    errors[key] ??= isErrorCode(issue.message) ? issue.message : 'field.invalid';
  }
  return { ok: false, errors };
}

export function fromDraft(draft: OrderDraft): DraftForm {
  return {
    customerName: draft.customerName,
    customerId: draft.customerId,
    phone: draft.phone ?? '',
    lines: draft.lines.map((l) => ({
      key: ++lineKeys,
      sku: l.sku,
      productName: l.productName,
      quantity: String(l.quantity),
      unitPrice: String(l.unitPrice),
    })),
    currency: draft.currency,
    paymentMethod: draft.paymentMethod,
    note: draft.note ?? '',
  };
}

export function fieldId(path: string): string {
  return `field-${path.replace(/\./g, '-')}`;
}
