// What the clerk's counter keeps on the terminal besides orders: the order being typed (so a
// reload or a crash loses nothing) and the product catalogue (SKU, name, price, optional
// barcode, category and quick-key slot).
import { z } from 'zod';
import {
  CONTROL_CHARS,
  DEFAULT_CURRENCY,
  ORDER_LIMITS,
  PAYMENT_METHODS,
  requiredText,
  toWholeCents,
  unitPriceSchema,
  visibleText,
} from './order-schema';

/** Text as typed: a little above each schema limit, so an over-long entry survives to be fixed. */
const typed = (max: number) => z.string().max(max * 2 + 16);

export const draftLineSchema = z.strictObject({
  sku: typed(ORDER_LIMITS.skuMax),
  productName: typed(ORDER_LIMITS.productNameMax),
  quantity: typed(16),
  unitPrice: typed(32),
  /** The catalogue's price when the line came from it; a different unitPrice is an override. */
  catalogPrice: z.number().nullable().optional(),
});

/** The order form as typed (strings), saved while the clerk types. */
export const counterDraftSchema = z.strictObject({
  customerName: typed(ORDER_LIMITS.customerNameMax),
  customerId: typed(ORDER_LIMITS.customerIdMax),
  phone: typed(ORDER_LIMITS.phoneMax),
  lines: z.array(draftLineSchema).max(ORDER_LIMITS.linesMax),
  currency: typed(3),
  paymentMethod: z.enum(PAYMENT_METHODS),
  note: typed(ORDER_LIMITS.noteMax),
  tendered: typed(32),
  /** Kept with the draft so a submit repeated after a crash is still recognised as the same order. */
  submissionId: z.uuid(),
});
export type CounterDraft = z.infer<typeof counterDraftSchema>;

/**
 * Orders set aside beside the typed one, oldest first: a kept draft whose answer came back after
 * the clerk had begun another order waits there until opened or discarded. One can come with
 * each opening of the form, so a handful at most; the limit only bounds a request.
 */
export const asideDraftsSchema = z.array(counterDraftSchema).max(20);

export const CATALOGUE_LIMITS = { products: 5000, quickKeys: 8, csvBytes: 900_000 } as const;

/**
 * The file's headings a column's problem lists (a missing column's, a repeated one's); the rest are
 * counted: a heading row of thousands made a message as long, on screen, in the log and on the wire.
 */
export const COLUMN_HEADINGS_SHOWN = 10;

/** The first COLUMN_HEADINGS_SHOWN of a problem's headings, and `moreHeadings` when there are more. */
export function headingsShown<T>(all: readonly T[]): { shown: T[]; moreHeadings?: number } {
  const shown = all.slice(0, COLUMN_HEADINGS_SHOWN);
  return all.length > shown.length ? { shown, moreHeadings: all.length - shown.length } : { shown };
}

/**
 * `csvBytes` bounds the CSV's text as it is sent (UTF-8), not the file: a CP949 file grows about
 * half again once read, and a file under the limit on disk went over the request's own limit
 * (MAX_REQUEST_BYTES), which refused it as a request "too large" instead of a file.
 */
export function csvTooLarge(text: string): boolean {
  return text.length > CATALOGUE_LIMITS.csvBytes || new TextEncoder().encode(text).length > CATALOGUE_LIMITS.csvBytes;
}

/**
 * The currency of every catalogue price: the currency an order opens with. An order in another
 * currency takes no catalogue price (4,500 won is not 4,500 dollars).
 */
export const CATALOGUE_CURRENCY = DEFAULT_CURRENCY;

/**
 * A SKU as the catalogue looks it up and keeps it unique: NFKC, as the customer ID is (a Korean
 * IME's full-width mode types "ａｍｅｒ－ｒ", which named no product: the line kept it with no name
 * and no price), and its letters in capitals.
 */
export function skuKey(typed: string): string {
  return typed.normalize('NFKC').trim().toUpperCase();
}

/** The catalogue by SKU, keyed by skuKey. */
export function catalogueBySku(products: readonly Product[]): Map<string, Product> {
  return new Map(products.map((p) => [skuKey(p.sku), p]));
}

/**
 * A product, added in the app or imported: its texts follow the order's text rule, since a quick
 * key or a scan puts them on an order line (a SKU with a zero-width space was saved, and every
 * order it was added to was then refused).
 */
export const productSchema = z.strictObject({
  sku: requiredText(ORDER_LIMITS.skuMax),
  name: requiredText(ORDER_LIMITS.productNameMax),
  // The order's own price rule, and kept as whole cents: a spreadsheet's 4950.000000000001 (a
  // formula's float) was imported as it was, and every KRW order with it was refused as having
  // decimals; 4.999 made every order with it fail.
  price: unitPriceSchema.transform(toWholeCents),
  barcode: z
    .string()
    .regex(/^[0-9]{4,32}$/)
    .nullable(),
  category: visibleText(64).nullable(),
  /** Quick key 1–8 (also F2–F9), or null. */
  quick: z.number().int().min(1).max(CATALOGUE_LIMITS.quickKeys).nullable(),
});
export type Product = z.infer<typeof productSchema>;

/** One product added or changed in the app; `previousSku` names the product being edited (a new SKU renames it). */
export const catalogueSaveInputSchema = z.strictObject({
  product: productSchema,
  previousSku: z.string().trim().min(1).max(ORDER_LIMITS.skuMax).nullable(),
});

export const catalogueImportInputSchema = z.strictObject({
  csv: z.string().refine((text) => !csvTooLarge(text), `over ${CATALOGUE_LIMITS.csvBytes} bytes as UTF-8`),
});

/**
 * The order form's refusals a catalogue cell's text cannot show by itself: a hidden character, or
 * marks (accents) on no letter or piled on one, which look like a smudge or nothing.
 */
export const CELL_CHAR_REASONS = [
  'field.invisibleChars',
  'field.controlChars',
  'field.markOnNothing',
  'field.stackedMarks',
] as const;

/**
 * A row whose SKU, barcode or quick key an earlier row has: the editor's words for the same clash,
 * naming the product that has it (a duplicate row said only its line and value, and a barcode
 * twice was imported, so one scan added whichever product came last).
 */
export const CELL_CLASH_REASONS = ['catalogue.skuTaken', 'catalogue.barcodeTaken', 'catalogue.quickTaken'] as const;

/** A product's fields, which are the catalogue file's columns. */
export const PRODUCT_COLUMNS = productSchema.keyof().options;
export type ProductColumn = (typeof PRODUCT_COLUMNS)[number];

/**
 * The catalogue file's header table: each heading the import takes (case aside) and the column it
 * names. Settings' hint lists it, so the words shown are the words read.
 */
export const CATALOGUE_HEADINGS: Readonly<Record<string, ProductColumn>> = {
  sku: 'sku',
  상품코드: 'sku',
  name: 'name',
  product: 'name',
  상품명: 'name',
  price: 'price',
  가격: 'price',
  단가: 'price',
  barcode: 'barcode',
  바코드: 'barcode',
  category: 'category',
  분류: 'category',
  quick: 'quick',
  단축키: 'quick',
};

/** The columns a catalogue file must have; the others are optional. */
export const REQUIRED_PRODUCT_COLUMNS = ['sku', 'name', 'price'] as const satisfies readonly ProductColumn[];

/** The column a heading names (case aside), or null: an own key only ("constructor" names none). */
export const headingColumn = (heading: string): ProductColumn | null => {
  const key = heading.toLowerCase();
  return Object.hasOwn(CATALOGUE_HEADINGS, key) ? CATALOGUE_HEADINGS[key] : null;
};

/** The headings the import takes for a column, as its header table spells them. */
export const acceptedHeadings = (column: ProductColumn): string[] =>
  Object.keys(CATALOGUE_HEADINGS).filter((h) => CATALOGUE_HEADINGS[h] === column);

/** A row the import refuses: its line in the file, the column and the cell. */
const catalogueBadCellSchema = z.object({
  kind: z.literal('cell'),
  line: z.number().int(),
  column: z.enum(PRODUCT_COLUMNS),
  /** The column's heading as the file writes it ("상품코드", "SKU"). */
  heading: z.string(),
  /** The cell, its hidden characters shown as code points ("SKU⟨U+200B⟩-1"). */
  value: z.string(),
  /** Why, where the value cannot show it: a hidden character the order form would refuse too, or another row's. */
  reason: z.enum([...CELL_CHAR_REASONS, ...CELL_CLASH_REASONS]).optional(),
  /** What the reason's words need filled in (the most marks on one letter; the product that has it). */
  reasonParams: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

const moreHeadingsSchema = z.number().int().min(1).optional();

/**
 * A required column no heading names (a price list whose price column is headed "판매가"): said
 * as such, with the headings that name it and the file's own, so the operator sees the mismatch.
 */
const catalogueMissingColumnSchema = z.object({
  kind: z.literal('missingColumn'),
  column: z.enum(PRODUCT_COLUMNS),
  /** The headings the import takes for the column, from its header table ("price", "가격", …). */
  accepted: z.array(z.string()),
  /**
   * The file's first headings as written, blank ones left out (never none: a row with none is
   * skipped), at most COLUMN_HEADINGS_SHOWN.
   */
  headings: z.array(z.string()).max(COLUMN_HEADINGS_SHOWN),
  /** How many more headings the file has than `headings` lists; absent when none. */
  moreHeadings: moreHeadingsSchema,
});

/**
 * A column two or more headings name ("price" and "가격"): refused, since only one of them could be
 * read and the file does not say which prices it means.
 */
const catalogueDuplicateColumnSchema = z.object({
  kind: z.literal('duplicateColumn'),
  column: z.enum(PRODUCT_COLUMNS),
  /**
   * The first headings naming it as the file writes them, with their column numbers counted from 1,
   * at most COLUMN_HEADINGS_SHOWN.
   */
  found: z.array(z.object({ heading: z.string(), number: z.number().int() })).max(COLUMN_HEADINGS_SHOWN),
  /** How many more headings name it than `found` lists; absent when none. */
  moreHeadings: moreHeadingsSchema,
});

export const catalogueImportResultSchema = z.object({
  imported: z.number().int().min(0),
  /** What was refused; nothing of a bad file replaces the old catalogue. */
  problems: z.array(
    z.discriminatedUnion('kind', [
      catalogueBadCellSchema,
      catalogueMissingColumnSchema,
      catalogueDuplicateColumnSchema,
      /** No heading row and no products: a blank file. */
      z.object({ kind: z.literal('emptyFile') }),
      /**
       * A heading row and no product (the wrong sheet exported): refused, never an empty catalogue;
       * products are removed in the editor, one by one.
       */
      z.object({ kind: z.literal('noProducts') }),
      /** More product rows than the catalogue holds (CATALOGUE_LIMITS.products). */
      z.object({ kind: z.literal('tooManyProducts'), count: z.number().int(), max: z.number().int() }),
    ]),
  ),
});
export type CatalogueImportResult = z.infer<typeof catalogueImportResultSchema>;

export const HISTORY_PAGE_MAX = 100;

/** Orders history: search by customer ID, name, phone or order id, a date range, newest first. */
export const historySearchInputSchema = z.strictObject({
  /**
   * Customer ID (exact), order id (prefix), phone (digits, anywhere) or customer name (anywhere).
   * No control character: no order's text holds one (refused at Save), so such a query could only
   * find nothing, and a NUL ended the name search's SQLite query mid-string ("unterminated
   * string", an internal error); refused as the order form refuses it, so the clerk learns a
   * pasted query hides one.
   */
  query: z
    .string()
    .trim()
    .max(100)
    .refine((v) => !CONTROL_CHARS.test(v), { error: 'field.controlChars' }),
  /** ISO instants: savedAt >= from and < to. */
  from: z.iso.datetime().nullable(),
  to: z.iso.datetime().nullable(),
  /** Keyset paging: the `next` cursor of the page before (older orders), or null for the newest. */
  before: z.number().int().min(1).nullable(),
  limit: z.number().int().min(1).max(HISTORY_PAGE_MAX),
});
export type HistorySearchInput = z.infer<typeof historySearchInputSchema>;

/** A record read back from the topic ("Find on topic"): proof that an order is there. */
export const topicRecordSchema = z.object({
  topic: z.string(),
  partition: z.number().int(),
  offset: z.string(),
  timestamp: z.string(),
  key: z.string().nullable(),
  headers: z.record(z.string(), z.string()),
  value: z.string(),
});
export type TopicRecord = z.infer<typeof topicRecordSchema>;

export const findOnTopicOutputSchema = z.object({
  record: topicRecordSchema.nullable(),
  /**
   * Why there is no record: not delivered yet, no such topic, nothing at that offset (retention),
   * another order there, or delivered to the other cluster (practice or the store's).
   */
  problem: z.enum(['notDelivered', 'noTopic', 'noRecord', 'otherOrder', 'otherCluster']).nullable(),
  detail: z.string(),
});
