// The order: one schema drives the renderer's inline field errors and main's check.
// Messages are error-code keys (see error-codes.ts), never prose, so the UI can say them
// in the clerk's language.
import { z } from 'zod';
import { COMBINING_MARKS_MAX, hasInvisibleChars, hasStackedMarks, startsWithMark } from './invisible-chars';
import { hasOtherDigits, lookalikeIdProblem } from './lookalike-ids';
import { ISO_4217_CURRENCIES, ISO_4217_NOT_PAID_IN, WITHDRAWN_CURRENCIES, iso4217MinorUnits } from './iso-4217';

export const ORDER_SCHEMA_VERSION = 1;

export const ORDER_LIMITS = {
  customerNameMax: 100,
  customerIdMax: 64,
  phoneMax: 32,
  phoneDigitsMin: 8,
  skuMax: 64,
  productNameMax: 200,
  noteMax: 500,
  linesMin: 1,
  linesMax: 50,
  quantityMin: 1,
  quantityMax: 999,
  unitPriceMax: 1_000_000_000,
} as const;

export const PAYMENT_METHODS = ['cash', 'card', 'other'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export const DEFAULT_CURRENCY = 'KRW';

/**
 * Control characters (C0, DEL, C1) are refused in text: invisible on a receipt, and in the
 * Kafka message's JSON each becomes a 6-byte escape, so a pasted run of them makes an order
 * too large to send (issue 10). A note may keep line breaks and tabs.
 */
export const CONTROL_CHARS = /\p{Cc}/u;
const CONTROL_CHARS_BUT_LINES = /[^\P{Cc}\n\r\t]/u;

/**
 * Text is kept in one Unicode form, so what looks the same is the same: NFC for what is read
 * (a name pasted from a macOS file name comes decomposed, 김 as ᄀ+ᅵ+ᆷ, and the Orders search
 * never found it), NFKC for what identifies (the customer ID, the Kafka key; the phone), which
 * also folds what a Korean IME types in its full-width mode ("Ｃ１００１", "０１０－１２３４") to
 * the ASCII the rest of the app uses: one customer was two keys, and such a phone was refused.
 */
type TextForm = 'NFC' | 'NFKC';

/**
 * The one rule for text that becomes an order, an audit record (a void's reason, a supervisor's
 * name) or a catalogue entry: normalized, trimmed, at most `max` characters, no control or
 * invisible character, no mark on nothing, no pile of marks. A reason "ok" U+202E "…" went into the cancellation on the topic, and a
 * supervisor's name with one into the risk-decision header, shown as another name.
 */
export const visibleText = (max: number, controls: RegExp = CONTROL_CHARS, form: TextForm = 'NFC') =>
  checkedText(z.string({ error: 'field.invalid' }), max, controls, form);

/** Typed text's length as the schemas count it against their limit: normalised and trimmed. */
export const textLength = (text: string, form: TextForm = 'NFC'): number => text.normalize(form).trim().length;

/**
 * Whether typed text is empty as the schemas and the services read it: trimmed first, so spaces
 * alone (a Korean IME's full-width one too) are nothing. A form's required check uses it: a void's
 * reason of "   " passed it, was sent, and came back refused in other words.
 */
export const isBlankText = (text: string): boolean => text.trim() === '';

/** Visible text that may not be empty. */
export const requiredText = (max: number, form: TextForm = 'NFC') =>
  checkedText(z.string({ error: 'field.required' }), max, CONTROL_CHARS, form, true);

function checkedText(s: z.ZodString, max: number, controls: RegExp, form: TextForm, nonEmpty = false) {
  const trimmed = s.normalize(form).trim();
  return (nonEmpty ? trimmed.min(1, { error: 'field.required' }) : trimmed)
    .max(max, { error: 'field.tooLong' })
    .refine((v) => !controls.test(v), { error: 'field.controlChars' })
    .refine((v) => !hasInvisibleChars(v), { error: 'field.invisibleChars' })
    .refine((v) => !startsWithMark(v), { error: 'field.markOnNothing' })
    .refine((v) => !hasStackedMarks(v), { error: 'field.stackedMarks', params: { max: COMBINING_MARKS_MAX } });
}

const required = requiredText;

/**
 * A customer ID as it is kept and keyed by (the Kafka key, the risk checks' customer, the
 * outbox's per-customer order, Repeat last order): NFKC (a full-width "Ｃ１００１" is C1001), and
 * its Latin letters in capitals, as a store writes its IDs: "c1001" typed at the counter was
 * C1001 to the Orders search but another customer to everything keyed by the ID. Only a-z: a
 * capital can be another length (ß is SS) or, in another alphabet, another look-alike.
 */
export function customerIdKey(typed: string): string {
  return typed
    .normalize('NFKC')
    .trim()
    .replace(/[a-z]+/g, (s) => s.toUpperCase());
}

/** Letters of an ID up to which every mix of capitals and small letters is looked up: 2^8 = 256 index probes. */
const SPELLINGS_MAX_LETTERS = 8;

/**
 * The forms an order of this customer may be stored under, for a lookup through a customer_id
 * index: orders saved before customerIdKey kept the letters as typed ("c1001", "Cust-001"), and
 * stay as they were sent to the topic. Every mix of capitals and small letters up to
 * SPELLINGS_MAX_LETTERS letters; beyond that, the key and the key in small letters.
 */
export function customerIdSpellings(typed: string): string[] {
  const key = customerIdKey(typed);
  const letters = [...key.matchAll(/[A-Z]/g)].map((m) => m.index);
  if (letters.length > SPELLINGS_MAX_LETTERS) return [key, key.replace(/[A-Z]+/g, (s) => s.toLowerCase())];
  const spellings: string[] = [];
  for (let mask = 0; mask < 1 << letters.length; mask++) {
    const chars = key.split('');
    letters.forEach((at, bit) => {
      if (mask & (1 << bit)) chars[at] = chars[at].toLowerCase();
    });
    spellings.push(chars.join(''));
  }
  return spellings;
}

const optionalText = (max: number, controls: RegExp = CONTROL_CHARS, form: TextForm = 'NFC') =>
  visibleText(max, controls, form).optional();

/**
 * A phone as it is kept: NFKC (a Korean IME's full-width "０１０－１２３４"), trimmed, and its dots
 * as dashes: "010.1234.5678", as business cards and shop signs in Korea write it, is the order of
 * 010-1234-5678, which the Orders search already found typed either way while the form refused
 * it. Dashes, not dots, are kept, so the phone index (outbox-schema.ts) and phoneDigits read
 * every stored phone with the characters they know.
 */
export function phoneAsKept(typed: string): string {
  return dotsAsDashes(typed.normalize('NFKC').trim());
}

/**
 * A phone as the order form shows it once the clerk leaves the field: a Korean mobile number
 * written with digits only, or with spaces, dashes or dots anywhere ("01077778888",
 * "010 7777 8888", full-width), as 010-7777-8888 (3-3-4 for the older ten-digit 011…019
 * numbers); Orders and receipts had both forms side by side. Anything else (+82…, a landline,
 * text the schema refuses) is left as typed. Not a step of the schema's: the service's Save
 * takes a phone as phoneAsKept has it.
 */
export function phoneAsShown(typed: string): string {
  const kept = phoneAsKept(typed);
  const digits = kept.replace(/[ -]/g, '');
  if (!/^[0-9 -]+$/.test(kept) || !/^(010\d{8}|01[16789]\d{7,8})$/.test(digits)) return typed;
  return `${digits.slice(0, 3)}-${digits.slice(3, -4)}-${digits.slice(-4)}`;
}

/** The last step of phoneAsKept, for text the schema's visibleText already folded and trimmed. */
const dotsAsDashes = (text: string): string => text.replace(/\./g, '-');

/** Whether a phone as kept (phoneAsKept) holds only digits, spaces, + ( ) and -. */
export const isPhoneText = (kept: string): boolean => /^[0-9+()\- ]+$/.test(kept);

/** Within a float's rounding of whole cents (0.29 * 100 is 28.999999999999996, a formula's 4950.000000000001). */
function isWholeCents(v: number): boolean {
  return Number.isFinite(v) && Math.abs(Math.round(v * 100) - v * 100) < 1e-6;
}

/** The whole cents a price within a float's rounding of them means; any other price as it is. */
export function toWholeCents(v: number): number {
  return isWholeCents(v) ? Math.round(v * 100) / 100 : v;
}

/**
 * A price: an order line's unit price and a catalogue product's. Up to two decimals so currencies
 * with minor units work; the draft narrows it per currency (pricesInCurrency).
 */
export const unitPriceSchema = z
  .number({ error: 'field.notANumber' })
  .min(0, { error: 'field.priceNegative' })
  .max(ORDER_LIMITS.unitPriceMax, { error: 'field.priceTooHigh' })
  .refine(isWholeCents, { error: 'field.priceDecimals' });

export const orderLineSchema = z.strictObject({
  sku: required(ORDER_LIMITS.skuMax),
  productName: required(ORDER_LIMITS.productNameMax),
  quantity: z
    .number({ error: 'field.notANumber' })
    .int({ error: 'field.quantityWhole' })
    .min(ORDER_LIMITS.quantityMin, { error: 'field.quantityRange' })
    .max(ORDER_LIMITS.quantityMax, { error: 'field.quantityRange' }),
  // Whole cents as sent: 0.1 + 0.2 from a script went to the topic as 0.30000000000000004.
  unitPrice: unitPriceSchema.transform(toWholeCents),
});
export type OrderLine = z.infer<typeof orderLineSchema>;

/**
 * How many decimals a price may have in a currency: its ISO 4217 minor units from the fixed table
 * (iso-4217.ts: KRW and JPY 0, USD 2), at most the two every price allows (KWD's third is not
 * taken). Not the runtime's Intl, whose digits differ between the page's Chromium and the
 * service's Node (RSD: 0 and 2). The screens and receipts show money with exactly these
 * decimals, so a price the form takes is shown as it is sent: a KRW price of 4500.5 was shown as
 * ₩4,501 and produced as 4500.5.
 */
export function currencyDecimals(currency: string): number {
  return Math.min(iso4217MinorUnits(currency), 2);
}

/** Whether a price has no more decimals than its currency's amounts (a KRW price is whole). */
export function fitsCurrency(unitPrice: number, currency: string): boolean {
  return currencyDecimals(currency) > 0 || !Number.isFinite(unitPrice) || Number.isInteger(unitPrice);
}

function pricesInCurrency(d: { currency: string; lines: readonly { unitPrice: number }[] }, ctx: z.RefinementCtx) {
  d.lines.forEach((l, i) => {
    if (!fitsCurrency(l.unitPrice, d.currency))
      ctx.addIssue({
        code: 'custom',
        message: 'field.priceWhole',
        path: ['lines', i, 'unitPrice'],
        params: { currency: d.currency },
      });
  });
}

/**
 * The currencies there are: one fixed ISO 4217 list (iso-4217.ts), not the runtime's Intl, whose
 * list differs between the page's Chromium and the service's Node. Three capital letters were
 * enough before, and a typo (KWR) was saved and sent.
 */
const CURRENCIES: ReadonlySet<string> = new Set(ISO_4217_CURRENCIES);
const NOT_PAID_IN: ReadonlySet<string> = new Set(ISO_4217_NOT_PAID_IN);

/** The code a typo most likely meant: two neighbouring letters swapped (KWR for KRW), or one letter wrong if only one code fits. */
export function likelyCurrency(code: string): string | null {
  for (let i = 0; i < code.length - 1; i++) {
    const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
    if (CURRENCIES.has(swapped)) return swapped;
  }
  const oneOff = [...CURRENCIES].filter((c) => [...c].filter((ch, i) => ch !== code[i]).length === 1);
  return oneOff.length === 1 ? oneOff[0] : null;
}

/**
 * Whether a code is or was an ISO 4217 code: a saved order's prices were given in it, so a
 * correction keeps it (HRK's amounts are not EUR's); only a code that is none (KWR) is a typo to fix.
 */
export function isCurrencyCode(code: string): boolean {
  return CURRENCIES.has(code) || NOT_PAID_IN.has(code) || Object.hasOwn(WITHDRAWN_CURRENCIES, code);
}

/**
 * Whether a saved line's price passes today's price rule in the order's (corrected) currency: the
 * Outbox's Correct may change a price only where it does not (a KRW price saved with decimals);
 * any other price is what the customer was told, and stays.
 */
export function priceFitsRule(unitPrice: number, currency: string): boolean {
  return unitPriceSchema.safeParse(unitPrice).success && fitsCurrency(unitPrice, currency);
}

/**
 * Whether `now` is a price that breaks the rule (`was`) rounded to one the currency takes: less
 * than one of its smallest steps away (KRW 1200.5 to 1200 or 1201). All a correction may do to a
 * price (the Outbox's panel says so under the field; the attention desk refuses the rest).
 */
export function roundedPrice(was: number, now: number, currency: string): boolean {
  return Math.abs(now - was) < (currencyDecimals(currency) === 0 ? 1 : 0.01);
}

function isoCurrency(code: string, ctx: z.RefinementCtx) {
  if (!/^[A-Z]{3}$/.test(code) || CURRENCIES.has(code)) return;
  const replacement = WITHDRAWN_CURRENCIES[code];
  if (replacement) {
    ctx.addIssue({ code: 'custom', message: 'field.currencyWithdrawn', params: { code, replacement } });
    return;
  }
  if (NOT_PAID_IN.has(code)) {
    ctx.addIssue({ code: 'custom', message: 'field.currencyNotPaidIn', params: { code } });
    return;
  }
  const suggestion = likelyCurrency(code);
  ctx.addIssue({
    code: 'custom',
    message: suggestion ? 'field.currencyUnknownMeant' : 'field.currencyUnknown',
    params: suggestion ? { code, suggestion } : { code },
  });
}

/**
 * The draft's fields, each checked alone: what an order already made parses as (an order saved
 * before a check across fields was added still repeats into the form, which then shows it).
 */
export const orderDraftFieldsSchema = z.strictObject({
  customerName: required(ORDER_LIMITS.customerNameMax),
  customerId: required(ORDER_LIMITS.customerIdMax, 'NFKC')
    .overwrite(customerIdKey)
    .regex(/^[\p{L}\p{N}._-]+$/u, { error: 'field.customerIdChars' })
    .refine((v) => !hasOtherDigits(v), { error: 'field.customerIdDigits' })
    .superRefine((v, ctx) => {
      const problem = lookalikeIdProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  phone: visibleText(ORDER_LIMITS.phoneMax, CONTROL_CHARS, 'NFKC')
    // visibleText has folded (NFKC) and trimmed it: the rest of phoneAsKept, not all of it again.
    .overwrite(dotsAsDashes)
    .refine((v) => !v || isPhoneText(v), { error: 'field.phoneChars', abort: true })
    // A number someone can call: the shortest Korean one is a 1588-1234 line ("010-12" was taken).
    .refine((v) => !v || v.replace(/\D/g, '').length >= ORDER_LIMITS.phoneDigitsMin, { error: 'field.phoneShort' })
    .optional(),
  lines: z
    .array(orderLineSchema, { error: 'field.invalid' })
    .min(ORDER_LIMITS.linesMin, { error: 'field.linesMin' })
    .max(ORDER_LIMITS.linesMax, { error: 'field.linesMax' }),
  currency: z
    .string({ error: 'field.invalid' })
    .regex(/^[A-Z]{3}$/, { error: 'field.currency' })
    .superRefine(isoCurrency)
    .default(DEFAULT_CURRENCY),
  paymentMethod: z.enum(PAYMENT_METHODS, { error: 'field.paymentMethod' }),
  note: optionalText(ORDER_LIMITS.noteMax, CONTROL_CHARS_BUT_LINES),
});

/** A text as stored: whatever check it was saved under took it, a later one does not refuse it. */
const storedText = (max: number) => z.string().min(1).max(max);

/**
 * An order already made, as stored or read back from the topic: read as the checks it was saved
 * under took it. Its texts without the character checks added since (the look-alike customer
 * IDs, the invisible characters and stacked marks of 2026-12-07), its currency as three capital
 * letters (an order saved in "KWR" before the ISO check): it still loads, is counted by the risk
 * checks from the topic, and repeats into the form, which then says what is wrong.
 */
export const recordedDraftFieldsSchema = orderDraftFieldsSchema.extend({
  customerName: storedText(ORDER_LIMITS.customerNameMax),
  customerId: storedText(ORDER_LIMITS.customerIdMax),
  phone: z.string().max(ORDER_LIMITS.phoneMax).optional(),
  lines: z
    .array(
      orderLineSchema.extend({
        sku: storedText(ORDER_LIMITS.skuMax),
        productName: storedText(ORDER_LIMITS.productNameMax),
      }),
    )
    .min(ORDER_LIMITS.linesMin)
    .max(ORDER_LIMITS.linesMax),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .default(DEFAULT_CURRENCY),
  note: z.string().max(ORDER_LIMITS.noteMax).optional(),
});

/** What the clerk types. Everything else about an order is decided by main. */
export const orderDraftSchema = orderDraftFieldsSchema.superRefine(pricesInCurrency);
export type OrderDraftInput = z.input<typeof orderDraftSchema>;
export type OrderDraft = z.output<typeof orderDraftSchema>;

/**
 * A correction of an order that needs attention (the Outbox's Correct): the draft's checks on
 * what the clerk can change there, and what they cannot taken as stored, as for an order already
 * made: the customer ID (the Kafka key, which decides the partition and the customer's order)
 * and each line's SKU. An order saved before a check (a look-alike ID, an invisible character in
 * a SKU) could otherwise never be corrected, only voided.
 */
export const orderCorrectionSchema = orderDraftFieldsSchema
  .extend({
    customerId: recordedDraftFieldsSchema.shape.customerId,
    lines: z
      .array(orderLineSchema.extend({ sku: storedText(ORDER_LIMITS.skuMax) }), { error: 'field.invalid' })
      .min(ORDER_LIMITS.linesMin, { error: 'field.linesMin' })
      .max(ORDER_LIMITS.linesMax, { error: 'field.linesMax' }),
  })
  .superRefine(pricesInCurrency);

/**
 * What the form sends: the draft, plus the id of this submission. A form keeps its id until the
 * order is saved, so submitting again after a lost answer (the app restarted, the browser-mode
 * connection dropped) returns the order already saved instead of saving a second one.
 */
export const orderSubmissionSchema = orderDraftFieldsSchema
  .extend({
    submissionId: z.uuid({ error: 'field.invalid' }).optional(),
  })
  .superRefine(pricesInCurrency);
export type OrderSubmissionInput = z.input<typeof orderSubmissionSchema>;
export type OrderSubmission = z.output<typeof orderSubmissionSchema>;

/** The order as produced to Kafka: the message value, as JSON (read back as it was made). */
export const orderSchema = recordedDraftFieldsSchema.extend({
  orderId: z.uuid(),
  schemaVersion: z.literal(ORDER_SCHEMA_VERSION),
  storeId: z.string().min(1),
  terminalId: z.string().min(1),
  clerk: z.string().min(1),
  createdAt: z.iso.datetime(),
  total: z.number().min(0),
});
export type Order = z.infer<typeof orderSchema>;

/**
 * What the clerk typed of an order: its draft fields, in the schema's order, without what main
 * added (id, time, total) and without empty optional fields (a blank phone is no phone).
 */
export function draftOf(order: OrderDraft): OrderDraft {
  const draft: Record<string, unknown> = {};
  for (const k of Object.keys(orderDraftFieldsSchema.shape)) {
    const v = order[k as keyof OrderDraft];
    if (v !== undefined && v !== '') draft[k] = v;
  }
  return draft as OrderDraft;
}

/** Whether two orders hold the same draft: what the clerk typed, whatever main added to each. */
export function sameDraft(a: OrderDraft, b: OrderDraft): boolean {
  return JSON.stringify(draftOf(a)) === JSON.stringify(draftOf(b));
}

/** Computed by main from the lines, never taken from the renderer. Exact to the cent. */
export function orderTotal(lines: readonly OrderLine[]): number {
  const cents = lines.reduce((sum, l) => sum + Math.round(l.unitPrice * 100) * l.quantity, 0);
  return cents / 100;
}

export const KAFKA_HEADER_NAMES = {
  orderId: 'order-id',
  schemaVersion: 'schema-version',
  terminalId: 'terminal-id',
  /** Risk checks' flag codes, comma-separated (issue 12; only on flagged orders). */
  risk: 'risk',
  /** A supervisor's decision on a held order, JSON {decision, by, at} (issue 12). */
  riskDecision: 'risk-decision',
  /** What the message says happened to the order: only on a cancellation (`order-cancelled`); an order has none. */
  eventType: 'event-type',
} as const;

/** The `event-type` header of a voided order's cancellation (issue 11). */
export const ORDER_CANCELLED_EVENT = 'order-cancelled';

/** A void's reason: required, at most this many characters (the attention desk's voids too). */
export const VOID_REASON_MAX = 200;

/**
 * A void's reason as the request carries it: visible text (it goes into the cancellation on the
 * topic). Its emptiness and VOID_REASON_MAX are the service's to say, with the limit in words.
 */
export const voidReasonTextSchema = visibleText(1_000);

/**
 * A voided order's cancellation, the message value as JSON (issue 11). Sent to the order's topic
 * with the order's key, after the order (README, "The cancellation message").
 */
export const orderCancellationSchema = z.object({
  /** The voided order's id (also the `order-id` header). */
  orderId: z.uuid(),
  eventType: z.literal(ORDER_CANCELLED_EVENT),
  schemaVersion: z.literal(ORDER_SCHEMA_VERSION),
  customerId: z.string().min(1),
  reason: z.string().min(1).max(VOID_REASON_MAX),
  voidedAt: z.iso.datetime(),
  storeId: z.string().min(1),
  terminalId: z.string().min(1),
  clerk: z.string().min(1),
});
export type OrderCancellation = z.infer<typeof orderCancellationSchema>;

/**
 * The id a cancellation goes by in the outbox and in the in-doubt search after a crash: never an
 * order id (those are UUIDs), so the search cannot take the cancellation for the order itself.
 */
export function cancellationMessageId(orderId: string): string {
  return `${ORDER_CANCELLED_EVENT}:${orderId}`;
}

/** The message id a record's headers name: the order id, or the cancellation's id when it is one. */
export function messageIdOfHeaders(orderId: string, eventType: string | null | undefined): string {
  return eventType === ORDER_CANCELLED_EVENT ? cancellationMessageId(orderId) : orderId;
}
