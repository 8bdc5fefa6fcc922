// Browser mode's hardening as an attacker would probe it: the page has no Node, the CSP blocks
// injected script, the WebSocket refuses a client without the token and a page from
// another origin, and the contract answers only its own channels.
import WebSocket from 'ws';
import { expect, test } from './fixtures';
import { expectCspBlocksInjectedScript, expectNoNodeInPage } from './security-checks';

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

test('the page has no Node and its CSP blocks injected inline script', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.getByRole('button', { name: 'Diagnostics' })).toBeVisible();
  await expectNoNodeInPage(page);
  await expectCspBlocksInjectedScript(page);
});

test('the WebSocket refuses a client without the token and a page of another origin', async ({ app }) => {
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
});

test('a page opened without its token, or with a wrong one, says so and offers no form to type into', async ({
  page,
  app,
}) => {
  const u = new URL(app.url);
  for (const address of [`${u.origin}/`, `${u.origin}/?token=`, `${u.origin}/?token=${'x'.repeat(32)}`]) {
    await page.goto(address);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('This page cannot reach Order Desk');
    await expect(page.getByTestId('unauthorized')).toContainText('Open the address Order Desk printed');
    await expect(page.getByLabel('Customer name')).toHaveCount(0);
  }
  await page.goto(app.url);
  await expect(page.getByLabel('Customer name')).toBeVisible();
  await expect(page.getByTestId('unauthorized')).toHaveCount(0);
});
