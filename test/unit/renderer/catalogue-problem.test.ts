import { beforeAll, describe, expect, it } from 'vitest';
import { parseCatalogueCsv } from '../../../electron/counter/catalogue-csv';
import { catalogueProblemText } from '../../../renderer/catalogue/import-problem';
import type { Lang } from '../../../shared/error-codes';

let i18next: typeof import('../../../renderer/i18n/i18n').i18next;
beforeAll(async () => {
  ({ i18next } = await import('../../../renderer/i18n/i18n'));
});

/** Each problem line of an import, as Settings → Product catalogue lists it. */
const shown = (csv: string, lang: Lang) => {
  const t = i18next.getFixedT(lang, 'ui');
  return parseCatalogueCsv(csv).problems.map((p) => catalogueProblemText(p, (key, params) => t(key, params ?? {})));
};

describe('a catalogue import’s problem lines name the column as the operator knows it', () => {
  it('by its heading in the file, Korean or English, whatever the screen’s language', () => {
    const korean = '상품코드,상품명,가격\nA,사과,1200\nB,,300\nC,체리,abc\nA,배,900\n';
    expect(shown(korean, 'ko')).toEqual(['3행, 상품명 열: “”', '4행, 가격 열: “abc”', '5행, 상품코드 열: “A”']);
    expect(shown(korean, 'en')).toEqual([
      'line 3, column 상품명: “”',
      'line 4, column 가격: “abc”',
      'line 5, column 상품코드: “A”',
    ]);
    const english = ' SKU , Product,Price,Quick\nA,Apple,12,1\nB,Banana,3,1\n';
    expect(shown(english, 'en')).toEqual(['line 3, column Quick: “1”']);
    expect(shown(english, 'ko')).toEqual(['3행, Quick 열: “1”']);
  });

  it('by the app’s name for it in the screen’s language when the file has no such heading', () => {
    expect(shown('상품코드,가격\nA,100\n', 'ko')).toEqual(['1행, 상품명 열: “”']);
    expect(shown('sku,price\nA,100\n', 'en')).toEqual(['line 1, column Product name: “”']);
    expect(shown('', 'ko')).toEqual(['1행, 상품코드 열: “”']);
    expect(shown('', 'en')).toEqual(['line 1, column SKU: “”']);
  });
});
