// The store's cluster goes away: orders are still saved, the header says offline with the
// number waiting, and everything is delivered, in order, once the cluster is back. The
// cluster here is a standalone sandbox process (npm run sandbox) that the test stops and
// starts with the sandbox CLI's own stdin commands; the app reaches it via KAFKA_BROKERS.
import { expect, test as appTest } from './fixtures';
import { readOrderMessages } from './kafka-topic';
import { fillOrder } from './order-form';
import { startSandboxProcess } from './processes';

const test = appTest.extend<{ cluster: Awaited<ReturnType<typeof startSandboxProcess>> }>({
  cluster: async ({}, use) => {
    const cluster = await startSandboxProcess();
    await use(cluster);
    await cluster.stop();
  },
  appEnv: async ({ cluster }, use) => use({ KAFKA_BROKERS: cluster.brokers.join(',') }),
});

test('orders entered while the cluster is down are delivered after it starts', async ({ page, app, cluster }) => {
  await page.goto(app.url);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'connected', { timeout: 30_000 });
  await expect(page.getByTestId('sandbox-badge')).toHaveCount(0);

  expect(await cluster.command('stop-all')).toBe('ok');
  const customers = ['C-201', 'C-202'];
  for (const id of customers) {
    await fillOrder(page, { customerName: `Customer ${id}`, customerId: id, lines: [{ sku: 'X-1', productName: 'Widget', quantity: '1', unitPrice: '1000' }] });
    await page.keyboard.press('Control+Enter');
    await expect(page.getByRole('status')).toContainText('Saved');
  }
  await expect(page.getByTestId('offline-banner')).toContainText('Offline. Orders waiting: 2.', { timeout: 60_000 });
  await expect(page.getByTestId('waiting')).toHaveText('2 waiting');
  await expect(page.locator('.recent-item[data-state=delivered]')).toHaveCount(0);

  expect(await cluster.command('start-all')).toBe('ok');
  await expect(page.locator('.recent-item[data-state=delivered]')).toHaveCount(2, { timeout: 60_000 });
  await expect(page.getByTestId('offline-banner')).toHaveCount(0);
  await expect(page.getByTestId('waiting')).toHaveText('0 waiting');

  const ids = await page.locator('.recent-item').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-order-id')!));
  const found = await readOrderMessages(cluster.brokers, 'user-data', ids);
  expect([...found.values()].map((m) => m.key).sort()).toEqual(customers);
});
