// Browser mode's hardening as an attacker would probe it: the page has no Node, the CSP blocks
// injected script, the WebSocket refuses a client without the token and a page from
// another origin, and the contract answers only its own channels. The token leaves the address
// bar once read, and only the tab that had it keeps it.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import WebSocket from 'ws';
import { expect, test } from './fixtures';
import { fillOrder } from './order-form';
import { startTsx } from './processes';
import { expectCspBlocksInjectedScript, expectNoNodeInPage } from './security-checks';
import { PAGE_ONLY_TAG } from '../support/test-legs';

function connect(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ opened: boolean; status: number | null; firstMessage: string | null; closeCode: number | null }>(
    (resolve) => {
      const ws = new WebSocket(url, { headers });
      let opened = false;
      let firstMessage: string | null = null;
      ws.on('open', () => (opened = true));
      ws.on('message', (d) => (firstMessage ??= d.toString()));
      ws.on('unexpected-response', (_req, res) => {
        resolve({ opened: false, status: res.statusCode ?? null, firstMessage: null, closeCode: null });
        ws.terminate();
      });
      ws.on('close', (code) => resolve({ opened, status: null, firstMessage, closeCode: code }));
      ws.on('error', () => {});
    },
  );
}

test(
  'the page has no Node and its CSP blocks injected inline script',
  { tag: PAGE_ONLY_TAG },
  async ({ page, app }) => {
    await page.goto(app.url);
    await expect(page.getByRole('button', { name: 'Diagnostics' })).toBeVisible();
    await expectNoNodeInPage(page);
    await expectCspBlocksInjectedScript(page);
  },
);

test(
  'the WebSocket refuses a client without the token and a page of another origin',
  { tag: PAGE_ONLY_TAG },
  async ({ app }) => {
    const u = new URL(app.url);
    const wsUrl = `ws://127.0.0.1:${u.port}/ws`;
    const token = u.searchParams.get('token')!;

    const noToken = await connect(wsUrl);
    expect(noToken.firstMessage).toContain('request.unauthorized');
    expect(noToken.closeCode).not.toBe(1000);

    const wrongToken = await connect(`${wsUrl}?token=${'x'.repeat(token.length)}`);
    expect(wrongToken.firstMessage).toContain('request.unauthorized');

    const foreign = await connect(`${wsUrl}?token=${token}`, { Origin: 'https://evil.example' });
    expect(foreign).toMatchObject({ opened: false, status: 403 });

    // The app's own page with the token gets in, and is answered only on the contract's channels.
    const ws = new WebSocket(`${wsUrl}?token=${token}`, { headers: { Origin: `http://127.0.0.1:${u.port}` } });
    try {
      await new Promise((r, j) => (ws.once('open', r), ws.once('error', j)));
      const answer = new Promise<string>((resolve) =>
        ws.on('message', (d) => {
          const text = d.toString();
          if (text.includes('"id":7')) resolve(text);
        }),
      );
      ws.send(JSON.stringify({ type: 'request', id: 7, channel: 'fs:readFile', input: '/etc/passwd' }));
      expect(JSON.parse(await answer)).toMatchObject({
        id: 7,
        result: { ok: false, error: { code: 'request.unknown' } },
      });
      // 20 KB nested ten thousand levels deep once overflowed the relay's stack as it forwarded the
      // request, and the whole app went down; it is refused, and the app answers the next one.
      const answerTo = (id: number) =>
        new Promise<{ id: number; result: { ok: boolean; error?: { code: string; params?: { detail?: string } } } }>(
          (resolve) =>
            ws.on('message', (d) => {
              const m = JSON.parse(d.toString());
              if (m.id === id) resolve(m);
            }),
        );
      const deep = answerTo(8);
      ws.send(`{"type":"request","id":8,"channel":"app:info","input":${'['.repeat(10_000)}${']'.repeat(10_000)}}`);
      expect((await deep).result).toMatchObject({
        ok: false,
        error: { code: 'request.invalid', params: { detail: 'input nested more than 32 levels' } },
      });
      const next = answerTo(9);
      ws.send(JSON.stringify({ type: 'request', id: 9, channel: 'app:info', input: undefined }));
      expect((await next).result.ok).toBe(true);
    } finally {
      ws.close();
    }
  },
);

test(
  'a page opened without its token, or with a wrong one, says so and offers no form to type into',
  { tag: PAGE_ONLY_TAG },
  async ({ page, app }) => {
    const u = new URL(app.url);
    for (const address of [`${u.origin}/`, `${u.origin}/?token=`, `${u.origin}/?token=${'x'.repeat(32)}`]) {
      await page.goto(address);
      // No language remembered yet on this address: both, English first, as the 421 page.
      await expect(page.getByRole('heading', { level: 1 })).toHaveText([
        'This page cannot reach Order Desk',
        '이 페이지는 오더 데스크에 연결할 수 없습니다',
      ]);
      await expect(page.getByTestId('unauthorized')).toContainText('Open the address Order Desk printed');
      await expect(page.getByLabel('Customer name')).toHaveCount(0);
      // The header does not pretend to be on its way: it said "Connecting…" for ever.
      await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'unauthorized');
      await expect(page.getByTestId('connection')).toHaveText('Link no longer valid · 링크가 더 이상 유효하지 않음');
      // And the red banner above the page (it said it in English alone).
      await expect(page.getByRole('alert')).toHaveText(
        'Wrong or missing access token · 접근 토큰이 없거나 올바르지 않습니다',
      );
    }
    await page.goto(app.url);
    await expect(page.getByLabel('Customer name')).toBeVisible();
    await expect(page.getByTestId('connection')).not.toHaveAttribute('data-status', 'unauthorized');
    await expect(page.getByTestId('unauthorized')).toHaveCount(0);

    // On a Korean terminal, a page without its token speaks Korean too: it never gets the settings,
    // and keeps the language the terminal's pages last had.
    const s = await app.api.settings.get();
    if (!s.ok) throw new Error(JSON.stringify(s.error));
    expect((await app.api.settings.save({ ...s.value, language: 'ko' })).ok).toBe(true);
    await page.reload();
    await expect(page.getByLabel('고객 이름')).toBeVisible();
    await page.goto(`${u.origin}/?token=${'x'.repeat(32)}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('이 페이지는 오더 데스크에 연결할 수 없습니다');
    await expect(page.getByTestId('connection')).toHaveText('링크가 더 이상 유효하지 않음');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  },
);

async function saveOrder(page: Page, customerId: string): Promise<void> {
  await fillOrder(page, {
    customerName: 'Kim Minji',
    customerId,
    lines: [{ sku: 'SKU-1', productName: 'Tea', quantity: '1', unitPrice: '3000' }],
  });
  await page.getByLabel('Customer name').press('Control+Enter');
  await expect(page.getByRole('status')).toContainText('Saved');
}

async function expectUnauthorized(page: Page): Promise<void> {
  await expect(page.getByTestId('unauthorized')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByLabel('Customer name')).toHaveCount(0);
}

test(
  'the token leaves the address bar, a reload of the tab still connects, and a new tab on the bare address does not',
  { tag: PAGE_ONLY_TAG },
  async ({ page, app }) => {
    const u = new URL(app.url);
    await page.goto(`${u.origin}/?from=tester&token=${u.searchParams.get('token')}#outbox`);
    await saveOrder(page, 'C-TOKEN-1');
    // Gone from the address (and so from history, screenshots and copied links); the rest stays.
    expect(page.url()).toBe(`${u.origin}/?from=tester#outbox`);

    await page.reload();
    await expect(page.getByTestId('unauthorized')).toHaveCount(0);
    await saveOrder(page, 'C-TOKEN-2');
    expect(page.url()).not.toContain('token');

    const other = await page.context().newPage();
    try {
      await other.goto(`${u.origin}/`);
      await expectUnauthorized(other);
    } finally {
      await other.close();
    }

    // A token in the address wins over the one the tab kept, and one the server refuses is not kept.
    await page.goto(`${u.origin}/?token=${'x'.repeat(32)}`);
    await expectUnauthorized(page);
    expect(page.url()).toBe(`${u.origin}/`);
    await page.reload();
    await expectUnauthorized(page);
  },
);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

test(
  'after the server restarts with a new token, the open tab and the old address say so, and the new address connects',
  { tag: PAGE_ONLY_TAG },
  async ({ page }) => {
    test.setTimeout(120_000);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'order-desk-e2e-'));
    const port = String(await freePort());
    const env = { ...process.env, ORDER_DESK_DATA_DIR: dataDir };
    const start = async () => {
      const child = startTsx('electron/browser-mode/cli.ts', ['--port', port], env);
      const ready = await child.nextLine(/^ready http:\/\/127\.0\.0\.1:\d+\/\?token=/);
      return { child, url: ready.slice('ready '.length) };
    };
    const first = await start();
    let second: Awaited<ReturnType<typeof start>> | null = null;
    try {
      const origin = new URL(first.url).origin;
      await page.goto(first.url);
      await saveOrder(page, 'C-RESTART-1');
      expect(page.url()).toBe(`${origin}/`);
      await first.child.stop();
      // While no server answers, the header says it is connecting, under the lost-contact banner,
      // not the "Connected" it last heard.
      await expect(page.getByTestId('lost-contact-banner')).toHaveText(
        'Lost contact with the Order Desk service. Reconnecting…',
      );
      await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'connecting');
      // Nor the counts it last heard: they may have changed meanwhile.
      await expect(page.getByTestId('waiting')).toHaveCount(0);
      second = await start();
      expect(second.url).not.toBe(first.url);

      // The tab reconnects with the token it kept, is refused, and forgets it: nothing of it stays
      // in the browser, and a reload does not try it again.
      await expectUnauthorized(page);
      expect(await page.evaluate(() => JSON.stringify(sessionStorage))).not.toContain(
        new URL(first.url).searchParams.get('token'),
      );
      await page.reload();
      await expectUnauthorized(page);
      await page.goto(first.url);
      await expectUnauthorized(page);

      await page.goto(second.url);
      await saveOrder(page, 'C-RESTART-2');
      expect(page.url()).toBe(`${origin}/`);
    } finally {
      await first.child.stop();
      await second?.child.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  },
);

test(
  'a page opened on localhost connects and saves like one on 127.0.0.1',
  { tag: PAGE_ONLY_TAG },
  async ({ page, app }) => {
    await page.goto(app.url.replace('//127.0.0.1:', '//localhost:'));
    await saveOrder(page, 'C-LOCALHOST-1');
  },
);

test(
  'a page opened under a name Order Desk does not answer on is not served: it says which addresses to open',
  { tag: PAGE_ONLY_TAG },
  async ({ playwright, launchOptions, app }) => {
    // Another name for this loopback server: what a hosts-file alias or a DNS rebinding looks like.
    const browser = await playwright.chromium.launch({
      ...launchOptions,
      args: [...(launchOptions.args ?? []), '--host-resolver-rules=MAP order-desk.test 127.0.0.1'],
    });
    try {
      const page = await browser.newPage();
      const u = new URL(app.url);
      const response = await page.goto(app.url.replace('//127.0.0.1:', '//order-desk.test:'));
      expect(response?.status()).toBe(421);
      await expect(page.locator('body')).toContainText(
        `This page was opened at http://order-desk.test:${u.port}, an address Order Desk does not answer on: it answers only at ${u.origin} and http://localhost:${u.port}. Open the address it printed when it started (the line beginning with "ready"), token included.`,
      );
      await expect(page.getByLabel('Customer name')).toHaveCount(0);
    } finally {
      await browser.close();
    }
  },
);

test(
  'a window past the number Order Desk serves says so, and connects once another window is closed',
  { tag: PAGE_ONLY_TAG },
  async ({ page, app }) => {
    const u = new URL(app.url);
    const sockets: WebSocket[] = [];
    try {
      // Fill every place (the fixture's own client holds one): open until one is turned away.
      // A window is admitted when its request is answered, turned away when closed with 4429:
      // no timer decides it, so a slow machine cannot count a refused window as admitted.
      for (;;) {
        const ws = new WebSocket(`ws://127.0.0.1:${u.port}/ws?token=${u.searchParams.get('token')}`);
        const closeCode = await new Promise<number | null>((resolve, reject) => {
          ws.once('close', (code) => resolve(code));
          ws.once('open', () => ws.send(JSON.stringify({ type: 'request', id: 1, channel: 'app.info' })));
          ws.on('message', (d) => {
            if ((JSON.parse(d.toString()) as { type: string }).type === 'response') resolve(null);
          });
          ws.once('error', reject);
        });
        if (closeCode !== null) {
          expect(closeCode).toBe(4429);
          break;
        }
        sockets.push(ws);
        expect(sockets.length).toBeLessThan(64);
      }
      await page.goto(app.url);
      const refused = page.getByTestId('refused');
      await expect(refused).toHaveAttribute('data-reason', 'request.tooManyWindows');
      await expect(refused).toContainText('Order Desk already has 16 windows open');
      // No language remembered yet on this address: both, English first, as the page without its
      // token says it (it was English only, the header's label too).
      await expect(refused.getByRole('heading', { level: 1 })).toHaveText([
        'This page cannot reach Order Desk',
        '이 페이지는 오더 데스크에 연결할 수 없습니다',
      ]);
      await expect(refused).toContainText('오더 데스크 창이 이미 최대 개수인 16개 열려 있습니다');
      await expect(page.getByTestId('connection')).toHaveText('Connection refused · 연결 거부됨');
      await expect(page.getByLabel('Customer name')).toHaveCount(0);

      const freed = sockets.pop()!;
      await new Promise((resolve) => {
        freed.once('close', resolve);
        freed.close();
      });
      // The server forgets the window when its side of the socket closes, which may come a
      // moment after this side's: the clerk's reload is retried until that moment has passed.
      await expect(async () => {
        await page.reload();
        await expect(page.getByLabel('Customer name')).toBeVisible({ timeout: 2_000 });
      }).toPass({ timeout: 20_000 });
      await saveOrder(page, 'C-WINDOWS-1');
    } finally {
      for (const ws of sockets) ws.close();
    }
  },
);
