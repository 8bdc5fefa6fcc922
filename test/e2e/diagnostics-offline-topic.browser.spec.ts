// One unrelated topic loses its only replica: Diagnostics still shows the cluster, the
// brokers and the order topic, and names the other topic's offline partition for that topic
// alone. (kafkajs's metadata call threw for the whole cluster here and the page went blank.)
// A topic created meanwhile is offered the cluster's three copies, not the two that answer.
// The cluster is a standalone process whose broker 3 the test stops with its CLI's stdin
// command: `npm run sandbox`, or real Apache Kafka nodes (`npm run kafka`) under KAFKA_TARGET=kafka.
import { randomUUID } from 'node:crypto';
import { expect, test as appTest } from './fixtures';
import { createTopicOn } from './kafka-topic';
import { startClusterProcess, type ClusterProcess } from './processes';
import { noFaultControls } from '../support/kafka-target';

const test = appTest.extend<{ cluster: ClusterProcess & { topic: string } }>({
  cluster: async ({}, use) => {
    const topic = `offline-topic-orders-${randomUUID().slice(0, 8)}`;
    const cluster = await startClusterProcess(topic);
    try {
      await use({ ...cluster, topic });
    } finally {
      await cluster.stop();
    }
  },
  appCluster: async ({ cluster }, use) =>
    use({ brokers: cluster.brokers, topic: cluster.topic, topicName: (b) => `${b}-${randomUUID().slice(0, 8)}` }),
});

test.skip(
  noFaultControls('the offline-topic Diagnostics spec'),
  'it stops a broker, and KAFKA_BROKERS names a cluster the tests may not stop',
);
// Stopping a real JVM takes a while.
test.setTimeout(300_000);

test('an offline partition of another topic is reported for that topic; the order topic still shows', async ({
  page,
  app,
  cluster,
}) => {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  // side-topic: partition 0 only on broker 3, partition 1 only on broker 1.
  await createTopicOn(cluster.brokers, 'side-topic', [[3], [1]]);
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Diagnostics' }).click();
  await expect(page.getByTestId('partitions-table').locator('tr[data-state="ok"]')).toHaveCount(3);
  await expect(page.getByTestId('other-topics-table')).toHaveCount(0);

  expect(await cluster.command('stop 3')).toBe('ok');
  await page.getByRole('button', { name: 'Refresh' }).click();

  const others = page.getByTestId('other-topics-table');
  await expect(others.locator('tbody tr')).toHaveCount(1, { timeout: 60_000 });
  const side = others.locator('tr[data-topic="side-topic"]');
  await expect(side.locator('[data-partition="0"]')).toHaveAttribute('data-state', 'offline');
  await expect(side.locator('[data-partition="0"]')).toContainText('LEADER_NOT_AVAILABLE');
  await expect(side.locator('[data-partition="1"]')).toHaveCount(0);

  // The rest of the page is still there: every order-topic partition led, short of broker 3.
  // Reached, with a broker down: said on the badge too, not a green "Reachable" above a red row.
  await expect(page.getByTestId('cluster-state')).toHaveText('Reachable: 2 of 3 brokers answer');
  await expect(page.getByTestId('cluster-state')).toHaveAttribute('data-state', 'partial');
  await expect(page.getByTestId('cluster-id')).not.toHaveText('—');
  const partitions = page.getByTestId('partitions-table');
  await expect(partitions.locator('tbody tr')).toHaveCount(3);
  await expect(partitions.locator('tr[data-state="underReplicated"]')).toHaveCount(3);
  await expect(page.getByTestId('brokers-table').locator('tr[data-node-id="3"]')).toContainText('Unreachable');
  await expect(page.getByTestId('safety-checklist').locator('li[data-status="unknown"]')).toHaveCount(0);

  // A topic to create while broker 3 is down: its replication factor is the cluster's three, and
  // the form says what may happen (Apache Kafka creates it short of a copy, where the brokers down
  // are still registered), instead of offering two copies for good.
  const settings = await app.api.settings.get();
  if (!settings.ok) throw new Error(JSON.stringify(settings.error));
  const topic = `missing-${randomUUID().slice(0, 8)}`;
  expect((await app.api.settings.save({ ...settings.value, topic })).ok).toBe(true);
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(page.getByLabel('Topic name')).toHaveValue(topic);
  const rf = page.getByLabel('Replication factor', { exact: true });
  await expect(rf).toHaveValue('3');
  await expect(rf).toHaveAccessibleDescription(
    'Only 2 of the 3 brokers answer: a topic with replication factor 3 may be refused until they are back, or created with the copies for those brokers missing until then. One created with fewer copies keeps fewer.',
  );
  // The fields keep their width beside the warning (it took the row's last cell and squeezed them).
  expect((await page.getByLabel('Topic name').boundingBox())!.width).toBeGreaterThan(300);
  expect((await rf.boundingBox())!.width).toBeGreaterThan(150);
  // More copies than the cluster has brokers: said as such, and not offered to Kafka to refuse.
  await rf.fill('5');
  await expect(rf).toHaveAccessibleDescription(
    'The cluster has 3 brokers: each copy goes to another broker, so the replication factor can be at most 3.',
  );
  await expect(page.getByRole('button', { name: 'Create topic…' })).toBeDisabled();
  await rf.fill('2');
  await expect(page.getByText('Only 2 of the 3 brokers answer')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Create topic…' })).toBeEnabled();
  expect(problems).toEqual([]);
});
