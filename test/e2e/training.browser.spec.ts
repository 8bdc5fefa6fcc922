// Training mode in the app (issue 11): while the app runs its own sandbox a trainer takes the
// cluster down from the Training screen, the clerk keeps taking orders, and they go out when it
// is back. A watermark says it is training.
import type { Page } from '@playwright/test';
import { shortOrderId } from '../../shared/order-ids';
import { expect, test } from './fixtures';
import { messageCount } from './kafka-topic';
import { newestOrderId } from './order-form';
import { startClusterProcess } from './processes';

/** The trainer takes the whole cluster down from the Training screen; the clerk saves a tea order. */
async function orderWhileDown(page: Page, customerId: string): Promise<void> {
  await page.getByRole('button', { name: 'Training', exact: true }).click();
  await page.getByRole('button', { name: 'Take the whole cluster down' }).click();
  await expect(page.getByRole('status')).toHaveText('The whole cluster is down');
  // The app asks the cluster at once: the header said Connected until its idle probe, 5–10 s.
  await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'offline', { timeout: 4_000 });
  await expect(page.getByTestId('offline-banner')).toBeVisible();

  await page.getByRole('button', { name: 'Order', exact: true }).click();
  await page.getByLabel('Customer name').fill('Trainee');
  await page.getByLabel('Customer ID').fill(customerId);
  await page.getByLabel('SKU').fill('TEA');
  await page.getByLabel('Product').fill('Tea');
  await page.getByLabel('Unit price').fill('3000');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('status')).toContainText('Saved');
  // The page's only alert says why, not how many wait: the whole banner was the alert, so its
  // count changing read it all out again, over "Saved", at each order saved while offline.
  await expect(page.getByRole('alert')).toHaveText(['The order server cannot be reached.'], { timeout: 2_000 });
}

test('the Training screen takes the sandbox down and brings it back; orders wait and then go out', async ({
  page,
  app,
}) => {
  const why = 'the app runs on a real cluster here: training mode is for its own sandbox only';
  if (app.cluster !== null) console.log(`skipping the Training screen test: ${why}`);
  test.skip(app.cluster !== null, why);
  await page.goto(app.url);
  await expect(page.locator('.app')).toHaveAttribute('data-watermark', 'TRAINING · practice cluster');
  await page.getByRole('button', { name: 'Training', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Training' })).toBeVisible();
  await expect(page.locator('tr[data-broker]')).toHaveCount(3);

  await page.getByRole('button', { name: 'Stop broker 2' }).click();
  await expect(page.locator('tr[data-broker="2"]')).toHaveAttribute('data-up', 'false');
  await page.getByRole('button', { name: 'Start broker 2' }).click();
  await expect(page.locator('tr[data-broker="2"]')).toHaveAttribute('data-up', 'true');
  // Stopped from elsewhere (the terminal's stdin, another window) while the screen is open: it
  // follows, and its button offers what the broker needs now (it offered Stop until reopened).
  expect(await app.api.training.command({ command: 'stop 2' })).toMatchObject({ ok: true });
  await expect(page.locator('tr[data-broker="2"]')).toHaveAttribute('data-up', 'false', { timeout: 5_000 });
  await page.getByRole('button', { name: 'Start broker 2' }).click();
  await expect(page.locator('tr[data-broker="2"]')).toHaveAttribute('data-up', 'true');
  await page.getByRole('button', { name: 'Slow down broker 1 (800 ms)' }).click();
  await expect(page.locator('tr[data-broker="1"]')).toContainText('+800 ms');
  await page.getByRole('button', { name: 'Normal speed for broker 1' }).click();

  await orderWhileDown(page, 'T-1');
  await expect(page.locator('.recent-item').first()).not.toHaveAttribute('data-state', 'delivered');
  // Waiting, it is practice too: it had no badge until delivered, like a sale.
  await expect(page.locator('.recent-item').first().getByTestId('practice-badge')).toHaveText('Practice');

  await page.getByRole('button', { name: 'Training', exact: true }).click();
  await page.getByRole('button', { name: 'Bring the cluster back' }).click();
  await page.getByRole('button', { name: 'Order', exact: true }).click();
  await expect(page.locator('.recent-item').first()).toHaveAttribute('data-state', 'delivered', { timeout: 60_000 });
  // Delivered to the practice cluster, it says so wherever it is listed, and on its receipt.
  await expect(page.locator('.recent-item').first().getByTestId('practice-badge')).toHaveText('Practice');
  await page.getByRole('button', { name: 'Orders', exact: true }).click();
  const row = page.locator('tr', { hasText: 'T-1' });
  await expect(row.getByTestId('practice-badge')).toBeVisible();
  await row.getByRole('button', { name: 'Receipt' }).click();
  await expect(page.getByTestId('receipt-practice')).toHaveText('PRACTICE ORDER · training cluster, not a sale');
});

test("a practice order still waiting when the store's brokers are set is not sent there: it waits for a person, saying why", async ({
  page,
  app,
}) => {
  const why = 'the app runs on a real cluster here: training mode is for its own sandbox only';
  if (app.cluster !== null) console.log(`skipping the practice-order test: ${why}`);
  test.skip(app.cluster !== null, why);
  const settings = await app.api.settings.get();
  if (!settings.ok) throw new Error(JSON.stringify(settings.error));
  // The store's cluster, with the same order topic as the practice one.
  const store = await startClusterProcess(settings.value.topic);
  try {
    await page.goto(app.url);
    await orderWhileDown(page, 'T-2');
    const orderId = await newestOrderId(page);

    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByLabel('Brokers').fill(store.brokers.join('\n'));
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByText('Settings saved')).toBeVisible({ timeout: 30_000 });
    await expect(page.locator('.app')).not.toHaveAttribute('data-watermark');

    await page.getByRole('button', { name: 'Outbox', exact: true }).click();
    const row = page.locator(`tr[data-order-id="${orderId}"]`);
    await expect(row).toHaveAttribute('data-state', 'attention', { timeout: 30_000 });
    await expect(row).toContainText('Saved in training, for the practice cluster: not sent to the store’s cluster.');
    await expect(row.getByTestId('practice-badge')).toBeVisible();
    await expect(row.getByRole('button', { name: `Void ${shortOrderId(orderId)}`, exact: true })).toBeVisible();
    // The header counts it apart: it is not on its way.
    await expect(page.getByTestId('waiting')).toHaveText('0 waiting');
    await expect(page.getByTestId('attention-count')).toHaveText('1 needs a person');
    await expect(page.getByTestId('attention-count')).toHaveAttribute('data-count', '1');
    // Alt+T, which resends what needs attention as it is, leaves it: sending it is a decision.
    await page.keyboard.press('Alt+t');
    await expect(page.getByTestId('shortcut-notice')).toContainText('Alt+T: none to resend as it is.');
    await page.waitForTimeout(1_000);
    const recent = await app.api.orders.recent({ limit: 10 });
    expect(recent.ok && recent.value.find((o) => o.order.orderId === orderId)).toMatchObject({
      state: 'failed',
      autoRetry: false,
    });
    await expect(row).toHaveAttribute('data-state', 'attention');
    expect(await messageCount(store.brokers, settings.value.topic)).toBe(0);
  } finally {
    await store.stop();
  }
});

test('a command the sandbox does not take is refused at the contract', async ({ app }) => {
  const r = await app.api.training.command({ command: 'rm -rf /' });
  expect(r).toMatchObject({ ok: false, error: { code: 'request.invalid' } });
});

test('Diagnostics tells under-replicated partitions from partitions whose writes are blocked', async ({
  page,
  app,
}) => {
  const why = 'the app runs on a real cluster here: brokers are stopped from the Training screen of its own sandbox';
  if (app.cluster !== null) console.log(`skipping the writes-blocked Diagnostics test: ${why}`);
  test.skip(app.cluster !== null, why);
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Training', exact: true }).click();
  await page.getByRole('button', { name: 'Stop broker 2' }).click();
  await expect(page.locator('tr[data-broker="2"]')).toHaveAttribute('data-up', 'false');
  await page.getByRole('button', { name: 'Diagnostics', exact: true }).click();
  const partitions = page.getByTestId('partitions-table');
  await expect(partitions.locator('tr[data-state="underReplicated"]')).toHaveCount(3, { timeout: 30_000 });
  await expect(partitions.locator('tr[data-state="underReplicated"]').first()).toContainText('Under-replicated');

  await page.getByRole('button', { name: 'Training', exact: true }).click();
  await page.getByRole('button', { name: 'Stop broker 3' }).click();
  await expect(page.locator('tr[data-broker="3"]')).toHaveAttribute('data-up', 'false');
  await page.getByRole('button', { name: 'Diagnostics', exact: true }).click();
  await expect(partitions.locator('tr[data-state="writesBlocked"]')).toHaveCount(3, { timeout: 30_000 });
  await expect(page.getByTestId('writes-blocked-0')).toHaveText(
    '1 in sync, min.insync.replicas is 2: orders wait until a replica catches up',
  );
  // Nothing waits, and the header says it anyway (it said a green "Connected" until an order failed).
  const connection = page.getByTestId('connection');
  await expect(connection).toHaveAttribute('data-status', 'blocked');
  await expect(connection).toContainText('Orders on hold');
  await expect(page.getByTestId('connection-banner')).toHaveText(
    'Too few order servers are running to store orders safely.',
  );
  await page.getByRole('button', { name: 'Training', exact: true }).click();
  await page.getByRole('button', { name: 'Bring the cluster back' }).click();
  await expect(connection).toHaveAttribute('data-status', 'connected', { timeout: 30_000 });
  await expect(page.getByTestId('connection-banner')).toHaveCount(0);
});
