// What a screen shows in place of itself when it throws while rendering (a lazily loaded screen
// whose file cannot be fetched, a fault in a screen): the header and its shortcuts stay, so the
// clerk can go back to the order screen, instead of the whole window going blank.
import { useEffect, useRef } from 'react';
import type { FallbackProps } from 'react-error-boundary';
import { useT } from '../i18n/i18n';

export function ScreenFailed({ error }: FallbackProps) {
  const { t } = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  // The screen that had the focus is gone: the alert's heading takes it, so Tab reaches Reload.
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="card" role="alert">
      <h2 ref={heading} tabIndex={-1}>
        {t('screen.failed')}
      </h2>
      <p>{t('screen.failedKept')}</p>
      {/* The browser's own words, in English whatever the screen's language: for whoever helps. */}
      <details className="muted">
        <summary>{t('screen.failedDetail')}</summary>
        <code>{error instanceof Error ? error.message : String(error)}</code>
      </details>
      <button type="button" className="button" onClick={() => window.location.reload()}>
        {t('screen.reload')}
      </button>
    </section>
  );
}
