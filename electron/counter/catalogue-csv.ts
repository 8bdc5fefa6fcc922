// The catalogue's CSV file: a header row naming the columns (sku, name, price, and optionally
// barcode, category, quick; the headings taken are shared/counter-types.ts's CATALOGUE_HEADINGS),
// then one product per row (a row of only commas or spaces is a blank line). Quoted fields
// ("a, b", "say ""hi""") as RFC 4180 writes them; prices as Korean stores write them ("4,500원",
// full-width digits). Every bad row is reported with its line number and column, by the heading
// the file gives it (and, for a character the order form would refuse, which one and why); a
// required column no heading names, with the headings that would; a column two headings name,
// with each and where; a heading row with no product, or more products than the catalogue holds,
// as such; and then nothing is imported: a half-imported price list would be worse than the old one.
import {
  acceptedHeadings,
  headingColumn,
  headingsShown,
  CATALOGUE_LIMITS,
  CELL_CHAR_REASONS,
  PRODUCT_COLUMNS,
  productSchema,
  REQUIRED_PRODUCT_COLUMNS,
  skuKey,
  type CatalogueImportResult,
  type Product,
  type ProductColumn,
} from '../../shared/counter-types';
import { clipEcho, revealHidden } from '../../shared/invisible-chars';
import { issueParams } from '../../shared/describe-issues';
import { parseNumberText } from '../../shared/number-text';

export type CsvProblem = CatalogueImportResult['problems'][number];
type CellProblem = Extract<CsvProblem, { kind: 'cell' }>;

/** Rows of fields, each with the 1-based line it starts on. */
export function parseCsvRows(text: string): Array<{ line: number; fields: string[] }> {
  const rows: Array<{ line: number; fields: string[] }> = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const src = text.replace(/^\uFEFF/, '');
  const endRow = () => {
    fields.push(field);
    // A row of only commas and spaces (",,," is how a spreadsheet exports a blank line) is one.
    if (fields.some((f) => f.trim() !== '')) rows.push({ line: rowLine, fields });
    fields = [];
    field = '';
  };
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field.trim() === '') {
      field = '';
      quoted = true;
    } else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else field += c;
  }
  if (field !== '' || fields.length > 0) endRow();
  return rows;
}

export function parseCatalogueCsv(text: string): { products: Product[]; problems: CsvProblem[] } {
  const rows = parseCsvRows(text);
  const problems: CsvProblem[] = [];
  if (rows.length === 0) return { products: [], problems: [{ kind: 'emptyFile' }] };
  const headings = rows[0].fields.map((h) => h.trim());
  const header = headings.map(headingColumn);
  const { shown: firstHeadings, ...moreNamed } = headingsShown(headings.filter((h) => h !== ''));
  const named = firstHeadings.map((h) => clipEcho(h));
  for (const need of REQUIRED_PRODUCT_COLUMNS) {
    if (!header.includes(need))
      problems.push({
        kind: 'missingColumn',
        column: need,
        accepted: acceptedHeadings(need),
        headings: named,
        ...moreNamed,
      });
  }
  // Only one of the columns could be read, and nothing says which one the file means.
  for (const column of PRODUCT_COLUMNS) {
    const numbers = header.flatMap((c, i) => (c === column ? [i + 1] : []));
    if (numbers.length < 2) continue;
    const { shown, ...more } = headingsShown(numbers);
    const found = shown.map((number) => ({ heading: clipEcho(headings[number - 1]), number }));
    problems.push({ kind: 'duplicateColumn', column, found, ...more });
  }
  if (problems.length > 0) return { products: [], problems };
  // A heading row alone would replace every product, quick key and price with nothing.
  const productRows = rows.length - 1;
  if (productRows === 0) return { products: [], problems: [{ kind: 'noProducts' }] };
  if (productRows > CATALOGUE_LIMITS.products)
    return {
      products: [],
      problems: [{ kind: 'tooManyProducts', count: productRows, max: CATALOGUE_LIMITS.products }],
    };
  // The operator finds the column by the heading their file gives it, not by the app's field name;
  // every column a row can be refused in is one the file has (the required ones, or an optional
  // one whose cell was read).
  const problem = (line: number, column: ProductColumn, value: string): CellProblem => ({
    kind: 'cell',
    line,
    column,
    heading: clipEcho(headings[header.indexOf(column)]),
    // A cell can be a whole file (an unclosed quote); the line and column say where it is.
    value: clipEcho(value),
  });
  const products: Product[] = [];
  const bySku = new Map<string, Product>();
  const byBarcode = new Map<string, Product>();
  const byQuick = new Map<number, Product>();
  for (const row of rows.slice(1)) {
    const cell = (k: ProductColumn) => {
      const i = header.indexOf(k);
      return i < 0 ? '' : (row.fields[i] ?? '').trim();
    };
    const quickText = cell('quick');
    const candidate = {
      sku: cell('sku'),
      name: cell('name'),
      price: parseNumberText(cell('price')),
      barcode: cell('barcode') === '' ? null : cell('barcode'),
      category: cell('category') === '' ? null : cell('category'),
      quick: quickText === '' ? null : parseNumberText(quickText),
    };
    const parsed = productSchema.safeParse(candidate);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const column = PRODUCT_COLUMNS.find((c) => c === issue?.path[0]) ?? 'sku';
      const value = cell(column);
      const reason = CELL_CHAR_REASONS.find((c) => c === issue?.message);
      const params = issue && reason ? issueParams(issue) : undefined;
      problems.push(
        reason
          ? { ...problem(row.line, column, revealHidden(value)), reason, ...(params ? { reasonParams: params } : {}) }
          : problem(row.line, column, value),
      );
      continue;
    }
    const p = parsed.data;
    const clash = clashOf(p, bySku, byBarcode, byQuick);
    if (clash) {
      problems.push({ ...problem(row.line, clash.column, cell(clash.column)), ...clash.why });
      continue;
    }
    bySku.set(skuKey(p.sku), p);
    if (p.barcode !== null) byBarcode.set(p.barcode, p);
    if (p.quick !== null) byQuick.set(p.quick, p);
    products.push(p);
  }
  return { products, problems };
}

/** The column of a product's that an earlier row has, with the editor's reason naming that row's product. */
function clashOf(
  p: Product,
  bySku: ReadonlyMap<string, Product>,
  byBarcode: ReadonlyMap<string, Product>,
  byQuick: ReadonlyMap<number, Product>,
): { column: ProductColumn; why: Pick<CellProblem, 'reason' | 'reasonParams'> } | null {
  const sameSku = bySku.get(skuKey(p.sku));
  if (sameSku)
    return { column: 'sku', why: { reason: 'catalogue.skuTaken', reasonParams: { sku: p.sku, name: sameSku.name } } };
  const sameBarcode = p.barcode === null ? undefined : byBarcode.get(p.barcode);
  if (sameBarcode)
    return {
      column: 'barcode',
      why: { reason: 'catalogue.barcodeTaken', reasonParams: { barcode: p.barcode!, name: sameBarcode.name } },
    };
  const sameQuick = p.quick === null ? undefined : byQuick.get(p.quick);
  if (sameQuick)
    return {
      column: 'quick',
      why: { reason: 'catalogue.quickTaken', reasonParams: { quick: p.quick!, name: sameQuick.name } },
    };
  return null;
}
