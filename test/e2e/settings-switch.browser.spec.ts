// Orders waiting on a store's terminal are sent with the settings in force: saving other brokers
// or another topic sends them there, and the voids' cancellations waiting too. The operator is
// asked first, with how many of each and where to; Back (or Esc) saves nothing. The store's brokers here are an address where none listens, so
// the orders stay waiting whatever the leg's cluster is. And a field out of range says its range,
// and Esc answers "unsaved changes" as Stay wherever the cursor is.
import { expect, test as appTest } from './fixtures';
import { PAGE_ONLY_TAG } from '../support/test-legs';

const PIN = '135790';
const value = <T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};

const test = appTest.extend({
  appCluster: async ({}, use) =>
    use({ brokers: ['127.0.0.1:1'], topic: 'orders-a', topicName: (b: string) => `${b}-switch` }),
});

const order = (id: string) => ({
  customerName: `Customer ${id}`,
  customerId: id,
  lines: [{ sku: 'X-1', productName: 'Widget', quantity: 1, unitPrice: 1000 }],
  currency: 'KRW',
  paymentMethod: 'card' as const,
  note: '',
});

test('saving other brokers or another topic while orders wait asks first, saying how many go where; Back saves nothing', async ({
  page,
  app,
}) => {
  const ids: string[] = [];
  for (const id of ['C-901', 'C-902']) ids.push(value(await app.api.orders.submit(order(id))).order.orderId);
  // A void's cancellation waiting moves with them, and was not said.
  expect((await app.api.risk.setPin({ currentPin: null, newPin: PIN })).ok).toBe(true);
  expect((await app.api.orders.void({ orderId: ids[1], reason: 'customer left', pin: PIN })).ok).toBe(true);
  await page.goto(app.url);
  await expect(page.getByTestId('waiting')).toHaveText('2 waiting', { timeout: 30_000 });
  await expect(page.getByTestId('cancellations-count')).toHaveText('1 cancellation waiting');
  await page.getByRole('button', { name: 'Settings', exact: true }).click();

  const brokers = page.getByLabel('Brokers');
  const save = page.getByRole('button', { name: 'Save settings' });
  const question = page.getByRole('alertdialog');
  const saved = async () => {
    const s = await app.api.settings.get();
    if (!s.ok) throw new Error(JSON.stringify(s.error));
    return { brokers: s.value.brokers, topic: s.value.topic };
  };

  // Settings that leave the brokers and the topic as they are: saved without a question.
  await brokers.fill('127.0.0.1:1');
  await page.getByLabel('Client ID').fill('desk-7');
  await save.click();
  await expect(page.getByText('Settings saved')).toBeVisible({ timeout: 30_000 });
  await expect(question).toHaveCount(0);

  await brokers.fill('127.0.0.1:2');
  await save.click();
  await expect(question.locator('#settings-switch-text')).toHaveText(
    '2 orders are still waiting to be sent. These settings, saved, send them to orders-a on the brokers entered here. ' +
      '1 cancellation of a voided order is still waiting to be sent. These settings, saved, send it to orders-a on ' +
      'the brokers entered here.',
  );
  await expect(question.getByRole('button', { name: 'Back' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(question).toHaveCount(0);
  await expect(save).toBeFocused();
  expect(await saved()).toEqual({ brokers: ['127.0.0.1:1'], topic: 'orders-a' });

  // Another topic alone asks too; Save, and send them there saves.
  await brokers.fill('127.0.0.1:1');
  await page.getByLabel('Topic', { exact: true }).fill('orders-b');
  await save.click();
  await expect(question).toContainText('send them to orders-b');
  await question.getByRole('button', { name: 'Back' }).click();
  expect(await saved()).toEqual({ brokers: ['127.0.0.1:1'], topic: 'orders-a' });
  await save.click();
  await question.getByRole('button', { name: 'Save, and send them there' }).click();
  await expect(page.getByText('Settings saved')).toBeVisible({ timeout: 30_000 });
  await expect(save).toBeFocused();
  expect(await saved()).toEqual({ brokers: ['127.0.0.1:1'], topic: 'orders-b' });
  // Still waiting, now for the new topic: none was set aside or lost on the way.
  await expect(page.getByTestId('waiting')).toHaveText('2 waiting');
  await expect(page.getByTestId('cancellations-count')).toHaveText('1 cancellation waiting');
  await expect(page.getByTestId('attention-count')).toHaveCount(0);
});

test('in Korean, the question says the cancellations waiting go to the new topic too', async ({ page, app }) => {
  const waiting = value(await app.api.orders.submit(order('C-903'))).order.orderId;
  expect((await app.api.risk.setPin({ currentPin: null, newPin: PIN })).ok).toBe(true);
  expect((await app.api.orders.void({ orderId: waiting, reason: '고객 취소', pin: PIN })).ok).toBe(true);
  await app.api.settings.save({ ...value(await app.api.settings.get()), language: 'ko' });
  await page.goto(app.url);
  await expect(page.getByTestId('cancellations-count')).toHaveText('취소 대기 1건', { timeout: 30_000 });
  await page.getByRole('button', { name: '설정', exact: true }).click();
  await page.getByLabel('토픽', { exact: true }).fill('orders-b');
  await page.getByRole('button', { name: '설정 저장' }).click();
  await expect(page.getByRole('alertdialog').locator('#settings-switch-text')).toHaveText(
    '아직 보내지 않은 주문이 1건 있습니다. 이 설정을 저장하면 여기 입력한 브로커의 orders-b 토픽으로 보내집니다. ' +
      '아직 보내지 않은 취소 메시지가 1건 있습니다. 이 설정을 저장하면 여기 입력한 브로커의 orders-b 토픽으로 보내집니다.',
  );
});

test(
  'with the unsaved-settings question up, Esc anywhere on the screen stays, the cursor back in the field it was asked from',
  { tag: PAGE_ONLY_TAG },
  async ({ page, app }) => {
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const clerk = page.getByLabel('Clerk');
    const question = page.getByRole('alertdialog');
    const cursorInQuestion = () => question.evaluate((q) => q.contains(document.activeElement));
    await clerk.fill('Kim');

    // Tabbed off the question (to the page's end, then the header), Esc did nothing.
    await page.keyboard.press('Alt+1');
    await expect(question).toContainText('unsaved changes');
    await expect(question.getByRole('button', { name: 'Stay' })).toBeFocused();
    await page.keyboard.press('Tab');
    expect(await cursorInQuestion()).toBe(false);
    await page.keyboard.press('Escape');
    await expect(question).toHaveCount(0);
    await expect(clerk).toBeFocused();
    await expect(clerk).toHaveValue('Kim');
    await expect(page.getByTestId('settings-dirty')).toHaveText('Unsaved changes');

    // On another field of the screen too: the question goes, and the cursor to the edit it was about.
    await page.keyboard.press('Alt+1');
    await expect(question.getByRole('button', { name: 'Stay' })).toBeFocused();
    await page.getByLabel('Terminal ID').focus();
    await page.keyboard.press('Escape');
    await expect(question).toHaveCount(0);
    await expect(clerk).toBeFocused();
    await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
    const saved = await app.api.settings.get();
    expect(saved.ok && saved.value.clerk).not.toBe('Kim');
  },
);

test('days to keep delivered orders out of range say the range, and nothing is saved', async ({ page, app }) => {
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const days = page.getByLabel('Keep delivered orders (days)');
  for (const typed of ['0', '1.5', '3651', '']) {
    await days.fill(typed);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.locator('#settings-historyRetentionDays-error')).toHaveText('Whole days, from 1 to 3650');
  }
  const s = await app.api.settings.get();
  expect(s.ok && s.value.historyRetentionDays).toBe(400);
  await days.fill('30');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Settings saved')).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('#settings-historyRetentionDays-error')).toBeEmpty();
});

test(
  'Save settings pressed from the keyboard keeps the focus on it while saving, never on the page',
  { tag: PAGE_ONLY_TAG },
  async ({ page, app }) => {
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByLabel('Clerk').fill('Kim');
    const save = page.getByRole('button', { name: 'Save settings' });
    await save.focus();
    // Every moment the focus left for nowhere (a button disabled under it): a screen reader said
    // nothing, and a Tab pressed then started from the top of the page.
    await page.evaluate(() => {
      const w = window as unknown as { focusLostTo: string[] };
      w.focusLostTo = [];
      document.addEventListener('focusout', (e) => {
        if (!(e as FocusEvent).relatedTarget) w.focusLostTo.push((e.target as HTMLElement).textContent ?? '');
      });
    });
    await page.keyboard.press('Enter');
    await expect(page.getByText('Settings saved')).toBeVisible({ timeout: 30_000 });
    await expect(save).toBeFocused();
    expect(await page.evaluate(() => (window as unknown as { focusLostTo: string[] }).focusLostTo)).toEqual([]);
    const saved = await app.api.settings.get();
    expect(saved.ok && saved.value.clerk).toBe('Kim');
  },
);
