// Orders: every order on this terminal, newest first, searched by customer ID, name, phone or
// order id and by date, a page at a time (keyset paging in the services, so it stays fast with
// a million orders). Each shows its date and time, lines, total, payment and delivery state,
// partition and offset; any order opens its receipt (print, reprint). Phones are searched from
// four digits and names from two characters, and the field says so when fewer are typed.
import { useCallback, useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { OrderRecord } from '../../shared/outbox-types';
import type { AppError } from '../../shared/error-codes';
import { historySearchInputSchema } from '../../shared/counter-types';
import { schemaProblem } from '../../shared/describe-issues';
import { useT } from '../i18n/i18n';
import { api } from '../transport/api';
import { formatDateTime, formatMoney, formatNumber } from '../outbox/format';
import { StateBadge } from '../outbox/RecentOrders';
import { Receipt } from '../receipt/Receipt';
import { VoidedNote } from '../receipt/VoidOrderForm';
import { PHONE_SEARCH_MIN_DIGITS, phoneQueryTooShort } from '../../shared/phone-search';
import { NAME_SEARCH_MIN_CHARS, nameQueryTooShort } from '../../shared/name-search';
import { FindOnTopic } from './FindOnTopic';
import { shortOrderId } from '../../shared/order-ids';
import { focusBack } from '../shell/screen-focus';
import { applyChanges } from '../store/order-list';
import { useAppStore } from '../store/app-store';
import { clerkViewNow } from '../../shared/delivery-states';

const PAGE = 25;

/** What a page of results was searched for, as typed in the fields. */
type Search = { query: string; from: string; to: string };

/** A local calendar date ("2026-12-02") as the ISO instant it starts at; the day after for `to`. */
function dayStart(date: string, plusDays = 0): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y, m - 1, d + plusDays).toISOString();
}

/**
 * A double click pages once, however fast the page comes: the button's disabling while it loads
 * stopped the second press only when it came before the page did, and on a loaded machine it
 * came after and paged twice. A click's detail counts the presses of one double click (the
 * keyboard's is 0).
 */
const onePress = (e: React.MouseEvent): boolean => e.detail <= 1;

export function HistoryScreen() {
  const { t, err, lang } = useT();
  const connection = useAppStore((s) => s.connection);
  const [query, setQuery] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  // Cursors of the pages seen so far, so "Newer" can go back without offsets.
  const [cursors, setCursors] = useState<Array<number | null>>([null]);
  // number: which page of the search this is (1 the newest), for the count above the orders.
  const [page, setPage] = useState<{
    orders: OrderRecord[];
    next: number | null;
    search: Search;
    number: number;
  } | null>(null);
  const [problem, setProblem] = useState<AppError | null>(null);
  const [receipt, setReceipt] = useState<OrderRecord | null>(null);

  // The pager reads the search whose results are on screen: text typed in the
  // fields since is not searched until the clerk submits it (Older took it, and showed "Page 2" of
  // a query never searched).
  // Busy from the press until the last search asked for has answered (a screen reader and a test
  // wait on it); an earlier one answering late does not replace its results.
  const [busy, setBusy] = useState(false);
  const latest = useRef(0);
  // The search the last asked for is of, until it answers: ↓ and Enter typed ahead of it wait for it.
  const asking = useRef<Search | null>(null);
  const load = useCallback(async (search: Search, before: number | null, number: number) => {
    const mine = ++latest.current;
    asking.current = search;
    setBusy(true);
    const r = await api.history.search({
      query: search.query,
      from: dayStart(search.from),
      to: dayStart(search.to, 1),
      before,
      limit: PAGE,
    });
    if (mine !== latest.current) return;
    asking.current = null;
    setBusy(false);
    if (!r.ok) return setProblem(r.error);
    setProblem(null);
    setPage({ ...r.value, search, number });
  }, []);
  // Only on first show; searching is the form's submit.
  useEffect(() => {
    void load({ query: '', from: '', to: '' }, null, 1);
  }, [load]);
  // The rows on screen follow their orders (delivered once the cluster is back, needing
  // attention, voided from another window): a row said "Waiting" until the clerk searched again,
  // while the receipt it opened said "Delivered".
  useEffect(
    () =>
      api.on('orders.changed', ({ changes }) =>
        setPage((p) => {
          const next = p ? applyChanges(p.orders, changes).orders : null;
          return p && next ? { ...p, orders: next } : p;
        }),
      ),
    [],
  );

  // Phones are looked for from four digits (the phone index), names from two characters (the
  // name windows' index): said where it bites, while typing. A query is one or the other.
  const hint = phoneQueryTooShort(query)
    ? t('history.phoneMin', { n: PHONE_SEARCH_MIN_DIGITS })
    : nameQueryTooShort(query)
      ? t('history.nameMin', { n: NAME_SEARCH_MIN_CHARS })
      : null;

  // Newer pressed on the second page, or Older on the last, is disabled by the page it brings and
  // took the focus to the page: a clerk paging from the keyboard had to Tab back down to it. The
  // focus goes to the other one, which pages back.
  const newerRef = useRef<HTMLButtonElement>(null);
  const olderRef = useRef<HTMLButtonElement>(null);
  const paged = useRef<'newer' | 'older' | null>(null);
  useEffect(() => {
    if (!paged.current) return;
    const order = paged.current === 'older' ? [olderRef, newerRef] : [newerRef, olderRef];
    focusBack(order.map((r) => r.current).find((b) => b && !b.disabled) ?? null);
  }, [page, cursors]);

  // How many were found, said before the orders (and read out by a screen reader): a clerk could
  // not tell 3 from 300, nor a search that found nothing from an empty list. Exact when they all
  // fit the page, or on the last page; while Older has more, "more than" the orders up to this
  // page (a total would read every match: the services page by keyset and never count).
  const found = (() => {
    if (!page) return '';
    const n = page.orders.length;
    if (n === 0) return t('history.none');
    const first = (page.number - 1) * PAGE + 1;
    const last = first + n - 1;
    const range = { from: formatNumber(first, lang), to: formatNumber(last, lang) };
    if (page.next !== null) return t('history.foundMore', range);
    if (page.number === 1) return t('history.found', { count: n });
    return t('history.foundLast', { ...range, count: last, total: formatNumber(last, lang) });
  })();

  // Both dates given, the start after the end: nothing can match, and "No orders match" said
  // nothing of why.
  const reversed = from !== '' && to !== '' && from > to;
  // Down from the search field to the orders found, and up and down between their Receipt
  // buttons: from the field they were ten Tab presses away, past two date fields of four stops
  // each (renderer/shell/shortcuts.ts).
  const tableRef = useRef<HTMLTableSectionElement>(null);
  const receiptButtons = () => [
    ...(tableRef.current?.querySelectorAll<HTMLButtonElement>('button[data-receipt]') ?? []),
  ];
  // ↓ with a query or dates typed and not yet searched took the cursor to the orders of the
  // search before (all orders, or another customer's): Enter on it opened the wrong receipt. It
  // searches what is typed first, and goes down to the first order that search finds. A clerk
  // typing ahead (a name, Enter, ↓, Enter before the orders came) searched it twice and the second
  // Enter a third time, and no receipt opened: ↓ waits for the search already asked, and an Enter
  // after it opens that first order's receipt when it comes.
  const downWhenFound = useRef<{ search: Search; open: boolean } | null>(null);
  const typed = (s: Search | null | undefined) => !!s && s.query === query && s.from === from && s.to === to;
  const toResults = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const down = downWhenFound.current;
    if (e.key === 'Enter' && down && typed(down.search)) {
      e.preventDefault();
      down.open = true;
      return;
    }
    if (e.key !== 'ArrowDown') return;
    if (!typed(page?.search)) {
      e.preventDefault();
      const wanted = typed(asking.current) ? asking.current : runSearch();
      downWhenFound.current = wanted ? { search: wanted, open: false } : null;
      return;
    }
    const first = receiptButtons()[0];
    if (!first) return;
    e.preventDefault();
    first.focus();
  };
  useEffect(() => {
    const wanted = downWhenFound.current;
    if (!wanted || busy) return;
    downWhenFound.current = null;
    // Not when that search failed: the orders on screen are still the search before's.
    if (page?.search !== wanted.search) return;
    const first = receiptButtons()[0];
    first?.focus();
    if (wanted.open) first?.click();
  }, [page, busy]);
  const betweenResults = (e: KeyboardEvent<HTMLTableSectionElement>) => {
    if ((e.key !== 'ArrowDown' && e.key !== 'ArrowUp') || e.altKey || e.ctrlKey || e.metaKey) return;
    const buttons = receiptButtons();
    const at = buttons.indexOf(e.target as HTMLButtonElement);
    if (at < 0) return;
    e.preventDefault();
    const next = e.key === 'ArrowDown' ? buttons[at + 1] : buttons[at - 1];
    if (next) next.focus();
    else if (e.key === 'ArrowUp') document.getElementById('history-query')?.focus();
  };
  const search = (e: FormEvent) => {
    e.preventDefault();
    runSearch();
  };
  /** Searches what the fields hold: that search, or null when nothing is looked for. */
  const runSearch = (): Search | null => {
    if (reversed) {
      // Searched so, nothing matches: the orders and count of the search before stayed under the
      // alert ("4 orders found" beneath "no order can match"), and one still on its way is dropped.
      latest.current++;
      setBusy(false);
      setProblem(null);
      setCursors([null]);
      setPage(null);
      return null;
    }
    const refused = schemaProblem(historySearchInputSchema.shape.query, query);
    if (refused) {
      setProblem(refused);
      return null;
    }
    paged.current = null;
    setCursors([null]);
    const wanted = { query, from, to };
    void load(wanted, null, 1);
    return wanted;
  };
  const older = () => {
    if (!page?.next) return;
    paged.current = 'older';
    setCursors([...cursors, page.next]);
    void load(page.search, page.next, cursors.length + 1);
  };
  const newer = () => {
    if (!page || cursors.length < 2) return;
    paged.current = 'newer';
    const back = cursors.slice(0, -1);
    setCursors(back);
    void load(page.search, back[back.length - 1], back.length);
  };

  return (
    <section className="card history" aria-labelledby="history-title" aria-busy={busy}>
      <div className="card-head">
        <h1 id="history-title">{t('history.title')}</h1>
      </div>
      <form className="history-search" onSubmit={search} role="search">
        <div className="field grow">
          <div className="field-label">
            <label htmlFor="history-query">{t('history.query')}</label>
            {hint ? (
              <span className="field-hint" id="history-query-hint">
                {hint}
              </span>
            ) : null}
          </div>
          <input
            id="history-query"
            data-autofocus
            type="search"
            aria-describedby={hint ? 'history-query-hint' : undefined}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={toResults}
            maxLength={100}
            autoComplete="off"
            spellCheck={false}
          />
        </div>
        <div className="field">
          <div className="field-label">
            <label htmlFor="history-from">{t('history.from')}</label>
          </div>
          <input id="history-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </div>
        <div className="field">
          <div className="field-label">
            <label htmlFor="history-to">{t('history.to')}</label>
          </div>
          <input
            id="history-to"
            type="date"
            value={to}
            onChange={(e) => setTo(e.target.value)}
            aria-invalid={reversed || undefined}
            aria-describedby={reversed ? 'history-range-reversed' : undefined}
          />
        </div>
        <button type="submit" className="button primary">
          {t('history.search')}
        </button>
      </form>
      {reversed ? (
        <p className="bad" id="history-range-reversed" role="alert">
          {t('history.rangeReversed')}
        </p>
      ) : null}
      {problem ? <p className="bad">{err(problem)}</p> : null}
      {/* Always there, so each new count is read out: a live region added with its text often is not. */}
      <p className="muted history-count" role="status" aria-live="polite">
        {problem ? '' : found}
      </p>
      {page && page.orders.length > 0 ? (
        // Wider than a 200% zoomed window, the table scrolls in its place, not the whole page.
        <div className="table-scroll">
          <table className="table history-table">
            <thead>
              <tr>
                <th scope="col">{t('history.when')}</th>
                <th scope="col">{t('orders.col.customer')}</th>
                <th scope="col">{t('form.lines')}</th>
                <th scope="col" className="num">
                  {t('orders.col.total')}
                </th>
                <th scope="col">{t('form.payment')}</th>
                <th scope="col">{t('orders.col.state')}</th>
                <th scope="col">
                  <span className="sr-only">{t('receipt.title')}</span>
                </th>
              </tr>
            </thead>
            <tbody ref={tableRef} onKeyDown={betweenResults}>
              {page.orders.map((r) => (
                <tr
                  key={r.order.orderId}
                  data-order-id={r.order.orderId}
                  data-state={clerkViewNow(r, connection).state}
                >
                  <td className="small nowrap">{formatDateTime(r.order.createdAt, lang)}</td>
                  <td className="truncate-cell" title={`${r.order.customerName} · ${r.order.phone ?? ''}`}>
                    <span className="truncate">{r.order.customerName}</span>
                    <div className="muted mono small">
                      {r.order.customerId}
                      {r.order.phone ? ` · ${r.order.phone}` : ''}
                    </div>
                  </td>
                  <td className="small">{r.order.lines.map((l) => `${l.productName} × ${l.quantity}`).join(', ')}</td>
                  <td className="num">{formatMoney(r.order.total, r.order.currency, lang)}</td>
                  <td>{t(`form.pay.${r.order.paymentMethod}`)}</td>
                  <td>
                    <StateBadge record={r} />
                    <VoidedNote record={r} />
                    {r.state === 'delivered' ? (
                      <>
                        <div className="muted small">
                          {t('orders.where', { partition: r.partition ?? '?', offset: r.offset ?? '?' })}
                        </div>
                        <FindOnTopic orderId={r.order.orderId} />
                      </>
                    ) : null}
                  </td>
                  <td>
                    <button
                      type="button"
                      className="button small secondary"
                      data-receipt
                      onClick={() => setReceipt(r)}
                      aria-keyshortcuts="ArrowUp ArrowDown"
                    >
                      {t('receipt.open')}
                      <span className="sr-only"> {shortOrderId(r.order.orderId)}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {/* Neither pages while a page is on its way: a second press (a double click) took the page on
          screen's cursor again and labelled what came back as the page after it. */}
      <div className="pager">
        <button
          type="button"
          className="button secondary"
          onClick={(e) => onePress(e) && newer()}
          disabled={busy || cursors.length < 2}
          ref={newerRef}
        >
          ← {t('history.newer')}
        </button>
        <span className="muted small">{t('history.page', { n: cursors.length })}</span>
        <button
          type="button"
          className="button secondary"
          onClick={(e) => onePress(e) && older()}
          disabled={busy || !page?.next}
          ref={olderRef}
        >
          {t('history.older')} →
        </button>
      </div>
      {receipt ? (
        // A void reaches its row as a change of its order (above): no search again.
        <Receipt record={receipt} onClose={() => setReceipt(null)} />
      ) : null}
    </section>
  );
}
