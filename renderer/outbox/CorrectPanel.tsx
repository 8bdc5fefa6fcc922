// The Correct panel of an order that needs attention: every field the correction's check can
// refuse and the clerk may change, each labelled, with its error under it in the order form's
// words (correction-form.ts). The customer ID and the SKUs are not here: they cannot change. The
// currency and the unit prices are shown read-only unless the saved one fails today's rule.
// Errors are said as the order form says them: each is its field's description, not an alert
// (an order opened with three said three alerts), and a refused Save says once how many.
import {
  useEffect,
  useId,
  useRef,
  useState,
  type FocusEvent,
  type KeyboardEvent,
  type ReactNode,
  type Ref,
} from 'react';
import { phoneAsShown, type Order } from '../../shared/order-schema';
import { useT } from '../i18n/i18n';
import {
  checkCorrection,
  correctionFields,
  currencyEditable,
  priceEditable,
  type CorrectionErrors,
  type CorrectionForm,
} from './correction-form';
import { isCtrlEnter } from '../shell/submit-keys';
import { FieldsNeedAttention } from '../order-form/fields';

export interface CorrectPanelProps {
  order: Order;
  form: CorrectionForm;
  onForm(form: CorrectionForm): void;
  onSave(): void;
  onCancel(): void;
  busy: boolean;
  label: string;
  panelRef?: Ref<HTMLSpanElement>;
  onKeyDown?(e: KeyboardEvent): void;
}

export function CorrectPanel({
  order,
  form,
  onForm,
  onSave,
  onCancel,
  busy,
  label,
  panelRef,
  onKeyDown,
}: CorrectPanelProps) {
  const { t, err } = useT();
  const base = useId();
  const checked = checkCorrection(order, form);
  const errors: CorrectionErrors = checked.ok ? {} : checked.errors;
  const shown = new Set(correctionFields(form));
  // A refusal of something the panel has no field for (none is expected): said, not lost.
  const elsewhere = Object.entries(errors).filter(([path]) => !shown.has(path));
  const idOf = (path: string) => `${base}-${path.replace(/\./g, '-')}`;
  const field = (path: string, control: (props: FieldControlProps) => ReactNode) => {
    const id = idOf(path);
    const error = errors[path];
    return (
      <>
        {control({
          id,
          'aria-invalid': error ? true : undefined,
          'aria-describedby': error ? `${id}-error` : undefined,
          // As in the order form: entering a field selects it, so typing KRW replaces KWR (a note is
          // edited, not retyped).
          onFocus: (e) => {
            if (e.currentTarget instanceof HTMLInputElement) e.currentTarget.select();
          },
        })}
        {error ? (
          <span className="field-error" id={`${id}-error`}>
            {err(error)}
          </span>
        ) : null}
      </>
    );
  };
  // Said in the status from the first Save refused on, as the order form's Submit does.
  const [saveTried, setSaveTried] = useState(false);
  const save = () => {
    setSaveTried(true);
    onSave();
  };
  // A line removed takes its button with it: the focus goes to the next line's Remove (now at the
  // same place), else the previous one's, else the first field, instead of falling to the page.
  const refocus = useRef<{ panel: HTMLElement; i: number } | null>(null);
  useEffect(() => {
    const r = refocus.current;
    if (!r) return;
    refocus.current = null;
    const removes = r.panel.querySelectorAll<HTMLElement>('[data-remove-line]');
    (
      removes[r.i] ??
      removes[r.i - 1] ??
      r.panel.querySelector<HTMLElement>('input:not([readonly]), textarea')
    )?.focus();
  });
  // Ctrl+Enter saves, as in the order form; Esc is the caller's (closing the panel).
  const keyDown = (e: KeyboardEvent) => {
    if (isCtrlEnter(e)) {
      e.preventDefault();
      if (!busy) save();
      return;
    }
    onKeyDown?.(e);
  };
  const currencyFixed = !currencyEditable(order);
  const setLine = (i: number, change: Partial<CorrectionForm['lines'][number]>) =>
    onForm({ ...form, lines: form.lines.map((l, j) => (j === i ? { ...l, ...change } : l)) });

  return (
    <span className="attention-panel" role="group" aria-label={label} ref={panelRef} onKeyDown={keyDown}>
      <label htmlFor={idOf('customerName')}>{t('form.customerName')}</label>
      {field('customerName', (p) => (
        <input {...p} value={form.customerName} onChange={(e) => onForm({ ...form, customerName: e.target.value })} />
      ))}
      <label htmlFor={idOf('phone')}>{t('form.phone')}</label>
      {field('phone', (p) => (
        <input
          {...p}
          inputMode="tel"
          value={form.phone}
          onChange={(e) => onForm({ ...form, phone: e.target.value })}
          // As in the order form: 01077778888 is shown as it will be saved, 010-7777-8888.
          onBlur={() => {
            const phone = phoneAsShown(form.phone);
            if (phone !== form.phone) onForm({ ...form, phone });
          }}
        />
      ))}
      {form.lines.map((l, i) => (
        <span key={i} className="attention-line">
          {field(`lines.${i}.productName`, (p) => (
            <input
              {...p}
              aria-label={t('orders.correctProductOf', { sku: l.sku })}
              value={l.productName}
              onChange={(e) => setLine(i, { productName: e.target.value })}
            />
          ))}
          {priceEditable(order, form, l) ? (
            field(`lines.${i}.unitPrice`, (p) => (
              <input
                {...p}
                aria-label={t('orders.correctPriceOf', { sku: l.sku })}
                inputMode="decimal"
                value={l.unitPrice}
                onChange={(e) => setLine(i, { unitPrice: e.target.value })}
              />
            ))
          ) : (
            <input readOnly aria-label={t('orders.correctPriceOf', { sku: l.sku })} value={String(l.savedPrice)} />
          )}
          {form.lines.length > 1 ? (
            <button
              type="button"
              className="button small"
              data-remove-line=""
              aria-label={t('orders.correctRemoveLineOf', { sku: l.sku, product: l.productName })}
              onClick={(e) => {
                const panel = e.currentTarget.closest<HTMLElement>('.attention-panel');
                if (panel) refocus.current = { panel, i };
                onForm({ ...form, lines: form.lines.filter((_, j) => j !== i) });
              }}
            >
              {t('orders.correctRemoveLine')}
            </button>
          ) : null}
        </span>
      ))}
      <label htmlFor={idOf('currency')}>{t('form.currency')}</label>
      {currencyFixed ? (
        <>
          <input
            id={idOf('currency')}
            readOnly
            value={order.currency}
            aria-invalid={errors.currency ? true : undefined}
            aria-describedby={`${idOf('currency')}-note${errors.currency ? ` ${idOf('currency')}-error` : ''}`}
          />
          <span className="muted small" id={`${idOf('currency')}-note`}>
            {t('orders.correctCurrencyFixed')}
          </span>
          {/* A code ISO 4217 withdrew since the order was saved (HRK): kept, and said why Save cannot take it. */}
          {errors.currency ? (
            <span className="field-error" id={`${idOf('currency')}-error`}>
              {err(errors.currency)}
            </span>
          ) : null}
        </>
      ) : (
        field('currency', (p) => (
          <input
            {...p}
            maxLength={3}
            autoComplete="off"
            spellCheck={false}
            value={form.currency}
            onChange={(e) => onForm({ ...form, currency: e.target.value.toUpperCase() })}
          />
        ))
      )}
      <label htmlFor={idOf('note')}>{t('orders.correctNote')}</label>
      {field('note', (p) => (
        <textarea {...p} value={form.note} onChange={(e) => onForm({ ...form, note: e.target.value })} />
      ))}
      {/* No field to describe: it describes Save, which it keeps from passing. */}
      {elsewhere.length ? (
        <span className="bad small" id={`${base}-elsewhere`}>
          {elsewhere.map(([path, e]) => `${path}: ${err(e)}`).join('; ')}
        </span>
      ) : null}
      <button
        type="button"
        className="button small primary"
        disabled={busy}
        onClick={save}
        aria-describedby={elsewhere.length ? `${base}-elsewhere` : undefined}
      >
        {t('orders.correctSave')}
      </button>
      <button type="button" className="button small" onClick={onCancel}>
        {t('orders.cancel')}
      </button>
      <span className="small" role="status" aria-live="polite">
        {saveTried ? <FieldsNeedAttention errors={errors} /> : null}
      </span>
    </span>
  );
}

interface FieldControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
  onFocus(e: FocusEvent<HTMLInputElement | HTMLTextAreaElement>): void;
}
