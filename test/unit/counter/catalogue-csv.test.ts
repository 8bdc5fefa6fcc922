import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseCatalogueCsv, parseCsvRows } from '../../../electron/counter/catalogue-csv';
import { CatalogueStore, CATALOGUE_CSV } from '../../../electron/counter/catalogue-store';
import iconv from 'iconv-lite';
import { DraftStore } from '../../../electron/counter/draft-store';
import { catalogueImportInputSchema, productSchema, type Product } from '../../../shared/counter-types';
import { orderDraftSchema } from '../../../shared/order-schema';
import { formatError } from '../../../shared/error-codes';

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'order-desk-counter-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('catalogue CSV', () => {
  it('reads quoted fields, doubled quotes, CRLF, a BOM and blank lines', () => {
    expect(parseCsvRows('\uFEFFa,"b, c","say ""hi"""\r\n\r\nx,"multi\nline",z\n')).toEqual([
      { line: 1, fields: ['a', 'b, c', 'say "hi"'] },
      { line: 3, fields: ['x', 'multi\nline', 'z'] },
    ]);
  });

  it('skips rows of only commas or spaces, as spreadsheets export blank lines, and keeps the lines of the others', () => {
    expect(parseCsvRows('a,b\n,,\n , , \n   \n\t\n"",""\r\n,\nc,d\n,,,,')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 8, fields: ['c', 'd'] },
    ]);
    // Not a product with no SKU: the file imports, a bad row still by its line in the file.
    const r = parseCatalogueCsv('sku,name,price\n,,\nA,Apple,100\n , , \n   \nB,Banana,x\n,,,,\n');
    expect(r.problems).toEqual([{ kind: 'cell', line: 6, column: 'price', heading: 'price', value: 'x' }]);
    expect(parseCatalogueCsv('sku,name,price\n,,\nA,Apple,100\n , , \n,,,,,,\n')).toEqual({
      problems: [],
      products: [{ sku: 'A', name: 'Apple', price: 100, barcode: null, category: null, quick: null }],
    });
    // Blank lines before the heading row, as before it: the heading row is the first with any text.
    expect(parseCatalogueCsv(',,\n\nsku,name,price\nA,Apple,100\n').products).toHaveLength(1);
    expect(parseCatalogueCsv('sku,name,price\n,,\n , , \n').problems).toEqual([{ kind: 'noProducts' }]);
    expect(parseCatalogueCsv(' , , \n,,\n').problems).toEqual([{ kind: 'emptyFile' }]);
  });

  it('refuses a heading row that names a column twice, with both headings and column numbers, and imports nothing', () => {
    expect(parseCatalogueCsv('sku,name,price,가격\nA,Apple,100,900\n')).toEqual({
      products: [],
      problems: [
        {
          kind: 'duplicateColumn',
          column: 'price',
          found: [
            { heading: 'price', number: 3 },
            { heading: '가격', number: 4 },
          ],
        },
      ],
    });
    // Case aside, any column, every heading that names it; headings the import does not take may repeat.
    expect(
      parseCatalogueCsv('SKU,memo,name,Price,memo,price,단가,barcode,바코드\nA,x,Apple,1,y,2,3,,\n').problems,
    ).toEqual([
      {
        kind: 'duplicateColumn',
        column: 'price',
        found: [
          { heading: 'Price', number: 4 },
          { heading: 'price', number: 6 },
          { heading: '단가', number: 7 },
        ],
      },
      {
        kind: 'duplicateColumn',
        column: 'barcode',
        found: [
          { heading: 'barcode', number: 8 },
          { heading: '바코드', number: 9 },
        ],
      },
    ]);
  });

  it('a column named thousands of times: the first ten headings naming it and how many more', () => {
    const prices = Array.from({ length: 5_000 }, (_, i) => (i % 2 ? 'PRICE' : '가격'));
    const r = parseCatalogueCsv(`sku,name,${prices.join(',')}\nA,Apple,1\n`);
    expect(r.problems).toEqual([
      {
        kind: 'duplicateColumn',
        column: 'price',
        found: prices.slice(0, 10).map((heading, i) => ({ heading, number: i + 3 })),
        moreHeadings: 4_990,
      },
    ]);
    // Ten are listed whole, with nothing said about more.
    expect(parseCatalogueCsv(`sku,name,${prices.slice(0, 10).join(',')}\nA,Apple,1\n`).problems).toEqual([
      {
        kind: 'duplicateColumn',
        column: 'price',
        found: prices.slice(0, 10).map((heading, i) => ({ heading, number: i + 3 })),
      },
    ]);
  });

  it('reads Korean headers and prices as stores write them', () => {
    const r = parseCatalogueCsv(
      '상품코드,상품명,가격,바코드,분류,단축키\nAMER,아메리카노,"4,500원",8801234567890,커피,1\n',
    );
    expect(r).toEqual({
      problems: [],
      products: [
        { sku: 'AMER', name: '아메리카노', price: 4500, barcode: '8801234567890', category: '커피', quick: 1 },
      ],
    });
  });

  it('reports every bad row by line and column: missing name, bad price, bad barcode, duplicates', () => {
    const r = parseCatalogueCsv(
      'sku,name,price,barcode,quick\nA,Apple,10,,\nB,,3,,\nC,Cherry,abc,,\nD,Date,1,12ab,\nA,Again,1,,\nE,Egg,1,,1\nF,Fig,1,,1\n',
    );
    expect(r.problems).toEqual([
      { kind: 'cell', line: 3, column: 'name', heading: 'name', value: '' },
      { kind: 'cell', line: 4, column: 'price', heading: 'price', value: 'abc' },
      { kind: 'cell', line: 5, column: 'barcode', heading: 'barcode', value: '12ab' },
      {
        kind: 'cell',
        line: 6,
        column: 'sku',
        heading: 'sku',
        value: 'A',
        reason: 'catalogue.skuTaken',
        reasonParams: { sku: 'A', name: 'Apple' },
      },
      {
        kind: 'cell',
        line: 8,
        column: 'quick',
        heading: 'quick',
        value: '1',
        reason: 'catalogue.quickTaken',
        reasonParams: { quick: 1, name: 'Egg' },
      },
    ]);
  });

  it('refuses a SKU another row has in small letters or full-width, which an order line could not tell apart', () => {
    const r = parseCatalogueCsv(
      'sku,name,price\nAMER-R,아메리카노,4500\namer-r,아메리카노 2,4000\nＡＭＥＲ－Ｒ,아메리카노 3,4000\n',
    );
    expect(r.problems).toEqual([
      {
        kind: 'cell',
        line: 3,
        column: 'sku',
        heading: 'sku',
        value: 'amer-r',
        reason: 'catalogue.skuTaken',
        reasonParams: { sku: 'amer-r', name: '아메리카노' },
      },
      {
        kind: 'cell',
        line: 4,
        column: 'sku',
        heading: 'sku',
        value: 'ＡＭＥＲ－Ｒ',
        reason: 'catalogue.skuTaken',
        reasonParams: { sku: 'ＡＭＥＲ－Ｒ', name: '아메리카노' },
      },
    ]);
  });

  it("takes a spreadsheet formula's price as the cents it shows, and refuses one with more decimals", () => {
    const r = parseCatalogueCsv(
      'sku,name,price\nA,Apple,4950.000000000001\nB,Banana,4.999\nC,Cherry,4.99\nD,Date,0.30000000000000004\n',
    );
    expect(r.problems).toEqual([{ kind: 'cell', line: 3, column: 'price', heading: 'price', value: '4.999' }]);
    expect(r.products.map((p) => [p.sku, p.price])).toEqual([
      ['A', 4950],
      ['C', 4.99],
      ['D', 0.3],
    ]);
    // So an order of it in KRW (whole amounts) is taken.
    const line = { sku: 'A', productName: 'Apple', quantity: 1, unitPrice: r.products[0].price };
    const draft = { customerName: '김민수', customerId: 'c-1', lines: [line], paymentMethod: 'card', currency: 'KRW' };
    expect(orderDraftSchema.safeParse(draft).error?.issues).toBeUndefined();
    // The product editor checks with the same schema, and says why.
    const typed = productSchema.safeParse({
      sku: 'E',
      name: 'Egg',
      price: 4.999,
      barcode: null,
      category: null,
      quick: null,
    });
    expect(typed.success ? null : typed.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['price', 'field.priceDecimals'],
    ]);
  });

  it('refuses a file without the sku, name and price columns: each one missing, the headings that name it, and the file’s own', () => {
    // A price list whose price column is headed 판매가: no price column, not an empty price on line 1.
    expect(parseCatalogueCsv('상품코드,상품명,판매가\nA,사과,1200\n')).toEqual({
      products: [],
      problems: [
        {
          kind: 'missingColumn',
          column: 'price',
          accepted: ['price', '가격', '단가'],
          headings: ['상품코드', '상품명', '판매가'],
        },
      ],
    });
    expect(parseCatalogueCsv('code,,title\nA,,B\n').problems).toEqual([
      { kind: 'missingColumn', column: 'sku', accepted: ['sku', '상품코드'], headings: ['code', 'title'] },
      { kind: 'missingColumn', column: 'name', accepted: ['name', 'product', '상품명'], headings: ['code', 'title'] },
      { kind: 'missingColumn', column: 'price', accepted: ['price', '가격', '단가'], headings: ['code', 'title'] },
    ]);
    expect(parseCatalogueCsv('')).toEqual({ products: [], problems: [{ kind: 'emptyFile' }] });
    expect(parseCatalogueCsv('\uFEFF\r\n\n').problems).toEqual([{ kind: 'emptyFile' }]);
  });

  it('refuses a heading row with no product, and a file with more products than the catalogue holds', () => {
    expect(parseCatalogueCsv('sku,name,price')).toEqual({ products: [], problems: [{ kind: 'noProducts' }] });
    expect(parseCatalogueCsv('\uFEFF상품코드,상품명,가격\r\n\r\n\n').problems).toEqual([{ kind: 'noProducts' }]);
    const rows = (n: number) => Array.from({ length: n }, (_, i) => `S${i},Item ${i},100`).join('\n');
    expect(parseCatalogueCsv(`sku,name,price\n${rows(5001)}\n`)).toEqual({
      products: [],
      problems: [{ kind: 'tooManyProducts', count: 5001, max: 5000 }],
    });
    expect(parseCatalogueCsv(`sku,name,price\n${rows(5000)}\n`).products).toHaveLength(5000);
  });
});

describe('catalogue texts follow the order form’s rule', () => {
  it('refuses a hidden character in a SKU, a name or a category at import: the row, the column, where it is and why, and nothing imported', () => {
    const dir = tmp();
    const store = new CatalogueStore(dir);
    const r = store.importCsv(
      'sku,name,price,category\nA,Apple,100,\nSKU\u200B-1,Bagel,200,\nC,Ali\u202Eevil,300,\nD,Date\u0007,400,\nE,Egg,500,Fr\u200Dsh\n',
    );
    expect(r).toEqual({
      imported: 0,
      problems: [
        {
          kind: 'cell',
          line: 3,
          column: 'sku',
          heading: 'sku',
          value: 'SKU⟨U+200B⟩-1',
          reason: 'field.invisibleChars',
        },
        {
          kind: 'cell',
          line: 4,
          column: 'name',
          heading: 'name',
          value: 'Ali⟨U+202E⟩evil',
          reason: 'field.invisibleChars',
        },
        { kind: 'cell', line: 5, column: 'name', heading: 'name', value: 'Date⟨U+0007⟩', reason: 'field.controlChars' },
        {
          kind: 'cell',
          line: 6,
          column: 'category',
          heading: 'category',
          value: 'Fr⟨U+200D⟩sh',
          reason: 'field.invisibleChars',
        },
      ],
    });
    expect(store.list()).toEqual([]);
  });

  it('refuses them when a product is saved in the app, and still loads a catalogue saved before', () => {
    const product = { sku: 'A', name: 'Apple', price: 100, barcode: null, category: null, quick: 1 };
    const refusedAt = (p: object) => {
      const r = productSchema.safeParse(p);
      return r.success ? null : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(refusedAt({ ...product, sku: 'A\u200B' })).toEqual(['sku: field.invisibleChars']);
    expect(refusedAt({ ...product, name: 'Apple\u0000' })).toEqual(['name: field.controlChars']);
    expect(refusedAt({ ...product, name: '사과 김민수' })).toBeNull();

    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'catalogue.json'), JSON.stringify([{ ...product, sku: 'A\u200B' }]));
    expect(new CatalogueStore(dir).list().map((p) => p.sku)).toEqual(['A\u200B']);
  });
});

describe('catalogue and draft on the terminal', () => {
  it('imports all or nothing, keeps the catalogue across restarts, and picks up a dropped catalogue.csv', () => {
    const dir = tmp();
    const store = new CatalogueStore(dir);
    expect(store.importCsv('sku,name,price\nA,Apple,100\n')).toEqual({ imported: 1, problems: [] });
    expect(store.importCsv('sku,name,price\nB,Banana,x\n').imported).toBe(0);
    expect(new CatalogueStore(dir).list().map((p) => p.sku)).toEqual(['A']);

    fs.writeFileSync(path.join(dir, CATALOGUE_CSV), 'sku,name,price\nZ,Zucchini,900\n');
    const future = new Date(Date.now() + 5000);
    fs.utimesSync(path.join(dir, CATALOGUE_CSV), future, future);
    const logs: string[] = [];
    expect(new CatalogueStore(dir, (m) => logs.push(m)).list().map((p) => p.sku)).toEqual(['Z']);
    expect(logs.join()).toContain('1 product imported (read as');
  });

  it("picks up a dropped catalogue.csv saved by Korean Excel (CP949, its extension's syllables too); refuses one that is not text", () => {
    const dir = tmp();
    const dropped = path.join(dir, CATALOGUE_CSV);
    const later = (s: number) => {
      const t = new Date(Date.now() + s * 1000);
      fs.utimesSync(dropped, t, t);
    };
    fs.writeFileSync(
      dropped,
      iconv.encode('상품코드,상품명,가격\r\nT-1,보리차,"2,500원"\r\nT-2,똠얌꿍 티,3000\r\n', 'cp949'),
    );
    later(5);
    const logs: string[] = [];
    expect(new CatalogueStore(dir, (m) => logs.push(m)).list().map((p) => p.name)).toEqual(['보리차', '똠얌꿍 티']);
    expect(logs.join()).toContain('2 products imported (read as cp949)');

    fs.writeFileSync(dropped, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0xff, 0x80, 0x00, 0x9c, 0x3a]));
    later(10);
    expect(new CatalogueStore(dir, (m) => logs.push(m)).list().map((p) => p.name)).toEqual(['보리차', '똠얌꿍 티']);
    expect(logs.at(-1)).toContain('was not imported: it is not text in UTF-8 or CP949 (Korean Windows)');
  });

  it('logs a dropped catalogue.csv without a price column as that, with the headings that would name it', () => {
    const dir = tmp();
    const dropped = path.join(dir, CATALOGUE_CSV);
    fs.writeFileSync(dropped, '상품코드,상품명,판매가\nT-1,보리차,2500\n');
    const logs: string[] = [];
    expect(new CatalogueStore(dir, (m) => logs.push(m)).list()).toEqual([]);
    expect(logs.at(-1)).toBe(
      `${dropped} was not imported: it has no price column (its heading must be one of "price", "가격", "단가"; the file's headings: "상품코드", "상품명", "판매가")`,
    );
    // A heading row of thousands: ten of them and a count, for each column missing.
    fs.writeFileSync(dropped, Array.from({ length: 3_000 }, (_, i) => `h${i + 1}`).join(',') + '\nA\n');
    expect(new CatalogueStore(dir, (m) => logs.push(m)).list()).toEqual([]);
    expect(logs.at(-1)).toBe(
      `${dropped} was not imported: it has no sku column (its heading must be one of "sku", "상품코드"; the file's headings: "h1", "h2", "h3", "h4", "h5", "h6", "h7", "h8", "h9", "h10" and 2,990 more); ` +
        `it has no name column (its heading must be one of "name", "product", "상품명"; the file's headings: "h1", "h2", "h3", "h4", "h5", "h6", "h7", "h8", "h9", "h10" and 2,990 more); ` +
        `it has no price column (its heading must be one of "price", "가격", "단가"; the file's headings: "h1", "h2", "h3", "h4", "h5", "h6", "h7", "h8", "h9", "h10" and 2,990 more)`,
    );
    // A column named thousands of times: ten of its headings and a count, the catalogue kept.
    fs.writeFileSync(dropped, `sku,name,${Array.from({ length: 3_000 }, () => 'price').join(',')}\nA,B,1\n`);
    expect(new CatalogueStore(dir, (m) => logs.push(m)).list()).toEqual([]);
    expect(logs.at(-1)).toBe(
      `${dropped} was not imported: it has 3,000 price columns (` +
        Array.from({ length: 10 }, (_, i) => `"price" in column ${i + 3}`).join(', ') +
        ' and 2,990 more): keep one',
    );
    fs.writeFileSync(dropped, '\n');
    expect(new CatalogueStore(dir, (m) => logs.push(m)).list()).toEqual([]);
    expect(logs.at(-1)).toBe(`${dropped} was not imported: the file is empty`);
  });

  it('keeps the catalogue when a file has headings and no products, too many, or a column twice, imported or dropped', () => {
    const dir = tmp();
    const store = new CatalogueStore(dir);
    store.importCsv('sku,name,price,quick\nA,Apple,100,1\nB,Banana,200,2\n');
    const before = store.list();
    expect(store.importCsv('sku,name,price\n\n\n')).toEqual({ imported: 0, problems: [{ kind: 'noProducts' }] });
    const tooMany = `sku,name,price\n${Array.from({ length: 5001 }, (_, i) => `S${i},N${i},1`).join('\n')}\n`;
    expect(store.importCsv(tooMany).problems).toEqual([{ kind: 'tooManyProducts', count: 5001, max: 5000 }]);
    const twoPrices = 'sku,name,price,가격\nA,Apple,999,100\nB,Banana,999,200\n';
    expect(store.importCsv(twoPrices)).toMatchObject({ imported: 0, problems: [{ kind: 'duplicateColumn' }] });
    // A hostile heading row within the size limit: a heading of 400,000 characters, then every
    // column but sku named 10,000 times.
    const hostile = ['x'.repeat(400_000), ...Array.from({ length: 10_000 }, () => 'name,price,barcode,category,quick')];
    const r = store.importCsv(`${hostile.join(',')}\nA,Apple,1\n`);
    expect(r.imported).toBe(0);
    expect(
      r.problems.map((p) =>
        p.kind === 'duplicateColumn'
          ? [p.column, p.found.length, p.moreHeadings]
          : p.kind === 'missingColumn'
            ? [p.column, p.headings.length, p.moreHeadings]
            : p.kind,
      ),
    ).toEqual([['sku', 10, 49_991], ...['name', 'price', 'barcode', 'category', 'quick'].map((c) => [c, 10, 9_990])]);
    // The long heading is cut, as any heading echoed.
    expect(r.problems[0]).toMatchObject({
      headings: [
        expect.stringMatching(/^x{20,59}…$/),
        'name',
        'price',
        'barcode',
        'category',
        'quick',
        'name',
        'price',
        'barcode',
        'category',
      ],
    });
    // What goes back to the screen (and over the WebSocket) stays small.
    expect(JSON.stringify(r).length).toBeLessThan(5_000);
    expect(store.list()).toEqual(before);
    expect(new CatalogueStore(dir).list()).toEqual(before);

    const dropped = path.join(dir, CATALOGUE_CSV);
    const logs: string[] = [];
    const drop = (csv: string, ms: number) => {
      fs.writeFileSync(dropped, csv);
      const later = new Date(Date.now() + ms);
      fs.utimesSync(dropped, later, later);
      return new CatalogueStore(dir, (m) => logs.push(m)).list();
    };
    expect(drop('sku,name,price\n', 5000)).toEqual(before);
    expect(logs.at(-1)).toBe(
      `${dropped} was not imported: the file has headings but no products: the catalogue was not changed`,
    );
    expect(drop(tooMany, 10_000)).toEqual(before);
    expect(logs.at(-1)).toBe(
      `${dropped} was not imported: the file has 5,001 products and the catalogue holds at most 5,000`,
    );
    expect(drop(twoPrices, 15_000)).toEqual(before);
    expect(logs.at(-1)).toBe(
      `${dropped} was not imported: it has 2 price columns ("price" in column 3, "가격" in column 4): keep one`,
    );
  });

  it('sets a broken catalogue file aside instead of losing it', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'catalogue.json'), '{broken');
    const logs: string[] = [];
    expect(new CatalogueStore(dir, (m) => logs.push(m)).list()).toEqual([]);
    expect(fs.readdirSync(dir).some((f) => f.startsWith('catalogue.json.invalid-'))).toBe(true);
    expect(logs.join()).toContain('could not be read');
  });

  it('keeps the draft until the form is empty, and ignores a draft file it cannot read', () => {
    const dir = tmp();
    const drafts = new DraftStore(dir);
    expect(drafts.get()).toBeNull();
    const draft = {
      customerName: 'Kim',
      customerId: '',
      phone: '',
      lines: [{ sku: 'A', productName: 'Apple', quantity: '2', unitPrice: '100', catalogPrice: 100 }],
      currency: 'KRW',
      paymentMethod: 'cash' as const,
      note: '',
      tendered: '10000',
      submissionId: crypto.randomUUID(),
    };
    drafts.save(draft);
    expect(new DraftStore(dir).get()).toEqual(draft);
    drafts.save(null);
    expect(new DraftStore(dir).get()).toBeNull();
    fs.writeFileSync(path.join(dir, 'draft.json'), '{"customerName": 5}');
    expect(new DraftStore(dir).get()).toBeNull();
  });
});

describe('the catalogue edited in the app', () => {
  const product = (sku: string, extra: Partial<Product> = {}): Product => ({
    sku,
    name: `Product ${sku}`,
    price: 1000,
    barcode: null,
    category: null,
    quick: null,
    ...extra,
  });

  it('adds, changes (a new SKU renames), removes, and keeps it across a restart', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'order-desk-catalogue-'));
    const store = new CatalogueStore(dir);
    expect(store.save(product('A', { barcode: '880100', quick: 1 }), null)).toMatchObject({ ok: true });
    expect(store.save(product('B'), null)).toMatchObject({ ok: true });
    expect(store.save(product('A2', { price: 1500, barcode: '880100', quick: 1 }), 'a')).toMatchObject({ ok: true });
    expect(new CatalogueStore(dir).list().map((p) => [p.sku, p.price])).toEqual([
      ['A2', 1500],
      ['B', 1000],
    ]);
    expect(store.remove('b')).toMatchObject({ ok: true, value: [{ sku: 'A2' }] });
    expect(new CatalogueStore(dir).list().map((p) => p.sku)).toEqual(['A2']);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("opens a catalogue saved before prices followed the order's rule, every product kept", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'order-desk-catalogue-'));
    fs.writeFileSync(
      path.join(dir, 'catalogue.json'),
      JSON.stringify([product('A', { price: 4950.000000000001 }), product('B', { price: 4.999 })]),
    );
    const logs: string[] = [];
    expect(new CatalogueStore(dir, (m) => logs.push(m)).list().map((p) => [p.sku, p.price])).toEqual([
      ['A', 4950],
      ['B', 4.999],
    ]);
    expect(logs).toEqual([]);
    expect(fs.readdirSync(dir)).toEqual(['catalogue.json']);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a taken SKU, barcode or quick key, or an unknown product, and changes nothing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'order-desk-catalogue-'));
    const store = new CatalogueStore(dir);
    store.save(product('A', { barcode: '880100', quick: 3 }), null);
    store.save(product('B'), null);
    const before = fs.readFileSync(path.join(dir, 'catalogue.json'), 'utf8');
    const skuTaken = store.save(product('a'), null);
    expect(skuTaken).toEqual({
      ok: false,
      error: { code: 'catalogue.skuTaken', params: { sku: 'a', name: 'Product A' } },
    });
    // Like the barcode's and the quick key's, the clash names the product that has the SKU.
    if (!skuTaken.ok) {
      expect(formatError(skuTaken.error, 'en')).toBe('SKU a already belongs to Product A');
      expect(formatError(skuTaken.error, 'ko')).toBe('상품코드 a는 이미 Product A의 상품코드입니다');
    }
    expect(store.save(product('B', { barcode: '880100' }), 'B')).toEqual({
      ok: false,
      error: { code: 'catalogue.barcodeTaken', params: { barcode: '880100', name: 'Product A' } },
    });
    expect(store.save(product('C', { quick: 3 }), null)).toMatchObject({
      ok: false,
      error: { code: 'catalogue.quickTaken' },
    });
    expect(store.save(product('Z'), 'nope')).toMatchObject({ ok: false, error: { code: 'catalogue.notFound' } });
    expect(store.remove('nope')).toMatchObject({ ok: false, error: { code: 'catalogue.notFound' } });
    expect(fs.readFileSync(path.join(dir, 'catalogue.json'), 'utf8')).toBe(before);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('the catalogue import request', () => {
  it('bounds the CSV by its bytes as sent (UTF-8), not its characters: Korean text under the count is refused over the bytes', () => {
    expect(catalogueImportInputSchema.safeParse({ csv: 'a'.repeat(900_000) }).success).toBe(true);
    // 300,001 syllables: 900,003 bytes, which (as characters) the old limit let through.
    const korean = catalogueImportInputSchema.safeParse({ csv: '가'.repeat(300_001) });
    expect(korean.success).toBe(false);
    expect(korean.error?.issues[0]?.message).toBe('over 900000 bytes as UTF-8');
  });
});

describe('catalogue import problems echo a cut of a long cell or heading, not all of it', () => {
  const cutOf = (s: string) => expect(Array.from(s).length).toBeLessThanOrEqual(60);
  it('a heading row of one unclosed 899,000-character quote: its first characters and "…", for each column missing', () => {
    const r = new CatalogueStore(tmp()).importCsv('"' + 'a'.repeat(899_000));
    expect(r.imported).toBe(0);
    expect(r.problems.map((p) => p.kind)).toEqual(['missingColumn', 'missingColumn', 'missingColumn']);
    for (const p of r.problems) {
      if (p.kind !== 'missingColumn') throw new Error(p.kind);
      expect(p.headings).toHaveLength(1);
      cutOf(p.headings[0]);
      expect(p.headings[0]).toMatch(/^a{20,}…$/);
    }
  });

  it('a long cell: its line, column and heading as before, its value cut, and a hidden character shown whole', () => {
    const long = 'x'.repeat(5_000);
    // Short enough for a name, too long to show whole once its hidden character is spelled out.
    const hidden = `${'y'.repeat(55)}\u200B${'z'.repeat(40)}`;
    const r = parseCatalogueCsv(`sku,상품명,price\nA,${long},100\nB,${hidden},200\nC,Ca\u200Bke,300\n`);
    expect(r.problems).toHaveLength(3);
    const [name, revealed, short] = r.problems;
    expect(name).toMatchObject({ kind: 'cell', line: 2, column: 'name', heading: '상품명' });
    expect(revealed).toMatchObject({ kind: 'cell', line: 3, column: 'name', reason: 'field.invisibleChars' });
    for (const p of [name, revealed]) {
      if (p.kind !== 'cell') throw new Error(p.kind);
      cutOf(p.value);
      expect(p.value).toMatch(/…$/);
    }
    if (revealed.kind !== 'cell') throw new Error(revealed.kind);
    // The code point is shown whole or not at all, never "⟨U+2" cut off.
    expect(revealed.value).toMatch(/^y+(⟨U\+200B⟩z*)?…$/);
    // A short value is echoed as it was, its hidden character shown.
    expect(short).toMatchObject({ kind: 'cell', line: 4, column: 'name', value: 'Ca⟨U+200B⟩ke' });
  });
});
