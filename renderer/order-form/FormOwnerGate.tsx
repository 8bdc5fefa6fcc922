// The order form in the window that has it, else a notice saying it is open in another window
// and a button to take it here (form-owner.ts). Taking it draws the form afresh from the
// terminal's kept order, which the other window wrote last.
import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n/i18n';
import { OrderForm } from './OrderForm';
import { useFormOwner } from './form-owner';

export function FormOwnerGate() {
  const { t, err } = useT();
  const elsewhere = useFormOwner((s) => s.elsewhere);
  const claims = useFormOwner((s) => s.claims);
  const [taking, setTaking] = useState(false);
  // The service could not be asked (it is restarting): the form opens all the same, and its
  // first write takes it, as after a restart of the service (electron/counter/handlers.ts).
  const [unasked, setUnasked] = useState(false);
  const takeRef = useRef<HTMLButtonElement>(null);
  // Opening the form in this page takes it; coming back from another screen does not take it
  // from a window that has it since.
  useEffect(() => {
    const owner = useFormOwner.getState();
    if (owner.claims === 0 && !owner.elsewhere) void owner.claim().then((ok) => setUnasked(!ok));
  }, []);
  useEffect(() => {
    if (elsewhere) takeRef.current?.focus();
  }, [elsewhere]);
  if (claims === 0 && !elsewhere && !unasked)
    return <div className="order-form card" data-draft="loading" aria-busy="true" />;
  if (elsewhere)
    return (
      <section className="order-form card" aria-labelledby="form-elsewhere-title" data-testid="form-elsewhere">
        <div className="card-head">
          <h1 id="form-elsewhere-title">{t('form.title')}</h1>
        </div>
        <p>{err('draft.otherWindow')}</p>
        <button
          ref={takeRef}
          type="button"
          className="button primary"
          disabled={taking}
          onClick={() => {
            setTaking(true);
            void useFormOwner
              .getState()
              .claim()
              .finally(() => setTaking(false));
          }}
        >
          {t('form.takeHere')}
        </button>
      </section>
    );
  // A new form each time this window takes it: the one drawn before holds the other window's past.
  return <OrderForm key={claims} />;
}
