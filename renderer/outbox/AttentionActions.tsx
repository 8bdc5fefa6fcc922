// What the clerk can do with an order that needs attention (shared/delivery-states.ts):
// correct it (shorter texts, fewer lines, and whatever a check added since it was saved refuses:
// CorrectPanel.tsx) and resend it in its place, void it with a reason
// (kept, never sent), export it as a JSON file, or resend it as it is (after an operator fixed
// the topic). Orders that merely wait offer nothing: they go by themselves.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { OrderRecord } from '../../shared/outbox-types';
import { voidReasonTextSchema } from '../../shared/order-schema';
import { schemaProblem } from '../../shared/describe-issues';
import type { AppError } from '../../shared/error-codes';
import { clerkView } from '../../shared/delivery-states';
import { shortOrderId } from '../../shared/order-ids';
import { useT } from '../i18n/i18n';
import { api } from '../transport/api';
import { useAppStore } from '../store/app-store';
import { useOneAtATime } from '../shell/one-at-a-time';
import { focusBack } from '../shell/screen-focus';
import { pressOnSubmitKey } from '../shell/submit-keys';
import { useRequiredFields } from '../shell/required-fields';
import { CorrectPanel } from './CorrectPanel';
import { VoidReasonField } from './VoidReasonField';
import { checkCorrection, correctionFormOf } from './correction-form';

type Panel = 'none' | 'correct' | 'void';

export function AttentionActions({ record }: { record: OrderRecord }) {
  const { t, err } = useT();
  const upsert = useAppStore((s) => s.upsertOrder);
  const [panel, setPanel] = useState<Panel>('none');
  const [problem, setProblem] = useState<AppError | null>(null);
  const [form, setForm] = useState(() => correctionFormOf(record.order));
  const [reason, setReason] = useState('');
  const required = useRequiredFields<'reason'>();
  const [exported, setExported] = useState<string | null>(null);
  const [busy, oneAtATime] = useOneAtATime();
  // From the keyboard: a panel opened takes the focus to its first field, and closing it (Cancel,
  // Esc) gives it back to the button that opened it, which Cancel's removal took to the page.
  const correctRef = useRef<HTMLButtonElement>(null);
  const voidRef = useRef<HTMLButtonElement>(null);
  const voidConfirmRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLSpanElement>(null);
  const closedFrom = useRef<Panel>('none');
  // A field the correction's check refuses (a currency saved before the ISO 4217 check) comes first.
  const firstInvalid = () => panelRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
  useEffect(() => {
    if (panel !== 'none') (firstInvalid() ?? panelRef.current?.querySelector<HTMLElement>('input, textarea'))?.focus();
    else if (closedFrom.current !== 'none')
      focusBack((closedFrom.current === 'correct' ? correctRef : voidRef).current);
    closedFrom.current = 'none';
  }, [panel]);
  const close = () => {
    closedFrom.current = panel;
    setPanel('none');
  };
  const closeOnEsc = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    e.stopPropagation();
    close();
  };
  // Done (corrected, voided, resent): the order no longer needs attention and these buttons go,
  // the focus with them; it goes to the order's row, which says what became of it.
  const actionsRef = useRef<HTMLSpanElement>(null);
  const doneRow = useRef<HTMLElement | null>(null);
  const focusRow = (row: HTMLElement) => {
    if (!row.hasAttribute('tabindex')) row.tabIndex = -1;
    focusBack(row);
  };
  useEffect(() => {
    const row = doneRow.current;
    if (!row) return;
    doneRow.current = null;
    focusRow(row);
  });
  const panelProps = (label: string) =>
    ({
      className: 'attention-panel',
      role: 'group',
      'aria-label': label,
      ref: panelRef,
      // Enter in the reason, or Ctrl+Enter anywhere in it, voids, as in the receipt's void form.
      onKeyDown: (e: KeyboardEvent) => pressOnSubmitKey(e, voidConfirmRef.current) || closeOnEsc(e),
    }) as const;
  const view = clerkView(record);
  // Credentials are fixed in Settings, not per order.
  if (view.state !== 'attention' || record.autoRetry) return null;

  const run = (call: () => Promise<{ ok: true; value: OrderRecord } | { ok: false; error: AppError }>) =>
    oneAtATime(async () => {
      // Taken now: the change's event may come before the answer and remove these buttons.
      const row = actionsRef.current?.closest<HTMLElement>('tr, li') ?? null;
      const r = await call();
      if (r.ok) {
        doneRow.current = row;
        upsert(r.value);
        setPanel('none');
        // At once too, while the pressed button is still disabled: when nothing rendered between
        // the answer and the button's enabling (Resend), the button took the focus back
        // (useOneAtATime) and lost it to the page when the order's next state removed it.
        if (row) focusRow(row);
      }
      setProblem(r.ok ? null : r.error);
    });
  const id = record.order.orderId;
  const o = record.order;
  // Each button names its order for a screen reader and a test, as the row's other buttons do.
  const named = <span className="sr-only"> {shortOrderId(id)}</span>;
  const saveCorrection = () => {
    const checked = checkCorrection(o, form);
    if (!checked.ok) return firstInvalid()?.focus();
    void run(() => api.orders.correct({ orderId: id, draft: checked.draft }));
  };
  const exportIt = async () => {
    const r = await api.orders.export({ orderId: id });
    if (!r.ok) return setProblem(r.error);
    setExported(r.value.file);
    // Also as a download, so a browser-mode clerk gets the file on their own machine.
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([r.value.json], { type: 'application/json' }));
    a.download = `order-${id}.json`;
    a.click();
    URL.revokeObjectURL(a.href);
  };

  return (
    <span className="attention-actions" data-testid="attention-actions" ref={actionsRef}>
      <button
        type="button"
        className="button small"
        disabled={busy}
        onClick={() => {
          // From the order as it is now: what was typed and closed unsaved is not sent by a later
          // Save (it came back with the panel), and another window may have changed the order.
          setForm(correctionFormOf(record.order));
          setPanel('correct');
        }}
        ref={correctRef}
      >
        {t('orders.correct')}
        {named}
      </button>{' '}
      <button type="button" className="button small" disabled={busy} onClick={() => setPanel('void')} ref={voidRef}>
        {t('orders.void')}
        {named}
      </button>{' '}
      <button type="button" className="button small" disabled={busy} onClick={() => void exportIt()}>
        {t('orders.export')}
        {named}
      </button>{' '}
      <button
        type="button"
        className="button small"
        disabled={busy}
        onClick={() => void run(() => api.orders.retry({ orderId: id }))}
      >
        {t('orders.resend')}
        {named}
      </button>
      {panel === 'correct' ? (
        <CorrectPanel
          order={o}
          form={form}
          onForm={setForm}
          onSave={saveCorrection}
          onCancel={close}
          busy={busy}
          label={t('orders.correct')}
          panelRef={panelRef}
          onKeyDown={closeOnEsc}
        />
      ) : null}
      {panel === 'void' ? (
        <span {...panelProps(t('orders.void'))}>
          <VoidReasonField reason={reason} onReason={setReason} required={required} />
          <button
            type="button"
            className="button small danger"
            disabled={busy}
            ref={voidConfirmRef}
            onClick={() => {
              if (!required.filled({ reason })) return;
              const refused = schemaProblem(voidReasonTextSchema, reason);
              if (refused) setProblem(refused);
              else void run(() => api.orders.void({ orderId: id, reason }));
            }}
          >
            {t('orders.voidConfirm')}
          </button>
          <button type="button" className="button small" onClick={close}>
            {t('orders.cancel')}
          </button>
        </span>
      ) : null}
      {exported ? <span className="muted small">{t('orders.exported', { file: exported })}</span> : null}
      {problem ? (
        <span className="bad small" role="alert">
          {err(problem)}
        </span>
      ) : null}
    </span>
  );
}
