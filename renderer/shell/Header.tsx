// Always visible: connection state, how many orders (and apart, cancellations) wait, the Sandbox
// badge, the offline banner with the count (orders are still accepted while offline), and a
// banner while the service process restarts after a crash (or was given up on).
import { useLayoutEffect, useRef } from 'react';
import { connectionReason } from '../../shared/delivery-states';
import { appError } from '../../shared/error-codes';
import { pageLanguages, useT } from '../i18n/i18n';
import { onTheirWay, useAppStore } from '../store/app-store';
import { headerCounts, headerStatus, offlineBannerKey } from './header-status';
import { InPageLanguages } from './InPageLanguages';
import { PreviousTopicNotice } from './PreviousTopicNotice';

// The re-send's confirmation in the header, on every screen: long enough to read, then it goes
// (Diagnostics keeps its own while it is open).
const RESENT_NOTICE_MS = 10_000;

/**
 * The header's height as `--header-height` on the page, which keeps that much clear above a
 * control the window scrolls to (styles.css, scroll-padding-top): the header is sticky and wraps
 * onto up to three rows (at 150% in a 1280×720 window), and Shift+Tab up a screen put each field
 * behind it.
 */
function useHeaderHeight() {
  const ref = useRef<HTMLElement>(null);
  useLayoutEffect(() => {
    const header = ref.current;
    if (!header || typeof ResizeObserver === 'undefined') return;
    const root = document.documentElement;
    const set = () => root.style.setProperty('--header-height', `${header.offsetHeight}px`);
    set();
    const watch = new ResizeObserver(set);
    watch.observe(header);
    return () => watch.disconnect();
  }, []);
  return ref;
}

export function Header({ nav }: { nav: React.ReactNode }) {
  const { t } = useT();
  const headerRef = useHeaderHeight();
  const connection = useAppStore((s) => s.connection);
  const info = useAppStore((s) => s.info);
  // The live connection state wins: saving brokers in Settings leaves the sandbox without a restart.
  const sandbox = connection ? connection.sandbox : Boolean(info?.sandbox);
  const service = useAppStore((s) => s.service);
  const transport = useAppStore((s) => s.transport);
  const status = headerStatus(transport, service, connection);
  const counts = headerCounts(status, transport);
  // Orders on their way, and apart from them those a person must resend or void: counted as
  // waiting, they were promised to go "when the order server is back", and never would.
  const attention = connection?.attention ?? 0;
  const waiting = connection ? onTheirWay(connection) : 0;
  return (
    <header className="app-header" ref={headerRef}>
      <div className="brand">
        <span className="logo" aria-hidden>
          ◆
        </span>
        <span className="brand-name">{t('app.title')}</span>
        {sandbox ? (
          <span className="badge sandbox" title={t('app.sandboxHint')} data-testid="sandbox-badge">
            {t('app.sandbox')}
          </span>
        ) : null}
      </div>
      {nav}
      <div className="conn" data-testid="connection" data-status={status}>
        <span className={`dot ${status}`} aria-hidden />
        <span>
          {status === 'unauthorized' || status === 'refused' ? (
            <InPageLanguages langs={pageLanguages} word={`conn.${status}`} />
          ) : (
            t(`conn.${status}`)
          )}
        </span>
        {!counts ? null : (
          <span className={`waiting ${waiting > 0 ? 'has' : ''}`} data-testid="waiting" data-count={waiting}>
            {t('conn.waiting', { count: waiting })}
          </span>
        )}
        {connection && connection.cancellations > 0 && counts ? (
          <span className="waiting has" data-testid="cancellations-count" data-count={connection.cancellations}>
            {t('conn.cancellations', { count: connection.cancellations })}
          </span>
        ) : null}
        {attention > 0 && counts ? (
          <span className="waiting has" data-testid="attention-count" data-count={attention}>
            {t('conn.attention', { count: attention })}
          </span>
        ) : null}
      </div>
      {/* In the banner landmark, where a screen reader starts: not loose on the page. */}
      <p className="sr-only">{t('keys.hint')}</p>
    </header>
  );
}

export function Banners() {
  const { t, err } = useT();
  const connection = useAppStore((s) => s.connection);
  const transport = useAppStore((s) => s.transport);
  const loadError = useAppStore((s) => s.loadError);
  const service = useAppStore((s) => s.service);
  const reason = connectionReason(connection?.error ?? null);
  // What the cluster's banners say is as stale as the header's counts while the service restarts
  // or the page reconnects: "Offline. Orders waiting: 1" stood under "Order service stopped".
  const fresh = headerCounts(headerStatus(transport, service, connection), transport);
  return (
    <>
      {service?.status === 'restarting' ? (
        <div className="banner warn" role="alert" data-testid="service-banner" data-status="restarting">
          {t('service.restarting')}
        </div>
      ) : service?.status === 'failed' ? (
        <div className="banner bad" role="alert" data-testid="service-banner" data-status="failed">
          {service.error ? err(service.error) : t('service.restarting')}
        </div>
      ) : null}
      {transport === 'unauthorized' ? (
        <div className="banner bad" role="alert">
          <InPageLanguages langs={pageLanguages} error={appError('request.unauthorized')} />
        </div>
      ) : transport === 'closed' ? (
        <div className="banner bad" role="alert" data-testid="lost-contact-banner">
          {t('conn.serviceLost')}
        </div>
      ) : null}
      {!fresh ? null : connection?.status === 'offline' ? (
        <div className="banner warn" data-testid="offline-banner">
          <strong>{t(offlineBannerKey(reason), { count: onTheirWay(connection) })}</strong>
          {connection.cancellations > 0 ? (
            <div className="small">{t('conn.bannerCancellations', { count: connection.cancellations })}</div>
          ) : null}
          {connection.attention > 0 ? (
            <div className="small">{t('conn.bannerAttention', { count: connection.attention })}</div>
          ) : null}
          {/* The alert is the cause alone, read out when the banner comes or the cause changes: the
              whole banner was, and each order saved offline changed its count and read it all
              out again, over the form's "Saved". */}
          <div className="small" role="alert">
            {reason ? err(reason) : <span className="sr-only">{t('conn.offline')}</span>}
          </div>
        </div>
      ) : connection?.error ? (
        <div className="banner warn" role="alert" data-testid="connection-banner">
          {err(reason)}
        </div>
      ) : null}
      {connection ? (
        <PreviousTopicNotice connection={connection} where="header" resentForMs={RESENT_NOTICE_MS} />
      ) : null}
      {loadError && transport === 'open' ? (
        <div className="banner bad" role="alert">
          {err(loadError)}
        </div>
      ) : null}
    </>
  );
}
