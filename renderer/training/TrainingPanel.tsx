// Training mode, in the app itself: while the app runs its own sandbox cluster a trainer stops
// and starts brokers, takes the whole cluster down, or slows a broker, from here (the same
// commands the terminal takes), and watches the clerk's screen go offline and recover.
import { useCallback, useEffect, useState } from 'react';
import { useT } from '../i18n/i18n';
import { api } from '../transport/api';
import { commandOutcome, parseStatus, type BrokerState, type CommandOutcome } from './training-status';
import { useOneAtATime } from '../shell/one-at-a-time';

const SLOW_MS = 800;
// Brokers also stop and start from the terminal's stdin, another window, or by themselves: while
// the screen is open it asks again this often, so its rows and their buttons say what is.
const REFRESH_MS = 2_000;

export function TrainingPanel() {
  const { t, err } = useT();
  const [brokers, setBrokers] = useState<BrokerState[]>([]);
  const [last, setLast] = useState<CommandOutcome | null>(null);
  const [busy, oneAtATime] = useOneAtATime();

  const refresh = useCallback(async () => {
    const r = await api.training.command({ command: 'status' });
    if (r.ok) setBrokers(parseStatus(r.value.reply));
  }, []);
  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  const run = (command: string) =>
    oneAtATime(async () => {
      const r = await api.training.command({ command });
      setLast(r.ok ? commandOutcome(command, r.value.reply) : commandOutcome(command, err(r.error)));
      await refresh();
    });

  return (
    <section className="card training" aria-labelledby="training-title">
      <div className="card-head">
        <h1 id="training-title">{t('training.title')}</h1>
      </div>
      <p className="muted">{t('training.hint')}</p>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('training.broker')}</th>
            <th scope="col">{t('orders.col.state')}</th>
            <th scope="col">
              <span className="sr-only">{t('training.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {brokers.map((b) => (
            <tr key={b.id} data-broker={b.id} data-up={b.up}>
              <th scope="row">{t('training.brokerN', { n: b.id })}</th>
              <td>
                <span className={`badge ${b.up ? 'state-delivered' : 'state-failed'}`}>
                  {t(b.up ? 'training.up' : 'training.down')}
                </span>
                {b.latency ? <span className="muted small"> +{b.latency} ms</span> : null}
              </td>
              <td className="row">
                <button
                  type="button"
                  className="button secondary"
                  disabled={busy}
                  onClick={() => void run(`${b.up ? 'stop' : 'start'} ${b.id}`)}
                >
                  {t(b.up ? 'training.stop' : 'training.start', { n: b.id })}
                </button>
                <button
                  type="button"
                  className="button ghost"
                  disabled={busy || !b.up}
                  onClick={() => void run(`latency ${b.id} ${b.latency ? 0 : SLOW_MS}`)}
                >
                  {t(b.latency ? 'training.fast' : 'training.slow', { n: b.id, ms: SLOW_MS })}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row training-all">
        <button type="button" className="button danger" disabled={busy} onClick={() => void run('stop-all')}>
          {t('training.stopAll')}
        </button>
        <button type="button" className="button primary" disabled={busy} onClick={() => void run('start-all')}>
          {t('training.startAll')}
        </button>
      </div>
      <p className="small" role="status" aria-live="polite">
        {last ? t(last.key, last.params) : ''}
      </p>
    </section>
  );
}
