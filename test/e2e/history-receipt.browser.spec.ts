// Orders history and receipts (issue 11): search by phone, name and order id among many orders,
// keyset paging, the receipt with 공급가액/부가세 and a QR code, printed to PDF.
import type { Page } from '@playwright/test';
import { expect, test, type AppServer } from './fixtures';
import { pdfText } from './pdf-text';
import { readOrderEvents } from './kafka-topic';
import { shortOrderId } from '../../shared/order-ids';
import { channelOf } from '../../shared/contract';
import { holdAnswers } from './hold-answers';
import { submitAmericano } from './submit-order';
import { PAGE_ONLY_TAG } from '../support/test-legs';

const ORDERS = 1000;
const PIN = '135790';

test('history: search by phone, name and order id among many orders, page through, open and print a receipt', async ({
  page,
  app,
}) => {
  // Orders saved through the same contract the form uses (the form itself is tested elsewhere).
  const ids: string[] = [];
  const submit = (i: number) =>
    app.api.orders.submit({
      customerName: i === 17 ? '정하늘 Jung Haneul' : `Customer ${i}`,
      customerId: `C-${1000 + i}`,
      phone: i === 17 ? '010-5555-1717' : `010-0000-${String(i).padStart(4, '0')}`,
      lines: [{ sku: 'AMER-R', productName: 'Americano (R)', quantity: 1 + (i % 3), unitPrice: 4500 }],
      currency: 'KRW',
      paymentMethod: i % 2 ? 'cash' : 'card',
    });
  // In order (history is newest first by when they were saved), 20 requests in flight at a time.
  for (let start = 0; start < ORDERS; start += 20) {
    const batch = await Promise.all(Array.from({ length: 20 }, (_, k) => submit(start + k)));
    for (const r of batch) {
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      ids.push(r.value.order.orderId);
    }
  }
  // Newest first as the outbox saved them (requests in flight together may be saved in any order).
  const recent = await app.api.orders.recent({ limit: 60 });
  if (!recent.ok) throw new Error(JSON.stringify(recent.error));
  const newest = recent.value.map((r) => r.order.orderId);
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Orders', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Orders' })).toBeVisible();
  const rows = page.locator('.history-table tbody tr');
  await expect(rows).toHaveCount(25);
  await expect(rows.first()).toHaveAttribute('data-order-id', newest[0]);

  // Keyset paging from the keyboard: older, older, newer, newer. Newer, disabled by the first
  // page it brings, hands the focus to Older (Older on the last page does the same to Newer).
  const newer = page.getByRole('button', { name: '← Newer' });
  const older = page.getByRole('button', { name: 'Older →' });
  await expect(newer).toBeDisabled();
  await older.focus();
  await page.keyboard.press('Enter');
  await expect(rows.first()).toHaveAttribute('data-order-id', newest[25]);
  await expect(older).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(rows.first()).toHaveAttribute('data-order-id', newest[50]);
  await expect(page.getByText('Page 3')).toBeVisible();
  await newer.focus();
  await page.keyboard.press('Enter');
  await expect(rows.first()).toHaveAttribute('data-order-id', newest[25]);
  await expect(newer).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(rows.first()).toHaveAttribute('data-order-id', newest[0]);
  await expect(newer).toBeDisabled();
  await expect(older).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(rows.first()).toHaveAttribute('data-order-id', newest[25]);

  // From the search field down to the orders found and between their Receipt buttons, not ten
  // Tab presses past the date fields; up from the first goes back to the field.
  const field = page.getByLabel('Customer ID, name, phone or order id');
  await field.focus();
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(0).getByRole('button', { name: /^Receipt/ })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(1).getByRole('button', { name: /^Receipt/ })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(field).toBeFocused();

  // By phone, typed without dashes.
  await page.getByLabel('Customer ID, name, phone or order id').fill('01055551717');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('정하늘 Jung Haneul');
  // By its last four digits; fewer digits are not looked for in phones, and the field says so.
  // Four digits are also the start of a receipt's short id: any order whose short id starts so is
  // listed beside it (one in 65,536 of the random ids does).
  const query = page.getByLabel('Customer ID, name, phone or order id');
  await query.fill('1717');
  await expect(page.getByText('Phone numbers are searched from 4 digits')).toHaveCount(0);
  await page.getByRole('button', { name: 'Search' }).click();
  const alsoByShortId = ids.filter((id) => shortOrderId(id).startsWith('1717'));
  await expect(rows).toHaveCount(1 + alsoByShortId.filter((id) => id !== ids[17]).length);
  await expect(rows.filter({ hasText: '010-5555-1717' })).toHaveAttribute('data-order-id', ids[17]);
  await query.fill('171');
  await expect(query).toHaveAccessibleDescription('Phone numbers are searched from 4 digits');
  // By a two-syllable given name (the name windows' index); one character is not looked for in
  // names, and the field says so.
  await query.fill('하늘');
  await expect(query).toHaveAccessibleDescription('');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-order-id', ids[17]);
  await query.fill('정');
  await expect(query).toHaveAccessibleDescription('Names are searched from 2 characters');
  // By the short id the screens show for an order (the end of its time-ordered id).
  await page.getByLabel('Customer ID, name, phone or order id').fill(shortOrderId(ids[42]));
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-order-id', ids[42]);
  // A date range with no orders.
  await page.getByLabel('Customer ID, name, phone or order id').fill('');
  await page.getByLabel('From', { exact: true }).fill('2001-01-01');
  await page.getByLabel('To', { exact: true }).fill('2001-01-31');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByText('No orders match')).toBeVisible();
  // The dates the wrong way round say so, rather than "No orders match"; searched so, the orders
  // of the search before are gone with its count ("25 orders found" under "no order can match").
  await page.getByLabel('To', { exact: true }).fill('');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(rows).toHaveCount(25);
  await page.getByLabel('To', { exact: true }).fill('2001-01-31');
  await page.getByLabel('From', { exact: true }).fill('2001-02-01');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'The start date is after the end date: no order can match. Swap them.',
  );
  await expect(page.getByLabel('To', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(rows).toHaveCount(0);
  await expect(page.locator('.history-count')).toHaveText('');
  await page.getByLabel('From', { exact: true }).fill('');
  await page.getByLabel('To', { exact: true }).fill('');

  // The receipt of order 17: 3 × 4,500 = 13,500, of which 부가세 1,227 and 공급가액 12,273.
  await page.getByLabel('Customer ID, name, phone or order id').fill('C-1017');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(rows).toHaveCount(1);
  await rows
    .first()
    .getByRole('button', { name: /Receipt/ })
    .click();
  const receipt = page.getByTestId('receipt');
  await expect(receipt).toBeVisible();
  // It opens with the focus on Close, not on Void… (the first button, which the dialog took).
  await expect(page.getByRole('dialog').getByRole('button', { name: 'Close' })).toBeFocused();
  await expect(page.getByTestId('receipt-total')).toHaveText('₩13,500');
  await expect(page.getByTestId('receipt-supply')).toHaveText('₩12,273');
  await expect(page.getByTestId('receipt-vat')).toHaveText('₩1,227');
  await expect(receipt).toContainText(ids[17]);
  await expect(page.getByTestId('receipt-qr')).toBeVisible();

  // Print: only the receipt is on the printed page, and Chromium makes a PDF of it.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Search' })).toBeHidden();
  await expect(receipt).toBeVisible();
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  // What the printed receipt says, read back from the PDF: the total, the VAT in it, the order id
  // (compared without spaces: a PDF's text runs split a word where the glyph runs split).
  const printed = (await pdfText(pdf)).replace(/\s+/g, '');
  expect(printed).toContain('₩13,500');
  expect(printed).toContain('₩1,227');
  expect(printed).toContain('부가세');
  expect(printed).toContain(ids[17]);
  await page.emulateMedia({ media: 'screen' });
  await page.getByRole('button', { name: 'Close' }).click();
  await expect(receipt).toBeHidden();

  // Find on topic: once delivered, the order's record read back at its partition and offset.
  await expect
    .poll(
      async () => {
        await page.getByRole('button', { name: 'Search' }).click();
        return rows.first().getByTestId('state-badge').textContent();
      },
      { timeout: 60_000 },
    )
    .toBe('Delivered');
  // From the keyboard: the button, disabled while the topic is read, has the focus again after.
  const find = rows.first().getByRole('button', { name: /Find on topic/ });
  await find.focus();
  await page.keyboard.press('Enter');
  const record = page.getByTestId('topic-record');
  await expect(record).toContainText('On the topic, with this order id');
  await expect(find).toBeFocused();
  await expect(record).toContainText(`order-id${ids[17]}`);
  await expect(record).toContainText('C-1017');
  await expect(record.locator('pre')).toContainText('"total":13500');
  const where = await rows
    .first()
    .getByText(/^partition \d+ · offset \d+$/)
    .textContent();
  const [, partition, offset] = /partition (\d+) · offset (\d+)/.exec(where ?? '')!;
  await expect(record).toContainText(`· ${partition} · ${offset}`);

  // Void it from its receipt, keyboard only: a reason and the supervisor PIN; a wrong PIN is
  // refused and changes nothing. The order stays; its cancellation follows it on the topic.
  expect((await app.api.risk.setPin({ currentPin: null, newPin: PIN })).ok).toBe(true);
  await rows
    .first()
    .getByRole('button', { name: /Receipt/ })
    .focus();
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Void…' }).focus();
  await page.keyboard.press('Enter');
  const voidForm = page.getByRole('form', { name: `Void order ${shortOrderId(ids[17])}` });
  await expect(voidForm.getByLabel('Reason (required, at most 200 characters)')).toBeFocused();
  await page.keyboard.type('Customer paid twice');
  await expect(voidForm.getByText('19 of at most 200')).toBeVisible();
  await page.keyboard.press('Tab');
  await page.keyboard.type('000000');
  await page.keyboard.press('Enter');
  await expect(voidForm.getByRole('alert')).toHaveText('Wrong supervisor PIN. Enter it again.');
  await expect(page.getByTestId('receipt-void')).toHaveCount(0);
  await voidForm.getByLabel('Supervisor PIN').fill('');
  await voidForm.getByLabel('Supervisor PIN').focus();
  await page.keyboard.type(PIN);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('receipt-void')).toHaveText('VOID');
  await expect(receipt.getByTestId('voided-note')).toContainText('Voided: Customer paid twice');
  await expect(page.getByRole('button', { name: 'Void…' })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(receipt).toBeHidden();
  // The row says so, and once the cancellation is delivered, where it went.
  await expect
    .poll(
      async () => {
        await page.getByRole('button', { name: 'Search' }).click();
        return rows.first().getByTestId('voided-note').textContent();
      },
      { timeout: 30_000 },
    )
    .toMatch(/^Voided: Customer paid twiceCancellation delivered · partition \d+ · offset \d+$/);
  await expect(rows.first().getByTestId('state-badge')).toHaveText('Delivered');
  await expect(rows.first().getByTestId('voided-badge')).toHaveText('Voided');
  // Delivered to the app's own training cluster (the sandbox target), it is marked a practice order.
  await expect(rows.first().getByTestId('practice-badge')).toHaveCount(app.cluster ? 0 : 1);

  // Read back from the topic: the order, then its cancellation, same partition and key.
  const state = await app.api.connection.state();
  if (!state.ok) throw new Error(JSON.stringify(state.error));
  const [placed, cancelled] = await readOrderEvents(state.value.brokers, state.value.topic, ids[17], 2);
  expect(placed.headers['event-type']).toBeUndefined();
  expect(placed.offset).toBe(offset);
  expect(cancelled.partition).toBe(placed.partition);
  expect(Number(cancelled.offset)).toBeGreaterThan(Number(placed.offset));
  expect(cancelled.key).toBe('C-1017');
  expect(cancelled.headers).toEqual({
    'event-type': 'order-cancelled',
    'order-id': ids[17],
    'schema-version': '1',
    'terminal-id': placed.headers['terminal-id'],
  });
  const o = placed.value as { storeId: string; terminalId: string; clerk: string };
  expect(cancelled.value).toEqual({
    orderId: ids[17],
    eventType: 'order-cancelled',
    schemaVersion: 1,
    customerId: 'C-1017',
    reason: 'Customer paid twice',
    voidedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/),
    storeId: o.storeId,
    terminalId: o.terminalId,
    clerk: o.clerk,
  });
  const note = await rows.first().getByTestId('voided-note').textContent();
  expect(note).toContain(`partition ${cancelled.partition} · offset ${cancelled.offset}`);
  // A second void is refused with a clear error (the receipt no longer offers it).
  const twice = await app.api.orders.void({ orderId: ids[17], reason: 'again', pin: PIN });
  expect(twice.ok ? 'ok' : twice.error).toEqual({ code: 'order.alreadyVoided', params: { orderId: ids[17] } });
  // A voided order's row on the Outbox says so too: "Delivered" alone read as a sale that stands.
  // (The newest order: the Outbox lists the newest 200.)
  const last = ids[ids.length - 1];
  expect((await app.api.orders.void({ orderId: last, reason: 'Test', pin: PIN })).ok).toBe(true);
  await page.keyboard.press('Alt+3');
  const outboxRow = page.locator(`tr[data-order-id="${last}"]`);
  await expect(outboxRow.getByTestId('state-badge')).toHaveText('Delivered');
  await expect(outboxRow.getByTestId('voided-badge')).toHaveText('Voided');
});

test('Find on topic reads an order from the topic it was delivered to, after Settings changed the order topic', async ({
  page,
  app,
}) => {
  const draft = (customerName: string) => ({
    customerName,
    customerId: 'C-8001',
    lines: [{ sku: 'AMER-R', productName: 'Americano (R)', quantity: 1, unitPrice: 4500 }],
    currency: 'KRW' as const,
    paymentMethod: 'card' as const,
  });
  const delivered = async (orderId: string) =>
    expect
      .poll(
        async () => {
          const r = await app.api.orders.recent({ limit: 10 });
          return r.ok ? r.value.find((x) => x.order.orderId === orderId)?.state : null;
        },
        { timeout: 30_000 },
      )
      .toBe('delivered');
  const settings = await app.api.settings.get();
  if (!settings.ok) throw new Error(JSON.stringify(settings.error));
  const first = await app.api.orders.submit(draft('Before the switch'));
  if (!first.ok) throw new Error(JSON.stringify(first.error));
  await delivered(first.value.order.orderId);
  // Another topic, of the same shape: the same customer's next order lands at the same partition
  // and offset there.
  const next = app.topicName('switched');
  const created = await app.api.diagnostics.createTopic({ name: next, partitions: 3, replicationFactor: 3 });
  expect(created.ok).toBe(true);
  expect((await app.api.settings.save({ ...settings.value, topic: next })).ok).toBe(true);
  const second = await app.api.orders.submit(draft('After the switch'));
  if (!second.ok) throw new Error(JSON.stringify(second.error));
  await delivered(second.value.order.orderId);

  await page.goto(app.url);
  await page.getByRole('button', { name: 'Orders', exact: true }).click();
  const row = page.locator(`.history-table tr[data-order-id="${first.value.order.orderId}"]`);
  await row.getByRole('button', { name: /Find on topic/ }).click();
  const record = row.getByTestId('topic-record');
  await expect(record).toContainText('On the topic, with this order id');
  await expect(record).toContainText(`${settings.value.topic} · `);
  await expect(record).toContainText(`order-id${first.value.order.orderId}`);
  // The order after the switch is found in the new topic.
  const after = page.locator(`.history-table tr[data-order-id="${second.value.order.orderId}"]`);
  await after.getByRole('button', { name: /Find on topic/ }).click();
  await expect(after.getByTestId('topic-record')).toContainText(`${next} · `);
});

/** Order i of a test, for this customer name, saved through the contract the form uses. */
async function submitNamed(app: AppServer, customerName: string, i: number): Promise<void> {
  const r = await app.api.orders.submit({
    customerName,
    customerId: `C-${2000 + i}`,
    lines: [{ sku: 'AMER-R', productName: 'Americano (R)', quantity: 1, unitPrice: 4500 }],
    currency: 'KRW',
    paymentMethod: 'card',
  });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
}

test('Older pages through the search on screen, not a query typed since and not searched', async ({ page, app }) => {
  const submit = (customerName: string, i: number) => submitNamed(app, customerName, i);
  // One at a time, so "newest first" is the order they were saved in: 30 others, then 30 하늘,
  // more than one page of either.
  for (let i = 0; i < 30; i++) await submit(`Customer ${i}`, i);
  for (let i = 30; i < 60; i++) await submit(`정하늘 ${i}`, i);
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Orders', exact: true }).click();
  const query = page.getByLabel('Customer ID, name, phone or order id');
  const rows = page.locator('.history-table tbody tr');
  await query.fill('하늘');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(rows).toHaveCount(25);
  await expect(rows.filter({ hasText: '하늘' })).toHaveCount(25);

  // Another name typed but not searched: the results on screen are still 하늘's, and so is the
  // page after them.
  await query.fill('Customer');
  await page.getByRole('button', { name: 'Older →' }).click();
  await expect(page.getByText('Page 2')).toBeVisible();
  await expect(rows).toHaveCount(5);
  await expect(rows.filter({ hasText: '하늘' })).toHaveCount(5);
  await expect(query).toHaveValue('Customer');
  await page.getByRole('button', { name: '← Newer' }).click();
  await expect(page.getByText('Page 1')).toBeVisible();
  await expect(rows.filter({ hasText: '하늘' })).toHaveCount(25);
  // Searched, it is the new query's.
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(rows.filter({ hasText: 'Customer' })).toHaveCount(25);
  await page.getByRole('button', { name: 'Older →' }).click();
  await expect(page.getByText('Page 2')).toBeVisible();
  await expect(rows).toHaveCount(5);
  await expect(rows.filter({ hasText: 'Customer' })).toHaveCount(5);

  // ↓ from the field with a name typed and not searched: the name is searched and the cursor goes
  // to its first order, not to the first of the orders on screen (another customer's receipt).
  await query.fill('하늘');
  await page.keyboard.press('ArrowDown');
  await expect(rows.filter({ hasText: 'Customer' })).toHaveCount(0);
  await expect(rows.first().getByRole('button', { name: /^Receipt/ })).toBeFocused();
  await expect(rows.first()).toContainText('하늘');
});

test(
  'void from the receipt before a supervisor PIN exists: said at once, not after typing',
  { tag: PAGE_ONLY_TAG },
  async ({ page, app }) => {
    const orderId = await submitAmericano(app, 'C-3002');
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Orders', exact: true }).click();
    await page
      .locator(`.history-table tr[data-order-id="${orderId}"]`)
      .getByRole('button', { name: /Receipt/ })
      .click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Void…' }).focus();
    await page.keyboard.press('Enter');

    // No reason or PIN to type: what to do instead, and Back, which has the focus.
    const voidForm = page.getByRole('form', { name: `Void order ${shortOrderId(orderId)}` });
    await expect(voidForm).toHaveAccessibleDescription(
      'No supervisor PIN is set yet. Set one in Settings → Risk checks first.',
    );
    await expect(voidForm.getByLabel('Reason (required, at most 200 characters)')).toHaveCount(0);
    await expect(voidForm.getByLabel('Supervisor PIN')).toHaveCount(0);
    await expect(voidForm.getByRole('button', { name: 'Back' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(voidForm).toHaveCount(0);
    await expect(dialog.getByRole('button', { name: 'Void…' })).toBeFocused();

    // Once a supervisor has set one, the same form asks for the reason and the PIN.
    expect((await app.api.risk.setPin({ currentPin: null, newPin: PIN })).ok).toBe(true);
    await page.keyboard.press('Enter');
    await expect(voidForm.getByLabel('Reason (required, at most 200 characters)')).toBeFocused();
    await expect(voidForm.getByTestId('no-supervisor-pin')).toHaveCount(0);
    await expect(page.getByTestId('receipt-void')).toHaveCount(0);

    // Ctrl+Enter with a field empty: the app's own message under it (not the browser's bubble, in
    // the browser's language), the cursor there, and nothing sent.
    const reason = voidForm.getByLabel('Reason (required, at most 200 characters)');
    const pin = voidForm.getByLabel('Supervisor PIN');
    // A reason of spaces only is as empty as none (the service trims it): it was sent, and refused.
    await page.keyboard.type('   ');
    await page.keyboard.press('Control+Enter');
    await expect(reason).toBeFocused();
    await expect(reason).toHaveAttribute('aria-invalid', 'true');
    await expect(reason).toHaveAccessibleDescription(/Required/);
    await expect(voidForm.getByRole('alert').filter({ hasText: 'Required' })).toHaveCount(2);
    await page.keyboard.type('Customer paid twice');
    await expect(reason).not.toHaveAttribute('aria-invalid');
    await page.keyboard.press('Control+Enter');
    await expect(pin).toBeFocused();
    await expect(pin).toHaveAccessibleDescription('Required');
    await expect(page.getByTestId('receipt-void')).toHaveCount(0);
  },
);

test('the search says how many orders it found, to a screen reader too, and that more are older; in English and Korean', async ({
  page,
  app,
}) => {
  // One at a time, newest first as saved: 57 others, then three 김 민수 saved with the space.
  for (let i = 0; i < 57; i++) await submitNamed(app, `Customer ${i}`, i);
  for (let i = 57; i < 60; i++) await submitNamed(app, '김 민수', i);
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Orders', exact: true }).click();
  const count = page.locator('.history-count');
  const rows = page.locator('.history-table tbody tr');
  // A polite live region, there before any count, so each new count is read out.
  await expect(count).toHaveAttribute('role', 'status');
  await expect(count).toHaveAttribute('aria-live', 'polite');
  // Every order, a page at a time: "more than" until the last page, which knows the total.
  await expect(count).toHaveText('More than 25 orders found; showing 1–25');
  // A double click pages once: the second press came before the page it asked for, and took
  // the same page again, labelled as the one after it ("showing 51–75" of 60); or, slow (300 ms
  // a press, as on a loaded machine), after it, and paged twice.
  await page.getByRole('button', { name: 'Older →' }).dblclick({ delay: 300 });
  await expect(count).toHaveText('More than 50 orders found; showing 26–50');
  await expect(page.getByText('Page 2', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Older →' }).click();
  await expect(count).toHaveText('60 orders found; showing 51–60');
  await expect(rows).toHaveCount(10);
  await page.getByRole('button', { name: '← Newer' }).click();
  await expect(count).toHaveText('More than 50 orders found; showing 26–50');

  const query = page.getByLabel('Customer ID, name, phone or order id');
  const search = async (q: string) => {
    await query.fill(q);
    await page.getByRole('button', { name: 'Search' }).click();
  };
  // Typed without the space it was saved with.
  await search('김민수');
  await expect(count).toHaveText('3 orders found');
  await expect(rows).toHaveCount(3);
  await search('C-2001');
  await expect(count).toHaveText('1 order found');
  await search('Nobody Here');
  await expect(count).toHaveText('No orders match');
  await expect(rows).toHaveCount(0);

  const s = await app.api.settings.get();
  if (!s.ok) throw new Error(JSON.stringify(s.error));
  expect((await app.api.settings.save({ ...s.value, language: 'ko' })).ok).toBe(true);
  await page.reload();
  await page.getByRole('button', { name: '주문 내역', exact: true }).click();
  await expect(count).toHaveText('주문을 25건 넘게 찾았습니다. 1–25번째를 보여 줍니다');
  await page.getByLabel('고객 ID, 이름, 전화번호 또는 주문 ID').fill('김민수');
  await page.getByRole('button', { name: '검색' }).click();
  await expect(count).toHaveText('주문 3건을 찾았습니다');
  await page.getByLabel('고객 ID, 이름, 전화번호 또는 주문 ID').fill('');
  await page.getByRole('button', { name: '검색' }).click();
  await page.getByRole('button', { name: '더 오래된 주문 →' }).click();
  await page.getByRole('button', { name: '더 오래된 주문 →' }).click();
  await expect(count).toHaveText('주문 60건을 찾았습니다. 51–60번째를 보여 줍니다');
});

test('void from the receipt: the focus stays in the receipt, and it shows its cancellation delivered', async ({
  page,
  app,
}) => {
  const orderId = await submitAmericano(app, 'C-3001');
  expect((await app.api.risk.setPin({ currentPin: null, newPin: PIN })).ok).toBe(true);
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Orders', exact: true }).click();
  const row = page.locator(`.history-table tr[data-order-id="${orderId}"]`);
  await row.getByRole('button', { name: /Receipt/ }).click();
  const receipt = page.getByTestId('receipt');
  const dialog = page.getByRole('dialog');

  // Back from the void form: the focus is on Void… again, not on the page.
  await dialog.getByRole('button', { name: 'Void…' }).focus();
  await page.keyboard.press('Enter');
  const voidForm = page.getByRole('form', { name: `Void order ${shortOrderId(orderId)}` });
  // The receipt's own buttons are not on screen under the void form (Void…, Print and Close stood
  // under "Void and send cancellation"), and Esc goes back to the receipt, as Back does; it closed
  // the receipt, and the reason typed with it.
  await expect(dialog.getByRole('button', { name: 'Print' })).toBeHidden();
  await voidForm.getByLabel('Reason (required, at most 200 characters)').fill('Wrong order');
  await page.keyboard.press('Escape');
  await expect(voidForm).toHaveCount(0);
  await expect(dialog.getByRole('button', { name: 'Void…' })).toBeFocused();
  await page.keyboard.press('Enter');
  await voidForm.getByRole('button', { name: 'Back' }).focus();
  await page.keyboard.press('Enter');
  await expect(voidForm).toHaveCount(0);
  await expect(dialog.getByRole('button', { name: 'Void…' })).toBeFocused();

  // Voided from the keyboard: the void form and Void… go, and the focus is on Close (where the
  // receipt opens), from which Enter or Esc closes it.
  await page.keyboard.press('Enter');
  await expect(voidForm.getByLabel('Reason (required, at most 200 characters)')).toBeFocused();
  await page.keyboard.type('Customer paid twice');
  await page.keyboard.press('Tab');
  await page.keyboard.type(PIN);
  // Ctrl+Enter voids from any field, the reason too (it did nothing), as Enter does from the PIN.
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('receipt-void')).toHaveText('VOID');
  await expect(dialog.getByRole('button', { name: 'Void…' })).toHaveCount(0);
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();

  // The open receipt follows the cancellation to the topic, as the row does once searched again.
  await expect(receipt.getByTestId('voided-note')).toHaveText(
    /^Voided: Customer paid twiceCancellation delivered · partition \d+ · offset \d+$/,
    { timeout: 30_000 },
  );
  // Not only in words: a script in either language waits on the attribute.
  await expect(receipt.getByTestId('voided-note')).toHaveAttribute('data-cancellation', 'delivered');
  const onReceipt = await receipt.getByTestId('voided-note').textContent();
  await page.keyboard.press('Enter');
  await expect(receipt).toBeHidden();
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(row.getByTestId('voided-note')).toHaveText(onReceipt!);
  // Voided after it went out, it stays delivered, as its Outbox row says (README's testers' table).
  await expect(row).toHaveAttribute('data-state', 'delivered');

  // Alt+R with that voided order the terminal's only one: its basket is not offered again (a
  // voided order is passed over), and the status names it as voided. It said "No previous order".
  await page.getByRole('button', { name: 'Order', exact: true }).click();
  await page.keyboard.press('Alt+r');
  await expect(page.getByRole('status')).toHaveText(
    `No order to repeat: the previous order, ${shortOrderId(orderId)}, was voided`,
  );
  await expect(page.getByLabel('Customer name')).toHaveValue('');
  const s = await app.api.settings.get();
  if (!s.ok) throw new Error(JSON.stringify(s.error));
  expect((await app.api.settings.save({ ...s.value, language: 'ko' })).ok).toBe(true);
  await page.reload();
  await expect(page.locator('#order-form-title')).toBeVisible();
  await page.keyboard.press('Alt+r');
  await expect(page.getByRole('status')).toHaveText(
    new RegExp(`^반복할 주문이 없습니다\\. 이전 주문 ${shortOrderId(orderId)}[은는] 취소되었습니다$`),
  );
});

/** Orders open on three orders; the first search (on opening) answered, the next ones held, as a slow service would. */
async function ordersWithSearchesHeld(page: Page, app: AppServer) {
  for (let i = 0; i < 3; i++) await submitNamed(app, `Customer ${i}`, i);
  const answers = await holdAnswers(page, channelOf('history', 'search'), { skip: 1 });
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Orders', exact: true }).click();
  const rows = page.locator('.history-table tbody tr');
  await expect(rows).toHaveCount(3);
  return { answers, region: page.getByRole('region', { name: 'Orders' }), rows };
}

test(
  'a search is aria-busy on the Orders region until its answer is on screen, a signal to wait on',
  { tag: PAGE_ONLY_TAG },
  async ({ page, app }) => {
    const { answers, region, rows } = await ordersWithSearchesHeld(page, app);
    await expect(region).toHaveAttribute('aria-busy', 'false');
    await region.getByRole('searchbox').fill('C-2001');
    await region.getByRole('searchbox').press('Enter');
    // Already busy when the key press returns: a test can wait for "false" at once.
    expect(await region.getAttribute('aria-busy')).toBe('true');
    await expect.poll(() => answers.held()).toBe(1);
    // Still the old rows while it waits: only the attribute tells the search is not done.
    expect(await rows.count()).toBe(3);
    answers.release();
    await expect(region).toHaveAttribute('aria-busy', 'false');
    expect(await rows.count()).toBe(1);
  },
);

test(
  "a customer, Enter, ↓ and Enter typed before the orders come open that customer's receipt",
  { tag: PAGE_ONLY_TAG },
  async ({ page, app }) => {
    const { answers, region } = await ordersWithSearchesHeld(page, app);
    const query = region.getByRole('searchbox');
    await query.fill('C-2000');
    await query.press('Enter');
    await query.press('ArrowDown');
    await query.press('Enter');
    // Typed ahead: the search asked once, not again for ↓ nor for the Enter after it.
    await expect.poll(() => answers.held()).toBe(1);
    await page.waitForTimeout(300);
    expect(answers.held()).toBe(1);
    await expect(page.getByRole('dialog')).toHaveCount(0);
    answers.release();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('Customer 0 (C-2000)');
    await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();
  },
);

test('a search answered after a later one does not replace its rows', { tag: PAGE_ONLY_TAG }, async ({ page, app }) => {
  const { answers, region, rows } = await ordersWithSearchesHeld(page, app);
  const query = region.getByRole('searchbox');
  await query.fill('C-2000');
  await query.press('Enter');
  await query.fill('C-2001');
  await query.press('Enter');
  await expect.poll(() => answers.held()).toBe(2);
  // C-2001's answer first, then C-2000's, late.
  answers.release('reversed');
  await expect(region).toHaveAttribute('aria-busy', 'false');
  await expect(rows).toHaveCount(1);
  // Time for the late answer to arrive: it must change nothing.
  await page.waitForTimeout(500);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('C-2001');
});

test('void from the receipt with a pasted direction override in the reason: refused in the form, in English and Korean, and nothing voided', async ({
  page,
  app,
}) => {
  const orderId = await submitAmericano(app, 'C-3003');
  expect((await app.api.risk.setPin({ currentPin: null, newPin: PIN })).ok).toBe(true);
  const voidWith = async (orders: string, voidButton: string, form: string, reason: string, pin: string) => {
    await page.getByRole('button', { name: orders, exact: true }).click();
    await page
      .locator(`.history-table tr[data-order-id="${orderId}"]`)
      .getByRole('button', { name: /Receipt|영수증/ })
      .click();
    await page.getByRole('dialog').getByRole('button', { name: voidButton }).click();
    const voidForm = page.getByRole('form', { name: form });
    await voidForm.getByRole('textbox').first().fill(reason);
    await voidForm.getByLabel(pin).fill(PIN);
    await voidForm.getByLabel(pin).press('Enter');
    return voidForm;
  };
  await page.goto(app.url);
  const voidForm = await voidWith(
    'Orders',
    'Void…',
    `Void order ${shortOrderId(orderId)}`,
    'Customer \u202Epaid twice',
    'Supervisor PIN',
  );
  await expect(voidForm.getByRole('alert')).toHaveText(
    'Contains an invisible character (a direction mark, a zero-width space, a line separator), often pasted: retype it',
  );
  await expect(page.getByTestId('receipt-void')).toHaveCount(0);
  // The request itself is refused too, whatever sends it, with the same words.
  const direct = await app.api.orders.void({ orderId, reason: 'Customer \u0007paid twice', pin: PIN });
  expect(direct.ok ? null : direct.error.code).toBe('request.invalid');
  expect(direct.ok ? '' : String(direct.error.params?.detail)).toBe(
    'reason: Contains a control character (an invisible character, often pasted): remove it',
  );

  const s = await app.api.settings.get();
  if (!s.ok) throw new Error(JSON.stringify(s.error));
  expect((await app.api.settings.save({ ...s.value, language: 'ko' })).ok).toBe(true);
  await page.reload();
  const voidFormKo = await voidWith(
    '주문 내역',
    '취소…',
    `주문 ${shortOrderId(orderId)} 취소`,
    '중복\u200B결제',
    '감독자 PIN',
  );
  await expect(voidFormKo.getByRole('alert')).toHaveText(
    '보이지 않는 문자(방향 표시, 폭 없는 공백, 줄 구분 문자)가 있습니다. 주로 붙여 넣을 때 들어옵니다. 직접 입력하세요',
  );
  // An empty PIN is said in Korean too, under the PIN, not in the browser's language.
  await voidFormKo.getByLabel('감독자 PIN').fill('');
  await voidFormKo.getByLabel('감독자 PIN').press('Control+Enter');
  await expect(voidFormKo.getByLabel('감독자 PIN')).toBeFocused();
  await expect(voidFormKo.getByLabel('감독자 PIN')).toHaveAccessibleDescription('필수 항목입니다');
  const recent = await app.api.orders.recent({ limit: 10 });
  if (!recent.ok) throw new Error(JSON.stringify(recent.error));
  expect(recent.value.find((r) => r.order.orderId === orderId)?.cancellation ?? null).toBeNull();
});

test(
  'a search for a pasted NUL or bell says the query holds a control character, not an internal error',
  { tag: PAGE_ONLY_TAG },
  async ({ page, app }) => {
    await submitAmericano(app, 'C-3004');
    const r = await app.api.history.search({ query: 'Kim\u0000', from: null, to: null, before: null, limit: 25 });
    expect(r.ok ? null : [r.error.code, r.error.params?.detail]).toEqual([
      'request.invalid',
      'query: Contains a control character (an invisible character, often pasted): remove it',
    ]);
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Orders', exact: true }).click();
    await page.getByLabel('Customer ID, name, phone or order id').fill('Ki\u0007m');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(
      page.getByText('Contains a control character (an invisible character, often pasted): remove it'),
    ).toBeVisible();
  },
);

test(
  "a long receipt prints whole from its head, each line's quantity apart from its subtotal (10 beside 1,234,500원 read as 101,234,500원)",
  { tag: PAGE_ONLY_TAG },
  async ({ page, app }) => {
    // Fourteen lines of long Korean names: taller than the window, so the receipt scrolls.
    const lines = Array.from({ length: 14 }, (_, i) => ({
      sku: `KR-LONG-${i}`,
      productName: `유기농 제주 한라봉 선물세트 프리미엄 대용량 특가 상품 ${i}호 (냉장 보관 필수, 당일 배송 전용 포장)`,
      quantity: i + 1,
      unitPrice: 12345 * (i + 1),
    }));
    const placed = await app.api.orders.submit({
      customerName: '남궁민수',
      customerId: 'C-3005',
      lines,
      currency: 'KRW',
      paymentMethod: 'card',
    });
    if (!placed.ok) throw new Error(JSON.stringify(placed.error));
    const s = await app.api.settings.get();
    if (!s.ok) throw new Error(JSON.stringify(s.error));
    expect((await app.api.settings.save({ ...s.value, language: 'ko' })).ok).toBe(true);
    await page.goto(app.url);
    await page.keyboard.press('Alt+2');
    await page.keyboard.type('C-3005');
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const receipt = page.getByTestId('receipt');
    await expect(receipt.locator('tbody tr').nth(9).locator('td').nth(2)).toHaveText('1,234,500원');
    await expect(page.getByRole('button', { name: '닫기' })).toBeFocused();
    // The space between each quantity's last digit and its subtotal's first, as drawn.
    const gaps = () =>
      receipt.evaluate((r) =>
        [...r.querySelectorAll('tbody tr')].map((tr) => {
          const text = (td: Element) => {
            const range = document.createRange();
            range.selectNodeContents(td);
            return range.getBoundingClientRect();
          };
          return Math.round(text(tr.children[2]).left - text(tr.children[1]).right);
        }),
      );
    for (const media of ['screen', 'print'] as const) {
      await page.emulateMedia({ media });
      for (const g of await gaps()) expect(g, media).toBeGreaterThanOrEqual(12);
    }
    // Printed with the focus on Close, at the receipt's foot: the dialog was printed as scrolled
    // there, without its head and first lines.
    const printed = (await pdfText(await page.pdf({ format: 'A4' }))).replace(/\s+/g, '');
    for (const text of ['영수증', '남궁민수(C-3005)', '12,345원', '1,234,500원', '2,419,620원', '12,530,175원'])
      expect(printed).toContain(text);
  },
);
