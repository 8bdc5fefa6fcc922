// The order topic deleted and re-created after an order was delivered to it (issue 10): the
// header and Diagnostics say what happened and what it does to downstream consumers, the
// order is no longer shown as Delivered, and the operator's re-send, behind a confirmation that
// says how many and since when, delivers it to the new topic.
import { expect, test as appTest } from './fixtures';
import { fillOrder } from './order-form';
import { kafkaCluster, type TestCluster } from '../support/kafka-target';

const test = appTest.extend<{ own: TestCluster }>({
  // A cluster the test may delete the order topic on: a sandbox of its own, or the kafka leg's cluster.
  own: async ({}, use) => {
    const c = await kafkaCluster();
    try {
      await use(c);
    } finally {
      await c.close();
    }
  },
  appCluster: async ({ own }, use) => {
    const topic = own.topic('recreated-e2e');
    await own.createTopic(topic, { partitions: 3 });
    await use({ brokers: own.brokers, topic, topicName: (b) => own.topic(b) });
  },
});
test.setTimeout(120_000);

test('a re-created topic is reported with its consequences; the confirmed re-send delivers the lost order', async ({
  page,
  app,
  own,
}) => {
  const topic = app.cluster!.topic;
  await page.goto(app.url);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'connected', { timeout: 30_000 });
  await fillOrder(page, {
    customerName: 'Before Deletion',
    customerId: 'RC-1',
    lines: [{ sku: 'S-1', productName: 'Tea', quantity: '1', unitPrice: '3000' }],
  });
  await page.keyboard.press('Control+Enter');
  const first = page.locator('.recent-item').first();
  await expect(first.getByText('Delivered')).toBeVisible({ timeout: 20_000 });

  await own.deleteTopic(topic);
  await own.createTopic(topic, { partitions: 3 });

  const banner = page.getByTestId('header-previous-topic');
  await expect(banner).toBeVisible({ timeout: 45_000 });
  await expect(banner).toContainText(`Topic "${topic}" was deleted and re-created`);
  await expect(banner).toContainText(/orders delivered since .* are no longer in it \(1\)/);
  await expect(banner).toContainText('checkpoints, committed offsets');
  await expect(first.getByText('Gone from topic (re-created)')).toBeVisible();
  // The header counts it with the orders that need a person, as its row says (it read "0 waiting").
  await expect(page.getByTestId('attention-count')).toHaveText('1 needs a person');

  await page.getByRole('button', { name: 'Diagnostics' }).click();
  const diag = page.getByTestId('diagnostics-previous-topic');
  await expect(diag).toContainText('no longer in it');
  await diag.getByRole('button', { name: 'Re-send them…' }).click();
  await expect(page.getByTestId('diagnostics-resend-confirm')).toContainText(
    /Re-send the orders delivered since .* \(1\) to topic/,
  );
  await expect(page.getByTestId('diagnostics-resend-confirm')).toContainText('drop the duplicates by their order-id');
  await diag.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('diagnostics-resend-confirm')).toHaveCount(0);

  // The clerk's way: from the header's banner on the Order screen, which then says it happened
  // (it went with the banner, the re-send unconfirmed on screen).
  await page.getByRole('button', { name: 'Order', exact: true }).click();
  await banner.getByRole('button', { name: 'Re-send them…' }).click();
  await banner.getByRole('button', { name: 'Re-send them (1)' }).click();
  await expect(page.getByTestId('header-resent')).toContainText('Orders being re-sent to the topic: 1.');
  await expect(page.getByTestId('header-previous-topic')).toHaveCount(0);
  await expect(page.getByTestId('attention-count')).toHaveCount(0);
  await expect(page.locator('.recent-item').first().getByText('Delivered')).toBeVisible({ timeout: 30_000 });
});
