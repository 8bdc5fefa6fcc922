import { beforeAll, describe, expect, it } from 'vitest';
import { parseCatalogueCsv } from '../../../electron/counter/catalogue-csv';
import { catalogueImportHint } from '../../../renderer/catalogue/import-hint';
import { catalogueProblemsLead, catalogueProblemText } from '../../../renderer/catalogue/import-problem';
import type { UiKey } from '../../../renderer/i18n/ui-strings';
import { formatError, type Lang } from '../../../shared/error-codes';

let i18next: typeof import('../../../renderer/i18n/i18n').i18next;
beforeAll(async () => {
  ({ i18next } = await import('../../../renderer/i18n/i18n'));
});

const tIn = (lang: Lang) => {
  const t = i18next.getFixedT(lang, 'ui');
  return (key: UiKey, params?: Record<string, string | number>) => t(key, params ?? {});
};
/** Each problem line of an import, as Settings → Product catalogue lists it. */
const shown = (csv: string, lang: Lang) =>
  parseCatalogueCsv(csv).problems.map((p) => catalogueProblemText(p, tIn(lang), (e) => formatError(e, lang), lang));
/** The sentence above them. */
const lead = (csv: string, lang: Lang) => catalogueProblemsLead(parseCatalogueCsv(csv).problems, tIn(lang));

describe('a catalogue import’s problem lines name the column as the operator knows it', () => {
  it('by its heading in the file, Korean or English, whatever the screen’s language', () => {
    const korean = '상품코드,상품명,가격\nA,사과,1200\nB,,300\nC,체리,abc\nA,배,900\n';
    // A row whose SKU, barcode or quick key another row has says whose it is, as the editor does.
    expect(shown(korean, 'ko')).toEqual([
      '3행, 상품명 열: “”',
      '4행, 가격 열: “abc”',
      '5행, 상품코드 열: “A” — 상품코드 A는 이미 사과의 상품코드입니다',
    ]);
    expect(shown(korean, 'en')).toEqual([
      'line 3, column 상품명: “”',
      'line 4, column 가격: “abc”',
      'line 5, column 상품코드: “A” — SKU A already belongs to 사과',
    ]);
    const english = ' SKU , Product,Price,Quick\nA,Apple,12,1\nB,Banana,3,1\n';
    expect(shown(english, 'en')).toEqual(['line 3, column Quick: “1” — Quick key 1 already belongs to Apple']);
    expect(shown(english, 'ko')).toEqual(['3행, Quick 열: “1” — 빠른 키 1은 이미 Apple에 지정되어 있습니다']);
  });

  it('a barcode another row has: one scan could not tell the two products apart', () => {
    const csv = '상품코드,상품명,가격,바코드\nA,사과,1200,8801234567890\nB,배,900,8801234567890\n';
    expect(shown(csv, 'ko')).toEqual([
      '3행, 바코드 열: “8801234567890” — 바코드 8801234567890은 이미 사과의 바코드입니다',
    ]);
    expect(shown(csv, 'en')).toEqual([
      'line 3, column 바코드: “8801234567890” — Barcode 8801234567890 already belongs to 사과',
    ]);
  });

  it('a column the file lacks: by the app’s name for it in the screen’s language, the headings that name it, and the file’s own', () => {
    // A price list whose price column is headed 판매가 read "1행, 가격 열: “”", as if line 1's price were empty.
    const salePrice = '상품코드,상품명,판매가\nA,사과,1200\n';
    expect(shown(salePrice, 'ko')).toEqual([
      '파일에 가격 열이 없습니다. 머리글이 “price”, “가격”, “단가” 중 하나인 열이 있어야 합니다 (이 파일의 머리글: “상품코드”, “상품명”, “판매가”)',
    ]);
    expect(shown(salePrice, 'en')).toEqual([
      'The file has no Price column: its heading must be one of “price”, “가격”, “단가” (this file’s headings: “상품코드”, “상품명”, “판매가”)',
    ]);
    expect(shown('sku,price\nA,100\n', 'en')).toEqual([
      'The file has no Product name column: its heading must be one of “name”, “product”, “상품명” (this file’s headings: “sku”, “price”)',
    ]);
    // A blank first row is skipped like a blank line: the row read as headings is the one shown.
    expect(shown(',,\nA,B,100\n', 'ko')[0]).toBe(
      '파일에 상품코드 열이 없습니다. 머리글이 “sku”, “상품코드” 중 하나인 열이 있어야 합니다 (이 파일의 머리글: “A”, “B”, “100”)',
    );
    expect(shown(',,\nA,B,100\n', 'en')[0]).toBe(
      'The file has no SKU column: its heading must be one of “sku”, “상품코드” (this file’s headings: “A”, “B”, “100”)',
    );
    expect(lead(salePrice, 'en')).toBe('Nothing was imported. Fix the file and import again:');
    expect(lead(salePrice, 'ko')).toBe('아무것도 가져오지 않았습니다. 파일을 고친 뒤 다시 가져오세요:');
  });

  it('a heading row of thousands of headings: the first ten and how many more, not all of them', () => {
    const headings = Array.from({ length: 5_000 }, (_, i) => `h${i + 1}`);
    const csv = `${headings.join(',')}\n${headings.join(',')}\n`;
    const first = headings
      .slice(0, 10)
      .map((h) => `“${h}”`)
      .join(', ');
    expect(shown(csv, 'en')[0]).toBe(
      `The file has no SKU column: its heading must be one of “sku”, “상품코드” (this file’s headings: ${first} and 4,990 more)`,
    );
    expect(shown(csv, 'ko')[0]).toBe(
      `파일에 상품코드 열이 없습니다. 머리글이 “sku”, “상품코드” 중 하나인 열이 있어야 합니다 (이 파일의 머리글: ${first} 외 4,990개)`,
    );
    // Ten are shown whole, with nothing said about more.
    expect(shown(headings.slice(0, 10).join(','), 'en')[0]).toMatch(/\(this file’s headings: “h1”, .*, “h10”\)$/);
  });

  it('a column named thousands of times: its count, the first ten headings and how many more, not all of them', () => {
    const csv = `sku,name,${Array.from({ length: 5_000 }, () => '단가').join(',')}\nA,B,1\n`;
    const at = (lang: Lang) =>
      Array.from({ length: 10 }, (_, i) => (lang === 'en' ? `“단가” in column ${i + 3}` : `${i + 3}번 열 “단가”`)).join(
        ', ',
      );
    expect(shown(csv, 'en')).toEqual([`The file has 5,000 Price columns (${at('en')} and 4,990 more): keep only one`]);
    expect(shown(csv, 'ko')).toEqual([`파일에 가격 열이 5,000개 있습니다 (${at('ko')} 외 4,990개). 하나만 남기세요`]);
    // Two are listed whole, as before.
    expect(shown('sku,name,price,가격\nA,B,1,2\n', 'en')).toEqual([
      'The file has 2 Price columns (“price” in column 3, “가격” in column 4): keep only one',
    ]);
  });

  it('an empty file: says so, not "line 1, column SKU"', () => {
    expect(shown('', 'ko')).toEqual(['파일이 비어 있습니다. 머리글 행도 상품도 없습니다']);
    expect(shown('\n\n', 'en')).toEqual(['The file is empty: it has no heading row and no products']);
    expect(lead('', 'en')).toBe('Nothing was imported. Fix the file and import again:');
    // A bad row is still fixed in its row.
    expect(lead('sku,name,price\nA,,1\n', 'ko')).toBe(
      '아무것도 가져오지 않았습니다. 다음 행을 고친 뒤 다시 가져오세요:',
    );
  });
});

describe('a heading row that names a column twice says which headings and where', () => {
  it('by the app’s name for the column, each heading as the file writes it and its column number, in both languages', () => {
    // Read with the first price column's 999 before: the store got prices it did not mean.
    const csv = 'sku,name,price,가격\nA,Apple,999,100\n';
    expect(shown(csv, 'en')).toEqual([
      'The file has 2 Price columns (“price” in column 3, “가격” in column 4): keep only one',
    ]);
    expect(shown(csv, 'ko')).toEqual([
      '파일에 가격 열이 2개 있습니다 (3번 열 “price”, 4번 열 “가격”). 하나만 남기세요',
    ]);
    expect(lead(csv, 'en')).toBe('Nothing was imported. Fix the file and import again:');
    expect(shown('단가,sku,상품명,가격,name,price\n', 'ko')).toEqual([
      '파일에 상품명 열이 2개 있습니다 (3번 열 “상품명”, 5번 열 “name”). 하나만 남기세요',
      '파일에 가격 열이 3개 있습니다 (1번 열 “단가”, 4번 열 “가격”, 6번 열 “price”). 하나만 남기세요',
    ]);
  });
});

describe('rows of only commas (a spreadsheet’s blank lines) are no problem lines', () => {
  it('skipped like blank lines, so a heading row with only those has no products', () => {
    expect(shown('sku,name,price\nA,Apple,100\n,,\n , , \n', 'en')).toEqual([]);
    expect(shown('sku,name,price\n,,\n,,\n', 'ko')).toEqual([
      '파일에 머리글만 있고 상품이 없습니다. 상품 목록은 바뀌지 않았습니다',
    ]);
  });
});

describe('a catalogue file that would empty the catalogue or overfill it says so', () => {
  it('a heading row with no product (the wrong sheet exported): the catalogue was not changed', () => {
    for (const csv of ['sku,name,price', 'sku,name,price\n', '상품코드,상품명,가격\r\n\r\n\n']) {
      expect(shown(csv, 'en')).toEqual(['The file has headings but no products: the catalogue was not changed']);
      expect(shown(csv, 'ko')).toEqual(['파일에 머리글만 있고 상품이 없습니다. 상품 목록은 바뀌지 않았습니다']);
      expect(lead(csv, 'en')).toBe('Nothing was imported. Fix the file and import again:');
    }
  });

  it('more products than it holds: how many the file has and the most it holds, not a SKU “>5000”', () => {
    const rows = Array.from({ length: 5002 }, (_, i) => `S${i},Item ${i},100`);
    const csv = `sku,name,price\n${rows.join('\n')}\n`;
    expect(shown(csv, 'en')).toEqual(['The file has 5,002 products and the catalogue holds at most 5,000']);
    expect(shown(csv, 'ko')).toEqual(['파일의 상품은 5,002개인데 상품 목록에는 최대 5,000개까지 넣을 수 있습니다']);
    expect(lead(csv, 'ko')).toBe('아무것도 가져오지 않았습니다. 파일을 고친 뒤 다시 가져오세요:');
  });
});

describe('the hint under the import names every heading the import takes', () => {
  // Each heading in a column of its own: "SKU name price" pasted into one cell was refused
  // ("no SKU column … this file’s headings: “SKU name price”") by a hint that never said so.
  it('in both languages, from the parser’s header table, one column each', () => {
    expect(catalogueImportHint(tIn('en'))).toBe(
      'A CSV file whose first row names the columns, one column each: sku/상품코드, name/product/상품명, price/가격/단가, and optionally barcode/바코드, category/분류, quick/단축키 (quick key 1–8). Or put catalogue.csv in the data directory.',
    );
    expect(catalogueImportHint(tIn('ko'))).toBe(
      '첫 행에 열 이름(머리글)이 한 칸에 하나씩 있는 CSV 파일: sku/상품코드, name/product/상품명, price/가격/단가 열은 꼭 있어야 하고 barcode/바코드, category/분류, quick/단축키 열은 선택입니다(빠른 키는 1–8). 또는 데이터 폴더에 catalogue.csv를 두세요.',
    );
    // Every heading the hint names is read as a column: a file headed with them imports.
    expect(parseCatalogueCsv('product,단가,상품코드\n사과,1200,A-1\n').problems).toEqual([]);
  });
});

describe('a catalogue import’s problem lines say why, where the cell cannot show it', () => {
  it('a hidden character, marks on no letter, and more than four marks on one letter, in both languages', () => {
    const csv = `sku,name,price\nA,Ap\u200Bple,100\nB,\u0301\u0301Bagel,200\nC,Ca\u0301\u0301\u0301\u0301\u0301\u0301ke,300\n`;
    expect(shown(csv, 'en')).toEqual([
      'line 2, column name: “Ap⟨U+200B⟩ple” — Contains an invisible character (a direction mark, a zero-width space, a line separator), often pasted: retype it',
      'line 3, column name: “\u0301\u0301Bagel” — Begins with a mark (an accent) that has no letter under it, often pasted: retype it',
      'line 4, column name: “Ca\u0301\u0301\u0301\u0301\u0301\u0301ke” — Has more than 4 marks stacked on one letter, often pasted: retype it',
    ]);
    expect(shown(csv, 'ko')[2]).toBe(
      '4행, name 열: “Ca\u0301\u0301\u0301\u0301\u0301\u0301ke” — 한 글자에 덧붙인 기호가 4개를 넘습니다. 주로 붙여 넣을 때 들어옵니다. 직접 입력하세요',
    );
  });
});
