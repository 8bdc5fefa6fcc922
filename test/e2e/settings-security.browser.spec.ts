// Settings → Security as an operator uses it, keyboard and mouse: SCRAM with a password that is
// written once and never shown again (the page learns only "set"), TLS files by full path with
// each mistake said at its field, a file that cannot be read said in the header in the clerk's
// language, the password cleared when the brokers change (it goes only where it was entered for),
// and no message the page receives ever carries the password.
import { expect, test } from './fixtures';

const PASSWORD = 'pa55-only-typed-once';

test('a SCRAM password is set once, never shown again, and a TLS file that cannot be read is said in the header', async ({
  page,
  app,
}) => {
  const frames: string[] = [];
  page.on('websocket', (ws) => ws.on('framereceived', (f) => frames.push(String(f.payload))));
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Settings' }).click();
  const security = page.getByTestId('settings-security');
  await expect(security.getByTestId('secrets-storage')).toContainText('Browser mode has no keychain');

  await page.getByLabel('Brokers').fill('127.0.0.1:1');
  await page.getByLabel('SASL login').selectOption('scram-sha-512');
  await page.getByLabel('SASL username').fill('pos-7');
  await expect(page.getByTestId('saslPassword-state')).toHaveText('Not set');
  await page.getByLabel('SASL password').fill(PASSWORD);
  await page.getByLabel('Use TLS').check();
  // Mistakes are said at their fields, and nothing is saved.
  await page.getByLabel('CA certificate file (PEM)').fill('ca.pem');
  await page.getByLabel('Client key file (PEM)').fill('/etc/kafka/pos.key');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.locator('#settings-tlsCaFile-error')).toHaveText(
    'The full path of a file on this terminal, e.g. /etc/kafka/ca.pem',
  );
  await expect(page.locator('#settings-tlsKeyFile-error')).toHaveText(
    'Give the client certificate and its key together, or neither',
  );
  expect((await app.api.secrets.status()).ok && (await app.api.secrets.status())).toMatchObject({
    value: { set: { saslPassword: false } },
  });

  await page.getByLabel('CA certificate file (PEM)').fill('/nonexistent/store-ca.pem');
  await page.getByLabel('Client key file (PEM)').fill('');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').getByText('Settings saved')).toBeVisible();
  await expect(page.getByTestId('saslPassword-state')).toHaveText('Set: type a new one to replace it');
  await expect(page.getByLabel('SASL password')).toHaveValue('');
  await expect(page.getByRole('alert').filter({ hasText: '/nonexistent/store-ca.pem' })).toContainText(
    'could not be read',
  );

  // What the page can ask for: the settings have no password, the secrets only "set".
  const settings = await app.api.settings.get();
  expect(settings.ok && settings.value.sasl).toEqual({ mechanism: 'scram-sha-512', username: 'pos-7' });
  expect(JSON.stringify(settings)).not.toContain(PASSWORD);

  // After a reload the password is still set (kept in the relay's memory), still not shown.
  await page.reload();
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByTestId('saslPassword-state')).toHaveText('Set: type a new one to replace it');
  await expect(page.getByLabel('SASL password')).toHaveValue('');
  await expect(page.getByLabel('SASL login')).toHaveValue('scram-sha-512');

  // Other brokers: the password was entered for 127.0.0.1:1, so it is cleared, not sent there.
  await page.getByLabel('Brokers').fill('127.0.0.1:2');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByTestId('password-cleared')).toContainText(
    'The SASL password was cleared: it is sent only to the brokers, TLS settings and user it was entered for.',
  );
  await expect(page.getByTestId('saslPassword-state')).toHaveText('Not set');
  // Typed again with the brokers it is for, it is kept.
  await page.getByLabel('Brokers').fill('127.0.0.1:3');
  await page.getByLabel('SASL password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByTestId('saslPassword-state')).toHaveText('Set: type a new one to replace it');
  await expect(page.getByTestId('password-cleared')).toHaveCount(0);

  // In Korean, the header says the same.
  await page.getByLabel('Language').selectOption('ko');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '/nonexistent/store-ca.pem' })).toContainText(
    '읽을 수 없습니다',
  );

  // Removing the password takes effect on Save.
  await page.getByTestId('saslPassword-remove').click();
  await page.getByRole('button', { name: '설정 저장' }).click();
  await expect(page.getByTestId('saslPassword-state')).toHaveText('설정되지 않음');

  expect(frames.length).toBeGreaterThan(3);
  for (const f of frames) expect(f).not.toContain(PASSWORD);
});
