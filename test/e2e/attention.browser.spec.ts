// An order the topic refuses (larger than its max.message.bytes, saved while the app could not
// know the limit) needs attention on the Outbox screen: the clerk corrects, voids or exports it.
// Here from the keyboard: a panel opened has the focus in its first field (Correct's first in
// error: a currency saved before the ISO 4217 check), Esc or Cancel closes
// it and the focus is back on the button that opened it (Ctrl+Enter saves there; a removed line's
// Remove hands the focus to the next line's), and a void with a reason is kept (on the
// Outbox and in the Orders search after a reload) and never sent.
// And it stays on the Outbox, within Alt+T's reach, however many orders come after it.
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { expect, test, type AppServer } from './fixtures';
import type { OrderDraftInput } from '../../shared/order-schema';
import { shortOrderId } from '../../shared/order-ids';

/** The topic's limit: the order below, about 6 KB as JSON and 4.5 KB compressed, crosses it. */
const LIMIT = 2_000;

const big: OrderDraftInput = {
  customerName: 'Han Jiwoo',
  customerId: 'C-7001',
  lines: Array.from({ length: 20 }, (_, i) => ({
    sku: `SKU-${i}`,
    // Random text, so a compressed batch stays large (the app may compress).
    productName: `${randomBytes(140).toString('base64').slice(0, 185)}-${String(i).padStart(4, '0')}`,
    quantity: 1,
    unitPrice: 1000,
  })),
  currency: 'KRW',
  paymentMethod: 'card',
  note: randomBytes(375).toString('base64'),
};

/**
 * A topic that refuses `big`, and `big` saved while no broker answered (Save cannot know the
 * topic's limit then, and keeps it); the brokers are back when this returns.
 */
async function savedTooLarge(app: AppServer): Promise<string> {
  const state = await app.api.connection.state();
  if (!state.ok) throw new Error(JSON.stringify(state.error));
  const settings = await app.api.settings.get();
  if (!settings.ok) throw new Error(JSON.stringify(settings.error));
  const topic = app.topicName('refusing');
  const admin = new Kafka({ brokers: state.value.brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        {
          topic,
          numPartitions: 1,
          replicationFactor: Math.min(3, state.value.brokers.length),
          configEntries: [{ name: 'max.message.bytes', value: String(LIMIT) }],
        },
      ],
    });
  } finally {
    await admin.disconnect();
  }
  // Saved while no broker answers: Save cannot know the topic's limit, and the order is kept.
  // The app's own training cluster is taken down from its Training commands (brokers set to
  // none and back would make it an order for another cluster, set aside); a configured
  // cluster's brokers are swapped for an address where none listens, and back.
  const training = app.cluster === null;
  const unreachable = training ? { brokers: settings.value.brokers } : { brokers: ['127.0.0.1:1'] };
  if (training) expect(await app.api.training.command({ command: 'stop-all' })).toMatchObject({ ok: true });
  expect((await app.api.settings.save({ ...settings.value, ...unreachable, topic })).ok).toBe(true);
  const saved = await app.api.orders.submit(big);
  if (!saved.ok) throw new Error(JSON.stringify(saved.error));
  const orderId = saved.value.order.orderId;
  if (training) expect(await app.api.training.command({ command: 'start-all' })).toMatchObject({ ok: true });
  else expect((await app.api.settings.save({ ...settings.value, topic })).ok).toBe(true);
  return orderId;
}

/** A server message with the order `orderId` in KWR wherever it is in KRW. */
function inKwr(value: unknown, orderId: string): unknown {
  if (Array.isArray(value)) return value.map((v) => inKwr(v, orderId));
  if (!value || typeof value !== 'object') return value;
  const o = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, inKwr(v, orderId)]));
  return o.orderId === orderId && o.currency === 'KRW' ? { ...o, currency: 'KWR' } : o;
}

test('an order the topic refuses needs attention; from the keyboard the clerk opens Void and Correct, Esc and Cancel close them, and a void is kept with its reason after a reload', async ({
  page,
  app,
}) => {
  const orderId = await savedTooLarge(app);
  // The page sees it as an order saved before the ISO 4217 check in KWR would read (Save refuses
  // KWR now, so no such order can be made here): the Correct panel must show the currency.
  await page.routeWebSocket(/\/ws/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((m) => server.send(m));
    server.onMessage((m) => ws.send(JSON.stringify(inKwr(JSON.parse(String(m)), orderId))));
  });
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Outbox', exact: true }).click();
  const row = page.locator(`tr[data-order-id="${orderId}"]`);
  await expect(row).toHaveAttribute('data-state', 'attention', { timeout: 30_000 });
  await expect(row).toContainText('too large');

  // Correct: the cursor is on what is wrong, the currency, which says why; typing KRW replaces it.
  const correctFirst = row.getByRole('button', { name: `Correct ${shortOrderId(orderId)}`, exact: true });
  await correctFirst.focus();
  await page.keyboard.press('Enter');
  const currency = row.getByRole('group', { name: 'Correct' }).getByLabel('Currency');
  await expect(currency).toBeFocused();
  await expect(currency).toHaveValue('KWR');
  await expect(currency).toHaveAccessibleDescription('KWR is not a currency code; did you mean KRW?');
  await page.keyboard.type('krw');
  await expect(currency).toHaveValue('KRW');
  await expect(currency).not.toHaveAttribute('aria-invalid');
  // Ctrl+Enter saves, as in the order form: with the currency wrong again, it takes the cursor
  // from the note to the currency instead of sending.
  const panel = row.getByRole('group', { name: 'Correct' });
  await page.keyboard.press('Backspace');
  await panel.getByLabel('Note').focus();
  await page.keyboard.press('Control+Enter');
  await expect(currency).toBeFocused();
  // As in the order form: a Save refused says once, in the panel's status, how many fields need
  // attention, the count following the corrections; each error is its field's description, no
  // alert of its own.
  const status = panel.getByRole('status');
  await expect(status).toHaveText('1 field needs attention');
  await expect(panel.getByRole('alert')).toHaveCount(0);
  const phone = panel.getByLabel('Phone');
  await phone.fill('call me');
  await expect(status).toHaveText('2 fields need attention');
  await expect(phone).toHaveAttribute('aria-invalid', 'true');
  await expect(phone).toHaveAccessibleDescription('Digits, spaces, +, ( ), - and . only');
  // A mobile number typed as digits is shown as it will be saved once the clerk leaves it.
  await phone.fill('01077778888');
  await expect(status).toHaveText('1 field needs attention');
  await currency.focus();
  await expect(phone).toHaveValue('010-7777-8888');
  await page.keyboard.type('krw');
  await expect(status).toHaveText('');
  // Remove line from the keyboard: each button names its line, and the focus goes to the next
  // line's Remove (the last line's: to the one before), not to the page.
  await panel.getByRole('button', { name: /^Remove line: .*-0000 \(SKU-0\)$/ }).focus();
  await page.keyboard.press('Enter');
  await expect(panel.getByRole('button', { name: /\(SKU-0\)$/ })).toHaveCount(0);
  await expect(panel.getByRole('button', { name: /^Remove line: .*-0001 \(SKU-1\)$/ })).toBeFocused();
  await panel.getByRole('button', { name: /\(SKU-19\)$/ }).focus();
  await page.keyboard.press('Enter');
  await expect(panel.getByRole('button', { name: /\(SKU-18\)$/ })).toBeFocused();
  await expect(panel.getByLabel('Product name (SKU-1)')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(correctFirst).toBeFocused();

  // Void: its reason field has the focus; Esc closes it, deciding nothing.
  const voidButton = row.getByRole('button', { name: `Void ${shortOrderId(orderId)}`, exact: true });
  await voidButton.focus();
  await page.keyboard.press('Enter');
  await expect(row.getByLabel('Reason for voiding')).toBeFocused();
  // Enter with no reason (spaces only are none: the service trims them) says so under it, in the
  // app's words (it did nothing, silently; spaces were sent, and refused).
  await page.keyboard.type('   ');
  await page.keyboard.press('Enter');
  await expect(row.getByLabel('Reason for voiding')).toBeFocused();
  await expect(row.getByLabel('Reason for voiding')).toHaveAttribute('aria-invalid', 'true');
  // Said first, then the reason's count (spaces alone count nothing), as on the receipt's void form.
  await expect(row.getByLabel('Reason for voiding')).toHaveAccessibleDescription('Required 0 of at most 200');
  await page.keyboard.press('Escape');
  await expect(row.getByLabel('Reason for voiding')).toHaveCount(0);
  await expect(voidButton).toBeFocused();
  // Correct: the first line's product name has the focus; Cancel closes it.
  const correct = row.getByRole('button', { name: `Correct ${shortOrderId(orderId)}`, exact: true });
  await correct.focus();
  await page.keyboard.press('Enter');
  // Opened again, it starts from the order as saved: the lines removed and the currency typed
  // before Esc are not kept to be sent by a later Save (they were).
  await expect(currency).toHaveValue('KWR');
  await expect(currency).toBeFocused();
  await expect(panel.getByRole('button', { name: /\(SKU-0\)$/ })).toHaveCount(1);
  await expect(panel.getByRole('button', { name: /\(SKU-19\)$/ })).toHaveCount(1);
  await row.getByRole('group', { name: 'Correct' }).getByRole('button', { name: 'Cancel' }).focus();
  await page.keyboard.press('Enter');
  await expect(row.getByRole('group', { name: 'Correct' })).toHaveCount(0);
  await expect(correct).toBeFocused();
  await expect(row).toHaveAttribute('data-state', 'attention');

  // Resent as it is from the keyboard (the topic refuses it again): its buttons go meanwhile, and
  // the keyboard is on its row, not on the page.
  const attempts = async () => {
    const r = await app.api.orders.recent({ limit: 5 });
    return r.ok ? r.value.find((o) => o.order.orderId === orderId)?.attempts : -1;
  };
  const before = await attempts();
  await row.getByRole('button', { name: `Resend as it is ${shortOrderId(orderId)}`, exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect.poll(attempts, { timeout: 30_000 }).toBeGreaterThan(before ?? 0);
  await expect(row).toHaveAttribute('data-state', 'attention', { timeout: 30_000 });
  await expect(row).toBeFocused();

  // Voided with a reason from the keyboard, Enter in the reason (it did nothing): kept, never sent.
  await voidButton.focus();
  await page.keyboard.press('Enter');
  await page.keyboard.type('Customer left');
  await page.keyboard.press('Enter');
  await expect(row).toHaveAttribute('data-state', 'voided');
  // Its buttons gone, the keyboard is on its row, which says it is voided.
  await expect(row).toBeFocused();
  // Still there after a reload, on the Outbox and in the Orders search, with its reason.
  await page.reload();
  await page.getByRole('button', { name: 'Outbox', exact: true }).click();
  await expect(row).toHaveAttribute('data-state', 'voided');
  await expect(row).toContainText('Customer left');
  await page.getByRole('button', { name: 'Orders', exact: true }).click();
  await page.getByLabel('Customer ID, name, phone or order id').fill('C-7001');
  await page.getByLabel('Customer ID, name, phone or order id').press('Enter');
  const found = page.locator(`.history-table tr[data-order-id="${orderId}"]`);
  await expect(found.getByTestId('voided-note')).toHaveText('Voided, not sent: Customer left');
  await found.getByRole('button', { name: /Receipt/ }).click();
  await expect(page.getByTestId('receipt').getByTestId('voided-note')).toHaveText('Voided, not sent: Customer left');
  const searched = await app.api.history.search({ query: orderId, from: null, to: null, before: null, limit: 5 });
  if (!searched.ok) throw new Error(JSON.stringify(searched.error));
  expect(searched.value.orders).toHaveLength(1);
  expect(searched.value.orders[0]).toMatchObject({
    state: 'voided',
    error: { params: { reason: 'Customer left' } },
  });
});

test('an order that needs attention stays on the Outbox after 205 newer orders, and Alt+T resends it', async ({
  page,
  app,
}) => {
  const orderId = await savedTooLarge(app);
  for (let i = 0; i < 205; i++) {
    const r = await app.api.orders.submit({
      customerName: `Customer ${i}`,
      customerId: `C-${8000 + i}`,
      lines: [{ sku: 'SKU-1', productName: 'Tea', quantity: 1, unitPrice: 1000 }],
      currency: 'KRW',
      paymentMethod: 'card',
      note: '',
    });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
  }
  // All delivered but the refused one, so the page holds no other undelivered order.
  await expect
    .poll(
      async () => {
        const r = await app.api.orders.recent({ limit: 205 });
        return r.ok ? r.value.filter((o) => o.state === 'delivered').length : -1;
      },
      { timeout: 30_000 },
    )
    .toBe(205);
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Outbox', exact: true }).click();
  const row = page.locator(`tr[data-order-id="${orderId}"]`);
  await expect(row).toHaveAttribute('data-state', 'attention', { timeout: 30_000 });
  await expect(page.locator('tr[data-order-id]')).toHaveCount(201, { timeout: 30_000 });

  // Correct: its currency (KRW, a valid one) and its prices are shown as text, not as boxes to
  // type in (drawn as fields, they took typing that did nothing), with why under the currency.
  await row.getByRole('button', { name: `Correct ${shortOrderId(orderId)}`, exact: true }).click();
  const panel = row.getByRole('group', { name: 'Correct' });
  const currency = panel.getByLabel('Currency');
  for (const value of [currency, panel.getByLabel('Unit price (SKU-1)')]) {
    await expect(value).toHaveCSS('border-top-color', 'rgba(0, 0, 0, 0)');
    await expect(value).toHaveCSS('cursor', 'default');
  }
  await expect(panel.getByLabel('Product name (SKU-1)')).not.toHaveCSS('border-top-color', 'rgba(0, 0, 0, 0)');
  await currency.click();
  await page.keyboard.type('USD');
  await expect(currency).toHaveValue('KRW');
  await expect(currency).toHaveAccessibleDescription(
    'A saved order’s currency cannot be changed: void it and enter it again.',
  );
  await panel.getByRole('button', { name: 'Cancel' }).click();

  // Alt+T resends the oldest order that needs attention: sent again (one more attempt), the
  // topic refuses it again. (The sandbox's brokers do not change a topic's limit.)
  const attempts = async () => {
    const r = await app.api.history.search({ query: orderId, from: null, to: null, before: null, limit: 1 });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return r.value.orders[0].attempts;
  };
  const before = await attempts();
  await page.keyboard.press('Alt+t');
  await expect(page.getByTestId('shortcut-notice')).toHaveText(`Alt+T: order ${shortOrderId(orderId)} is sent again`);
  await expect.poll(attempts, { timeout: 30_000 }).toBeGreaterThan(before);
  await expect(row).toHaveAttribute('data-state', 'attention', { timeout: 30_000 });
});

test('Alt+T with no order to resend says so, in the language set, and the notice goes after a while', async ({
  page,
  app,
}) => {
  // The page's clock, so the notice's while (seconds) is skipped instead of waited out; it runs
  // on at the real pace otherwise.
  await page.clock.install();
  await page.goto(app.url);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'connected', { timeout: 30_000 });
  const notice = page.getByTestId('shortcut-notice');
  await expect(notice).toBeEmpty();
  await page.keyboard.press('Alt+t');
  await expect(notice).toHaveText('Alt+T: no order needs resending');
  // Gone within 15 s, as the test waited for in real time before.
  await page.clock.fastForward(15_000);
  await expect(notice).toBeEmpty({ timeout: 1_000 });

  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await page.getByLabel('Language').selectOption('ko');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('설정을 저장했습니다')).toBeVisible({ timeout: 30_000 });
  await page.keyboard.press('Alt+t');
  await expect(notice).toHaveText('Alt+T: 다시 보낼 주문이 없습니다');
});
