// The Diagnostics screen comes from renderer/diagnostics/ (issue 4). It is looked up with
// import.meta.glob so the renderer builds whether or not that screen exists yet, and it is
// loaded lazily so the order form never waits for it.
import { lazy, Suspense, type ComponentType } from 'react';
import type { OrderDeskApi } from '../../shared/contract';
import { useT } from '../i18n/i18n';
import { api } from '../transport/api';

// The screen gets the renderer's api as a prop (it may also import it from ../transport/api).
type DiagnosticsProps = { api: OrderDeskApi };
type DiagnosticsModule = {
  DiagnosticsScreen?: ComponentType<DiagnosticsProps>;
  default?: ComponentType<DiagnosticsProps>;
};
const found = import.meta.glob<DiagnosticsModule>('../diagnostics/DiagnosticsScreen.tsx');
const load = Object.values(found)[0];

const Diagnostics = load
  ? lazy(async () => {
      const m = await load();
      const C = m.DiagnosticsScreen ?? m.default;
      if (!C) throw new Error('renderer/diagnostics/DiagnosticsScreen.tsx exports no DiagnosticsScreen');
      return { default: C };
    })
  : null;

export function DiagnosticsSlot() {
  const { t } = useT();
  if (!Diagnostics) {
    return (
      <section className="card">
        <div className="card-head">
          <h2>{t('nav.diagnostics')}</h2>
          <span className="badge state-saved">TEMPORARY</span>
        </div>
        <p className="muted">{t('diag.temporary')}</p>
      </section>
    );
  }
  return (
    <Suspense fallback={<p className="muted">{t('common.loading')}</p>}>
      <Diagnostics api={api} />
    </Suspense>
  );
}
