// "Find on topic": proof of delivery. Reads the order's record back from the topic at the
// partition and offset the outbox recorded, and shows it with its key and headers.
import { useState } from 'react';
import type { AppError } from '../../shared/error-codes';
import type { RequestOutput } from '../../shared/contract';
import { useT } from '../i18n/i18n';
import { api } from '../transport/api';
import { useOneAtATime } from '../shell/one-at-a-time';
import { shortOrderId } from '../../shared/order-ids';

type Found = RequestOutput<'history', 'findOnTopic'>;

export function FindOnTopic({ orderId }: { orderId: string }) {
  const { t, err } = useT();
  const [found, setFound] = useState<Found | null>(null);
  const [problem, setProblem] = useState<AppError | null>(null);
  const [busy, oneAtATime] = useOneAtATime();
  const find = () =>
    oneAtATime(async () => {
      const r = await api.history.findOnTopic({ orderId });
      if (!r.ok) return setProblem(r.error);
      setProblem(null);
      setFound(r.value);
    });
  return (
    <div className="find-on-topic">
      <button type="button" className="button small ghost" onClick={() => void find()} disabled={busy}>
        {t('topic.find')}
        <span className="sr-only"> {shortOrderId(orderId)}</span>
      </button>
      <div role="status" aria-live="polite">
        {problem ? <span className="bad small">{err(problem)}</span> : null}
        {found?.problem ? (
          <span className="bad small">{t(`topic.problem.${found.problem}`, { detail: found.detail })}</span>
        ) : null}
        {found?.record ? (
          <div className="topic-record" data-testid="topic-record">
            <strong className="ok small">✓ {t('topic.found')}</strong>
            <dl className="small">
              <dt>{t('topic.where')}</dt>
              <dd className="mono">
                {found.record.topic} · {found.record.partition} · {found.record.offset}
              </dd>
              <dt>{t('topic.key')}</dt>
              <dd className="mono">{found.record.key ?? '—'}</dd>
              {Object.entries(found.record.headers).map(([k, v]) => (
                <div key={k} className="contents">
                  <dt className="mono">{k}</dt>
                  <dd className="mono">{v}</dd>
                </div>
              ))}
            </dl>
            <pre className="mono small topic-value">{found.record.value}</pre>
          </div>
        ) : null}
      </div>
    </div>
  );
}
