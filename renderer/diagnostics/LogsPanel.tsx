// "Open logs": a packaged app has no terminal, so Diagnostics opens the log folder (Electron)
// or, where a page cannot open folders (browser mode), shows the folder and its last lines.
import { useState } from 'react';
import type { OrderDeskApi, RequestOutput } from '../../shared/contract';
import type { AppError } from '../../shared/error-codes';
import { useDiagT } from './diagnostics-strings';

const TAIL_LINES = 200;

export function LogsPanel({ api }: { api: OrderDeskApi }) {
  const { t, err } = useDiagT();
  const [view, setView] = useState<RequestOutput<'logs', 'read'> | null>(null);
  const [cannotOpen, setCannotOpen] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  const show = async () => {
    const r = await api.logs.read({ maxLines: TAIL_LINES });
    if (r.ok) setView(r.value);
    else setError(r.error);
  };
  const open = async () => {
    setError(null);
    const r = await api.logs.open();
    if (!r.ok) return setError(r.error);
    if (!r.value.opened) {
      setCannotOpen(true);
      await show();
    }
  };

  return (
    <section className="card diag-card" aria-labelledby="diag-logs">
      <div className="card-head">
        <h2 id="diag-logs">{t('logs.title')}</h2>
        <div className="actions">
          <button type="button" className="button small" onClick={() => void open()}>
            {t('logs.open')}
          </button>
          <button type="button" className="button small ghost" onClick={() => void show()}>
            {t('logs.show')}
          </button>
        </div>
      </div>
      {error ? (
        <p className="bad" role="alert">
          {err(error)}
        </p>
      ) : null}
      {cannotOpen ? <p className="small muted">{t('logs.cannotOpen')}</p> : null}
      {view ? (
        <>
          <p className="small muted" data-testid="log-dir">
            {t('logs.folder', { dir: view.dir })}
          </p>
          {view.tail.length ? (
            <pre className="log-tail" data-testid="log-tail" tabIndex={0}>
              {view.tail.join('\n')}
            </pre>
          ) : (
            <p className="small muted">{t('logs.empty')}</p>
          )}
        </>
      ) : null}
    </section>
  );
}
