// The order form's state as the clerk types it (strings), and its mapping to the contract's
// draft. Validation is orderDraftSchema itself, the schema main checks again, so the inline
// errors and main's refusal can never disagree.
import { CATALOGUE_CURRENCY, skuKey, type CounterDraft, type Product } from '../../shared/counter-types';
import {
  DEFAULT_CURRENCY,
  fitsCurrency,
  ORDER_LIMITS,
  orderDraftFieldsSchema,
  orderDraftSchema,
  orderLineSchema,
  phoneAsShown,
  unitPriceSchema,
  type OrderDraft,
  type OrderDraftInput,
  type PaymentMethod,
} from '../../shared/order-schema';
import type { AppError } from '../../shared/error-codes';
import { issueError } from '../../shared/describe-issues';
import { notANumberCode, parseNumberText, parseQuantityText, withoutCounterWord } from '../../shared/number-text';
import { changeDue } from '../../shared/vat';

export interface LineForm {
  key: number;
  sku: string;
  productName: string;
  quantity: string;
  unitPrice: string;
  /** The catalogue's price when the line came from it; a different unitPrice shows as an override. */
  catalogPrice?: number | null;
}

export interface DraftForm {
  customerName: string;
  customerId: string;
  phone: string;
  lines: LineForm[];
  currency: string;
  paymentMethod: PaymentMethod;
  note: string;
  /** Cash: what the customer handed over, as typed (not part of the order). */
  tendered: string;
}

/** Field path ("customerName", "lines.0.quantity", "lines") → error (code and its limit, if any). */
export type FieldErrors = Record<string, AppError>;

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
    tendered: '',
  };
}

/** True when nothing was typed: Esc then needs no confirmation and there is no draft to keep. */
export function isEmptyForm(form: DraftForm): boolean {
  const blank = emptyForm();
  return (
    form.customerName.trim() === '' &&
    form.customerId.trim() === '' &&
    form.phone.trim() === '' &&
    form.note.trim() === '' &&
    form.tendered.trim() === '' &&
    form.paymentMethod === blank.paymentMethod &&
    form.lines.every((l) => l.sku.trim() === '' && l.productName.trim() === '' && l.unitPrice.trim() === '')
  );
}

/** A line is unused while its SKU, product and price are all empty (its quantity may still be 1). */
const unusedLine = (l: LineForm) => l.sku.trim() === '' && l.productName.trim() === '' && l.unitPrice.trim() === '';

const typedQuantity = (q: number) =>
  Number.isInteger(q) && q >= ORDER_LIMITS.quantityMin && q <= ORDER_LIMITS.quantityMax;

/**
 * A line with nothing typed (its quantity may still be the 1 it starts with): it is not part of
 * the order, and Alt+L puts the cursor on it rather than adding another.
 */
export function isBlankLine(l: LineForm): boolean {
  return unusedLine(l) && ['', '1'].includes(l.quantity.trim());
}

/**
 * Which of the form's lines (their indices) an order is made of: every blank line is left out,
 * wherever it is (Enter on the last price then Alt+L left one in the middle, which stopped
 * Submit with "Required" on it), while one with a quantity other than 1 typed is kept (the clerk
 * meant something). An order with every line blank keeps the first, so it is told so on it.
 */
function orderLineIndices(lines: LineForm[]): number[] {
  const kept = lines.flatMap((l, i) => (isBlankLine(l) ? [] : [i]));
  return kept.length > 0 || lines.length === 0 ? kept : [0];
}

const orderLines = (lines: LineForm[]): LineForm[] => orderLineIndices(lines).map((i) => lines[i]);

/** The catalogue's product a SKU typed into an order line names, if any (`bySku`: catalogueBySku). */
export function productBySku(bySku: ReadonlyMap<string, Product>, typed: string): Product | undefined {
  return bySku.get(skuKey(typed));
}

/**
 * A catalogue product added by barcode or quick key: one more of it when a line already has it
 * at the catalogue's price, else the first unused line, else a new line. Returns null when the
 * order already has the most lines allowed, or the quantity would pass its maximum.
 */
export function addProduct(
  form: DraftForm,
  product: { sku: string; name: string; price: number },
): { form: DraftForm; line: number } | null {
  const same = form.lines.findIndex(
    (l) => skuKey(l.sku) === skuKey(product.sku) && parseNumber(l.unitPrice) === product.price,
  );
  const free = form.lines.findIndex(unusedLine);
  // "3, then the product's key", as at any till: a quantity typed into the free line is how many.
  const typed = free >= 0 ? parseQuantity(form.lines[free].quantity) : Number.NaN;
  const count = typedQuantity(typed) ? typed : 1;
  if (same >= 0) {
    // More of a product already on the order: its line grows by the count, and the free line's
    // quantity, used, is 1 again (left at 3, the blank line was sent as a line of its own).
    const q = parseQuantity(form.lines[same].quantity);
    const next = (Number.isInteger(q) && q > 0 ? q : 0) + count;
    if (next > ORDER_LIMITS.quantityMax) return null;
    const lines = form.lines.map((l, i) =>
      i === same ? { ...l, quantity: String(next) } : i === free ? { ...l, quantity: '1' } : l,
    );
    return { form: { ...form, lines }, line: same };
  }
  const filled: Omit<LineForm, 'key'> = {
    sku: product.sku,
    productName: product.name,
    quantity: String(count),
    unitPrice: String(product.price),
    catalogPrice: product.price,
  };
  if (free >= 0) {
    const lines = form.lines.map((l, i) => (i === free ? { ...l, ...filled } : l));
    return { form: { ...form, lines }, line: free };
  }
  if (form.lines.length >= ORDER_LIMITS.linesMax) return null;
  return { form: { ...form, lines: [...form.lines, { ...emptyLine(), ...filled }] }, line: form.lines.length };
}

/**
 * The form with a line free for the next product after `added` (a quick key's or a scan's): the
 * first unused line after it, else a new one at the end; null when the order has its most lines.
 */
export function withFreeLineAfter(form: DraftForm, added: number): { form: DraftForm; free: number | null } {
  const free = form.lines.findIndex((l, i) => i > added && unusedLine(l));
  if (free >= 0) return { form, free };
  if (form.lines.length >= ORDER_LIMITS.linesMax) return { form, free: null };
  return { form: { ...form, lines: [...form.lines, emptyLine()] }, free: form.lines.length };
}

/**
 * A repeated order at today's catalogue prices: each line whose SKU the catalogue has takes its
 * price (and shows a later change as an override); the others keep the price they had. The old
 * order's prices were filled in as they were, so a price raised since was charged at the old one.
 */
export function atCatalogPrices(
  form: DraftForm,
  bySku: ReadonlyMap<string, Product>,
): { form: DraftForm; changed: number } {
  if (!inCatalogueCurrency(form)) return { form, changed: 0 };
  let changed = 0;
  const lines = form.lines.map((l) => {
    const product = productBySku(bySku, l.sku);
    if (!product) return l;
    if (parseNumber(l.unitPrice) !== product.price) changed++;
    return { ...l, unitPrice: String(product.price), catalogPrice: product.price };
  });
  return { form: { ...form, lines }, changed };
}

/**
 * Quantity's + and - keys: one more or one fewer, within 1..999; else the quantity stays as typed,
 * at a limit (`atLimit`) or because it is no whole number that one step brings within them
 * (`notStepped`). Clamped or guessed, 1234 became 999, and 1.5 or a mistyped "abc" 2, unsaid.
 */
export function stepQuantity(
  text: string,
  delta: 1 | -1,
): { quantity: string } | { leftAsTyped: 'atLimit' | 'notStepped' } {
  // An emptied field is the 1 a new line starts with.
  const q = text.trim() === '' ? 1 : parseQuantity(text);
  if (typedQuantity(q + delta) && Number.isInteger(q)) return { quantity: String(q + delta) };
  return { leftAsTyped: typedQuantity(q) ? 'atLimit' : 'notStepped' };
}

export function toCounterDraft(form: DraftForm, submissionId: string): CounterDraft {
  return {
    customerName: form.customerName,
    customerId: form.customerId,
    phone: form.phone,
    lines: orderLines(form.lines).map((l) => ({
      sku: l.sku,
      productName: l.productName,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      catalogPrice: l.catalogPrice ?? null,
    })),
    currency: form.currency,
    paymentMethod: form.paymentMethod,
    note: form.note,
    tendered: form.tendered,
    submissionId,
  };
}

export function fromCounterDraft(d: CounterDraft): DraftForm {
  return {
    customerName: d.customerName,
    customerId: d.customerId,
    phone: d.phone,
    currency: d.currency,
    paymentMethod: d.paymentMethod,
    note: d.note,
    tendered: d.tendered,
    lines: d.lines.length > 0 ? d.lines.map((l) => ({ ...l, key: ++lineKeys })) : [emptyLine()],
  };
}

/**
 * "12,000", " 3 ", "３" and "4500원" are numbers; an empty field is not (the schema says "Enter a
 * number"). See shared/number-text.ts.
 */
export function parseNumber(text: string): number {
  return parseNumberText(text);
}

/** A typed quantity: a number as parseNumber reads it, "2개" too. */
export function parseQuantity(text: string): number {
  return parseQuantityText(text);
}

/**
 * A line's subtotal as typed, or null while its quantity or price is not one the order takes (the
 * same checks as Submit's, the currency's decimals too): a quantity of 1000 showed ₩1,000 beside
 * "Quantity must be 1 to 999", and the total counted it.
 */
export function lineSubtotal(line: Pick<LineForm, 'quantity' | 'unitPrice'>, currency: string): number | null {
  const quantity = parseQuantity(line.quantity);
  const unitPrice = parseNumber(line.unitPrice);
  if (!orderLineSchema.shape.quantity.safeParse(quantity).success || !unitPriceSchema.safeParse(unitPrice).success)
    return null;
  if (!fitsCurrency(unitPrice, currency.trim().toUpperCase())) return null;
  return (Math.round(unitPrice * 100) * quantity) / 100;
}

/** The total the form shows: summed in cents like orderTotal, so it is the one main will compute. */
export function formTotal(form: Pick<DraftForm, 'lines' | 'currency'>): number {
  return form.lines.reduce((sum, l) => sum + Math.round((lineSubtotal(l, form.currency) ?? 0) * 100), 0) / 100;
}

/**
 * What is wrong with the cash tendered, if anything: unreadable, or short of the total (`short`,
 * the amount, for the screen to show as money). Tendering is optional, so an empty field is
 * fine; a short one is refused at Save, as a clerk saved "3,300원 short" without a question.
 */
export function tenderedError(form: DraftForm, total: number): AppError | null {
  if (form.paymentMethod !== 'cash' || form.tendered.trim() === '') return null;
  const tendered = parseNumber(form.tendered);
  if (!Number.isFinite(tendered)) return { code: notANumberCode(form.tendered) };
  if (changeDue(total, tendered) !== null) return null;
  return {
    code: 'field.tenderedShort',
    params: { short: (Math.round(total * 100) - Math.round(tendered * 100)) / 100 },
  };
}

const optional = (text: string) => (text.trim() === '' ? undefined : text);

export function toDraftInput(form: DraftForm): OrderDraftInput {
  return {
    customerName: form.customerName,
    customerId: form.customerId,
    // As the field shows it once left: Ctrl+Enter from the field saves what leaving it shows.
    phone: optional(phoneAsShown(form.phone)),
    lines: orderLines(form.lines).map((l) => ({
      sku: l.sku,
      productName: l.productName,
      quantity: parseQuantity(l.quantity),
      unitPrice: parseNumber(l.unitPrice),
    })),
    currency: form.currency.trim().toUpperCase(),
    paymentMethod: form.paymentMethod,
    note: optional(form.note),
  };
}

/** Whether catalogue prices may go into this order (CATALOGUE_CURRENCY). */
export function inCatalogueCurrency(form: Pick<DraftForm, 'currency'>): boolean {
  return form.currency.trim().toUpperCase() === CATALOGUE_CURRENCY;
}

/**
 * Lines still at the catalogue's price in an order of another currency: the currency was changed
 * after they were added, and 4,500 won would go out as 4,500 of it.
 */
function cataloguePricesInOtherCurrency(form: DraftForm): FieldErrors {
  if (inCatalogueCurrency(form)) return {};
  const errors: FieldErrors = {};
  form.lines.forEach((l, i) => {
    if (l.catalogPrice !== undefined && parseNumber(l.unitPrice) === l.catalogPrice)
      errors[`lines.${i}.unitPrice`] = {
        code: 'field.catalogueCurrency',
        params: { catalogue: CATALOGUE_CURRENCY, currency: form.currency.trim().toUpperCase() },
      };
  });
  return errors;
}

export function validateForm(form: DraftForm): { ok: true; draft: OrderDraft } | { ok: false; errors: FieldErrors } {
  const parsed = orderDraftSchema.safeParse(toDraftInput(form));
  const priceErrors = cataloguePricesInOtherCurrency(form);
  const tendered = tenderedError(form, formTotal(form));
  if (parsed.success) {
    const errors: FieldErrors = { ...priceErrors, ...(tendered && { tendered }) };
    return Object.keys(errors).length ? { ok: false, errors } : { ok: true, draft: parsed.data };
  }
  const errors: FieldErrors = { ...priceErrors };
  const lineAt = orderLineIndices(form.lines);
  for (const issue of parsed.error.issues) {
    // The order has no blank lines: an issue about its line n is shown on the form's line it was.
    const [group, n, ...rest] = issue.path;
    const path = group === 'lines' && typeof n === 'number' ? [group, lineAt[n] ?? n, ...rest] : issue.path;
    const key = path.map(String).join('.') || 'form';
    if (issue.message === 'field.notANumber') {
      errors[key] ??= { code: notANumberCode(typedAt(form, path)) };
      continue;
    }
    // The first problem per field is the one worth showing, with the limit it broke, so the
    // clerk reads "At most 100 characters" rather than "Too long".
    errors[key] ??= issueError(issue);
  }
  // Last, below the order's fields: the cursor goes to the first field that is wrong.
  if (tendered) errors.tendered = tendered;
  return { ok: false, errors };
}

/** What was typed in the line field an issue is about ('' for any other field). */
function typedAt(form: DraftForm, path: readonly PropertyKey[]): string {
  const [group, i, field] = path;
  if (group !== 'lines' || typeof i !== 'number' || (field !== 'quantity' && field !== 'unitPrice')) return '';
  const typed = form.lines[i]?.[field] ?? '';
  return field === 'quantity' ? withoutCounterWord(typed) : typed;
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
    tendered: '',
  };
}

/**
 * Whether the order schema refuses an order without this field (`customerName`,
 * `lines.0.sku`): the form marks it aria-required, so a screen reader says so before the clerk
 * submits, from the same schema that then refuses it. Fields with a default (currency) and
 * fields the schema does not hold (cash tendered) are not required.
 */
export function isRequiredField(path: string): boolean {
  const [head, , lineField] = path.split('.');
  const shape: Record<string, { safeParse(v: unknown): { success: boolean } }> =
    head === 'lines' && lineField ? orderLineSchema.shape : orderDraftFieldsSchema.shape;
  const field = shape[head === 'lines' && lineField ? lineField : head];
  return field !== undefined && !field.safeParse(undefined).success;
}

export function fieldId(path: string): string {
  return `field-${path.replace(/\./g, '-')}`;
}
