// The catalogue editor's form as typed, and the product it means or the first field it refuses,
// in the words the order form uses (a price of "1만5" explains its two readings). Pure, so tested.
import { productSchema, type Product } from '../../shared/counter-types';
import { isErrorCode, type AppError, type ErrorCode } from '../../shared/error-codes';
import { notANumberCode, parseNumberText } from '../../shared/number-text';

export interface ProductForm {
  sku: string;
  name: string;
  price: string;
  barcode: string;
  category: string;
  quick: string;
}

export const EMPTY_PRODUCT_FORM: ProductForm = { sku: '', name: '', price: '', barcode: '', category: '', quick: '' };

export const toProductForm = (p: Product): ProductForm => ({
  sku: p.sku,
  name: p.name,
  price: String(p.price),
  barcode: p.barcode ?? '',
  category: p.category ?? '',
  quick: p.quick === null ? '' : String(p.quick),
});

export function checkProductForm(
  form: ProductForm,
): { ok: true; product: Product } | { ok: false; field: string; error: AppError } {
  const parsed = productSchema.safeParse({
    sku: form.sku,
    name: form.name,
    price: form.price.trim() === '' ? NaN : parseNumberText(form.price),
    barcode: form.barcode.trim() || null,
    category: form.category.trim() || null,
    quick: form.quick ? Number(form.quick) : null,
  });
  if (parsed.success) return { ok: true, product: parsed.data };
  const issue = parsed.error.issues[0]!;
  const field = String(issue.path[0] ?? 'sku');
  if (field === 'price' && (issue.message === 'field.notANumber' || !isErrorCode(issue.message)))
    return { ok: false, field, error: { code: notANumberCode(form.price) } };
  const code = isErrorCode(issue.message)
    ? issue.message
    : issue.code === 'too_big'
      ? 'field.tooLong'
      : issue.code === 'too_small'
        ? 'field.required'
        : 'field.invalid';
  const max = issue.code === 'too_big' ? Number(issue.maximum) : null;
  return { ok: false, field, error: max !== null ? { code, params: { max } } : { code } };
}

/**
 * The field a save the service refused is about: a SKU, barcode or quick key another product has
 * (the service keeps them unique). 'form' for a refusal no field can fix (the catalogue full).
 */
const TAKEN: Partial<Record<ErrorCode, keyof ProductForm>> = {
  'catalogue.skuTaken': 'sku',
  'catalogue.barcodeTaken': 'barcode',
  'catalogue.quickTaken': 'quick',
};
export const refusedField = (error: AppError): keyof ProductForm | 'form' => TAKEN[error.code] ?? 'form';

/** The id of a field of the catalogue editor's product form. */
export const productFieldId = (field: string): string => `product-${field}`;
