// Recent orders with their live delivery state: saved → sending → delivered (partition,
// offset), or failed with the reason in the clerk's words and a Retry button.
import { useState } from 'react';
import type { OrderRecord } from '../../shared/outbox-types';
import type { AppError } from '../../shared/error-codes';
import { useT } from '../i18n/i18n';
import { api } from '../transport/api';
import { useAppStore } from '../store/app-store';
import { formatMoney, formatTime } from './format';

/** A failure the dispatcher will retry by itself is shown amber, one only the clerk can retry red. */
export function StateBadge({ record }: { record: OrderRecord }) {
  const { t } = useT();
  const waiting = record.state === 'failed' && record.autoRetry;
  return (
    <span className={`badge state-${waiting ? 'retrying' : record.state}`}>{t(`orders.state.${record.state}`)}</span>
  );
}

function OrderDetail({ record }: { record: OrderRecord }) {
  const { t, err, lang } = useT();
  if (record.state === 'delivered') {
    return (
      <span className="muted">
        {t('orders.where', { partition: record.partition ?? '?', offset: record.offset ?? '?' })}
      </span>
    );
  }
  if (!record.error) return null;
  const auto = record.state === 'failed' && record.autoRetry;
  return (
    <>
      <span className={auto || record.state !== 'failed' ? 'warn' : 'bad'}>{err(record.error)}</span>
      {auto ? (
        <span className="muted">
          {' '}
          {record.nextAttemptAt
            ? t('orders.autoRetry', { time: formatTime(record.nextAttemptAt, lang) })
            : t('orders.autoRetrySoon')}
        </span>
      ) : null}
    </>
  );
}

function RetryButton({ record }: { record: OrderRecord }) {
  const { t, err } = useT();
  const upsert = useAppStore((s) => s.upsertOrder);
  const [problem, setProblem] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  if (record.state !== 'failed') return null;
  const retry = async () => {
    setBusy(true);
    const r = await api.orders.retry({ orderId: record.order.orderId });
    setBusy(false);
    if (r.ok) upsert(r.value);
    setProblem(r.ok ? null : r.error);
  };
  return (
    <>
      <button type="button" className="button small" onClick={() => void retry()} disabled={busy}>
        {t('orders.retry')}
      </button>
      {problem ? <span className="bad small">{err(problem)}</span> : null}
    </>
  );
}

export function RecentOrders({ limit, compact }: { limit: number; compact: boolean }) {
  const { t, lang } = useT();
  const orders = useAppStore((s) => s.orders).slice(0, limit);
  if (compact) {
    return (
      <section className="card recent" aria-labelledby="recent-title">
        <div className="card-head">
          <h2 id="recent-title">{t('orders.recent')}</h2>
        </div>
        {orders.length === 0 ? <p className="muted empty">{t('orders.empty')}</p> : null}
        <ul className="recent-list">
          {orders.map((r) => (
            <li key={r.order.orderId} className="recent-item" data-order-id={r.order.orderId} data-state={r.state}>
              <div className="recent-main">
                <span className="recent-customer">{r.order.customerName}</span>
                <span className="muted mono small">{r.order.customerId}</span>
                <span className="recent-total">{formatMoney(r.order.total, r.order.currency, lang)}</span>
              </div>
              <div className="recent-sub">
                <StateBadge record={r} />
                <span className="muted small">{formatTime(r.savedAt, lang)}</span>
                <span className="small">
                  <OrderDetail record={r} />
                </span>
                <RetryButton record={r} />
              </div>
            </li>
          ))}
        </ul>
      </section>
    );
  }
  return (
    <section className="card" aria-labelledby="outbox-title">
      <div className="card-head">
        <h1 id="outbox-title">{t('nav.outbox')}</h1>
      </div>
      {orders.length === 0 ? <p className="muted empty">{t('orders.empty')}</p> : null}
      {orders.length > 0 ? (
        <table className="table">
          <thead>
            <tr>
              <th>{t('orders.col.time')}</th>
              <th>{t('orders.col.order')}</th>
              <th>{t('orders.col.customer')}</th>
              <th className="num">{t('orders.col.total')}</th>
              <th>{t('orders.col.state')}</th>
              <th>{t('orders.col.detail')}</th>
            </tr>
          </thead>
          <tbody>
            {orders.map((r) => (
              <tr key={r.order.orderId} data-order-id={r.order.orderId} data-state={r.state}>
                <td className="mono small">{formatTime(r.savedAt, lang)}</td>
                <td className="mono small" title={r.order.orderId}>
                  {r.order.orderId.slice(0, 8)}
                </td>
                <td>
                  {r.order.customerName} <span className="muted mono small">{r.order.customerId}</span>
                  <div className="muted small">{t('orders.items', { n: r.order.lines.length })}</div>
                </td>
                <td className="num">{formatMoney(r.order.total, r.order.currency, lang)}</td>
                <td>
                  <StateBadge record={r} />
                </td>
                <td className="small">
                  <OrderDetail record={r} />
                  {r.attempts > 1 ? (
                    <span className="muted"> · {t('orders.attempts', { n: r.attempts })}</span>
                  ) : null}{' '}
                  <RetryButton record={r} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
