// The renderer's one handle on main: window.orderDesk from the preload in Electron, or the
// same OrderDeskApi over browser mode's WebSocket (token from the page URL).
import { createApiClient } from '../../shared/api-client';
import type { OrderDeskApi } from '../../shared/contract';
import { createWsTransport, wsUrlFor, type TransportStatus, type WsTransport } from './ws-transport';

declare global {
  interface Window {
    orderDesk?: OrderDeskApi;
  }
}

function pick(): { api: OrderDeskApi; ws: WsTransport | null } {
  if (window.orderDesk) return { api: window.orderDesk, ws: null };
  const ws = createWsTransport(wsUrlFor(window.location.href));
  return { api: createApiClient(ws), ws };
}

const picked = pick();
export const api: OrderDeskApi = picked.api;

/** Browser mode's socket state (Electron IPC is always 'open'). */
export function onTransportStatus(listener: (s: TransportStatus) => void): () => void {
  if (!picked.ws) {
    listener('open');
    return () => {};
  }
  listener(picked.ws.status());
  return picked.ws.onStatus((s) => listener(s));
}
export type { TransportStatus };
