// The renderer's one handle on main: window.orderDesk from the preload in Electron, or the
// same OrderDeskApi over browser mode's WebSocket (token from the page URL, then this tab's
// storage: page-token.ts).
import { createApiClient } from '../../shared/api-client';
import type { AppError } from '../../shared/error-codes';
import type { OrderDeskApi } from '../../shared/contract';
import { PAGE_TOKEN_KEY, readPageToken } from './page-token';
import { createWsTransport, wsUrlFor, type TransportStatus, type WsTransport } from './ws-transport';

declare global {
  interface Window {
    orderDesk?: OrderDeskApi;
  }
}

/** This tab's storage, or null where the browser refuses it (the token then lasts until a reload). */
function tabStorage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

function browserModeToken(): string | null {
  const storage = tabStorage();
  const { token, address } = readPageToken(window.location.href, storage?.getItem(PAGE_TOKEN_KEY) ?? null);
  if (token) storage?.setItem(PAGE_TOKEN_KEY, token);
  if (address !== null) window.history.replaceState(window.history.state, '', address);
  return token;
}

function pick(): { api: OrderDeskApi; ws: WsTransport | null } {
  if (window.orderDesk) return { api: window.orderDesk, ws: null };
  const ws = createWsTransport(wsUrlFor(window.location.href, browserModeToken()));
  // A token the server refuses (an old one, after a restart) is forgotten: the next reload
  // shows the same page without trying it again.
  ws.onStatus((s) => {
    if (s === 'unauthorized') tabStorage()?.removeItem(PAGE_TOKEN_KEY);
  });
  return { api: createApiClient(ws), ws };
}

const picked = pick();
export const api: OrderDeskApi = picked.api;

/** Browser mode's socket state (Electron IPC is always 'open'). */
export function onTransportStatus(listener: (s: TransportStatus, error: AppError | null) => void): () => void {
  if (!picked.ws) {
    listener('open', null);
    return () => {};
  }
  listener(picked.ws.status(), null);
  return picked.ws.onStatus(listener);
}
export type { TransportStatus };
