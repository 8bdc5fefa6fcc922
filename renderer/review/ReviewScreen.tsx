// Review: today's flagged orders and those still held from an earlier day, their flags and
// reasons and what became of them (sent, held, confirmed, voided, routed, and until a sent one is
// delivered, that it waits: outcome-label.ts); searchable,
// exportable as CSV. A held order is confirmed (sent with its decision) or voided here, with the
// supervisor PIN.
import { useCallback, useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { AppError, ErrorCode } from '../../shared/error-codes';
import { riskDecideInputSchema, type ReviewEntry } from '../../shared/risk-types';
import { schemaProblem } from '../../shared/describe-issues';
import { useT } from '../i18n/i18n';
import { formatDateTime, formatTime } from '../outbox/format';
import { PracticeBadge } from '../outbox/RecentOrders';
import { api } from '../transport/api';
import { RiskFlagList } from './RiskFlags';
import { CustomerCell, TotalCell } from './ReviewCells';
import { reviewCsv } from './review-csv';
import { outcomeLabel } from './outcome-label';
import { quietThen, reloadGate } from './reload-gate';
import { shortOrderId } from '../../shared/order-ids';
import { busyButton, useOneAtATime } from '../shell/one-at-a-time';
import { focusBack, focusedNow } from '../shell/screen-focus';
import { pressOnSubmitKey } from '../shell/submit-keys';
import { useRequiredFields } from '../shell/required-fields';

/** Between two reloads of the list as orders change (reload-gate.ts). */
const RELOAD_GAP_MS = 1_000;
/** A burst of holds from other windows settles this long before the list is reloaded for it. */
const HELD_QUIET_MS = 150;

const startOfToday = () => {
  const d = new Date();
  d.setHours(0, 0, 0, 0);
  return d.getTime();
};

export function ReviewScreen() {
  const { t, err, lang } = useT();
  const [query, setQuery] = useState('');
  const [entries, setEntries] = useState<ReviewEntry[] | null>(null);
  // The search the rows on screen answer (the box may have changed since).
  const [shownFor, setShownFor] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  // Another window decided the order first: its form closed, this says who and what became of it.
  const [notice, setNotice] = useState<AppError | null>(null);
  const [deciding, setDeciding] = useState<{ orderId: string; decision: 'confirm' | 'void' } | null>(null);
  // Where the keyboard goes when the decision form closes (it had the focus, and took it to the
  // page with it): back to the button that opened it when nothing was decided; once the decided
  // order's row is reloaded without its buttons, to the next held order's, so a supervisor can
  // work down the list, else to the search field.
  const closed = useRef<{ opener: HTMLElement | null; orderId: string; decided: boolean } | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  const decide = (orderId: string, decision: 'confirm' | 'void') => {
    closed.current = { opener: focusedNow(), orderId, decided: false };
    setNotice(null);
    setDeciding({ orderId, decision });
  };

  const load = useCallback(async () => {
    const r = await api.risk.review({ query, since: startOfToday() });
    if (!r.ok) return setError(r.error);
    setError(null);
    setEntries(r.value);
    setShownFor(query.trim());
  }, [query]);

  useEffect(() => {
    const after = closed.current;
    if (deciding || !after) return;
    const stillHeld = entries?.some((e) => e.orderId === after.orderId && e.outcome === 'held');
    if (after.decided && stillHeld) return; // its row is reloaded first
    closed.current = null;
    const nextHeld = tableRef.current?.querySelector<HTMLElement>('tr[data-outcome="held"] button');
    focusBack(after.opener?.isConnected ? after.opener : (nextHeld ?? searchRef.current));
  }, [deciding, entries]);

  useEffect(() => {
    const reload = reloadGate(load, RELOAD_GAP_MS);
    reload.request();
    const timer = setInterval(reload.request, 5_000);
    const off = api.on('orders.changed', reload.request);
    // An order held in another window is no change of the outbox's (it is not saved there): the
    // tab's count went up at once and the list waited for the next 5 s reload. The decision form
    // lives outside the rows' data, so a reload leaves what the supervisor is typing.
    const held = quietThen(reload.request, HELD_QUIET_MS);
    const offHeld = api.on('risk.held', held.request);
    return () => {
      clearInterval(timer);
      off();
      offHeld();
      held.stop();
      reload.stop();
    };
  }, [load]);

  // An order held from an earlier day shows its date: a time alone would pass it off as today's.
  const dayStart = startOfToday();

  const exportCsv = () => {
    if (!entries) return;
    const blob = new Blob(['\uFEFF', reviewCsv(entries, lang)], { type: 'text/csv;charset=utf-8' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `flagged-orders-${new Date().toISOString().slice(0, 10)}.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1_000);
  };

  return (
    <section className="card review" aria-labelledby="review-title">
      <div className="card-head">
        <h1 id="review-title">{t('review.title')}</h1>
        <button type="button" className="button secondary" onClick={exportCsv} disabled={!entries?.length}>
          {t('review.export')}
        </button>
      </div>
      <div className="field">
        <label htmlFor="review-search">{t('review.search')}</label>
        <input
          id="review-search"
          ref={searchRef}
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          autoComplete="off"
          spellCheck={false}
        />
      </div>
      {error ? (
        <p className="bad" role="alert">
          {err(error)}
        </p>
      ) : null}
      {notice ? (
        <p className="bad" role="alert" data-testid="review-notice">
          {err(notice)}
        </p>
      ) : null}
      {entries && entries.length === 0 ? (
        <p className="muted">{shownFor ? t('review.noMatch', { query: shownFor }) : t('review.empty')}</p>
      ) : null}
      {entries && entries.length > 0 ? (
        <table className="review-table" ref={tableRef}>
          <thead>
            <tr>
              <th scope="col">{t('review.time')}</th>
              <th scope="col">{t('review.order')}</th>
              <th scope="col">{t('review.customer')}</th>
              <th scope="col" className="num">
                {t('review.total')}
              </th>
              <th scope="col">{t('review.flags')}</th>
              <th scope="col">{t('review.outcome')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr
                key={e.orderId}
                data-order-id={e.orderId}
                data-outcome={e.outcome}
                // The decision is the outcome; where the order stands since is the delivery (waiting…).
                data-delivery={e.delivery ?? undefined}
              >
                <td data-testid="review-time">
                  {Date.parse(e.createdAt) < dayStart
                    ? formatDateTime(e.createdAt, lang)
                    : formatTime(e.createdAt, lang)}
                </td>
                <td className="mono">{shortOrderId(e.orderId)}</td>
                <CustomerCell entry={e} />
                <TotalCell entry={e} />
                <td>
                  <RiskFlagList flags={e.flags} />
                </td>
                <td>
                  <span className="outcome" data-testid="review-outcome">
                    {t(outcomeLabel(e))}
                  </span>
                  {e.practice ? (
                    <>
                      {' '}
                      <PracticeBadge title={t('review.practiceTitle')} />
                    </>
                  ) : null}
                  {e.waitingBecause ? (
                    <div className="muted small" data-testid="review-waiting-because">
                      {err(e.waitingBecause)}
                    </div>
                  ) : null}
                  {e.decision ? (
                    <div className="muted small">
                      {t('review.decidedBy', { who: e.decision.by, when: formatTime(e.decision.at, lang) })}
                    </div>
                  ) : null}
                  {e.outcome === 'held' ? (
                    <div className="row">
                      <button
                        type="button"
                        className="button small primary"
                        onClick={() => decide(e.orderId, 'confirm')}
                      >
                        {t('review.confirm')}
                        <span className="sr-only"> {shortOrderId(e.orderId)}</span>
                      </button>
                      <button type="button" className="button small danger" onClick={() => decide(e.orderId, 'void')}>
                        {t('review.void')}
                        <span className="sr-only"> {shortOrderId(e.orderId)}</span>
                      </button>
                    </div>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {deciding ? (
        <DecideForm
          key={`${deciding.orderId}-${deciding.decision}`}
          {...deciding}
          onDone={(decided, elsewhere) => {
            if (closed.current) closed.current.decided = decided;
            setNotice(elsewhere ?? null);
            setDeciding(null);
            if (decided) void load();
          }}
        />
      ) : null}
    </section>
  );
}

/**
 * The service's refusals that say the row on screen is out of date (another window or terminal
 * decided first): the form has nothing left to decide, so it closes and the rows reload at once.
 */
const DECIDED_ELSEWHERE: ReadonlySet<ErrorCode> = new Set([
  'risk.alreadyConfirmed',
  'risk.alreadyVoided',
  'risk.notHeld',
  'risk.notFound',
]);

function DecideForm(props: {
  orderId: string;
  decision: 'confirm' | 'void';
  /** `elsewhere`: it was decided, but not here (the refusal, to be shown once the form is gone). */
  onDone(decided: boolean, elsewhere?: AppError): void;
}) {
  const { t, err } = useT();
  const [supervisor, setSupervisor] = useState('');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<{ error: AppError; field: 'supervisor' | 'pin' } | null>(null);
  const [busy, oneAtATime] = useOneAtATime();
  const required = useRequiredFields<'supervisor' | 'pin'>();
  const decideRef = useRef<HTMLButtonElement>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!required.filled({ supervisor, pin })) return setError(null);
    const refused = schemaProblem(riskDecideInputSchema.shape.supervisor, supervisor);
    if (refused) {
      // The name is what is wrong: the cursor goes there (it stayed in the PIN, where Enter was).
      setError({ error: refused, field: 'supervisor' });
      required.focus('supervisor');
      return;
    }
    void oneAtATime(async () => {
      setError(null);
      const r = await api.risk.decide({ orderId: props.orderId, decision: props.decision, supervisor, pin });
      if (!r.ok && DECIDED_ELSEWHERE.has(r.error.code)) return props.onDone(true, r.error);
      if (!r.ok) return setError({ error: r.error, field: 'pin' });
      props.onDone(true);
    });
  };
  // Esc closes it, deciding nothing, as Cancel does; Enter in a field or Ctrl+Enter decides.
  const onKeyDown = (e: KeyboardEvent) => {
    if (pressOnSubmitKey(e, decideRef.current) || e.key !== 'Escape') return;
    e.preventDefault();
    e.stopPropagation();
    props.onDone(false);
  };
  return (
    <form
      className="confirm-bar decide"
      role="alertdialog"
      aria-labelledby="decide-title"
      onSubmit={submit}
      onKeyDown={onKeyDown}
    >
      <span id="decide-title">{t('review.decideFor', { id: shortOrderId(props.orderId) })}</span>
      <div className="field">
        <label htmlFor="decide-supervisor">{t('review.supervisor')}</label>
        <input
          id="decide-supervisor"
          value={supervisor}
          onChange={(e) => setSupervisor(e.target.value)}
          autoComplete="off"
          autoFocus
          {...required.input(
            'supervisor',
            error?.field === 'supervisor' ? 'decide-error' : undefined,
            error?.field === 'supervisor',
          )}
        />
        {required.message('supervisor')}
      </div>
      <div className="field">
        <label htmlFor="decide-pin">{t('review.decidePin')}</label>
        <input
          id="decide-pin"
          type="password"
          inputMode="numeric"
          value={pin}
          onChange={(e) => setPin(e.target.value)}
          autoComplete="off"
          {...required.input('pin', error?.field === 'supervisor' ? undefined : 'decide-error', error?.field === 'pin')}
        />
        {required.message('pin')}
      </div>
      <button
        type="submit"
        className={`button ${props.decision === 'void' ? 'danger' : 'primary'}`}
        {...busyButton(busy)}
        ref={decideRef}
      >
        {t(props.decision === 'void' ? 'review.void' : 'review.confirm')}
      </button>
      <button type="button" className="button secondary" onClick={() => props.onDone(false)}>
        {t('review.cancel')}
      </button>
      <div id="decide-error" className="field-error" role="alert">
        {error ? err(error.error) : null}
      </div>
    </form>
  );
}
