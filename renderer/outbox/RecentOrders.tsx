// Recent orders with their live delivery state as the clerk is told it (shared/delivery-states.ts):
// saved → waiting (with the reason in plain words) → sending → delivered (partition, offset), or
// needs attention with what a person can do (AttentionActions). No broker addresses, retry
// counters or broker text here: operators find those in Diagnostics and the logs.
import type { OrderRecord } from '../../shared/outbox-types';
import { clerkViewNow } from '../../shared/delivery-states';
import { useT } from '../i18n/i18n';
import { useAppStore } from '../store/app-store';
import { AttentionActions } from './AttentionActions';
import { VoidedNote } from '../receipt/VoidOrderForm';
import { formatMoney, formatTime } from './format';
import { shortOrderId } from '../../shared/order-ids';

const BADGE: Record<ReturnType<typeof clerkViewNow>['state'], string> = {
  saved: 'state-saved',
  waiting: 'state-retrying',
  sending: 'state-sending',
  delivered: 'state-delivered',
  attention: 'state-failed',
  voided: 'state-failed',
};

/** The clerk's view of an order with the connection as the header sees it (delivery-states.ts). */
function useClerkView(record: OrderRecord) {
  const connection = useAppStore((s) => s.connection);
  return clerkViewNow(record, connection);
}

export function StateBadge({ record }: { record: OrderRecord }) {
  const { t } = useT();
  const view = useClerkView(record);
  // Gone with a re-created topic says so on the badge (an operator re-sends it from Diagnostics).
  const label =
    record.state === 'delivered-previous-topic'
      ? t('orders.state.delivered-previous-topic')
      : t(`orders.state.${view.state}`);
  const badge = (
    <span className={`badge ${BADGE[view.state]}`} data-testid="state-badge">
      {label}
    </span>
  );
  // A delivered order voided since keeps its delivery (the cancellation follows it on the topic),
  // and says it is void wherever it is listed: "Delivered" alone read as a sale that stands.
  const voided =
    record.cancellation && view.state !== 'voided' ? (
      <>
        {' '}
        <span className="badge state-failed" data-testid="voided-badge">
          {t('orders.state.voided')}
        </span>
      </>
    ) : null;
  // After training on the same terminal, practice orders stay in its history: never taken for sales.
  return (
    <>
      {badge}
      {voided}
      {record.practice ? (
        <>
          {' '}
          <PracticeBadge title={t('orders.practiceTitle')} />
        </>
      ) : null}
    </>
  );
}

/** The mark of an order made on the app's training cluster, with why it matters where it is shown. */
export function PracticeBadge({ title }: { title: string }) {
  const { t } = useT();
  return (
    <span className="badge state-practice" title={title} data-testid="practice-badge">
      {t('orders.practice')}
    </span>
  );
}

function OrderDetail({ record }: { record: OrderRecord }) {
  const { t, err } = useT();
  const view = useClerkView(record);
  if (view.state === 'delivered') {
    return (
      <span className="muted">
        {t('orders.where', { partition: record.partition ?? '?', offset: record.offset ?? '?' })}
      </span>
    );
  }
  // Voided from here with its cancellation kept (its send's answer was lost: it may be in the
  // topic): "Voided, not sent" was untrue, and nothing said where the cancellation waits.
  if (view.state === 'voided' && record.cancellation) return <VoidedNote record={record} />;
  if (!view.reason) return null;
  return (
    <span className={view.state === 'waiting' ? 'warn' : 'bad'} data-testid="order-reason">
      {err({ code: view.reason, ...(view.params ? { params: view.params } : {}) })}
    </span>
  );
}

/** `limit`: the newest that many; without it, every order the window holds (the Outbox screen). */
export function RecentOrders({ limit, compact }: { limit?: number; compact: boolean }) {
  const { t, lang } = useT();
  const orders = useAppStore((s) => s.orders).slice(0, limit);
  const connection = useAppStore((s) => s.connection);
  if (compact) {
    return (
      <section className="card recent" aria-labelledby="recent-title">
        <div className="card-head">
          <h2 id="recent-title">{t('orders.recent')}</h2>
        </div>
        {orders.length === 0 ? <p className="muted empty">{t('orders.empty')}</p> : null}
        <ul className="recent-list">
          {orders.map((r) => (
            <li
              key={r.order.orderId}
              className="recent-item"
              data-order-id={r.order.orderId}
              data-state={clerkViewNow(r, connection).state}
            >
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
                <AttentionActions record={r} />
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
              <tr key={r.order.orderId} data-order-id={r.order.orderId} data-state={clerkViewNow(r, connection).state}>
                <td className="mono small">{formatTime(r.savedAt, lang)}</td>
                <td className="mono small" title={r.order.orderId}>
                  {shortOrderId(r.order.orderId)}
                </td>
                <td>
                  <bdi>{r.order.customerName}</bdi> <bdi className="muted mono small">{r.order.customerId}</bdi>
                  <div className="muted small">{t('orders.items', { n: r.order.lines.length })}</div>
                </td>
                <td className="num">{formatMoney(r.order.total, r.order.currency, lang)}</td>
                <td>
                  <StateBadge record={r} />
                </td>
                <td className="small">
                  <OrderDetail record={r} /> <AttentionActions record={r} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
