// The renderer's state: what main last told us (info, settings, connection, recent orders),
// kept live by contract events. Screens read slices; only this file talks to the api for them.
import { create } from 'zustand';
import type { ConnectionState, OrderRecord } from '../../shared/outbox-types';
import type { ServiceState } from '../../shared/service-state';
import type { Settings } from '../../shared/settings-schema';
import type { AppError } from '../../shared/error-codes';
import type { RequestOutput } from '../../shared/contract';
import { api, onTransportStatus, type TransportStatus } from '../transport/api';
import { setLanguage } from '../i18n/i18n';

/** The UI scale setting (100/125/150 %) zooms the whole page, targets and text alike. */
function setUiScale(scale: number): void {
  document.documentElement.style.setProperty('zoom', String(scale / 100));
  document.documentElement.dataset.scale = String(scale);
}

export type AppInfo = RequestOutput<'app', 'info'>;
const RECENT_LIMIT = 200;

interface AppState {
  info: AppInfo | null;
  settings: Settings | null;
  connection: ConnectionState | null;
  /** The service process (outbox, delivery): running, restarting after a crash, or given up. */
  service: ServiceState | null;
  transport: TransportStatus;
  /** Newest first, at most RECENT_LIMIT. */
  orders: OrderRecord[];
  loadError: AppError | null;
  /** Settings has edits not yet saved: leaving the screen or the page asks first. */
  settingsDirty: boolean;
  upsertOrder(record: OrderRecord): void;
  setSettings(settings: Settings): void;
}

export const useAppStore = create<AppState>()((set) => ({
  info: null,
  settings: null,
  connection: null,
  service: null,
  transport: 'connecting',
  orders: [],
  loadError: null,
  settingsDirty: false,
  upsertOrder: (record) =>
    set((s) => {
      const id = record.order.orderId;
      const i = s.orders.findIndex((o) => o.order.orderId === id);
      if (i >= 0) {
        const orders = s.orders.slice();
        orders[i] = record;
        return { orders };
      }
      return { orders: [record, ...s.orders].slice(0, RECENT_LIMIT) };
    }),
  setSettings: (settings) => {
    setLanguage(settings.language);
    setUiScale(settings.uiScale);
    set({ settings });
  },
}));

const STATE_RANK: Record<OrderRecord['state'], number> = { saved: 0, sending: 1, failed: 2, delivered: 3 };

/** The loaded list, except where an event that arrived while it loaded already told us more. */
function mergeNewer(loaded: OrderRecord[], live: OrderRecord[]): OrderRecord[] {
  const byId = new Map(live.map((r) => [r.order.orderId, r]));
  return loaded.map((r) => {
    const l = byId.get(r.order.orderId);
    const newer =
      l && (l.attempts > r.attempts || (l.attempts === r.attempts && STATE_RANK[l.state] > STATE_RANK[r.state]));
    return newer ? l : r;
  });
}

/** Loads everything once, then again whenever browser mode's socket comes back. */
async function refresh(): Promise<void> {
  const [service, info, settings, connection, recent] = await Promise.all([
    api.service.state(),
    api.app.info(),
    api.settings.get(),
    api.connection.state(),
    api.orders.recent({ limit: RECENT_LIMIT }),
  ]);
  const firstError = [info, settings, connection, recent].find((r) => !r.ok);
  const current = useAppStore.getState();
  useAppStore.setState({
    service: service.ok ? service.value : current.service,
    info: info.ok ? info.value : current.info,
    connection: connection.ok ? connection.value : current.connection,
    orders: recent.ok ? mergeNewer(recent.value, current.orders) : current.orders,
    loadError: firstError && !firstError.ok ? firstError.error : null,
  });
  if (settings.ok) useAppStore.getState().setSettings(settings.value);
}

export function startStore(): void {
  api.on('orders.changed', (record) => useAppStore.getState().upsertOrder(record));
  api.on('connection.changed', (connection) => useAppStore.setState({ connection }));
  api.on('service.changed', (service) => {
    const before = useAppStore.getState().service;
    useAppStore.setState({ service });
    // Back after a restart: events sent while it was down are lost, so load everything again.
    if (service.status === 'running' && before && before.status !== 'running') void refresh();
  });
  let wasOpen = false;
  onTransportStatus((transport) => {
    useAppStore.setState({ transport });
    if (transport === 'open' && !wasOpen) void refresh();
    wasOpen = transport === 'open';
  });
}
