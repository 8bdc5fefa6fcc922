// Browser mode's server in front of the relay's request path, with a service process that holds
// every request until the test answers it: one window's flood (submits, valid or not, or reads
// from many windows) must not make another window's order fail or wait behind it, and a page
// the server will not serve is told why instead of being left to reconnect for ever.
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  startBrowserServer,
  MAX_FORWARDED,
  MAX_UNREAD_BYTES,
  MAX_WINDOWS,
  type BrowserServer,
} from '../../../electron/browser-mode/server';
import { createRelayDispatch, MAX_SUBMITS_IN_FLIGHT } from '../../../electron/relay/relay-dispatch';
import { MemorySecretStore } from '../../../electron/secrets/secret-store';
import type { EventName, Result } from '../../../shared/contract';
import { WS_CLOSE_FELL_BEHIND } from '../../../shared/ws-protocol';

let server: BrowserServer | null = null;
const sockets: WebSocket[] = [];
let dir = '';
afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  await server?.close();
  server = null;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** The service process: every request held until `answerAll`; `emit` pushes an event, `logged` the relay's log. */
async function start() {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'od-limits-'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<html><body>order desk</body></html>');
  const held: Array<{ channel: string; input: unknown; answer: () => void }> = [];
  const dispatch = createRelayDispatch(
    {
      request: (channel, input) =>
        new Promise<Result<unknown>>((resolve) =>
          held.push({ channel, input, answer: () => resolve({ ok: true, value: input ?? null }) }),
        ),
      state: () => ({ status: 'running', restarts: 0, error: null }),
    },
    { read: () => ({ dir: '', files: [], tail: [] }), open: async () => ({ opened: false, dir: '' }) },
    { store: new MemorySecretStore({}), changed: () => {} },
  );
  const listeners = new Set<(event: EventName, payload: unknown) => void>();
  const logged: string[] = [];
  server = await startBrowserServer({
    dispatch,
    subscribe: (listener) => (listeners.add(listener), () => listeners.delete(listener)),
    rendererDir: dir,
    port: 0,
    log: (line) => logged.push(line),
  });
  const answerAll = () => {
    for (const h of held.splice(0)) h.answer();
  };
  const emit = (event: EventName, payload: unknown) => {
    for (const l of listeners) l(event, payload);
  };
  return { server, held, answerAll, emit, logged };
}

interface Client {
  ws: WebSocket;
  fatal: Promise<unknown>;
  closed: Promise<number>;
  request(channel: string, input: unknown): Promise<Result<unknown>>;
}

function connect(s: BrowserServer, opts: { origin?: string; host?: string } = {}): Client {
  const ws = new WebSocket(`ws://127.0.0.1:${s.port}/ws?token=${s.token}`, {
    origin: opts.origin ?? `http://127.0.0.1:${s.port}`,
    headers: opts.host ? { Host: opts.host } : {},
  });
  sockets.push(ws);
  let id = 0;
  const pending = new Map<number, (r: Result<unknown>) => void>();
  let fatal: (m: unknown) => void = () => {};
  ws.on('message', (d) => {
    const m = JSON.parse(d.toString()) as { type: string; id: number; result: Result<unknown>; error: unknown };
    if (m.type === 'response') pending.get(m.id)?.(m.result);
    if (m.type === 'fatal') fatal(m.error);
  });
  ws.on('error', () => {});
  return {
    ws,
    fatal: new Promise((resolve) => (fatal = resolve)),
    closed: new Promise((resolve) => ws.on('close', (code) => resolve(code))),
    request: (channel, input) =>
      new Promise((resolve) => {
        const i = ++id;
        pending.set(i, resolve);
        const send = () => ws.send(JSON.stringify({ type: 'request', id: i, channel, input }));
        if (ws.readyState === WebSocket.OPEN) send();
        else ws.once('open', send);
      }),
  };
}

/** The fatal message, or a failure's reason once the server had time to send it and sent none. */
const fatalOf = (c: Client) =>
  Promise.race([c.fatal, new Promise((r) => setTimeout(() => r('no fatal message: the socket was admitted'), 2000))]);
const opened = (c: Client) =>
  new Promise<void>((resolve, reject) => {
    if (c.ws.readyState === WebSocket.OPEN) return resolve();
    c.ws.once('open', () => resolve());
    c.ws.once('unexpected-response', (_req, res) => reject(new Error(`refused with HTTP ${res.statusCode}`)));
  });
/** A plain HTTP answer to `method path` sent with this Host header, as a browser after a DNS rebinding sends it. */
const httpGet = (s: BrowserServer, host: string, urlPath = '/', method = 'GET') =>
  new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: s.port, path: urlPath, method, headers: { Host: host } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'] ?? '', body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
/** 과 or 와 after a port, as its last digit is read aloud (2 이, 4 사, 5 오, 9 구 end in a vowel). */
const josaWa = (port: number) => ('2459'.includes(String(port).slice(-1)) ? '와' : '과');
const order = (n: number) => ({ customerName: `Clerk ${n}`, customerId: 'C-1', lines: [], paymentMethod: 'card' });
const invalidOrder = { customerName: 'x', customerId: 'x', lines: [{ quantity: 0 }], paymentMethod: 'card' };

describe('submits in flight, window by window', () => {
  it("one window's flood of invalid submits fills only its own share: the other window's orders are forwarded", async () => {
    const { server: s, held } = await start();
    const rogue = connect(s);
    const clerk = connect(s);
    await Promise.all([opened(rogue), opened(clerk)]);
    const flood = Array.from({ length: MAX_SUBMITS_IN_FLIGHT + 50 }, () =>
      rogue.request('orders:submit', invalidOrder),
    );
    await expect.poll(() => held.length).toBe(MAX_SUBMITS_IN_FLIGHT);
    // Alone, the window has the whole bound, as before: the 50 past it are refused at once.
    const refused = await Promise.all(flood.slice(MAX_SUBMITS_IN_FLIGHT));
    expect(new Set(refused.map((r) => (r.ok ? 'ok' : r.error.code)))).toEqual(new Set(['order.busy']));

    const answers = Array.from({ length: 10 }, (_, n) => clerk.request('orders:submit', order(n)));
    await expect.poll(() => held.filter((h) => h.channel === 'orders:submit').length).toBe(MAX_SUBMITS_IN_FLIGHT + 10);
    // The rogue, over its share now that two windows share the bound, gets nothing more in.
    expect(await rogue.request('orders:submit', invalidOrder)).toMatchObject({
      ok: false,
      error: { code: 'order.busy' },
    });
    for (const h of held.splice(MAX_SUBMITS_IN_FLIGHT)) h.answer();
    const clerkResults = await Promise.all(answers);
    expect(clerkResults.map((r) => r.ok)).toEqual(Array(10).fill(true));
  });
});

describe('windows and their reads', () => {
  it(`refuses window ${MAX_WINDOWS + 1} with request.tooManyWindows, and admits one again once a window closes`, async () => {
    const { server: s } = await start();
    const windows = Array.from({ length: MAX_WINDOWS }, () => connect(s));
    await Promise.all(windows.map(opened));
    const extra = connect(s);
    expect(await fatalOf(extra)).toEqual({ code: 'request.tooManyWindows', params: { max: MAX_WINDOWS } });
    expect(await extra.closed).toBe(4429);

    windows[0].ws.close();
    await windows[0].closed;
    const again = connect(s);
    expect(await again.request('service:state', undefined)).toMatchObject({ ok: true });
  });

  it("a Save and another window's read wait behind a bounded number of forwarded reads, never behind a flood", async () => {
    const { server: s, held } = await start();
    const flooders = Array.from({ length: MAX_WINDOWS - 1 }, () => connect(s));
    const clerk = connect(s);
    await Promise.all([...flooders, clerk].map(opened));
    const flood = flooders.flatMap((f) =>
      Array.from({ length: 64 }, () => f.request('history:search', { query: 'lo' })),
    );
    // The bound, and a read of each window that had none through when it was reached.
    await expect.poll(() => held.length).toBeGreaterThanOrEqual(MAX_FORWARDED);
    await new Promise((r) => setTimeout(r, 200));
    expect(held.length).toBeLessThanOrEqual(MAX_FORWARDED + MAX_WINDOWS);

    // The clerk's Save and read go straight to the service process, behind only those, not
    // behind the flood's 900-odd reads still waiting in the relay.
    void clerk.request('orders:submit', order(1));
    const recent = clerk.request('orders:recent', { limit: 5 });
    await expect
      .poll(() => held.map((h) => h.channel))
      .toEqual(expect.arrayContaining(['orders:submit', 'orders:recent']));
    held
      .splice(
        held.findIndex((h) => h.channel === 'orders:recent'),
        1,
      )[0]
      .answer();
    expect(await recent).toEqual({ ok: true, value: { limit: 5 } });

    // Answered, the flood's reads are forwarded in turn and every one is answered.
    let answered = false;
    const all = Promise.all(flood).finally(() => (answered = true));
    while (!answered) {
      for (const h of held.splice(0)) h.answer();
      await new Promise((r) => setTimeout(r, 5));
    }
    expect((await all).filter((r) => r.ok)).toHaveLength(flooders.length * 64);
  });
});

describe('a window that stops reading its socket', () => {
  it(`is closed with ${WS_CLOSE_FELL_BEHIND} once over MAX_UNREAD_BYTES wait for it, logged once; a window that reads gets every event`, async () => {
    const { server: s, emit, logged } = await start();
    const stalled = connect(s);
    const clerk = connect(s);
    await Promise.all([opened(stalled), opened(clerk)]);
    let clerkEvents = 0;
    clerk.ws.on('message', (d) => {
      if ((JSON.parse(d.toString()) as { type: string }).type === 'event') clerkEvents++;
    });
    const stalledClose = new Promise<[number, string]>((resolve) =>
      stalled.ws.on('close', (code, reason) => resolve([code, reason.toString()])),
    );
    // A script with the page's token that stops reading: the kernel's buffers fill, then the relay's.
    (stalled.ws as unknown as { _socket: net.Socket })._socket.pause();

    const payload = { text: 'x'.repeat(64 * 1024) };
    let emitted = 0;
    // Far past the limit and the loopback's kernel buffers: the old relay buffered all of it.
    const giveUp = 32 * MAX_UNREAD_BYTES;
    while (logged.length === 0 && emitted * 64 * 1024 < giveUp) {
      for (let i = 0; i < 4; i++, emitted++) emit('bench.progress', payload);
      await new Promise((r) => setTimeout(r, 0));
    }
    // Events go on: the closed window is neither sent them nor logged again.
    for (let i = 0; i < 20; i++, emitted++) emit('bench.progress', payload);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain(`closed a window that left over ${MAX_UNREAD_BYTES / 1024 / 1024} MiB unread`);

    await expect.poll(() => clerkEvents, { timeout: 10_000 }).toBe(emitted);
    expect(clerk.ws.readyState).toBe(WebSocket.OPEN);

    // Read again, the script finds the backlog, then the close code and its reason.
    (stalled.ws as unknown as { _socket: net.Socket })._socket.resume();
    expect(await stalledClose).toEqual([
      WS_CLOSE_FELL_BEHIND,
      `fell behind: over ${MAX_UNREAD_BYTES / 1024 / 1024} MiB unread; reconnect`,
    ]);
    // It may reconnect at once, as the page does (and reloads what it shows).
    expect(await connect(s).request('service:state', undefined)).toMatchObject({ ok: true });
  });
});

describe("the page's address", () => {
  it('serves the page only under 127.0.0.1 or localhost with its port: any other Host is told which addresses to open', async () => {
    const { server: s } = await start();
    for (const host of [`127.0.0.1:${s.port}`, `localhost:${s.port}`, `LOCALHOST:${s.port}`]) {
      const page = await httpGet(s, host, `/?token=${s.token}`);
      expect({ host, status: page.status, body: page.body }).toEqual({
        host,
        status: 200,
        body: '<html><body>order desk</body></html>',
      });
    }
    for (const [host, urlPath, method] of [
      [`rebound.example:${s.port}`, `/?token=${s.token}`, 'GET'],
      [`rebound.example:${s.port}`, '/index.html', 'HEAD'],
      [`127.0.0.1:${s.port + 1}`, '/', 'GET'],
      [`localhost`, '/assets/main.js', 'GET'],
      [`127.0.0.1.nip.io:${s.port}`, '/', 'POST'],
    ]) {
      const answer = await httpGet(s, host!, urlPath, method);
      expect({ host, status: answer.status, type: answer.type }).toEqual({
        host,
        status: 421,
        type: 'text/plain; charset=utf-8',
      });
      if (method === 'HEAD') continue;
      expect(answer.body).not.toContain('order desk');
      expect(answer.body).toContain(
        `This page was opened at http://${host}, an address Order Desk does not answer on: it answers only at http://127.0.0.1:${s.port} and http://localhost:${s.port}.`,
      );
      expect(answer.body).toContain(
        `이 페이지는 오더 데스크가 응답하지 않는 주소(http://${host})로 열렸습니다. 오더 데스크는 http://127.0.0.1:${s.port}${josaWa(s.port)} http://localhost:${s.port}에서만 응답합니다.`,
      );
    }
  });

  it('answers a request that names no address (HTTP/1.0, no Host) with 421 and the addresses to open, not "opened at http://"', async () => {
    const { server: s } = await start();
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(s.port, '127.0.0.1', () => socket.end('GET / HTTP/1.0\r\n\r\n'));
      let text = '';
      socket.setEncoding('utf8');
      socket.on('data', (d: string) => (text += d));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 421 Misdirected Request');
    expect(answer).not.toContain('order desk');
    expect(answer).not.toContain('opened at http://,');
    expect(answer).toContain(
      `This request named no address (it had no Host header), so Order Desk cannot tell which page it is for: it answers only at http://127.0.0.1:${s.port} and http://localhost:${s.port}.`,
    );
    expect(answer).toContain(
      `이 요청에는 주소(호스트 헤더)가 없어 어느 페이지를 위한 요청인지 알 수 없습니다. 오더 데스크는 http://127.0.0.1:${s.port}${josaWa(s.port)} http://localhost:${s.port}에서만 응답합니다.`,
    );
  });

  it('accepts the page opened on localhost, the same loopback server and port', async () => {
    const { server: s, held, answerAll } = await start();
    const page = connect(s, { origin: `http://localhost:${s.port}`, host: `localhost:${s.port}` });
    const answer = page.request('orders:recent', { limit: 5 });
    await expect.poll(() => held.length).toBe(1);
    answerAll();
    expect(await answer).toEqual({ ok: true, value: { limit: 5 } });
  });

  it('tells our page served under another name to open the printed address, and still refuses a foreign page at the HTTP level', async () => {
    const { server: s } = await start();
    const page = connect(s, { origin: `http://order-desk.test:${s.port}`, host: `order-desk.test:${s.port}` });
    expect(await fatalOf(page)).toEqual({
      code: 'request.wrongAddress',
      params: {
        address: `http://order-desk.test:${s.port}`,
        expected: `http://127.0.0.1:${s.port}`,
        alsoAt: `http://localhost:${s.port}`,
      },
    });
    expect(await page.closed).toBe(4403);

    const foreign = connect(s, { origin: 'https://evil.example' });
    await expect(opened(foreign)).rejects.toThrow('refused with HTTP 403');
  });
});
