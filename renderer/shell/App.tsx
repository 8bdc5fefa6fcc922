// Layout and navigation. Alt+1..4 switch screens from anywhere, so the clerk never needs
// the mouse.
import { useEffect, useState } from 'react';
import { useT } from '../i18n/i18n';
import { OrderForm } from '../order-form/OrderForm';
import { RecentOrders } from '../outbox/RecentOrders';
import { SettingsScreen } from '../settings/SettingsScreen';
import { DiagnosticsSlot } from '../diagnostics-slot/DiagnosticsSlot';
import { Banners, Header } from './Header';

const SCREENS = ['order', 'outbox', 'diagnostics', 'settings'] as const;
type Screen = (typeof SCREENS)[number];

export function App() {
  const { t } = useT();
  const [screen, setScreen] = useState<Screen>('order');

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const i = Number(e.key) - 1;
      if (i >= 0 && i < SCREENS.length) {
        e.preventDefault();
        setScreen(SCREENS[i]);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const nav = (
    <nav className="tabs" aria-label="Screens">
      {SCREENS.map((s, i) => (
        <button
          key={s}
          type="button"
          className={`tab ${screen === s ? 'active' : ''}`}
          aria-current={screen === s ? 'page' : undefined}
          onClick={() => setScreen(s)}
          title={`Alt+${i + 1}`}
        >
          {t(`nav.${s}`)}
        </button>
      ))}
    </nav>
  );

  return (
    <div className="app">
      <Header nav={nav} />
      <Banners />
      <main className="content">
        {screen === 'order' ? (
          <div className="order-layout">
            <OrderForm />
            <RecentOrders limit={12} compact />
          </div>
        ) : null}
        {screen === 'outbox' ? <RecentOrders limit={200} compact={false} /> : null}
        {screen === 'diagnostics' ? <DiagnosticsSlot /> : null}
        {screen === 'settings' ? <SettingsScreen /> : null}
      </main>
    </div>
  );
}
