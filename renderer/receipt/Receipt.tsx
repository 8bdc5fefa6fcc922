// A receipt of any order: store, terminal, clerk, date, lines, the total with the VAT included
// in it (공급가액 and 부가세), payment, and the order id as text and as a QR code. Printing uses
// the browser's (or Electron's) print with print CSS that shows only the receipt; reprinting
// is opening it again from Orders.
import { useEffect, useMemo, useRef, useState } from 'react';
import { encode } from 'uqr';
import type { OrderRecord } from '../../shared/outbox-types';
import { splitVatInclusive } from '../../shared/vat';
import { useT } from '../i18n/i18n';
import { formatDateTime, formatMoney } from '../outbox/format';
import { clerkView } from '../../shared/delivery-states';
import { VoidedNote, VoidOrderForm } from './VoidOrderForm';
import { focusBack } from '../shell/screen-focus';
import { api } from '../transport/api';
import { applyChanges } from '../store/order-list';

/** The order id as a QR code: dark modules as one SVG path, no script or inline style (CSP). */
function QrCode({ text, label }: { text: string; label: string }) {
  const path = useMemo(() => {
    const { data, size } = encode(text, { ecc: 'M', border: 2 });
    let d = '';
    for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) if (data[y][x]) d += `M${x} ${y}h1v1h-1z`;
    return { d, size };
  }, [text]);
  return (
    <svg
      className="qr"
      viewBox={`0 0 ${path.size} ${path.size}`}
      role="img"
      aria-label={label}
      data-testid="receipt-qr"
      shapeRendering="crispEdges"
    >
      <rect width={path.size} height={path.size} fill="#fff" />
      <path d={path.d} fill="#000" />
    </svg>
  );
}

export function Receipt(props: { record: OrderRecord; onClose(): void; onVoided?(record: OrderRecord): void }) {
  const { onClose } = props;
  const { t, lang } = useT();
  const ref = useRef<HTMLDialogElement>(null);
  // The receipt shows the order as it is now: voided from here, it says VOID at once.
  const [record, setRecord] = useState(props.record);
  const [voiding, setVoiding] = useState(false);
  const o = record.order;
  const voided = record.state === 'voided' || !!record.cancellation;
  // An order that needs attention is voided from its row (never sent, no cancellation).
  const canVoid = !voided && clerkView(record).state !== 'attention';
  const money = (n: number) => formatMoney(n, o.currency, lang);
  const { supply, vat } = splitVatInclusive(o.total, o.currency);
  const closeRef = useRef<HTMLButtonElement>(null);
  // A void's answer says its cancellation waits; its delivery comes later as a change of the
  // order, and a receipt left open said "waiting" for good while the Orders row said delivered.
  const orderId = o.orderId;
  useEffect(
    () =>
      api.on('orders.changed', ({ changes }) => {
        const mine = changes.filter((c) => c.orderId === orderId);
        if (mine.length > 0) setRecord((r) => applyChanges([r], mine).orders?.[0] ?? r);
      }),
    [orderId],
  );
  useEffect(() => {
    const d = ref.current;
    // showModal() puts the focus on the dialog's first button (Void…): Close is where it starts.
    if (d && !d.open) d.showModal();
    closeRef.current?.focus();
    document.body.classList.add('printing-receipt');
    return () => document.body.classList.remove('printing-receipt');
  }, []);
  // The void form goes with the field or button that had the focus, which fell to the page: Back
  // gives it to Void…, which opened the form; once voided, Void… is gone too, and it goes to
  // Close, where the receipt starts.
  const voidRef = useRef<HTMLButtonElement>(null);
  const wasVoiding = useRef(false);
  useEffect(() => {
    if (wasVoiding.current && !voiding) focusBack(voidRef.current ?? closeRef.current);
    wasVoiding.current = voiding;
  }, [voiding]);
  return (
    <dialog
      ref={ref}
      className="dialog receipt-dialog"
      aria-labelledby="receipt-title"
      onClose={onClose}
      onCancel={(e) => {
        // Esc in the void form is its Back, as in every panel opened from a button: it closed the
        // whole receipt, and the reason typed with it.
        if (!voiding) return;
        e.preventDefault();
        setVoiding(false);
      }}
    >
      <article className="receipt" data-testid="receipt">
        <h2 id="receipt-title">{t('receipt.title')}</h2>
        {record.practice ? (
          <p className="receipt-practice" data-testid="receipt-practice">
            {t('receipt.practice')}
          </p>
        ) : null}
        {voided ? (
          <p className="receipt-void" data-testid="receipt-void">
            {t('receipt.void')}
          </p>
        ) : null}
        <dl className="receipt-meta">
          <dt>{t('settings.storeId')}</dt>
          <dd>{o.storeId}</dd>
          <dt>{t('settings.terminalId')}</dt>
          <dd>{o.terminalId}</dd>
          <dt>{t('settings.clerk')}</dt>
          <dd>{o.clerk}</dd>
          <dt>{t('receipt.date')}</dt>
          <dd>{formatDateTime(o.createdAt, lang)}</dd>
          <dt>{t('orders.col.customer')}</dt>
          <dd>
            {/* Isolated: an Arabic or Hebrew name pulled a numeric ID to its left, "(1001) محمد". */}
            <bdi>{o.customerName}</bdi> (<bdi>{o.customerId}</bdi>)
          </dd>
          {/* The clerk's note ("deliver at 3 pm") was on no screen once the order was saved. */}
          {o.note ? (
            <>
              <dt>{t('form.note')}</dt>
              <dd data-testid="receipt-note">
                <bdi>{o.note}</bdi>
              </dd>
            </>
          ) : null}
        </dl>
        <table className="receipt-lines">
          <thead>
            <tr>
              <th scope="col">{t('form.product')}</th>
              <th scope="col" className="num">
                {t('form.quantity')}
              </th>
              <th scope="col" className="num">
                {t('form.subtotal')}
              </th>
            </tr>
          </thead>
          <tbody>
            {o.lines.map((l, i) => (
              <tr key={i}>
                <td>
                  {l.productName}
                  <div className="small receipt-sub">
                    {l.sku} · {money(l.unitPrice)}
                  </div>
                </td>
                <td className="num">{l.quantity}</td>
                <td className="num">{money((Math.round(l.unitPrice * 100) * l.quantity) / 100)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <dl className="receipt-sums">
          <dt>{t('receipt.supply')}</dt>
          <dd data-testid="receipt-supply">{money(supply)}</dd>
          <dt>{t('receipt.vat')}</dt>
          <dd data-testid="receipt-vat">{money(vat)}</dd>
          <dt className="receipt-total">{t('form.total')}</dt>
          <dd className="receipt-total" data-testid="receipt-total">
            {money(o.total)}
          </dd>
          <dt>{t('form.paymentMethod')}</dt>
          <dd>{t(`form.pay.${o.paymentMethod}`)}</dd>
        </dl>
        <div className="receipt-id">
          <QrCode text={o.orderId} label={t('receipt.qr', { id: o.orderId })} />
          <span className="mono small">{o.orderId}</span>
        </div>
        <VoidedNote record={record} />
      </article>
      {voiding ? (
        <VoidOrderForm
          record={record}
          onBack={() => setVoiding(false)}
          onVoided={(r) => {
            // The cancellation's delivery may have come before the void's answer.
            setRecord((now) => (now.cancellation?.state === 'delivered' ? now : r));
            setVoiding(false);
            props.onVoided?.(r);
          }}
        />
      ) : null}
      <div className="dialog-foot no-print" hidden={voiding}>
        {canVoid ? (
          <button type="button" className="button danger" onClick={() => setVoiding(true)} ref={voidRef}>
            {t('void.open')}
          </button>
        ) : null}
        <button type="button" className="button primary" onClick={() => window.print()}>
          {t('receipt.print')}
        </button>
        <button type="button" className="button secondary" onClick={onClose} ref={closeRef}>
          {t('common.close')}
        </button>
      </div>
    </dialog>
  );
}
