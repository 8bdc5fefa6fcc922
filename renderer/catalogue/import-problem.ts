// A catalogue import's problem line as Settings lists it. The column is named as the operator
// knows it: a bad row's by the heading their file gives it; a column the file lacks by the app's
// name for it (the catalogue editor's label), with the headings that would name it and the file's
// own, since a file with "판매가" for its prices read as if line 1's price were empty; a column
// two headings name by that name too, with each heading as the file writes it and its column number.
import type { CatalogueImportResult, ProductColumn } from '../../shared/counter-types';
import type { AppError, Lang } from '../../shared/error-codes';
import type { UiKey } from '../i18n/ui-strings';
import { formatNumber } from '../outbox/format';

type Problem = CatalogueImportResult['problems'][number];
export type T = (key: UiKey, params?: Record<string, string | number>) => string;
/** An error's words in the screen's language (useT's `err`). */
type Err = (e: AppError) => string;

const COLUMN_NAMES: Record<ProductColumn, UiKey> = {
  sku: 'catalogue.sku',
  name: 'catalogue.name',
  price: 'catalogue.price',
  barcode: 'catalogue.barcode',
  category: 'catalogue.category',
  quick: 'catalogue.quick',
};

const quoted = (texts: string[]) => texts.map((h) => `“${h}”`).join(', ');

/** A problem's first headings, and past COLUMN_HEADINGS_SHOWN how many more ("and 4,990 more"). */
const withMore = (listed: string, more: number | undefined, t: T, lang: Lang) =>
  more ? t('settings.catalogueMoreHeadings', { headings: listed, count: formatNumber(more, lang) }) : listed;

export function catalogueProblemText(p: Problem, t: T, err: Err, lang: Lang): string {
  switch (p.kind) {
    case 'cell': {
      const where = t('settings.catalogueProblem', { line: p.line, column: p.heading, value: p.value });
      // Why, where the cell cannot show it: a hidden character, marks on no letter or piled up.
      return p.reason ? `${where} — ${err({ code: p.reason, params: p.reasonParams })}` : where;
    }
    case 'missingColumn':
      return t('settings.catalogueNoColumn', {
        column: t(COLUMN_NAMES[p.column]),
        accepted: quoted(p.accepted),
        headings: withMore(quoted(p.headings), p.moreHeadings, t, lang),
      });
    case 'duplicateColumn':
      return t('settings.catalogueTwoColumns', {
        column: t(COLUMN_NAMES[p.column]),
        count: formatNumber(p.found.length + (p.moreHeadings ?? 0), lang),
        found: withMore(p.found.map((f) => t('settings.catalogueColumnAt', f)).join(', '), p.moreHeadings, t, lang),
      });
    case 'emptyFile':
      return t('settings.catalogueEmpty');
    case 'noProducts':
      return t('settings.catalogueNoProducts');
    case 'tooManyProducts':
      return t('settings.catalogueTooManyProducts', {
        count: formatNumber(p.count, lang),
        max: formatNumber(p.max, lang),
      });
  }
}

/** The sentence above the list: a bad row is fixed in its row, anything else (a missing column, no products) in the file. */
export function catalogueProblemsLead(problems: Problem[], t: T): string {
  return t(problems.every((p) => p.kind === 'cell') ? 'settings.catalogueProblems' : 'settings.catalogueFileProblems');
}
