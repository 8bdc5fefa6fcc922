// The renderer's state: what main last told us (info, settings, connection, recent orders),
// kept live by contract events. Screens read slices; only this file talks to the api for them.
// Order events carry only what changed (state, partition, offset); an order this window does
// not hold yet (saved in another tab or window) makes it ask again for the page it shows.
import { create } from 'zustand';
import type { ConnectionState, OrderChange, OrderRecord } from '../../shared/outbox-types';
import type { ServiceState } from '../../shared/service-state';
import type { Settings } from '../../shared/settings-schema';
import type { AppError } from '../../shared/error-codes';
import type { RequestOutput } from '../../shared/contract';
import { api, onTransportStatus, type TransportStatus } from '../transport/api';
import { setLanguage } from '../i18n/i18n';
import { applyChanges as applyOrderChanges, EarlyChanges, mergeNewer, upsert } from './order-list';

/** The UI scale setting (100/125/150 %) zooms the whole page, targets and text alike. */
function setUiScale(scale: number): void {
  document.documentElement.style.setProperty('zoom', String(scale / 100));
  document.documentElement.dataset.scale = String(scale);
}

export type AppInfo = RequestOutput<'app', 'info'>;
/** Orders waiting that go by themselves: not those that need a person. */
export const onTheirWay = (c: ConnectionState) => c.waiting - c.attention;
const RECENT_LIMIT = 200;
/** Changes for orders not on the page are gathered this long before the page is asked for again. */
const PAGE_RELOAD_MS = 150;
/** Changes for orders this window does not hold yet, until a submit's answer or a page read brings them (order-list.ts). */
const early = new EarlyChanges();

interface AppState {
  info: AppInfo | null;
  settings: Settings | null;
  connection: ConnectionState | null;
  /** The service process (outbox, delivery): running, restarting after a crash, or given up. */
  service: ServiceState | null;
  transport: TransportStatus;
  /** Why the server turned the page away (`unauthorized`, `refused`), else null. */
  transportError: AppError | null;
  /** Newest first: the newest RECENT_LIMIT, then older ones not yet delivered (order-list.ts trimmed). */
  orders: OrderRecord[];
  loadError: AppError | null;
  /** Orders held for a supervisor: the Review tab counts them (the service says each change, `risk.held`). */
  heldForReview: number;
  /** Settings has edits not yet saved: leaving the screen or the page asks first. */
  settingsDirty: boolean;
  upsertOrder(record: OrderRecord): void;
  /** Applies changes to the orders held; returns the ids of those it does not hold. */
  applyChanges(changes: OrderChange[]): string[];
  setSettings(settings: Settings): void;
}

export const useAppStore = create<AppState>()((set) => ({
  info: null,
  settings: null,
  connection: null,
  service: null,
  transport: 'connecting',
  transportError: null,
  orders: [],
  loadError: null,
  heldForReview: 0,
  settingsDirty: false,
  upsertOrder: (record) =>
    set((s) => {
      const orders = upsert(s.orders, early.settle(record), RECENT_LIMIT);
      return orders ? { orders } : {};
    }),
  applyChanges: (changes) => {
    let unknown: OrderChange[] = [];
    set((s) => {
      const applied = applyOrderChanges(s.orders, changes);
      unknown = applied.unknown;
      return applied.orders ? { orders: applied.orders } : {};
    });
    for (const change of unknown) early.keep(change);
    return unknown.map((c) => c.orderId);
  },
  setSettings: (settings) => {
    setLanguage(settings.language);
    setUiScale(settings.uiScale);
    set({ settings });
  },
}));

/** Asks again for the page of recent orders, once for every burst of changes it did not hold. */
let pageReload: { timer: ReturnType<typeof setTimeout>; ids: Set<string> } | null = null;
function reloadPageFor(ids: string[]): void {
  if (pageReload) {
    for (const id of ids) pageReload.ids.add(id);
    return;
  }
  const pending = { ids: new Set(ids), timer: setTimeout(() => void run(), PAGE_RELOAD_MS) };
  pageReload = pending;
  const run = async () => {
    // Changes from now on schedule their own reload: this one may have read the page before them.
    pageReload = null;
    // The submit answer may have brought the order meanwhile (its "saved" event can come first).
    const held = new Set(useAppStore.getState().orders.map((o) => o.order.orderId));
    const missing = [...pending.ids].some((id) => !held.has(id));
    if (missing) {
      const page = await api.orders.recent({ limit: RECENT_LIMIT });
      if (page.ok) useAppStore.setState((s) => ({ orders: mergeNewer(page.value, s.orders, early, RECENT_LIMIT) }));
    }
  };
}

/**
 * The connection as the page shows it. Settings saves the settings first and the SASL password
 * typed with them after (secrets/password-destination.ts), and the service reconnects in between:
 * "a SASL user name is set but no password" flashed before the real result, while the password
 * was on its way. Until it has arrived that reads as connecting.
 */
export function connectionShown(heard: ConnectionState | null, passwordOnItsWay: boolean): ConnectionState | null {
  if (!heard || !passwordOnItsWay || heard.error?.code !== 'sasl.passwordMissing') return heard;
  return { ...heard, status: 'connecting', error: null };
}
let heardConnection: ConnectionState | null = null;
let passwordPending = false;
let passwordSentTimer: ReturnType<typeof setTimeout> | undefined;
/** How long after the password was sent an answer still missing it is taken as not yet applied. */
const PASSWORD_ARRIVAL_MS = 5_000;
const showConnection = (connection: ConnectionState | null) => {
  heardConnection = connection;
  // Once sent, the first answer that is not "no password" is the real result.
  if (passwordSentTimer && connection?.error?.code !== 'sasl.passwordMissing') settlePassword();
  useAppStore.setState({ connection: connectionShown(connection, passwordPending) });
};
function settlePassword(): void {
  clearTimeout(passwordSentTimer);
  passwordSentTimer = undefined;
  passwordPending = false;
}
/**
 * Settings is about to save settings whose SASL password it sends next (true), or has sent it
 * (false): the service reconnects as it applies it, so "no password" may still be heard for a
 * moment, and is shown only if it is still so a while later.
 */
export function setPasswordOnItsWay(on: boolean): void {
  settlePassword();
  passwordPending = on || heardConnection?.error?.code === 'sasl.passwordMissing';
  if (!on && passwordPending)
    passwordSentTimer = setTimeout(() => {
      settlePassword();
      showConnection(heardConnection);
    }, PASSWORD_ARRIVAL_MS);
  showConnection(heardConnection);
}

/** Loads everything once, then again whenever browser mode's socket comes back. */
async function refresh(): Promise<void> {
  const [service, info, settings, connection, recent, risk] = await Promise.all([
    api.service.state(),
    api.app.info(),
    api.settings.get(),
    api.connection.state(),
    api.orders.recent({ limit: RECENT_LIMIT }),
    api.risk.status(),
  ]);
  const firstError = [info, settings, connection, recent].find((r) => !r.ok);
  const current = useAppStore.getState();
  useAppStore.setState({
    service: service.ok ? service.value : current.service,
    info: info.ok ? info.value : current.info,
    orders: recent.ok ? mergeNewer(recent.value, current.orders, early, RECENT_LIMIT) : current.orders,
    loadError: firstError && !firstError.ok ? firstError.error : null,
    heldForReview: risk.ok ? risk.value.held : current.heldForReview,
  });
  if (connection.ok) showConnection(connection.value);
  if (settings.ok) useAppStore.getState().setSettings(settings.value);
}

export function startStore(): void {
  api.on('orders.changed', ({ changes }) => {
    const unknown = useAppStore.getState().applyChanges(changes);
    if (unknown.length > 0) reloadPageFor(unknown);
  });
  api.on('connection.changed', showConnection);
  api.on('settings.changed', (settings) => useAppStore.getState().setSettings(settings));
  api.on('risk.held', ({ held }) => useAppStore.setState({ heldForReview: held }));
  api.on('service.changed', (service) => {
    const before = useAppStore.getState().service;
    useAppStore.setState({ service });
    // Back after a restart: events sent while it was down are lost, so load everything again.
    if (service.status === 'running' && before && before.status !== 'running') void refresh();
  });
  let wasOpen = false;
  onTransportStatus((transport, transportError) => {
    useAppStore.setState({ transport, transportError });
    if (transport === 'open' && !wasOpen) void refresh();
    wasOpen = transport === 'open';
  });
}
