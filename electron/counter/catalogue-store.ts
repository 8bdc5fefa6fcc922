// The terminal's product catalogue: catalogue.json in the data directory, replaced as a whole
// (atomically) by an import. A catalogue.csv dropped into the data directory is imported on
// start when it is newer than the catalogue, so a store can ship its price list as a file.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { productSchema, type CatalogueImportResult, type Product } from '../../shared/counter-types';
import { writeFileAtomic } from '../settings/settings-store';
import { parseCatalogueCsv } from './catalogue-csv';

export const CATALOGUE_FILE = 'catalogue.json';
export const CATALOGUE_CSV = 'catalogue.csv';

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
        this.products = z.array(productSchema).parse(JSON.parse(fs.readFileSync(this.file, 'utf8')));
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
    writeFileAtomic(this.file, JSON.stringify(products));
    this.products = products;
    return { imported: products.length, problems: [] };
  }

  private importDroppedCsv(): void {
    const csvFile = path.join(this.dataDir, CATALOGUE_CSV);
    if (!fs.existsSync(csvFile)) return;
    const csvTime = fs.statSync(csvFile).mtimeMs;
    if (fs.existsSync(this.file) && fs.statSync(this.file).mtimeMs >= csvTime) return;
    const r = this.importCsv(fs.readFileSync(csvFile, 'utf8'));
    if (r.problems.length > 0)
      this.log(
        `${csvFile} was not imported: ${r.problems.map((p) => `line ${p.line} ${p.column} "${p.value}"`).join('; ')}`,
      );
    else this.log(`${csvFile}: ${r.imported} products imported`);
  }
}
