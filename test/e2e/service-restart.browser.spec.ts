// The services run in their own process. When it dies, the page stays, says so in a banner
// while the relay restarts it, loads its orders again when it is back, and keeps taking orders.
import { expect, test } from './fixtures';
import { fillOrder } from './order-form';

const RESTARTING = 'The order service stopped unexpectedly and is restarting.';

test('the service process killed: a banner while it restarts, then the clerk carries on', async ({ page, app }) => {
  await page.goto(app.url);
  // Its own sandbox in the sandbox leg, the leg's real cluster in the kafka leg.
  await expect(page.getByTestId('sandbox-badge')).toHaveCount(app.cluster ? 0 : 1);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'connected', { timeout: 30_000 });
  await fillOrder(page, {
    customerName: 'Before Crash',
    customerId: 'C-1',
    lines: [{ sku: 'S-1', productName: 'Tea', quantity: '1', unitPrice: '3000' }],
  });
  await page.keyboard.press('Control+Enter');
  await expect(page.locator('.recent-item').first().getByText('Delivered')).toBeVisible();

  // Every banner the page shows from now on, however briefly (the restart can take under a second).
  await page.evaluate(() => {
    const seen: string[] = ((window as unknown as { seenBanners: string[] }).seenBanners = []);
    new MutationObserver(() => {
      for (const b of document.querySelectorAll('[data-testid="service-banner"]')) {
        seen.push(`${b.getAttribute('data-status')}: ${b.textContent}`);
        // The header under it: not the last "Connected" from before the crash.
        seen.push(`header: ${document.querySelector('[data-testid="connection"]')?.textContent}`);
      }
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  const running = app.output.map((l) => /services running \(pid (\d+)\)/.exec(l)).filter((m) => m !== null);
  expect(running).toHaveLength(1);
  process.kill(Number(running[0]![1]), 'SIGKILL');

  await expect
    .poll(() => page.evaluate(() => (window as unknown as { seenBanners: string[] }).seenBanners.join('\n')), {
      timeout: 20_000,
    })
    .toContain(`restarting: ${RESTARTING}`);
  const seen = await page.evaluate(() => (window as unknown as { seenBanners: string[] }).seenBanners);
  expect(seen.filter((l) => l.startsWith('header: '))).not.toContainEqual(expect.stringMatching(/Connected/));
  expect(seen).toContain('header: Order service stopped');
  await expect(page.getByTestId('service-banner')).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'connected', { timeout: 30_000 });
  // The page never lost its connection, and the order saved before the crash is still listed.
  await expect(page.getByText('Lost contact with the Order Desk service')).toHaveCount(0);
  await expect(page.locator('.recent-item').filter({ hasText: 'Before Crash' })).toHaveCount(1);

  await fillOrder(page, {
    customerName: 'After Restart',
    customerId: 'C-2',
    lines: [{ sku: 'S-2', productName: 'Cake', quantity: '2', unitPrice: '4500' }],
  });
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('status')).toContainText('Saved');
  await expect(page.locator('.recent-item').filter({ hasText: 'After Restart' }).getByText('Delivered')).toBeVisible({
    timeout: 30_000,
  });
});
