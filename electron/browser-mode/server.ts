// Browser mode's server: the built renderer over HTTP and the contract over a WebSocket on
// the same 127.0.0.1 port. It checks who connects (token, origin), bounds the windows open,
// the frame size, the envelope, each window's requests in flight and all windows' requests
// forwarded at once, and hands each request to the dispatcher it
// is given (the relay's, which forwards to the service host, as Electron main does). Each event
// is serialized once and the same text goes to every client.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { channelOf, EVENT_CHANNEL_PREFIX, MAX_REQUEST_BYTES, type EventName } from '../../shared/contract';
import { appError, formatErrorBoth } from '../../shared/error-codes';
import {
  WS_CLOSE_FELL_BEHIND,
  WS_CLOSE_TOO_MANY_WINDOWS,
  WS_CLOSE_UNAUTHORIZED,
  WS_CLOSE_WRONG_ADDRESS,
  WS_TOKEN_PARAM,
  wsClientMessageSchema,
  type WsServerMessage,
} from '../../shared/ws-protocol';
import type { RequestDispatcher } from '../ipc/bind-requests';
import type { LogFn } from '../logging/app-log';
import { holdRedactedSecret } from '../logging/redact';
import { createStaticHandler } from './static-files';
import { isServedAddress, refuseWrongAddress, servedAddresses, wrongAddressError } from './served-address';
import { decideUpgrade, newToken } from './ws-auth';

/** Requests other than submits one window may have unanswered; past it, request.busy at once. */
export const MAX_REQUESTS_IN_FLIGHT = 64;
/**
 * Windows (sockets) open at once; one more is told request.tooManyWindows and closed. Sixty
 * windows of 64 reads each held the clerk's Save for 26 s.
 */
export const MAX_WINDOWS = 16;
/**
 * Requests other than submits forwarded to the service process at once, all windows together.
 * The rest wait here, taken from each window in turn, so a Save (never held here) and another
 * window's reads queue behind at most these in the service process, not behind a flood.
 */
export const MAX_FORWARDED = 16;
/**
 * What may wait unsent for one socket. A script with the page's token that stopped reading grew
 * the relay's memory without bound, event after event; past this it is closed. Events are a few
 * hundred bytes and a page reads them as they come, so only a socket that stopped reading gets here.
 */
export const MAX_UNREAD_BYTES = 8 * 1024 * 1024;
const FELL_BEHIND_REASON = `fell behind: over ${MAX_UNREAD_BYTES / 1024 / 1024} MiB unread; reconnect`;
const SUBMIT_CHANNEL = channelOf('orders', 'submit');
/** RFC 6455's "unsupported data". */
const WS_CLOSE_UNSUPPORTED = 1003;

export interface BrowserServerOptions {
  dispatch: RequestDispatcher;
  subscribe(listener: (event: EventName, payload: unknown) => void): () => void;
  rendererDir: string;
  /** 0 picks a free port. */
  port: number;
  token?: string;
  /** The relay's log (a window closed for leaving too much unread). */
  log?: LogFn;
}

export interface BrowserServer {
  port: number;
  token: string;
  /** The page to open: http://127.0.0.1:PORT/?token=... */
  url: string;
  /** WebSocket messages received and sent since start (every client), for the benchmarks. */
  messageCounts(): { wsIn: number; wsOut: number };
  close(): Promise<void>;
}

/** The port asked for is taken (often a server left running by the last test): said in both languages. */
export class PortInUseError extends Error {
  constructor(readonly port: number) {
    const err = appError('start.portInUse', { port, flag: '--port N' });
    super(formatErrorBoth(err));
  }
}

export async function startBrowserServer(opts: BrowserServerOptions): Promise<BrowserServer> {
  const token = opts.token ?? newToken();
  const serveStatic = createStaticHandler(opts.rendererDir);
  // Known once listening (port 0 picks one); nothing is answered before.
  let addresses: string[] = [];
  const server = http.createServer((req, res) => {
    if (!isServedAddress(req.headers.host, addresses)) return refuseWrongAddress(req, res, addresses);
    serveStatic(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_REQUEST_BYTES });
  const clients = new Set<WebSocket>();
  const counts = { wsIn: 0, wsOut: 0 };
  const requestsInFlight = new WeakMap<WebSocket, number>();
  let forwarded = 0;
  const forwardedBy = new Map<WebSocket, number>();
  // Insertion order is the turn: a window served goes to the back.
  const waiting = new Map<WebSocket, Array<() => void>>();
  // A window with nothing forwarded always gets one through: another window's slow requests (a
  // Diagnostics check waiting on a broker) never hold it, and the total stays under
  // MAX_FORWARDED + MAX_WINDOWS.
  const mayForward = (ws: WebSocket) => forwarded < MAX_FORWARDED || !forwardedBy.has(ws);
  const take = (ws: WebSocket) => {
    forwarded++;
    forwardedBy.set(ws, (forwardedBy.get(ws) ?? 0) + 1);
  };
  const forwardSlot = (ws: WebSocket): Promise<void> => {
    if (!waiting.has(ws) && mayForward(ws)) {
      take(ws);
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const queue = waiting.get(ws) ?? [];
      waiting.set(ws, queue);
      queue.push(resolve);
    });
  };
  const releaseSlot = (ws: WebSocket) => {
    forwarded--;
    const left = forwardedBy.get(ws)! - 1;
    if (left === 0) forwardedBy.delete(ws);
    else forwardedBy.set(ws, left);
    // Nearly always nothing waits: no copy of the queue for each answer on the order path.
    if (waiting.size === 0) return;
    for (const [next, queue] of [...waiting]) {
      if (!mayForward(next)) continue;
      waiting.delete(next);
      if (queue.length > 1) waiting.set(next, queue.slice(1));
      take(next);
      queue[0]();
    }
  };
  const forget = (ws: WebSocket) => {
    clients.delete(ws);
    // A closed window's waiting requests have nobody to answer: never forwarded.
    waiting.delete(ws);
  };

  /**
   * Sends unless the socket is closing, or left too much unread: then it is closed, once (it is
   * closing after), and stays counted among the windows until it is gone, so reconnecting
   * scripts cannot each leave a backlog. One read of a counter on each send, the Save's included.
   */
  const deliver = (ws: WebSocket, text: string) => {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > MAX_UNREAD_BYTES) {
      opts.log?.(
        `browser mode: closed a window that left over ${MAX_UNREAD_BYTES / 1024 / 1024} MiB unread (${WS_CLOSE_FELL_BEHIND}); it may reconnect`,
      );
      ws.close(WS_CLOSE_FELL_BEHIND, FELL_BEHIND_REASON);
      return;
    }
    counts.wsOut++;
    ws.send(text);
  };
  const send = (ws: WebSocket, msg: WsServerMessage) => {
    if (ws.readyState === ws.OPEN) deliver(ws, JSON.stringify(msg));
  };

  server.on('upgrade', (req, socket, head) => {
    const decision = decideUpgrade(
      { url: req.url, origin: req.headers.origin, host: req.headers.host },
      { token, addresses },
    );
    if (decision.kind === 'refuse') {
      const body = JSON.stringify({ ok: false, error: appError(decision.code) });
      socket.end(
        `HTTP/1.1 ${decision.status} ${decision.status === 403 ? 'Forbidden' : 'Not Found'}\r\n` +
          `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (decision.kind === 'unauthorized') {
        // Opened only to say why: the page can show request.unauthorized instead of a silent drop.
        send(ws, { type: 'fatal', error: appError(decision.code) });
        ws.close(WS_CLOSE_UNAUTHORIZED, decision.code);
        return;
      }
      if (decision.kind === 'wrongAddress') {
        send(ws, {
          type: 'fatal',
          error: wrongAddressError(decision.host, addresses),
        });
        ws.close(WS_CLOSE_WRONG_ADDRESS, decision.code);
        return;
      }
      if (clients.size >= MAX_WINDOWS) {
        send(ws, { type: 'fatal', error: appError('request.tooManyWindows', { max: MAX_WINDOWS }) });
        ws.close(WS_CLOSE_TOO_MANY_WINDOWS, 'request.tooManyWindows');
        return;
      }
      clients.add(ws);
      ws.on('close', () => forget(ws));
      ws.on('error', () => forget(ws));
      ws.on('message', (data, isBinary) => void onMessage(ws, data.toString(), isBinary));
    });
  });

  async function onMessage(ws: WebSocket, text: string, isBinary: boolean): Promise<void> {
    counts.wsIn++;
    // The contract is JSON text. A binary frame has no id to answer, and a client waiting on
    // one would wait for ever: the socket is closed instead, which fails what it had in flight.
    if (isBinary) return void ws.close(WS_CLOSE_UNSUPPORTED, 'the contract is carried in text frames');
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      raw = undefined;
    }
    const msg = wsClientMessageSchema.safeParse(raw);
    if (!msg.success) {
      // Without a usable id there is nobody to answer; a malformed frame is dropped.
      const id = (raw as { id?: unknown } | undefined)?.id;
      if (typeof id === 'number' && Number.isInteger(id) && id >= 0) {
        send(ws, {
          type: 'response',
          id,
          // The frame itself, not its input.
          result: { ok: false, error: appError('request.invalid', { field: 'message', detail: 'malformed message' }) },
        });
      }
      return;
    }
    // One window's flood (20,000 reads sent without waiting) held every other window's Save
    // behind it for 26 s. Submits have their own bound, in the relay (order.busy).
    const counted = msg.data.channel !== SUBMIT_CHANNEL;
    const inFlight = requestsInFlight.get(ws) ?? 0;
    if (counted && inFlight >= MAX_REQUESTS_IN_FLIGHT) {
      send(ws, {
        type: 'response',
        id: msg.data.id,
        result: { ok: false, error: appError('request.busy', { inFlight }) },
      });
      return;
    }
    if (!counted) {
      const result = await opts.dispatch(msg.data.channel, msg.data.input, ws);
      return send(ws, { type: 'response', id: msg.data.id, result });
    }
    requestsInFlight.set(ws, inFlight + 1);
    await forwardSlot(ws);
    try {
      const result = await opts.dispatch(msg.data.channel, msg.data.input, ws);
      send(ws, { type: 'response', id: msg.data.id, result });
    } finally {
      releaseSlot(ws);
      requestsInFlight.set(ws, (requestsInFlight.get(ws) ?? 1) - 1);
    }
  }

  const unsubscribe = opts.subscribe((event, payload) => {
    const text = JSON.stringify({
      type: 'event',
      channel: EVENT_CHANNEL_PREFIX + event,
      payload,
    } satisfies WsServerMessage);
    for (const ws of clients) deliver(ws, text);
  });

  await new Promise<void>((resolve, reject) => {
    const failed = (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new PortInUseError(opts.port) : err);
    server.once('error', failed);
    server.listen(opts.port, '127.0.0.1', () => {
      server.off('error', failed);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  addresses = servedAddresses(port);
  // Whoever holds it drives the terminal: no log line of this process shows it, in any form.
  const forgetToken = holdRedactedSecret(token);
  const url = `http://127.0.0.1:${port}/?${WS_TOKEN_PARAM}=${token}`;

  return {
    port,
    token,
    url,
    messageCounts: () => ({ ...counts }),
    async close() {
      unsubscribe();
      for (const ws of clients) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      forgetToken();
    },
  };
}
