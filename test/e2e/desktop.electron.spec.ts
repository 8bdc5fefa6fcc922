// The same happy path in the desktop app, through Playwright's Electron driver. Skips, and
// says why, when the Electron binary is not installed (it cannot be downloaded everywhere).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { _electron as electron, expect, test } from '@playwright/test';
import { PROJECT_DIR } from './processes';
import { fillOrder } from './order-form';
import { expectCspBlocksInjectedScript, expectNoNodeInPage } from './security-checks';
import { requests } from '../../shared/contract';

function electronBinary(): { path: string } | { missing: string } {
  try {
    const p = createRequire(import.meta.url)('electron') as unknown as string;
    return fs.existsSync(p) ? { path: p } : { missing: `the Electron binary is not at ${p}` };
  } catch (err) {
    return { missing: `the Electron binary is not installed (${(err as Error).message.split('\n')[0]})` };
  }
}

test('desktop: a typed order is saved and delivered', async () => {
  const bin = electronBinary();
  if ('missing' in bin) {
    const reason = `Skipping the electron project: ${bin.missing}. Browser mode covers the same flow.`;
    console.log(reason);
    test.skip(true, reason);
    return;
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'order-desk-electron-'));
  const app = await electron.launch({
    executablePath: bin.path,
    // Chromium will not start as root with its OS sandbox on; elsewhere it stays on.
    args: [path.join(PROJECT_DIR, 'dist-electron', 'main.cjs'), ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
    cwd: PROJECT_DIR,
    env: { ...process.env, ORDER_DESK_DATA_DIR: dataDir },
  });
  try {
    const page = await app.firstWindow();
    await expect(page.getByTestId('sandbox-badge')).toBeVisible({ timeout: 60_000 });
    await fillOrder(page, {
      customerName: 'Desk',
      customerId: 'C-9',
      lines: [{ sku: 'S-1', productName: 'Pen', quantity: '3', unitPrice: '900' }],
    });
    await page.keyboard.press('Control+Enter');
    await expect(page.getByRole('status')).toContainText('Saved');
    await expect(page.locator('.recent-item').first().getByText('Delivered')).toBeVisible({ timeout: 60_000 });
    // The renderer comes from the app's own origin, has the contract's functions and nothing of
    // Node, and its CSP blocks injected script (the same checks as the browser project's).
    expect(page.url()).toBe('app://order-desk/index.html');
    await expectNoNodeInPage(page);
    await expectCspBlocksInjectedScript(page);
    expect(
      await page.evaluate(() => Object.keys((window as unknown as { orderDesk: object }).orderDesk).sort()),
    ).toEqual([...Object.keys(requests), 'on'].sort());
    // The window is never handed a secret: only whether each is set.
    const secrets = await page.evaluate(() =>
      (window as unknown as { orderDesk: { secrets: { status(): Promise<unknown> } } }).orderDesk.secrets.status(),
    );
    expect(secrets).toMatchObject({ ok: true, value: { storage: 'keychain' } });
  } finally {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
