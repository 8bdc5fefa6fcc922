// Voiding an order from its receipt (issue 11): a required reason (its limit stated, with a
// count) and the supervisor PIN, then one confirmation. The order is kept; the services send a
// cancellation after it (electron/orders/attention-desk.ts). Keyboard: the reason has the focus,
// Enter in a field or Ctrl+Enter anywhere in it submits (shell/submit-keys.ts), Back (or Esc, which closes the receipt) leaves it unchanged. Before a
// supervisor PIN exists it says so at once, with only Back, since no void could succeed.
import { useRef, useState, type FormEvent } from 'react';
import type { OrderRecord } from '../../shared/outbox-types';
import type { AppError } from '../../shared/error-codes';
import { VOID_REASON_MAX, voidReasonTextSchema } from '../../shared/order-schema';
import { schemaProblem } from '../../shared/describe-issues';
import { useT } from '../i18n/i18n';
import { api } from '../transport/api';
import { shortOrderId } from '../../shared/order-ids';
import { useOneAtATime } from '../shell/one-at-a-time';
import { clerkView } from '../../shared/delivery-states';
import { usePinSet } from './pin-set';
import { pressOnSubmitKey } from '../shell/submit-keys';
import { useRequiredFields } from '../shell/required-fields';
import { LengthCount } from '../shell/LengthCount';

export function VoidOrderForm(props: { record: OrderRecord; onVoided(record: OrderRecord): void; onBack(): void }) {
  const { t, err } = useT();
  const [reason, setReason] = useState('');
  const [pin, setPin] = useState('');
  const [busy, oneAtATime] = useOneAtATime();
  const [error, setError] = useState<AppError | null>(null);
  const pinSet = usePinSet();
  const required = useRequiredFields<'reason' | 'pin'>();
  const confirmRef = useRef<HTMLButtonElement>(null);
  const id = props.record.order.orderId;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!required.filled({ reason, pin })) return setError(null);
    const refused = schemaProblem(voidReasonTextSchema, reason);
    if (refused) return setError(refused);
    void oneAtATime(async () => {
      const r = await api.orders.void({ orderId: id, reason, pin });
      if (!r.ok) return setError(r.error);
      setError(null);
      props.onVoided(r.value);
    });
  };
  if (pinSet === false)
    return (
      <form className="void-form no-print" aria-labelledby="void-title" aria-describedby="void-no-pin">
        <h3 id="void-title">{t('void.title', { id: shortOrderId(id) })}</h3>
        <p id="void-no-pin" className="field-error" data-testid="no-supervisor-pin">
          {err({ code: 'risk.pinNotSet' })}
        </p>
        <div className="dialog-foot">
          <button type="button" className="button secondary" onClick={props.onBack} autoFocus>
            {t('void.back')}
          </button>
        </div>
      </form>
    );
  return (
    <form
      className="void-form no-print"
      aria-labelledby="void-title"
      onSubmit={submit}
      onKeyDown={(e) => pressOnSubmitKey(e, confirmRef.current)}
    >
      <h3 id="void-title">{t('void.title', { id: shortOrderId(id) })}</h3>
      <p className="small">{t('void.explain')}</p>
      <div className="field">
        <div className="field-label">
          <label htmlFor="void-reason">{t('void.reason', { max: VOID_REASON_MAX })}</label>
          <LengthCount id="void-reason-count" text={reason} max={VOID_REASON_MAX} />
        </div>
        <input
          id="void-reason"
          value={reason}
          maxLength={VOID_REASON_MAX}
          onChange={(e) => setReason(e.target.value)}
          autoComplete="off"
          autoFocus
          {...required.input('reason', 'void-reason-count void-error')}
        />
        {required.message('reason')}
      </div>
      <div className="field">
        <label htmlFor="void-pin">{t('review.pin')}</label>
        <input
          id="void-pin"
          type="password"
          inputMode="numeric"
          value={pin}
          onChange={(e) => setPin(e.target.value)}
          autoComplete="off"
          {...required.input('pin', 'void-error')}
        />
        {required.message('pin')}
      </div>
      <div id="void-error" className="field-error" role="alert">
        {error ? err(error) : null}
      </div>
      <div className="dialog-foot">
        <button type="submit" className="button danger" disabled={busy} ref={confirmRef}>
          {t('void.confirm')}
        </button>
        <button type="button" className="button secondary" onClick={props.onBack}>
          {t('void.back')}
        </button>
      </div>
    </form>
  );
}

/** A voided order's reason and its cancellation's delivery, for the Orders row and the receipt. */
export function VoidedNote({ record }: { record: OrderRecord }) {
  const { t, err } = useT();
  const c = record.cancellation;
  if (!c) {
    // Voided before it was ever sent (it needed attention): no cancellation, only the reason.
    const view = clerkView(record);
    if (view.state !== 'voided' || !view.reason) return null;
    return (
      <div className="voided-note small" data-testid="voided-note">
        <div className="bad">{err({ code: view.reason, ...(view.params ? { params: view.params } : {}) })}</div>
      </div>
    );
  }
  // The cancellation's state as an attribute too: a script in either language waits on it, not on words.
  return (
    <div className="voided-note small" data-testid="voided-note" data-cancellation={c.state}>
      <div className="bad">{t('void.voided', { reason: c.reason })}</div>
      <div className="muted">
        {c.state === 'delivered'
          ? t('void.cancellationDelivered', { partition: c.partition ?? '?', offset: c.offset ?? '?' })
          : c.waitsFor
            ? t(`void.cancellationWaitsFor.${c.waitsFor}`)
            : t('void.cancellationWaiting')}
      </div>
    </div>
  );
}
