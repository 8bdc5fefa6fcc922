// Browser mode's server: the built renderer over HTTP and the contract over a WebSocket on
// the same 127.0.0.1 port. It checks who connects (token, origin), bounds the frame size, the
// envelope and each window's requests in flight, and hands each request to the dispatcher it
// is given (the relay's, which forwards to the service host, as Electron main does). Each event
// is serialized once and the same text goes to every client.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { channelOf, EVENT_CHANNEL_PREFIX, MAX_REQUEST_BYTES, type EventName } from '../../shared/contract';
import { appError } from '../../shared/error-codes';
import {
  WS_CLOSE_UNAUTHORIZED,
  WS_TOKEN_PARAM,
  wsClientMessageSchema,
  type WsServerMessage,
} from '../../shared/ws-protocol';
import type { RequestDispatcher } from '../ipc/bind-requests';
import { createStaticHandler } from './static-files';
import { decideUpgrade, newToken } from './ws-auth';

/** Requests other than submits one window may have unanswered; past it, request.busy at once. */
export const MAX_REQUESTS_IN_FLIGHT = 64;
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

export async function startBrowserServer(opts: BrowserServerOptions): Promise<BrowserServer> {
  const token = opts.token ?? newToken();
  const serveStatic = createStaticHandler(opts.rendererDir);
  const server = http.createServer((req, res) => {
    serveStatic(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_REQUEST_BYTES });
  const clients = new Set<WebSocket>();
  let allowedOrigins: string[] = [];
  const counts = { wsIn: 0, wsOut: 0 };
  const requestsInFlight = new WeakMap<WebSocket, number>();

  const send = (ws: WebSocket, msg: WsServerMessage) => {
    if (ws.readyState !== ws.OPEN) return;
    counts.wsOut++;
    ws.send(JSON.stringify(msg));
  };

  server.on('upgrade', (req, socket, head) => {
    const decision = decideUpgrade({ url: req.url, origin: req.headers.origin }, { token, allowedOrigins });
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
      clients.add(ws);
      ws.on('close', () => clients.delete(ws));
      ws.on('error', () => clients.delete(ws));
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
          result: { ok: false, error: appError('request.invalid', { detail: 'malformed message' }) },
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
    if (counted) requestsInFlight.set(ws, inFlight + 1);
    try {
      const result = await opts.dispatch(msg.data.channel, msg.data.input, ws);
      send(ws, { type: 'response', id: msg.data.id, result });
    } finally {
      if (counted) requestsInFlight.set(ws, (requestsInFlight.get(ws) ?? 1) - 1);
    }
  }

  const unsubscribe = opts.subscribe((event, payload) => {
    const text = JSON.stringify({
      type: 'event',
      channel: EVENT_CHANNEL_PREFIX + event,
      payload,
    } satisfies WsServerMessage);
    for (const ws of clients) {
      if (ws.readyState !== ws.OPEN) continue;
      counts.wsOut++;
      ws.send(text);
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  allowedOrigins = [`http://127.0.0.1:${port}`];
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
    },
  };
}
