// The terminal's product catalogue: catalogue.json in the data directory, replaced as a whole
// (atomically) by an import. A catalogue.csv dropped into the data directory is imported on
// start when it is newer than the catalogue, so a store can ship its price list as a file.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import {
  CATALOGUE_LIMITS,
  productSchema,
  skuKey,
  type CatalogueImportResult,
  type Product,
} from '../../shared/counter-types';
import { ORDER_LIMITS, toWholeCents } from '../../shared/order-schema';
import { appError, type AppError, type ErrorCode } from '../../shared/error-codes';
import type { Result } from '../../shared/contract';

const refused = (code: ErrorCode, params?: AppError['params']): { ok: false; error: AppError } => ({
  ok: false,
  error: appError(code, params),
});
import { writeFileAtomic } from '../settings/settings-store';
import iconv from 'iconv-lite';
import { csvFileText } from '../../shared/csv-file-text';
import { parseCatalogueCsv } from './catalogue-csv';

/** A problem of the dropped file in the log's words: what Settings would list, in English. */
function problemInLog(p: CatalogueImportResult['problems'][number]): string {
  const quoted = (texts: string[]) => texts.map((h) => `"${h}"`).join(', ');
  const andMore = (more: number | undefined) => (more ? ` and ${more.toLocaleString('en-US')} more` : '');
  switch (p.kind) {
    case 'cell':
      return `line ${p.line} ${p.heading} "${p.value}"`;
    case 'missingColumn':
      return `it has no ${p.column} column (its heading must be one of ${quoted(p.accepted)}; the file's headings: ${quoted(p.headings)}${andMore(p.moreHeadings)})`;
    case 'duplicateColumn':
      return `it has ${(p.found.length + (p.moreHeadings ?? 0)).toLocaleString('en-US')} ${p.column} columns (${p.found
        .map((f) => `"${f.heading}" in column ${f.number}`)
        .join(', ')}${andMore(p.moreHeadings)}): keep one`;
    case 'emptyFile':
      return 'the file is empty';
    case 'noProducts':
      return 'the file has headings but no products: the catalogue was not changed';
    case 'tooManyProducts':
      return `the file has ${p.count.toLocaleString('en-US')} products and the catalogue holds at most ${p.max.toLocaleString('en-US')}`;
  }
}

export const CATALOGUE_FILE = 'catalogue.json';
export const CATALOGUE_CSV = 'catalogue.csv';

/**
 * A product as the file holds it: any price from 0 to the maximum, as versions before the
 * catalogue took the order's price rule wrote them (a 4.999 there would otherwise set the whole
 * catalogue aside on upgrade). A formula's float is read as the cents it shows; any other price is
 * kept as it was, and an order with it says what is wrong at the price.
 */
const storedProductSchema = productSchema.extend({
  price: z.number().min(0).max(ORDER_LIMITS.unitPriceMax).transform(toWholeCents),
  // Texts as versions before the text rule wrote them: the catalogue loads, and an order line
  // with such a product says what is wrong at the field.
  sku: z.string().trim().min(1).max(ORDER_LIMITS.skuMax),
  name: z.string().trim().min(1).max(ORDER_LIMITS.productNameMax),
  category: z.string().max(64).nullable(),
});

export class CatalogueStore {
  private readonly file: string;
  private products: Product[] = [];

  constructor(
    private readonly dataDir: string,
    private readonly log: (m: string) => void = () => {},
  ) {
    this.file = path.join(dataDir, CATALOGUE_FILE);
    try {
      if (fs.existsSync(this.file))
        this.products = z.array(storedProductSchema).parse(JSON.parse(fs.readFileSync(this.file, 'utf8')));
    } catch (e) {
      // Kept aside, never overwritten silently: the operator can look at what was wrong.
      log(`${this.file} could not be read (${String(e)}); starting with an empty catalogue`);
      fs.renameSync(this.file, `${this.file}.invalid-${Date.now()}`);
    }
    this.importDroppedCsv();
  }

  list(): Product[] {
    return this.products;
  }

  importCsv(csv: string): CatalogueImportResult {
    const { products, problems } = parseCatalogueCsv(csv);
    if (problems.length > 0) return { imported: 0, problems };
    this.write(products);
    return { imported: products.length, problems: [] };
  }

  /** Adds a product, or changes the one `previousSku` names; SKUs, barcodes and quick keys stay unique. */
  save(product: Product, previousSku: string | null): Result<Product[]> {
    const at = previousSku === null ? -1 : this.products.findIndex((p) => skuKey(p.sku) === skuKey(previousSku));
    if (previousSku !== null && at < 0) return refused('catalogue.notFound', { sku: previousSku });
    const others = this.products.filter((_, i) => i !== at);
    const sameSku = others.find((p) => skuKey(p.sku) === skuKey(product.sku));
    if (sameSku) return refused('catalogue.skuTaken', { sku: product.sku, name: sameSku.name });
    const sameBarcode = product.barcode && others.find((p) => p.barcode === product.barcode);
    if (sameBarcode) return refused('catalogue.barcodeTaken', { barcode: product.barcode!, name: sameBarcode.name });
    const sameQuick = product.quick !== null && others.find((p) => p.quick === product.quick);
    if (sameQuick) return refused('catalogue.quickTaken', { quick: product.quick!, name: sameQuick.name });
    if (at < 0 && this.products.length >= CATALOGUE_LIMITS.products)
      return refused('catalogue.full', { max: CATALOGUE_LIMITS.products });
    const next = at < 0 ? [...this.products, product] : this.products.map((p, i) => (i === at ? product : p));
    this.write(next);
    return { ok: true, value: next };
  }

  remove(sku: string): Result<Product[]> {
    const next = this.products.filter((p) => skuKey(p.sku) !== skuKey(sku));
    if (next.length === this.products.length) return refused('catalogue.notFound', { sku });
    this.write(next);
    return { ok: true, value: next };
  }

  private write(products: Product[]): void {
    writeFileAtomic(this.file, JSON.stringify(products));
    this.products = products;
  }

  private importDroppedCsv(): void {
    const csvFile = path.join(this.dataDir, CATALOGUE_CSV);
    if (!fs.existsSync(csvFile)) return;
    const csvTime = fs.statSync(csvFile).mtimeMs;
    if (fs.existsSync(this.file) && fs.statSync(this.file).mtimeMs >= csvTime) return;
    const read = csvFileText(fs.readFileSync(csvFile), (b) => iconv.decode(Buffer.from(b), 'cp949'));
    if (!read) return this.log(`${csvFile} was not imported: it is not text in UTF-8 or CP949 (Korean Windows)`);
    const r = this.importCsv(read.text);
    if (r.problems.length > 0) this.log(`${csvFile} was not imported: ${r.problems.map(problemInLog).join('; ')}`);
    else
      this.log(`${csvFile}: ${r.imported} product${r.imported === 1 ? '' : 's'} imported (read as ${read.encoding})`);
  }
}
