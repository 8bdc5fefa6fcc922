// The terminal's delivered-order history: how many orders it keeps, since when, and for how
// long (Settings → Keep delivered orders). Read when Diagnostics opens and with its refresh.
import { useEffect, useState } from 'react';
import type { OrderDeskApi } from '../../shared/contract';
import type { HistoryInfo } from '../../shared/outbox-types';
import type { AppError } from '../../shared/error-codes';
import { useDiagT } from './diagnostics-strings';
import { formatDate } from '../outbox/format';

export function HistoryPanel({ api, refreshKey }: { api: OrderDeskApi; refreshKey: unknown }) {
  const { t, err, lang } = useDiagT();
  const [info, setInfo] = useState<HistoryInfo | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  useEffect(() => {
    let live = true;
    void api.orders.history().then((r) => {
      if (!live) return;
      if (r.ok) {
        setInfo(r.value);
        setError(null);
      } else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [api, refreshKey]);

  return (
    <section className="card diag-card" aria-labelledby="diag-history">
      <div className="card-head">
        <h2 id="diag-history">{t('history.title')}</h2>
      </div>
      {error ? (
        <p className="bad" role="alert">
          {err(error)}
        </p>
      ) : null}
      {info ? (
        <p data-testid="history-info">
          {t('history.count', { count: info.count })} · {t('history.retention', { days: info.retentionDays })}
          {info.oldestDeliveredAt ? (
            <span className="muted"> · {t('history.oldest', { time: formatDate(info.oldestDeliveredAt, lang) })}</span>
          ) : null}
        </p>
      ) : null}
    </section>
  );
}
