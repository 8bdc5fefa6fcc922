// Settings' hint under the catalogue import: the headings it names are the parser's header table
// (CATALOGUE_HEADINGS), so a heading the import takes is never left out of the hint (the Korean
// hint once left out 단가 and product).
import {
  acceptedHeadings,
  PRODUCT_COLUMNS,
  REQUIRED_PRODUCT_COLUMNS,
  type ProductColumn,
} from '../../shared/counter-types';
import type { T } from './import-problem';

/** A column's headings, "price/가격/단가"; the columns joined with commas. */
const headingsOf = (columns: readonly ProductColumn[]) => columns.map((c) => acceptedHeadings(c).join('/')).join(', ');

export function catalogueImportHint(t: T): string {
  const required: readonly ProductColumn[] = REQUIRED_PRODUCT_COLUMNS;
  return t('settings.catalogueHint', {
    required: headingsOf(required),
    optional: headingsOf(PRODUCT_COLUMNS.filter((c) => !required.includes(c))),
  });
}
