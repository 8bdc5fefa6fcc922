// The order form: keyboard-first (Enter → next field, Ctrl+Enter submits, Esc clears) and
// honest: "Saved" appears only after main has the order in its durable outbox.
import { useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { ORDER_LIMITS, PAYMENT_METHODS, type PaymentMethod } from '../../shared/order-schema';
import type { AppError } from '../../shared/error-codes';
import { useT } from '../i18n/i18n';
import { api } from '../transport/api';
import { useAppStore } from '../store/app-store';
import { formatMoney } from '../outbox/format';
import {
  emptyForm,
  emptyLine,
  fieldId,
  fromDraft,
  lineSubtotal,
  validateForm,
  type DraftForm,
  type FieldErrors,
  type LineForm,
} from './draft-form';
import { TextField } from './fields';

type Status =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; orderId: string }
  | { kind: 'invalid' }
  | { kind: 'error'; error: AppError }
  | { kind: 'info'; key: 'form.noPrevious' | 'form.repeated' };

export function OrderForm() {
  const { t, err, lang } = useT();
  const [form, setForm] = useState<DraftForm>(emptyForm);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [checked, setChecked] = useState(false);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  // One id per order being entered, kept across failed submits: if a submit's answer was lost
  // but main had saved the order, submitting again returns that order instead of a second one.
  const [submissionId, setSubmissionId] = useState(() => crypto.randomUUID());
  const formRef = useRef<HTMLFormElement>(null);
  const firstRef = useRef<HTMLInputElement>(null);
  const focusAfterRender = useRef<string | null>(null);
  const upsertOrder = useAppStore((s) => s.upsertOrder);

  useEffect(() => firstRef.current?.focus(), []);
  useEffect(() => {
    if (!focusAfterRender.current) return;
    document.getElementById(focusAfterRender.current)?.focus();
    focusAfterRender.current = null;
  });

  const update = (next: DraftForm) => {
    setForm(next);
    // After the first submit attempt, errors follow the clerk's corrections as they type.
    if (checked) {
      const v = validateForm(next);
      setErrors(v.ok ? {} : v.errors);
    }
  };
  const setField = <K extends keyof DraftForm>(key: K, value: DraftForm[K]) => update({ ...form, [key]: value });
  const setLine = (index: number, patch: Partial<LineForm>) =>
    update({ ...form, lines: form.lines.map((l, i) => (i === index ? { ...l, ...patch } : l)) });

  const clear = () => {
    setSubmissionId(crypto.randomUUID());
    setForm(emptyForm());
    setErrors({});
    setChecked(false);
    setStatus({ kind: 'idle' });
    firstRef.current?.focus();
  };

  const submit = async () => {
    if (status.kind === 'saving') return;
    const v = validateForm(form);
    setChecked(true);
    if (!v.ok) {
      setErrors(v.errors);
      setStatus({ kind: 'invalid' });
      const first = Object.keys(v.errors).find((k) => document.getElementById(fieldId(k)));
      if (first) document.getElementById(fieldId(first))?.focus();
      return;
    }
    setErrors({});
    setStatus({ kind: 'saving' });
    const result = await api.orders.submit({ ...v.draft, submissionId });
    if (!result.ok) {
      setStatus({ kind: 'error', error: result.error });
      return;
    }
    upsertOrder(result.value);
    setSubmissionId(crypto.randomUUID());
    setForm(emptyForm());
    setChecked(false);
    setStatus({ kind: 'saved', orderId: result.value.order.orderId });
    firstRef.current?.focus();
  };

  const repeatLast = async () => {
    const result = await api.orders.lastDraft({ customerId: form.customerId.trim() || null });
    if (!result.ok) return setStatus({ kind: 'error', error: result.error });
    if (!result.value) return setStatus({ kind: 'info', key: 'form.noPrevious' });
    setSubmissionId(crypto.randomUUID());
    setForm(fromDraft(result.value));
    setErrors({});
    setChecked(false);
    setStatus({ kind: 'info', key: 'form.repeated' });
    firstRef.current?.focus();
  };

  const addLine = () => {
    if (form.lines.length >= ORDER_LIMITS.linesMax) return;
    const line = emptyLine();
    focusAfterRender.current = fieldId(`lines.${form.lines.length}.sku`);
    update({ ...form, lines: [...form.lines, line] });
  };
  const removeLine = (index: number) => {
    if (form.lines.length <= 1) return;
    focusAfterRender.current = fieldId(`lines.${Math.max(0, index - 1)}.sku`);
    update({ ...form, lines: form.lines.filter((_, i) => i !== index) });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void submit();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      clear();
    } else if (e.key === 'Enter' && !e.shiftKey && !e.altKey) {
      const target = e.target as HTMLElement;
      if (!target.matches('[data-field]')) return; // buttons keep their own Enter
      e.preventDefault();
      const fields = Array.from(formRef.current?.querySelectorAll<HTMLElement>('[data-field]') ?? []);
      const next =
        fields[fields.indexOf(target) + 1] ?? formRef.current?.querySelector<HTMLElement>('button[type=submit]');
      next?.focus();
    }
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit();
  };

  // Sums in cents like orderTotal, so the total shown is the one main will compute.
  const total = useMemo(
    () => form.lines.reduce((sum, l) => sum + Math.round((lineSubtotal(l) ?? 0) * 100), 0) / 100,
    [form.lines],
  );

  const fieldError = (path: string) => (errors[path] ? err(errors[path]) : null);
  const currency = /^[A-Za-z]{3}$/.test(form.currency) ? form.currency.toUpperCase() : 'KRW';
  const settings = useAppStore((s) => s.settings);

  return (
    <form
      ref={formRef}
      className="order-form card"
      onSubmit={onSubmit}
      onKeyDown={onKeyDown}
      noValidate
      aria-labelledby="order-form-title"
    >
      <div className="card-head">
        <h2 id="order-form-title">{t('form.title')}</h2>
        {settings ? (
          <span className="muted small">
            {settings.storeId} · {settings.terminalId} · {settings.clerk}
          </span>
        ) : null}
      </div>

      <fieldset className="section">
        <legend>{t('form.customer')}</legend>
        <div className="grid-3">
          <TextField
            inputRef={firstRef}
            path="customerName"
            label={t('form.customerName')}
            value={form.customerName}
            onValue={(v) => setField('customerName', v)}
            error={fieldError('customerName')}
            maxLength={ORDER_LIMITS.customerNameMax * 2}
          />
          <TextField
            path="customerId"
            label={t('form.customerId')}
            value={form.customerId}
            onValue={(v) => setField('customerId', v)}
            error={fieldError('customerId')}
            maxLength={ORDER_LIMITS.customerIdMax * 2}
          />
          <TextField
            path="phone"
            label={t('form.phone')}
            hint={t('form.optional')}
            value={form.phone}
            inputMode="tel"
            onValue={(v) => setField('phone', v)}
            error={fieldError('phone')}
            maxLength={ORDER_LIMITS.phoneMax * 2}
          />
        </div>
      </fieldset>

      <fieldset className="section">
        <legend>{t('form.lines')}</legend>
        <div className="lines" role="list">
          {form.lines.map((line, i) => (
            <div className="line-row" role="listitem" key={line.key} aria-label={t('form.line', { n: i + 1 })}>
              <span className="line-no" aria-hidden>
                {i + 1}
              </span>
              <TextField
                path={`lines.${i}.sku`}
                label={t('form.sku')}
                hideLabel={i > 0}
                value={line.sku}
                onValue={(v) => setLine(i, { sku: v })}
                error={fieldError(`lines.${i}.sku`)}
                className="col-sku"
              />
              <TextField
                path={`lines.${i}.productName`}
                label={t('form.product')}
                hideLabel={i > 0}
                value={line.productName}
                onValue={(v) => setLine(i, { productName: v })}
                error={fieldError(`lines.${i}.productName`)}
                className="col-product"
              />
              <TextField
                path={`lines.${i}.quantity`}
                label={t('form.quantity')}
                hideLabel={i > 0}
                value={line.quantity}
                inputMode="numeric"
                onValue={(v) => setLine(i, { quantity: v })}
                error={fieldError(`lines.${i}.quantity`)}
                className="col-qty num"
              />
              <TextField
                path={`lines.${i}.unitPrice`}
                label={t('form.unitPrice')}
                hideLabel={i > 0}
                value={line.unitPrice}
                inputMode="decimal"
                onValue={(v) => setLine(i, { unitPrice: v })}
                error={fieldError(`lines.${i}.unitPrice`)}
                className="col-price num"
              />
              <div className="field col-subtotal num">
                <div className={i > 0 ? 'sr-only' : 'field-label'}>{t('form.subtotal')}</div>
                <span className="subtotal" data-testid={`line-subtotal-${i}`}>
                  {(() => {
                    const sub = lineSubtotal(line);
                    return sub === null ? '—' : formatMoney(sub, currency, lang);
                  })()}
                </span>
              </div>
              <button
                type="button"
                className="icon-button"
                onClick={() => removeLine(i)}
                disabled={form.lines.length <= 1}
                aria-label={t('form.removeLine', { n: i + 1 })}
                title={t('form.removeLine', { n: i + 1 })}
              >
                ×
              </button>
            </div>
          ))}
        </div>
        {errors.lines ? (
          <div className="field-error" role="alert">
            {err(errors.lines)}
          </div>
        ) : null}
        <button
          type="button"
          className="button secondary"
          onClick={addLine}
          disabled={form.lines.length >= ORDER_LIMITS.linesMax}
        >
          + {t('form.addLine')}
        </button>
      </fieldset>

      <fieldset className="section">
        <legend>{t('form.payment')}</legend>
        <div className="grid-payment">
          <TextField
            path="currency"
            label={t('form.currency')}
            value={form.currency}
            maxLength={3}
            className="col-currency"
            onValue={(v) => setField('currency', v.toUpperCase())}
            error={fieldError('currency')}
          />
          <div className={`field ${errors.paymentMethod ? 'has-error' : ''}`}>
            <div className="field-label">
              <label htmlFor={fieldId('paymentMethod')}>{t('form.paymentMethod')}</label>
            </div>
            <select
              id={fieldId('paymentMethod')}
              data-field="paymentMethod"
              value={form.paymentMethod}
              onChange={(ev) => setField('paymentMethod', ev.target.value as PaymentMethod)}
              aria-invalid={errors.paymentMethod ? true : undefined}
            >
              {PAYMENT_METHODS.map((m) => (
                <option key={m} value={m}>
                  {t(`form.pay.${m}`)}
                </option>
              ))}
            </select>
            <div className="field-error">{fieldError('paymentMethod') ?? ''}</div>
          </div>
          <TextField
            path="note"
            label={t('form.note')}
            hint={t('form.optional')}
            value={form.note}
            className="col-note"
            onValue={(v) => setField('note', v)}
            error={fieldError('note')}
            maxLength={ORDER_LIMITS.noteMax * 2}
          />
        </div>
      </fieldset>

      <div className="form-foot">
        <div className="total">
          <span className="muted">{t('form.total')}</span>
          <strong data-testid="order-total">{formatMoney(total, currency, lang)}</strong>
        </div>
        <div className="actions">
          <button type="button" className="button ghost" onClick={() => void repeatLast()}>
            {t('form.repeat')}
          </button>
          <button type="submit" className="button primary" disabled={status.kind === 'saving'}>
            {t('form.submit')} <kbd>Ctrl</kbd>+<kbd>Enter</kbd>
          </button>
        </div>
      </div>
      <div className="form-status" role="status" aria-live="polite">
        {status.kind === 'saving' ? <span className="muted">{t('form.saving')}</span> : null}
        {status.kind === 'saved' ? (
          <span className="ok">
            <strong>✓ {t('form.saved')}</strong>{' '}
            <span className="muted">— {t('form.savedDetail', { id: status.orderId.slice(0, 8) })}</span>
          </span>
        ) : null}
        {status.kind === 'invalid' ? <span className="bad">{t('form.fixErrors')}</span> : null}
        {status.kind === 'error' ? <span className="bad">{err(status.error)}</span> : null}
        {status.kind === 'info' ? <span className="muted">{t(status.key)}</span> : null}
      </div>
      <p className="keys muted small">{t('form.keys')}</p>
    </form>
  );
}
