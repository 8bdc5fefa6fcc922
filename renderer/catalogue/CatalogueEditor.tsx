// Settings → Catalogue, edited in the app: add a product, change one (its SKU too), remove one.
// The services keep SKUs, barcodes and quick keys unique and say which product already has
// one; prices are typed as Korean clerks type them (full-width digits, 4,500원).
import { useRef, useState } from 'react';
import { CATALOGUE_CURRENCY, CATALOGUE_LIMITS, type Product } from '../../shared/counter-types';
import type { AppError } from '../../shared/error-codes';
import { useT } from '../i18n/i18n';
import { api } from '../transport/api';
import { formatMoney } from '../outbox/format';
import { useCatalogue } from './catalogue-store';
import {
  checkProductForm,
  EMPTY_PRODUCT_FORM,
  productFieldId,
  refusedField,
  toProductForm,
  type ProductForm,
} from './product-form';
import { useOneAtATime } from '../shell/one-at-a-time';
import { focusFirstField, focusLost } from '../shell/screen-focus';

const SHOWN = 200;

export function CatalogueEditor() {
  const { t, err, lang } = useT();
  const products = useCatalogue((s) => s.products);
  const [form, setForm] = useState<ProductForm>(EMPTY_PRODUCT_FORM);
  const [editing, setEditing] = useState<string | null>(null);
  const [problem, setProblem] = useState<{ field: string; error: AppError } | null>(null);
  const [filter, setFilter] = useState('');
  // One save or removal at a time, and the form takes no change until its answer: a second Enter
  // saved the product again (an error after it was added), and what was typed meanwhile was
  // wiped when the answer emptied the form.
  const [busy, oneAtATime] = useOneAtATime();
  const set = (k: keyof ProductForm, v: string) => !busy && setForm({ ...form, [k]: v });

  const group = useRef<HTMLDivElement>(null);
  const skuInput = useRef<HTMLInputElement>(null);
  /**
   * The keyboard to the SKU field, the form's first: after a product was added, changed or
   * removed (or the change cancelled) it stayed on the button, or the page once a removed row's
   * button was gone, and the next product took a round of Tabs. Not if the clerk has put it
   * somewhere else meanwhile (the filter).
   */
  const toSku = () => {
    if (focusLost() || group.current?.contains(document.activeElement)) skuInput.current?.focus();
  };

  const done = (next: Product[]) => {
    useCatalogue.getState().set(next);
    setForm(EMPTY_PRODUCT_FORM);
    setEditing(null);
    setProblem(null);
    toSku();
  };

  /**
   * A save refused: said under the fields, and the keyboard to the field at fault, as the order
   * form does (it stayed on Add product, or in Price after its Enter, a Tab round from the fix).
   */
  const refused = (field: string, error: AppError) => {
    setProblem({ field, error });
    focusFirstField([productFieldId(field)]);
  };

  const save = () =>
    oneAtATime(async () => {
      const checked = checkProductForm(form);
      if (!checked.ok) return refused(checked.field, checked.error);
      const r = await api.catalogue.save({ product: checked.product, previousSku: editing });
      if (!r.ok) return refused(refusedField(r.error), r.error);
      done(r.value);
    });

  const remove = (sku: string) =>
    oneAtATime(async () => {
      const r = await api.catalogue.remove({ sku });
      if (!r.ok) return setProblem({ field: 'form', error: r.error });
      done(r.value);
    });

  const field = (k: keyof ProductForm, label: string, inputMode?: 'numeric' | 'decimal') => (
    <div className={`field ${problem?.field === k ? 'has-error' : ''}`}>
      <div className="field-label">
        <label htmlFor={productFieldId(k)}>{label}</label>
      </div>
      <input
        id={productFieldId(k)}
        ref={k === 'sku' ? skuInput : undefined}
        value={form[k]}
        inputMode={inputMode}
        onChange={(e) => set(k, e.target.value)}
        onFocus={(e) => e.target.select()}
        aria-invalid={problem?.field === k ? true : undefined}
        aria-describedby={problem?.field === k ? 'product-error' : undefined}
        autoComplete="off"
        spellCheck={false}
      />
    </div>
  );

  const q = filter.trim().toLowerCase();
  const shown = products.filter((p) => !q || p.sku.toLowerCase().includes(q) || p.name.toLowerCase().includes(q));
  return (
    <div className="catalogue-editor" data-testid="catalogue-editor">
      {/* Not a <form>: this sits inside the Settings form, whose submit would also fire. */}
      <div
        ref={group}
        role="group"
        aria-label={t('catalogue.editTitle')}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.target as HTMLElement).tagName === 'INPUT') {
            e.preventDefault();
            // Not the Enter that ends an IME syllable: saving then left it in the emptied field.
            if (!e.nativeEvent.isComposing) void save();
          }
        }}
      >
        {/* h2: Settings' sections are fieldsets, so the page's h1 is the heading above it. */}
        <h2 className="catalogue-editor-title">
          {editing ? t('catalogue.editing', { sku: editing }) : t('catalogue.add')}
        </h2>
        <div className="grid-3">
          {field('sku', t('catalogue.sku'))}
          {field('name', t('catalogue.name'))}
          {field('price', t('catalogue.price'), 'numeric')}
          {field('barcode', t('catalogue.optional', { field: t('catalogue.barcode') }), 'numeric')}
          {field('category', t('catalogue.optional', { field: t('catalogue.category') }))}
          <div className={`field ${problem?.field === 'quick' ? 'has-error' : ''}`}>
            <div className="field-label">
              <label htmlFor={productFieldId('quick')}>{t('catalogue.quick')}</label>
            </div>
            <select
              id={productFieldId('quick')}
              value={form.quick}
              onChange={(e) => set('quick', e.target.value)}
              aria-invalid={problem?.field === 'quick' ? true : undefined}
              aria-describedby={problem?.field === 'quick' ? 'product-error' : undefined}
            >
              <option value="">—</option>
              {Array.from({ length: CATALOGUE_LIMITS.quickKeys }, (_, i) => (
                <option key={i + 1} value={String(i + 1)}>
                  {i + 1} (F{i + 2})
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="field-error" id="product-error" role="alert">
          {problem ? err(problem.error) : null}
        </div>
        <div className="row">
          <button type="button" className="button primary" disabled={busy} onClick={() => void save()}>
            {editing ? t('catalogue.saveChanges') : t('catalogue.addButton')}
          </button>
          {editing ? (
            <button type="button" className="button secondary" disabled={busy} onClick={() => done(products)}>
              {t('catalogue.cancelEdit')}
            </button>
          ) : null}
        </div>
      </div>
      {products.length > 0 ? (
        <>
          <div className="field narrow">
            <div className="field-label">
              <label htmlFor="catalogue-filter">{t('catalogue.filter')}</label>
            </div>
            <input
              id="catalogue-filter"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
              onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}
            />
          </div>
          <table className="table" data-testid="catalogue-table" aria-label={t('settings.catalogue')}>
            <thead>
              <tr>
                <th>{t('catalogue.sku')}</th>
                <th>{t('catalogue.name')}</th>
                <th className="num">{t('catalogue.price')}</th>
                <th>{t('catalogue.optional', { field: t('catalogue.barcode') })}</th>
                <th>{t('catalogue.quick')}</th>
                <th>
                  <span className="sr-only">{t('catalogue.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.slice(0, SHOWN).map((p) => (
                <tr key={p.sku} data-sku={p.sku}>
                  <td className="mono">{p.sku}</td>
                  <td className="truncate" title={p.name}>
                    {p.name}
                  </td>
                  <td className="num mono">{formatMoney(p.price, CATALOGUE_CURRENCY, lang)}</td>
                  <td className="mono">{p.barcode ?? '—'}</td>
                  <td>{p.quick ?? '—'}</td>
                  <td className="row">
                    <button
                      type="button"
                      className="button secondary small"
                      aria-label={t('catalogue.editOne', { name: p.name })}
                      disabled={busy}
                      onClick={() => {
                        setForm(toProductForm(p));
                        setEditing(p.sku);
                        setProblem(null);
                        // The product's fields are above the table, the SKU first.
                        skuInput.current?.focus();
                      }}
                    >
                      {t('catalogue.edit')}
                    </button>
                    <button
                      type="button"
                      className="button secondary small"
                      aria-label={t('catalogue.removeOne', { name: p.name })}
                      disabled={busy}
                      onClick={() => void remove(p.sku)}
                    >
                      {t('catalogue.remove')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {shown.length > SHOWN ? (
            <p className="muted small">{t('catalogue.more', { n: shown.length - SHOWN, shown: SHOWN })}</p>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
