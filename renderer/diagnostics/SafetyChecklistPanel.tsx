// The order-intake safety checklist: pass / warn / unknown and one sentence of why per item.
import { CHECKLIST_TEXT, type SafetyChecklist } from '../../shared/diagnostics-types';
import { useDiagT } from './diagnostics-strings';
import { durationText } from './duration-text';

const BADGE = { pass: 'state-delivered', warn: 'diag-badge-warn', unknown: 'state-saved' } as const;

export function SafetyChecklistPanel({ checklist }: { checklist: SafetyChecklist }) {
  const { t, err, lang } = useDiagT();
  return (
    <section className="card diag-card" aria-labelledby="diag-checklist">
      <div className="card-head">
        <h2 id="diag-checklist">{t('check.title')}</h2>
      </div>
      {checklist.error ? <p className="muted">{err(checklist.error)}</p> : null}
      <ul className="diag-checklist" data-testid="safety-checklist">
        {checklist.items.map((item) => (
          <li key={item.id} data-item={item.id} data-status={item.status}>
            <span className={`badge ${BADGE[item.status]}`}>{t(`check.${item.status}`)}</span>
            <div>
              <div className="diag-check-title">
                <strong className="mono">{CHECKLIST_TEXT[item.id].title[lang]}</strong>
                {item.value !== null ? (
                  <span className="muted small">
                    {t('check.value', {
                      value:
                        item.durationMs === undefined
                          ? item.value
                          : t('check.duration', { duration: durationText(t, item.durationMs), value: item.value }),
                    })}
                  </span>
                ) : null}
              </div>
              {item.reason ? (
                <p className="small" data-testid={`check-reason-${item.id}`}>
                  {err(item.reason)}
                </p>
              ) : null}
              <p className="small diag-why">{CHECKLIST_TEXT[item.id].why[lang]}</p>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
