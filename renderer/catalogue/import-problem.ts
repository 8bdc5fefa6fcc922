// A catalogue import's problem line as Settings lists it. The column is named as the operator
// knows it: by the heading their file gives it, else (a column the file lacks, an empty file) by
// the app's name for it, the catalogue editor's label.
import type { CatalogueImportResult, ProductColumn } from '../../shared/counter-types';
import type { UiKey } from '../i18n/ui-strings';

const COLUMN_NAMES: Record<ProductColumn, UiKey> = {
  sku: 'catalogue.sku',
  name: 'catalogue.name',
  price: 'catalogue.price',
  barcode: 'catalogue.barcode',
  category: 'catalogue.category',
  quick: 'catalogue.quick',
};

export function catalogueProblemText(
  p: CatalogueImportResult['problems'][number],
  t: (key: UiKey, params?: Record<string, string | number>) => string,
): string {
  const column = p.heading ?? t(COLUMN_NAMES[p.column]);
  return t('settings.catalogueProblem', { line: p.line, column, value: p.value });
}
