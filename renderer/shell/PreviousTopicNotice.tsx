// Orders delivered to a topic that was since deleted and re-created (or truncated): what
// happened, what it does to downstream consumers, and the operator's re-send behind a
// confirmation that says how many and since when (issue 10). Shown in the header's banners and
// in Diagnostics; nothing is re-sent without the confirmation.
import { useEffect, useState } from 'react';
import { appError, type AppError } from '../../shared/error-codes';
import type { ConnectionState } from '../../shared/outbox-types';
import { useT } from '../i18n/i18n';
import { formatTime } from '../outbox/format';
import { api } from '../transport/api';
import { useOneAtATime } from './one-at-a-time';

/**
 * Mounted while there is a connection, not only while a topic was re-created: the re-send
 * clears `previousTopic`, and its confirmation is this component's to show after that. Where it
 * stays up on every screen (the header), `resentForMs` lets the confirmation go after a while.
 */
export function PreviousTopicNotice({
  connection,
  where,
  resentForMs,
}: {
  connection: ConnectionState;
  where: string;
  resentForMs?: number;
}) {
  const { t, err, lang } = useT();
  const [confirming, setConfirming] = useState(false);
  const [busy, oneAtATime] = useOneAtATime();
  const [problem, setProblem] = useState<AppError | null>(null);
  const [resent, setResent] = useState<number | null>(null);
  useEffect(() => {
    if (resent === null || resentForMs === undefined) return;
    const timer = setTimeout(() => setResent(null), resentForMs);
    return () => clearTimeout(timer);
  }, [resent, resentForMs]);
  const previous = connection.previousTopic;
  if (!previous) {
    return resent !== null ? (
      <div className="banner ok" role="status" data-testid={`${where}-resent`}>
        {t('topic.resent', { count: resent })}
      </div>
    ) : null;
  }
  const params = { topic: connection.topic, count: previous.count, since: formatTime(previous.since, lang) };
  const resend = () =>
    oneAtATime(async () => {
      const r = await api.orders.resendPreviousTopic({ count: previous.count });
      setConfirming(false);
      setProblem(r.ok ? null : r.error);
      if (r.ok) setResent(r.value.resent);
    });
  return (
    <div className="banner bad" role="alert" data-testid={`${where}-previous-topic`} data-count={previous.count}>
      <strong>{err(appError('topic.recreated', params))}</strong>
      {previous.topicId ? (
        <div className="small" data-testid={`${where}-previous-topic-id`}>
          {err(appError('topic.recreatedById', { topic: connection.topic, ...previous.topicId }))}
        </div>
      ) : null}
      {problem ? <div className="small">{err(problem)}</div> : null}
      {confirming ? (
        <div className="small" data-testid={`${where}-resend-confirm`}>
          <p>{err(appError('topic.resendConfirm', params))}</p>
          <button type="button" className="button small" disabled={busy} onClick={() => void resend()}>
            {t('topic.resendYes', { count: previous.count })}
          </button>{' '}
          <button type="button" className="button small" disabled={busy} onClick={() => setConfirming(false)}>
            {t('topic.resendNo')}
          </button>
        </div>
      ) : (
        <div>
          <button type="button" className="button small" onClick={() => setConfirming(true)}>
            {t('topic.resend')}
          </button>
        </div>
      )}
    </div>
  );
}
