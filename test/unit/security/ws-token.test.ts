import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { decideUpgrade } from '../../../electron/browser-mode/ws-auth';
import { startBrowserServer, type BrowserServer } from '../../../electron/browser-mode/server';
import { resolveStaticPath } from '../../../electron/main/renderer-files';
import { createRequestDispatcher } from '../../../electron/ipc/bind-requests';
import { contentSecurityPolicy } from '../../../electron/main/csp';
import { createAppLog } from '../../../electron/logging/app-log';
import { redactLogText, setRedactedSecrets } from '../../../electron/logging/redact';
import type { EventName } from '../../../shared/contract';
import { recordingHandlers, validDraft } from '../ipc/fake-handlers';

describe('WebSocket upgrade decision', () => {
  const server = { token: 'secret-token', addresses: ['127.0.0.1:4000', 'localhost:4000'] };
  const own = '127.0.0.1:4000';
  it.each([
    ['no token', '/ws', 'http://127.0.0.1:4000', own, 'unauthorized'],
    ['a wrong token', '/ws?token=secret-tokem', 'http://127.0.0.1:4000', own, 'unauthorized'],
    ['a longer token', '/ws?token=secret-token2', 'http://127.0.0.1:4000', own, 'unauthorized'],
    ['a foreign page', '/ws?token=secret-token', 'https://evil.example', own, 'refuse'],
    ['another local port', '/ws?token=secret-token', 'http://127.0.0.1:4001', own, 'refuse'],
    ['another path', '/socket?token=secret-token', 'http://127.0.0.1:4000', own, 'refuse'],
    ['the app page with its token', '/ws?token=secret-token', 'http://127.0.0.1:4000', own, 'accept'],
    ['the app page on localhost', '/ws?token=secret-token', 'http://localhost:4000', 'localhost:4000', 'accept'],
    ['a local client with the token', '/ws?token=secret-token', undefined, own, 'accept'],
    ['a rebound name', '/ws?token=secret-token', 'http://rebound.example:4000', 'rebound.example:4000', 'wrongAddress'],
    ['a local client naming another host', '/ws?token=secret-token', undefined, 'rebound.example:4000', 'wrongAddress'],
    ['our origin sent to another host', '/ws?token=secret-token', 'http://127.0.0.1:4000', 'rebound.example', 'refuse'],
    ['no Host at all', '/ws?token=secret-token', undefined, undefined, 'wrongAddress'],
  ])('%s → %s', (_n, url, origin, host, kind) => {
    expect(decideUpgrade({ url, origin, host }, server).kind).toBe(kind);
  });
});

describe('browser-mode server', () => {
  let server: BrowserServer | null = null;
  let dir = '';
  afterEach(async () => {
    await server?.close();
    server = null;
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function start() {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'od-ws-'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<html><head></head><body>order desk</body></html>');
    const { handlers, calls } = recordingHandlers();
    let emit: (e: EventName, p: unknown) => void = () => {};
    server = await startBrowserServer({
      dispatch: createRequestDispatcher(handlers),
      subscribe: (l) => ((emit = l), () => {}),
      rendererDir: dir,
      port: 0,
    });
    return { server, calls, emit: (e: EventName, p: unknown) => emit(e, p) };
  }

  function open(url: string, origin?: string) {
    const ws = new WebSocket(url, origin ? { origin } : {});
    const messages: unknown[] = [];
    ws.on('message', (d) => messages.push(JSON.parse(d.toString())));
    return { ws, messages };
  }
  const closed = (ws: WebSocket) => new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  const wsUrl = (s: BrowserServer, token?: string) => `ws://127.0.0.1:${s.port}/ws${token ? `?token=${token}` : ''}`;

  it('prints a token-bearing URL on 127.0.0.1', async () => {
    const { server: s } = await start();
    expect(s.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${s.port}/\\?token=[A-Za-z0-9_-]{32}$`));
  });

  it('tells a client without the token request.unauthorized, closes, and runs nothing it sent', async () => {
    const { server: s, calls } = await start();
    const { ws, messages } = open(wsUrl(s), `http://127.0.0.1:${s.port}`);
    ws.on('open', () =>
      ws.send(JSON.stringify({ type: 'request', id: 1, channel: 'orders:submit', input: validDraft() })),
    );
    expect(await closed(ws)).toBe(4401);
    expect(messages).toEqual([{ type: 'fatal', error: { code: 'request.unauthorized' } }]);
    expect(calls).toHaveLength(0);
  });

  it('refuses a foreign origin at the HTTP level', async () => {
    const { server: s } = await start();
    const ws = new WebSocket(wsUrl(s, s.token), { origin: 'https://evil.example' });
    const status = await new Promise<number>((resolve) =>
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)),
    );
    expect(status).toBe(403);
  });

  it('answers requests by id through the gate and pushes events', async () => {
    const { server: s, calls, emit } = await start();
    const { ws, messages } = open(wsUrl(s, s.token), `http://127.0.0.1:${s.port}`);
    await new Promise((r) => ws.on('open', r));
    ws.send(JSON.stringify({ type: 'request', id: 7, channel: 'orders:submit', input: validDraft() }));
    ws.send(JSON.stringify({ type: 'request', id: 8, channel: 'orders:submit', input: { ...validDraft(), total: 0 } }));
    ws.send(JSON.stringify({ type: 'request', id: 9, channel: 'orders:drop', input: {} }));
    ws.send('not json');
    ws.send(JSON.stringify({ type: 'request', id: 10, channel: 5 }));
    await expect.poll(() => messages.length).toBe(4);
    emit('connection.changed', { status: 'offline' });
    await expect.poll(() => messages.length).toBe(5);
    const byId = (id: number) => messages.find((m) => (m as { id?: number }).id === id);
    expect(byId(7)).toEqual({ type: 'response', id: 7, result: { ok: true, value: 'done' } });
    expect(byId(8)).toMatchObject({ result: { ok: false, error: { code: 'request.invalid' } } });
    expect(byId(9)).toMatchObject({ result: { ok: false, error: { code: 'request.unknown' } } });
    expect(byId(10)).toMatchObject({ result: { ok: false, error: { code: 'request.invalid' } } });
    expect(messages[4]).toEqual({ type: 'event', channel: 'event:connection.changed', payload: { status: 'offline' } });
    expect(calls).toHaveLength(1);
    ws.close();
  });

  it('keeps its token out of every log line, wherever the token stands in it, until it closes', async () => {
    const { server: s } = await start();
    const t = s.token;
    const terminal: string[] = [];
    const log = createAppLog(`token-${process.pid}`, { write: (l: string) => terminal.push(l) });
    const lines = [
      `ready ${s.url}`,
      `GET /ws?from=a&token=${t}&x=1`,
      `GET /${t}/index.html 404`,
      `GET /assets/app.js?${t}`,
      `header Authorization: Bearer ${t}`,
      `header X-Order-Desk: ${t}`,
      `cookie od=${t}; path=/`,
      `Error: cannot open ws://127.0.0.1:${s.port}/ws#${t} (ECONNRESET)`,
      `{"url":"/ws","token":"${t}"}`,
      `{"detail":"${t}"}`,
      t,
      `${t}${t}`,
      `twice: ${t} and ${t}.`,
    ];
    // Secrets saved in Settings replace that list, and leave the token masked.
    setRedactedSecrets(['hunter22']);
    for (const line of lines) log.log(line);
    expect(terminal).toHaveLength(lines.length);
    for (const written of terminal) {
      expect(written).not.toContain(t);
      expect(written).toContain('***');
    }
    expect(terminal[2]).toBe('[order-desk] GET /***/index.html 404\n');
    setRedactedSecrets([]);
    await s.close();
    server = null;
    expect(redactLogText(`GET /${t}/`)).toBe(`GET /${t}/`);
  });

  it('serves index.html with the browser-mode CSP and never a file outside its root', async () => {
    const { server: s } = await start();
    const res = await fetch(`http://127.0.0.1:${s.port}/?token=${s.token}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(contentSecurityPolicy('browser'));
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await res.text()).toContain(contentSecurityPolicy('browser'));
    const traversal = await fetch(`http://127.0.0.1:${s.port}/..%2f..%2fetc%2fpasswd`);
    expect(traversal.status).toBe(404);
    for (const p of [
      '/../../etc/passwd',
      '/..%2f..%2fetc/passwd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/a%00.html',
      '/%E0%A4%A',
    ]) {
      expect(resolveStaticPath('/srv/app', p)).toBeNull();
    }
    expect(resolveStaticPath('/srv/app', '/')).toBe('/srv/app/index.html');
    expect(resolveStaticPath('/srv/app', '/assets/main.js')).toBe('/srv/app/assets/main.js');
  });
});
