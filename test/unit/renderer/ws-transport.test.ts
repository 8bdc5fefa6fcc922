import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createApiClient } from '../../../shared/api-client';
import { MAX_REQUEST_BYTES, type EventName } from '../../../shared/contract';
import { createRequestDispatcher } from '../../../electron/ipc/bind-requests';
import { MAX_FORWARDED, MAX_REQUESTS_IN_FLIGHT, startBrowserServer } from '../../../electron/browser-mode/server';
import {
  createWsTransport,
  wsUrlFor,
  type TransportStatus,
  type WsTransport,
} from '../../../renderer/transport/ws-transport';
import { recordingHandlers } from '../ipc/fake-handlers';

const Socket = WebSocket as unknown as typeof globalThis.WebSocket;
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function serve(port = 0, token?: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'od-wst-'));
  const { handlers } = recordingHandlers((channel) => channel);
  let emit: (e: EventName, p: unknown) => void = () => {};
  const server = await startBrowserServer({
    dispatch: createRequestDispatcher(handlers),
    subscribe: (l) => ((emit = l), () => {}),
    rendererDir: dir,
    port,
    token,
  });
  let closed = false;
  const close = async () => {
    if (!closed) await server.close();
    closed = true;
  };
  cleanup.push(close, () => fs.rmSync(dir, { recursive: true, force: true }));
  return { server, close, emit: (e: EventName, p: unknown) => emit(e, p) };
}

function transport(url: string | null): WsTransport {
  const t = createWsTransport(url, Socket);
  cleanup.push(() => t.close());
  return t;
}

const statusOf = (t: WsTransport) => t.status();

describe('browser-mode transport', () => {
  it('reads the socket URL and token from the page URL', () => {
    expect(wsUrlFor('http://127.0.0.1:4000/?token=abc')).toBe('ws://127.0.0.1:4000/ws?token=abc');
    expect(wsUrlFor('http://127.0.0.1:4000/')).toBeNull();
  });

  it('queues calls made before the socket opens, answers them, and delivers events', async () => {
    const { server, emit } = await serve();
    const t = transport(wsUrlFor(server.url));
    const api = createApiClient(t);
    const answer = api.app.info(); // sent before the socket is open
    expect(await answer).toEqual({ ok: true, value: 'app:info' });
    const seen: unknown[] = [];
    api.on('connection.changed', (p) => seen.push(p));
    emit('connection.changed', { status: 'offline' });
    await expect.poll(() => seen).toEqual([{ status: 'offline' }]);
  });

  it('answers in-flight calls with an error when the service goes away, and reconnects when it is back', async () => {
    const first = await serve();
    const t = transport(wsUrlFor(first.server.url));
    const api = createApiClient(t);
    await api.app.info();
    const { port, token } = first.server;
    await first.close();
    await expect.poll(() => statusOf(t)).not.toBe('open');
    const during = await api.app.info();
    expect(during.ok).toBe(false);
    await serve(port, token);
    await expect.poll(() => statusOf(t), { timeout: 10_000 }).toBe('open');
    expect(await api.connection.state()).toEqual({ ok: true, value: 'connection:state' });
  });

  it('stays closed while it retries after losing contact, until it is open again', async () => {
    // Each retry said "connecting" for a moment: the lost-contact banner went and came back with
    // it, so a script waiting for the banner to go went on while the page was still cut off.
    const first = await serve();
    const t = transport(wsUrlFor(first.server.url));
    await expect.poll(() => statusOf(t)).toBe('open');
    const seen: string[] = [];
    t.onStatus((s) => seen.push(s));
    const { port, token } = first.server;
    await first.close();
    // The loss and two retries refused (after 250 and 500 ms), each ended by a close.
    await expect.poll(() => seen.filter((s) => s === 'closed').length, { timeout: 5_000 }).toBeGreaterThanOrEqual(3);
    await serve(port, token);
    await expect.poll(() => statusOf(t), { timeout: 10_000 }).toBe('open');
    expect(seen.slice(0, -1).filter((s) => s !== 'closed')).toEqual([]);
  });

  it('stops, with request.unauthorized, when the token is wrong or missing', async () => {
    const { server } = await serve();
    const wrong = transport(`ws://127.0.0.1:${server.port}/ws?token=nope`);
    await expect.poll(() => statusOf(wrong)).toBe('unauthorized');
    expect(await createApiClient(wrong).app.info()).toEqual({ ok: false, error: { code: 'request.unauthorized' } });
    const missing = transport(null);
    expect(statusOf(missing)).toBe('unauthorized');
    expect(await createApiClient(missing).app.info()).toEqual({ ok: false, error: { code: 'request.unauthorized' } });
  });
});

describe('one window’s requests in flight', () => {
  it('are bounded: past the bound it is told request.busy at once, while another window and its submits are answered', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'od-wst-'));
    const held: Array<() => void> = [];
    const server = await startBrowserServer({
      // Reads wait until released, as behind a busy service process; the rest answer at once.
      dispatch: (channel) =>
        channel === 'orders:recent'
          ? new Promise((resolve) => held.push(() => resolve({ ok: true, value: [] })))
          : Promise.resolve({ ok: true, value: channel }),
      subscribe: () => () => {},
      rendererDir: dir,
      port: 0,
    });
    cleanup.push(
      () => server.close(),
      () => fs.rmSync(dir, { recursive: true, force: true }),
    );
    const flood = createApiClient(transport(wsUrlFor(server.url)));
    const other = createApiClient(transport(wsUrlFor(server.url)));
    const reads = Array.from({ length: MAX_REQUESTS_IN_FLIGHT + 6 }, () => flood.orders.recent({ limit: 5 }));
    const refused = await Promise.all(reads.slice(MAX_REQUESTS_IN_FLIGHT));
    expect(refused.map((r) => !r.ok && r.error.code)).toEqual(Array(6).fill('request.busy'));
    // The service process has only MAX_FORWARDED of them; the rest wait in the relay.
    expect(held).toHaveLength(MAX_FORWARDED);
    // A submit from the flooding window, and another window's request, are not held behind the bound.
    expect(await flood.orders.submit({} as never)).toEqual({ ok: true, value: 'orders:submit' });
    expect(await other.app.info()).toEqual({ ok: true, value: 'app:info' });
    let answered = false;
    const all = Promise.all(reads.slice(0, MAX_REQUESTS_IN_FLIGHT)).finally(() => (answered = true));
    while (!answered) {
      for (const release of held.splice(0)) release();
      await new Promise((r) => setTimeout(r, 5));
    }
    expect((await all).every((r) => r.ok)).toBe(true);
    // Answered, they no longer count: the next read is held, not refused.
    const next = flood.orders.recent({ limit: 5 });
    await expect.poll(() => held.length).toBe(1);
    held[0]();
    expect((await next).ok).toBe(true);
  });
});

describe('a request larger than the server takes', () => {
  it('is answered request.tooLarge, as in Electron, and the window keeps its socket and its other requests', async () => {
    const { server } = await serve();
    const t = transport(wsUrlFor(server.url));
    const api = createApiClient(t);
    await api.app.info();
    const statuses: TransportStatus[] = [];
    t.onStatus((s) => statuses.push(s));
    // A catalogue CSV the page lets through (a 900 KB file in CP949 is 1.35 MB as UTF-8) closed
    // the socket (1009) and failed every request of the window with "connection lost".
    const [big, other] = await Promise.all([api.catalogue.importCsv({ csv: '가'.repeat(600_000) }), api.app.info()]);
    expect(big).toEqual({ ok: false, error: { code: 'request.tooLarge', params: { max: MAX_REQUEST_BYTES } } });
    expect(other).toEqual({ ok: true, value: 'app:info' });
    expect(statuses).toEqual([]);
  });
});

describe('a binary frame', () => {
  it('closes the socket as unsupported data (1003) rather than leave its sender waiting for an answer', async () => {
    const { server } = await serve();
    const ws = new WebSocket(wsUrlFor(server.url)!);
    cleanup.push(() => ws.terminate());
    await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send(Buffer.from(JSON.stringify({ type: 'request', id: 1, channel: 'app:info' })));
    expect(await closed).toBe(1003);
  });
});
