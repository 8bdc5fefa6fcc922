// An operator who started the app with KAFKA_BROKERS opens Settings: the brokers shown are the
// environment's, and the screen says they cannot be changed there. Before, the field could be
// edited and "Settings saved" came back while the app kept the environment's brokers, and saving
// any setting wrote them over the brokers saved for a start without KAFKA_BROKERS.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';

test.use({ appEnv: { KAFKA_BROKERS: '127.0.0.1:1' } });

test('brokers set by KAFKA_BROKERS are shown as such, cannot be typed over, and leave the saved ones alone', async ({
  page,
  app,
}) => {
  const file = path.join(app.dataDir, 'settings.json');
  const savedBrokers = () =>
    fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { brokers: string[] }).brokers : [];
  const before = savedBrokers();
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Settings' }).click();
  const brokers = page.getByLabel('Brokers');
  await expect(brokers).toHaveValue('127.0.0.1:1');
  await expect(brokers).toHaveAccessibleDescription(/Set by KAFKA_BROKERS when the app started/);
  await expect(brokers).not.toBeEditable();

  await page.getByLabel('Clerk').fill('Park');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').getByText('Settings saved')).toBeVisible();
  expect(savedBrokers()).toEqual(before);
  const s = await app.api.settings.get();
  expect(s.ok && s.value).toMatchObject({ clerk: 'Park', brokers: ['127.0.0.1:1'] });
});
