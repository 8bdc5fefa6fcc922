// Browser mode's side of the contract: requests over one WebSocket, answered by id; events
// pushed by the server. Reconnects with capped backoff; requests in flight when the socket
// drops are answered with an error value (never left hanging).
import type { ApiTransport } from '../../shared/api-client';
import { EVENT_CHANNEL_PREFIX, MAX_REQUEST_BYTES, type EventName, type Result } from '../../shared/contract';
import { appError, type AppError } from '../../shared/error-codes';
import { WS_PATH, WS_TOKEN_PARAM, type WsServerMessage } from '../../shared/ws-protocol';

/**
 * `closed`: contact was lost, and it stays so through the retries until a socket opens (the
 * lost-contact banner reads it). `refused`: the server turned this page away for a reason a
 * retry will not change (its address, too many windows).
 */
export type TransportStatus = 'connecting' | 'open' | 'closed' | 'unauthorized' | 'refused';

export interface WsTransport extends ApiTransport {
  status(): TransportStatus;
  onStatus(listener: (status: TransportStatus, error: AppError | null) => void): () => void;
  /** Closes the socket for good (no reconnect). */
  close(): void;
}

/** The socket's address for the page at `pageUrl`, with its token (by default the page URL's). */
export function wsUrlFor(
  pageUrl: string,
  token: string | null = new URL(pageUrl).searchParams.get(WS_TOKEN_PARAM),
): string | null {
  if (!token) return null;
  const page = new URL(pageUrl);
  const ws = new URL(WS_PATH, page);
  ws.protocol = page.protocol === 'https:' ? 'wss:' : 'ws:';
  ws.search = new URLSearchParams({ [WS_TOKEN_PARAM]: token }).toString();
  return ws.href;
}

/** The frame's UTF-8 size as the server counts it; text short enough to fit at 3 bytes a unit is not measured (a Save). */
function frameTooLarge(text: string): boolean {
  return text.length * 3 > MAX_REQUEST_BYTES && new TextEncoder().encode(text).length > MAX_REQUEST_BYTES;
}

/** `Socket` is the browser's WebSocket; tests pass the `ws` package's, which has the same shape. */
export function createWsTransport(url: string | null, Socket: typeof WebSocket = WebSocket): WsTransport {
  let socket: WebSocket | null = null;
  let status: TransportStatus = 'connecting';
  let fatal: AppError | null = url ? null : appError('request.unauthorized');
  let nextId = 1;
  let backoffMs = 250;
  let closedForGood = false;
  const queue: string[] = [];
  const pending = new Map<number, (r: Result<unknown>) => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const statusListeners = new Set<(s: TransportStatus, e: AppError | null) => void>();

  const fatalStatus = (): TransportStatus => (fatal?.code === 'request.unauthorized' ? 'unauthorized' : 'refused');
  const setStatus = (s: TransportStatus) => {
    status = s;
    for (const l of statusListeners) l(s, fatal);
  };
  const failPending = (error: AppError) => {
    for (const resolve of pending.values()) resolve({ ok: false, error });
    pending.clear();
    queue.length = 0; // answered already; must not be sent on the next connection
  };

  const connect = () => {
    if (!url || fatal) return setStatus(fatalStatus());
    // A retry is no news: "connecting" between two refusals took the lost-contact banner away
    // and back (read out again as an alert), and a script waiting for it to go went on.
    if (status !== 'closed') setStatus('connecting');
    const ws = new Socket(url);
    socket = ws;
    ws.onopen = () => {
      backoffMs = 250;
      setStatus('open');
      for (const text of queue.splice(0)) ws.send(text);
    };
    ws.onmessage = (e) => {
      let msg: WsServerMessage;
      try {
        msg = JSON.parse(String(e.data)) as WsServerMessage;
      } catch {
        return;
      }
      if (msg.type === 'response') {
        const resolve = pending.get(msg.id);
        pending.delete(msg.id);
        resolve?.(msg.result);
      } else if (msg.type === 'event') {
        for (const l of listeners.get(msg.channel) ?? []) l(msg.payload);
      } else if (msg.type === 'fatal') {
        fatal = msg.error;
      }
    };
    // A failed connect is followed by close, which handles it; nothing to do on error itself.
    ws.onerror = () => {};
    ws.onclose = () => {
      socket = null;
      if (fatal) {
        failPending(fatal);
        return setStatus(fatalStatus());
      }
      failPending(appError('internal', { detail: 'the connection to the Order Desk service was lost' }));
      setStatus('closed');
      if (closedForGood) return;
      setTimeout(connect, backoffMs);
      backoffMs = Math.min(backoffMs * 2, 5000);
    };
  };
  connect();

  return {
    invoke(channel, input) {
      if (fatal) return Promise.resolve({ ok: false, error: fatal });
      const id = nextId++;
      const text = JSON.stringify({ type: 'request', id, channel, input });
      // The server closes a socket whose frame passes its limit (1009), which failed every
      // request of the window as "connection lost": refused here instead, as Electron refuses it.
      if (frameTooLarge(text))
        return Promise.resolve({ ok: false, error: appError('request.tooLarge', { max: MAX_REQUEST_BYTES }) });
      return new Promise((resolve) => {
        pending.set(id, resolve);
        if (socket && socket.readyState === Socket.OPEN) socket.send(text);
        else queue.push(text);
      });
    },
    listen(event: EventName, listener) {
      const channel = EVENT_CHANNEL_PREFIX + event;
      const set = listeners.get(channel) ?? new Set();
      listeners.set(channel, set);
      set.add(listener);
      return () => set.delete(listener);
    },
    status: () => status,
    close() {
      closedForGood = true;
      socket?.close();
    },
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
  };
}
