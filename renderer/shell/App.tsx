// Layout and navigation. Alt+1..7 switch screens from anywhere, so the clerk never needs the
// mouse, and each screen opens at its top with the focus in it (screen-focus.ts); F1 (or ?
// outside a text field) lists every shortcut (shortcuts.ts). Leaving Settings with unsaved edits
// asks first (Esc stays), and so does closing or reloading the page.
import { lazy, Suspense, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { ErrorBoundary } from 'react-error-boundary';
import { focusBack, focusedNow, focusScreen, focusScreenAgain } from './screen-focus';
import { pageLanguages, useT } from '../i18n/i18n';
import { NoTokenPage } from './NoTokenPage';
import { FormOwnerGate } from '../order-form/FormOwnerGate';
import { RecentOrders } from '../outbox/RecentOrders';
import { SettingsScreen } from '../settings/SettingsScreen';
import { HistoryScreen } from '../history/HistoryScreen';
import { TrainingPanel } from '../training/TrainingPanel';
import { ReviewScreen } from '../review/ReviewScreen';
import { RiskSettings } from '../settings/RiskSettings';
import { useAppStore } from '../store/app-store';
import { resendableByKey } from '../../shared/delivery-states';
import { api } from '../transport/api';
import type { UiKey } from '../i18n/ui-strings';
import type { AppError } from '../../shared/error-codes';
import { shortOrderId } from '../../shared/order-ids';
import { Banners, Header } from './Header';
import { ScreenFailed } from './ScreenFailed';
import { ShortcutsDialog } from './ShortcutsDialog';

// Diagnostics (charts, the benchmark) is loaded only when first opened: the order form never waits
// for it. React.lazy keeps its first answer, a failed fetch too (the network, an update under an
// open window), so after a failure a fresh one is made and the next opening fetches it again.
const lazyDiagnostics = () => lazy(() => import('../diagnostics/DiagnosticsScreen'));

const SCREENS = ['order', 'history', 'outbox', 'diagnostics', 'settings', 'review'] as const;
/** Training is a screen only while the app runs its own sandbox cluster. */
type Screen = (typeof SCREENS)[number] | 'training';

const typingIn = (el: EventTarget | null) =>
  el instanceof HTMLElement && (el.matches('input, textarea, select') || el.isContentEditable);

/** What a shortcut with no screen of its own (Alt+T) did, said under the banners for a while. */
type KeyNotice = { key: UiKey; params?: Record<string, string> } | { error: AppError };
const KEY_NOTICE_MS = 8_000;

export function App() {
  const { t, err } = useT();
  const [screen, setScreen] = useState<Screen>('order');
  const [help, setHelp] = useState(false);
  const [leaving, setLeaving] = useState<Screen | null>(null);
  const [keyNotice, setKeyNotice] = useState<KeyNotice | null>(null);
  useEffect(() => {
    if (!keyNotice) return;
    const timer = setTimeout(() => setKeyNotice(null), KEY_NOTICE_MS);
    return () => clearTimeout(timer);
  }, [keyNotice]);
  const connection = useAppStore((s) => s.connection);
  const info = useAppStore((s) => s.info);
  const held = useAppStore((s) => s.heldForReview);
  const training = connection ? connection.sandbox : Boolean(info?.sandbox);
  const screens: readonly Screen[] = training ? [...SCREENS, 'training'] : SCREENS;
  const shown: Screen = screen === 'training' && !training ? 'order' : screen;
  const unauthorized = useAppStore((s) => s.transport === 'unauthorized');
  const refused = useAppStore((s) => (s.transport === 'refused' ? s.transportError : null));

  const screensNow = useRef(screens);
  screensNow.current = screens;
  /** Switches screens, asking first when Settings has unsaved edits. */
  const go = useRef<(s: Screen) => void>(() => {});
  // Where the operator was when the question came up: Stay (or Esc) puts the focus back there.
  const focusBeforeLeaving = useRef<HTMLElement | null>(null);
  const stayRef = useRef<HTMLButtonElement>(null);
  go.current = (next) => {
    if (next === screen) {
      if (mainRef.current) focusScreenAgain(mainRef.current);
      return;
    }
    if (screen === 'settings' && useAppStore.getState().settingsDirty) {
      // Asked again with the question still up and the cursor tabbed away from it, the key did
      // nothing: the cursor goes back to the question, and Stay still returns to the field it
      // was first asked from.
      if (leaving) stayRef.current?.focus();
      else focusBeforeLeaving.current = focusedNow();
      return setLeaving(next);
    }
    setScreen(next);
  };
  useEffect(() => {
    if (leaving) return;
    focusBack(focusBeforeLeaving.current);
    focusBeforeLeaving.current = null;
  }, [leaving]);
  // Esc answers the question as Stay wherever the cursor is while it is up: tabbed off it (to the
  // page's end, the header, a field), Esc did nothing. The cursor goes back to the field the
  // question was asked from, as Stay takes it: that is the edit the clerk stays to finish, and
  // Tab from the question lands on the header, where nothing is edited. An Esc a control used
  // for itself (the Save question's Back) is left to it; the next one answers this question.
  const leavingNow = useRef(leaving);
  leavingNow.current = leaving;
  const stay = useRef(() => {
    const back = focusBeforeLeaving.current;
    if (back?.isConnected && back !== document.body) back.focus();
    setLeaving(null);
  });

  // Each screen opens at its top: the page's scroll is the window's, and a screen left scrolled
  // (Settings, the Orders list) opened the next one at that offset, the order screen's quick
  // keys and first fields under the header. Before paint, so the old offset is never drawn.
  useLayoutEffect(() => {
    window.scrollTo(0, 0);
  }, [shown]);
  // And the keyboard's focus goes into it (screen-focus.ts); after the screen's own effects, so a
  // screen that placed it keeps it.
  const mainRef = useRef<HTMLElement>(null);
  const diagnostics = useRef(lazyDiagnostics());
  const DiagnosticsScreen = diagnostics.current;
  useEffect(() => (mainRef.current ? focusScreen(mainRef.current) : undefined), [shown]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // F1's list, open over the question, is what its Esc closes.
      const inDialog = e.target instanceof Element && e.target.closest('dialog') !== null;
      if (e.key === 'Escape' && leavingNow.current && !e.defaultPrevented && !inDialog) {
        e.preventDefault();
        return stay.current();
      }
      if (e.key === 'F1' || (e.key === '?' && !typingIn(e.target))) {
        e.preventDefault();
        setHelp(true);
        return;
      }
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key.toLowerCase() === 't') {
        // Resend the oldest order that needs attention, as it is (not a practice order set aside).
        e.preventDefault();
        // Said either way: a shortcut that did nothing looked like one that did.
        const { orders, connection } = useAppStore.getState();
        const failed = orders.filter(resendableByKey).at(-1);
        if (!failed)
          return setKeyNotice({
            key: (connection?.attention ?? 0) > 0 ? 'keys.retryNoneAsItIs' : 'keys.retryNone',
          });
        void api.orders.retry({ orderId: failed.order.orderId }).then((r) => {
          if (!r.ok) return setKeyNotice({ error: r.error });
          useAppStore.getState().upsertOrder(r.value);
          setKeyNotice({ key: 'keys.retrySent', params: { id: shortOrderId(r.value.order.orderId) } });
        });
        return;
      }
      const i = Number(e.key) - 1;
      const all = screensNow.current;
      if (i >= 0 && i < all.length) {
        e.preventDefault();
        go.current(all[i]);
      }
    };
    // Closing or reloading the page with unsaved settings: the browser's own question.
    const onUnload = (e: BeforeUnloadEvent) => {
      if (useAppStore.getState().settingsDirty) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('beforeunload', onUnload);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('beforeunload', onUnload);
    };
  }, []);

  const nav = (
    <nav className="tabs" aria-label={t('nav.label')}>
      {screens.map((s, i) => (
        <button
          key={s}
          type="button"
          className={`tab ${shown === s ? 'active' : ''}`}
          aria-current={shown === s ? 'page' : undefined}
          onClick={() => go.current(s)}
          title={`Alt+${i + 1}`}
          aria-describedby={s === 'review' && held > 0 ? 'review-held-said' : undefined}
        >
          {t(`nav.${s}`)}
          {s === 'review' && held > 0 ? (
            // Seen as "Review (1)"; heard as the button's description, its name staying "Review".
            <span className="tab-count" aria-hidden="true" data-testid="review-held" data-count={held}>
              {' '}
              ({held})
            </span>
          ) : null}
        </button>
      ))}
      {held > 0 ? (
        <span id="review-held-said" hidden>
          {t('nav.reviewHeld', { count: held })}
        </span>
      ) : null}
    </nav>
  );

  return (
    <div
      className={`app ${training ? 'training-mode' : ''}`}
      data-watermark={training ? t('training.watermark') : undefined}
    >
      <Header nav={nav} />
      <Banners />
      {/* A live region without the status role: the screens' own status lines stay the page's only ones. */}
      <div className="shortcut-notice" aria-live="polite" data-testid="shortcut-notice">
        {keyNotice === null ? null : 'error' in keyNotice ? (
          <span className="bad">{err(keyNotice.error)}</span>
        ) : (
          t(keyNotice.key, keyNotice.params)
        )}
      </div>
      <main className="content" ref={mainRef}>
        {unauthorized ? (
          <NoTokenPage langs={pageLanguages} />
        ) : refused ? (
          <NoTokenPage langs={pageLanguages} refused={refused} />
        ) : (
          <ErrorBoundary
            FallbackComponent={ScreenFailed}
            resetKeys={[shown]}
            onError={() => {
              if (shown === 'diagnostics') diagnostics.current = lazyDiagnostics();
            }}
          >
            {shown === 'order' ? (
              <div className="order-layout">
                <FormOwnerGate />
                <RecentOrders limit={12} compact />
              </div>
            ) : null}
            {shown === 'history' ? <HistoryScreen /> : null}
            {shown === 'outbox' ? <RecentOrders compact={false} /> : null}
            {shown === 'diagnostics' ? (
              <Suspense fallback={<p className="muted">{t('common.loading')}</p>}>
                <DiagnosticsScreen />
              </Suspense>
            ) : null}
            {shown === 'settings' ? (
              <>
                <SettingsScreen />
                <RiskSettings />
              </>
            ) : null}
            {shown === 'review' ? <ReviewScreen /> : null}
            {shown === 'training' ? <TrainingPanel /> : null}
          </ErrorBoundary>
        )}
      </main>
      {leaving ? (
        <div className="confirm-bar floating" role="alertdialog" aria-labelledby="leave-settings-text">
          <span id="leave-settings-text">{t('settings.unsaved')}</span>
          <button
            type="button"
            className="button danger"
            onClick={() => {
              useAppStore.setState({ settingsDirty: false });
              setScreen(leaving);
              setLeaving(null);
            }}
          >
            {t('settings.leave')}
          </button>
          <button ref={stayRef} type="button" className="button secondary" autoFocus onClick={() => stay.current()}>
            {t('settings.stay')}
          </button>
        </div>
      ) : null}
      <ShortcutsDialog open={help} onClose={() => setHelp(false)} />
    </div>
  );
}
