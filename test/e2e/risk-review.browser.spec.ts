// Issue 12, at the counter: an order tripping the duplicate and amount checks shows both reasons
// before it leaves the screen; held by policy, a supervisor confirms it with the PIN on the
// Review screen and the message read back from the topic carries `risk` and `risk-decision`.
// A held order nobody confirms is not sent, a voided one never is, a routed one lands in the
// review topic only.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test, type AppServer } from './fixtures';
import { fillOrder, type TypedOrder } from './order-form';
import { holdAnswers } from './hold-answers';
import { PAGE_ONLY_TAG } from '../support/test-legs';
import { channelOf } from '../../shared/contract';
import { topicRecords } from '../support/topic-records';
import { DEFAULT_RISK_POLICIES } from '../../shared/settings-schema';
import type { OrderDraftInput } from '../../shared/order-schema';

const PIN = '482913';

const draft = (customerId: string, quantity: number, unitPrice = 4500): OrderDraftInput => ({
  customerName: 'Kim Minji',
  customerId,
  lines: [{ sku: 'AMER-R', productName: 'Americano (R)', quantity, unitPrice }],
  currency: 'KRW',
  paymentMethod: 'card',
});

async function submit(app: AppServer, d: OrderDraftInput) {
  const r = await app.api.orders.submit(d);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

async function cluster(app: AppServer): Promise<{ brokers: string[]; topic: string }> {
  const s = await app.api.connection.state();
  if (!s.ok) throw new Error(JSON.stringify(s.error));
  return { brokers: s.value.brokers, topic: s.value.topic };
}

/** A customer with five ordinary orders (2–4 coffees) and one of 200 coffees, all sent. */
async function customerWithHistory(app: AppServer, customerId: string): Promise<string[]> {
  const ids: string[] = [];
  for (const q of [2, 3, 2, 4, 3]) ids.push((await submit(app, draft(customerId, q))).order.orderId);
  ids.push((await submit(app, draft(customerId, 200))).order.orderId);
  return ids;
}

async function setPolicies(app: AppServer, patch: Partial<typeof DEFAULT_RISK_POLICIES>, reviewTopic?: string) {
  const s = await app.api.settings.get();
  if (!s.ok) throw new Error(JSON.stringify(s.error));
  const r = await app.api.risk.setPolicies({
    pin: PIN,
    policies: { ...DEFAULT_RISK_POLICIES, ...patch },
    reviewTopic: reviewTopic ?? s.value.risk.reviewTopic,
  });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
}

/** With the PIN set and duplicates held, a customer's second order of two coffees: held for a supervisor. */
async function heldDuplicate(app: AppServer, customerId: string) {
  expect((await app.api.risk.setPin({ currentPin: null, newPin: PIN })).ok).toBe(true);
  await setPolicies(app, { duplicate: 'hold' });
  await submit(app, draft(customerId, 2));
  const held = await submit(app, draft(customerId, 2));
  expect(held.risk?.outcome).toBe('held');
  return held;
}

async function decideOnReview(page: Page, orderId: string, action: 'Confirm and send' | 'Void') {
  await page.getByRole('button', { name: 'Review', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Review/);
  const row = page.locator(`tr[data-order-id="${orderId}"]`);
  await expect(row.getByTestId('review-outcome')).toHaveText('Held for a supervisor');
  await row.getByRole('button', { name: action }).click();
  // The bare labels, as a tester would write them: the PIN's name held "Supervisor" too, and
  // getByLabel('Supervisor') found both fields (a strict-mode violation).
  await page.getByLabel('Supervisor').fill('Lee Sujin');
  await page.getByLabel('PIN').fill('000000');
  await page.getByRole('alertdialog').getByRole('button', { name: action }).click();
  await expect(page.getByRole('alertdialog').getByRole('alert')).toHaveText('Wrong supervisor PIN. Enter it again.');
  await page.getByLabel('PIN').fill(PIN);
  await page.getByRole('alertdialog').getByRole('button', { name: action }).click();
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
}

const big: TypedOrder = {
  customerName: 'Kim Minji',
  customerId: 'C-2001',
  lines: [{ sku: 'AMER-R', productName: 'Americano (R)', quantity: '200', unitPrice: '4500' }],
  paymentMethod: 'Card',
};

test('duplicate and amount flags shown before sending; held, confirmed with the PIN, sent with risk headers', async ({
  page,
  app,
}) => {
  expect((await app.api.risk.setPin({ currentPin: null, newPin: PIN })).ok).toBe(true);
  const history = await customerWithHistory(app, 'C-2001');
  await setPolicies(app, { duplicate: 'hold', 'amount-outlier': 'hold' });

  await page.goto(app.url);
  await fillOrder(page, big);
  await page.getByLabel('Unit price').press('Control+Enter');
  // Both reasons, with their numbers, while the order is still on the screen.
  const panel = page.getByTestId('risk-panel');
  await expect(panel.locator('[data-code="duplicate"]')).toContainText(
    'Customer C-2001 placed an order with the same lines and total',
  );
  await expect(panel.locator('[data-code="amount-outlier"]')).toContainText('₩900,000 is far from the usual');
  await expect(page.getByLabel('Customer ID')).toHaveValue('C-2001');
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  await panel.getByRole('button', { name: /Submit as it is/ }).click();
  const saved = page.getByTestId('risk-saved');
  await expect(saved).toHaveAttribute('data-outcome', 'held');
  await expect(saved).toContainText('a supervisor confirms or voids it');
  // Not "in the outbox": a held order is not on its way.
  await expect(page.getByTestId('saved-detail')).toHaveText(
    /^— order \w{8} waits on the Review screen, not in the outbox$/,
  );

  const review = await app.api.risk.review({ query: 'held', since: 0 });
  if (!review.ok) throw new Error(JSON.stringify(review.error));
  expect(review.value).toHaveLength(1);
  const orderId = review.value[0].orderId;
  const { brokers, topic } = await cluster(app);
  // Held: not on the topic, though the six before it are.
  await expect
    .poll(
      async () => (await topicRecords(brokers, topic)).filter((r) => history.includes(r.headers['order-id'])).length,
    )
    .toBe(6);
  expect((await topicRecords(brokers, topic)).map((r) => r.headers['order-id'])).not.toContain(orderId);

  await decideOnReview(page, orderId, 'Confirm and send');
  const row = page.locator(`tr[data-order-id="${orderId}"]`);
  await expect(row.getByTestId('review-outcome')).toHaveText('Confirmed and sent');
  await expect(row).toContainText('Lee Sujin');

  await expect
    .poll(async () => (await topicRecords(brokers, topic)).find((r) => r.headers['order-id'] === orderId) ?? null, {
      timeout: 30_000,
    })
    .not.toBeNull();
  const m = (await topicRecords(brokers, topic)).find((r) => r.headers['order-id'] === orderId)!;
  expect(m.headers.risk.split(',')).toEqual(expect.arrayContaining(['duplicate', 'amount-outlier']));
  expect(JSON.parse(m.headers['risk-decision'])).toMatchObject({ decision: 'confirm', by: 'Lee Sujin' });
  expect(JSON.parse(m.value!)).toMatchObject({ orderId, customerId: 'C-2001', total: 900_000 });
});

test('a flagged order submitted as it is reads as saved, in two sentences, never as sent before it has gone', async ({
  page,
  app,
}) => {
  await customerWithHistory(app, 'C-2002');
  await page.goto(app.url);
  await fillOrder(page, { ...big, customerId: 'C-2002' });
  await page.getByLabel('Unit price').press('Control+Enter');
  // What a tester waits for in place of "Saved": the flags' alert, by its name.
  const alert = page.getByRole('alert', { name: 'Check this order before it goes' });
  await alert.getByRole('button', { name: 'Submit as it is' }).click();
  const status = page.locator('form').getByRole('status');
  await expect(page.getByTestId('risk-saved')).toHaveAttribute('data-outcome', 'sent');
  // Saved is all the form knows (the outbox sends it when the cluster answers): not "Sent", and
  // not "…in the outboxSent, flagged".
  await expect(status).toHaveText(
    /^✓ Saved — order \w{8} is in the outbox\. Flagged: it goes as it is, its checks named in a risk header\./,
  );
  await expect(status).not.toContainText('Sent');
  await expect(alert).toHaveCount(0);
  // On Review the decision stays "sent"; where the order stands is its delivery, delivered once
  // the cluster has it.
  await page.getByRole('button', { name: 'Review', exact: true }).click();
  // Newest first: the order just saved (the customer's earlier ones were flagged too).
  const row = page.locator('tr[data-outcome="sent"]', { hasText: 'C-2002' }).first();
  await expect(row).toHaveAttribute('data-delivery', 'delivered');
  await expect(row).toContainText('Sent, flagged');
});

test('a held order nobody confirms is not sent, a voided one never is, a routed one lands in the review topic only', async ({
  page,
  app,
}) => {
  expect((await app.api.risk.setPin({ currentPin: null, newPin: PIN })).ok).toBe(true);
  const reviewTopic = app.topicName('review');
  await setPolicies(app, { duplicate: 'hold' }, reviewTopic);
  // Diagnostics sees the review topic is missing and creates it, as it does the order topic.
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Diagnostics', exact: true }).click();
  await expect(page.getByText(`The review topic "${reviewTopic}" does not exist`)).toBeVisible();
  await expect(page.getByLabel('Topic name')).toHaveValue(reviewTopic);
  await page.getByRole('button', { name: 'Create topic…' }).click();
  await page.getByRole('button', { name: 'Yes, create it' }).click();
  await expect(page.getByText(`Topic "${reviewTopic}" created`)).toBeVisible();
  await expect(page.getByText(`The review topic "${reviewTopic}" does not exist`)).toHaveCount(0);

  await submit(app, draft('C-3001', 2));
  const waiting = await submit(app, draft('C-3001', 2));
  const voided = await submit(app, draft('C-3001', 2));
  expect([waiting.risk?.outcome, voided.risk?.outcome]).toEqual(['held', 'held']);
  await decideOnReview(page, voided.order.orderId, 'Void');
  await expect(page.locator(`tr[data-order-id="${voided.order.orderId}"]`).getByTestId('review-outcome')).toHaveText(
    'Voided',
  );

  await setPolicies(app, { duplicate: 'route' }, reviewTopic);
  const routed = await submit(app, draft('C-3001', 2));
  expect(routed.risk?.outcome).toBe('routed');
  // One more ordinary order after them all: once it is on the topic, anything sent before it would be too.
  const after = await submit(app, draft('C-3002', 1));
  const { brokers, topic } = await cluster(app);
  await expect
    .poll(async () => (await topicRecords(brokers, reviewTopic)).map((r) => r.headers['order-id']), { timeout: 30_000 })
    .toEqual([routed.order.orderId]);
  await expect
    .poll(async () => (await topicRecords(brokers, topic)).map((r) => r.headers['order-id']), { timeout: 30_000 })
    .toContain(after.order.orderId);
  const onOrderTopic = (await topicRecords(brokers, topic)).map((r) => r.headers['order-id']);
  for (const id of [waiting.order.orderId, voided.order.orderId, routed.order.orderId])
    expect(onOrderTopic).not.toContain(id);

  await page.getByLabel('Search (customer ID, order id, name, check, outcome)').fill('C-3001');
  await expect(page.locator('tr[data-order-id] [data-testid="review-outcome"]')).toHaveText([
    'Sent to review',
    'Voided',
    'Held for a supervisor',
  ]);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const csv = await (await (await download).createReadStream()).toArray();
  const text = Buffer.concat(csv).toString('utf8');
  expect(text).toContain(`${routed.order.orderId},C-3001`);
  expect(text.split('\r\n')[0]).toContain('created_at,order_id,customer_id');
  // A search that finds nothing says so: "No flagged orders today" told the supervisor there were none.
  await page.getByLabel('Search (customer ID, order id, name, check, outcome)').fill('C-3999');
  await expect(page.getByText('No flagged order matches “C-3999”.')).toBeVisible();
  await expect(page.getByText('No flagged orders today.')).toHaveCount(0);
});

test('an order held yesterday is still on Review after midnight, with its date, until a supervisor confirms it', async ({
  page,
  app,
}) => {
  const held = await heldDuplicate(app, 'C-4201');
  // The renderer's clock only: the day Review asks for is the browser's, the service keeps real time.
  const made = new Date(held.order.createdAt);
  const nextDay = new Date(made);
  nextDay.setDate(made.getDate() + 1);
  nextDay.setHours(0, 5, 0, 0);
  await page.clock.setFixedTime(nextDay);
  await page.goto(app.url);
  await page.keyboard.press('Alt+6');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Review/);
  const row = page.locator(`tr[data-order-id="${held.order.orderId}"]`);
  await expect(row.getByTestId('review-outcome')).toHaveText('Held for a supervisor');
  const month = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ')[made.getMonth()];
  await expect(row.getByTestId('review-time')).toContainText(`${made.getDate()} ${month} ${made.getFullYear()}`);
  await expect(page.getByText('No flagged orders today.')).toHaveCount(0);

  await decideOnReview(page, held.order.orderId, 'Confirm and send');
  // Decided, it is an earlier day's order like any other: off today's list.
  await expect(row).toHaveCount(0);
  const after = await app.api.risk.review({ query: held.order.orderId, since: 0 });
  expect(after.ok && after.value.map((e) => e.outcome)).toEqual(['confirmed']);
});

/** A held order's Confirm and send opened on Review, the supervisor named, the answers held back. */
async function confirmWithAnswersHeld(page: Page, app: AppServer, customerId: string) {
  const held = await heldDuplicate(app, customerId);
  const answers = await holdAnswers(page, channelOf('risk', 'decide'));
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Review', exact: true }).click();
  await page
    .locator(`tr[data-order-id="${held.order.orderId}"]`)
    .getByRole('button', { name: 'Confirm and send' })
    .click();
  await page.getByLabel('Supervisor', { exact: true }).fill('Lee Sujin');
  return { held, answers, dialog: page.getByRole('alertdialog') };
}

test('Enter pressed twice on a wrong PIN is one wrong try: after four, the right PIN still confirms', async ({
  page,
  app,
}) => {
  const { held, answers, dialog } = await confirmWithAnswersHeld(page, app, 'C-4001');
  const pin = page.getByLabel('PIN');
  await pin.fill('000000');
  await pin.press('Enter');
  await pin.press('Enter');
  await expect.poll(() => answers.held()).toBe(1);
  await expect(dialog.getByRole('button', { name: 'Confirm and send' })).toBeDisabled();
  expect(answers.held()).toBe(1);
  answers.release();
  await expect(dialog.getByRole('alert')).toHaveText('Wrong supervisor PIN. Enter it again.');
  // Five wrong tries in a row lock the PIN for 30 s; this is the fourth.
  for (let i = 0; i < 3; i++) {
    await expect(dialog.getByRole('button', { name: 'Confirm and send' })).toBeEnabled();
    await pin.press('Enter');
    await expect(dialog.getByRole('alert')).toHaveText('Wrong supervisor PIN. Enter it again.');
  }
  await pin.fill(PIN);
  await pin.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(page.locator(`tr[data-order-id="${held.order.orderId}"]`).getByTestId('review-outcome')).toHaveText(
    'Confirmed and sent',
  );
});

test(
  'Confirm and send pressed from the keyboard keeps the focus while the PIN is checked, and after a wrong one',
  { tag: PAGE_ONLY_TAG },
  async ({ page, app }) => {
    const { answers, dialog } = await confirmWithAnswersHeld(page, app, 'C-4051');
    await page.getByLabel('PIN').fill('000000');
    const confirm = dialog.getByRole('button', { name: 'Confirm and send' });
    await confirm.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => answers.held()).toBe(1);
    // Unavailable while the PIN is checked, yet still where the clerk is (not on the page).
    await expect(confirm).toBeDisabled();
    await expect(confirm).toBeFocused();
    answers.release();
    await expect(dialog.getByRole('alert')).toHaveText('Wrong supervisor PIN. Enter it again.');
    await expect(confirm).toBeEnabled();
    await expect(confirm).toBeFocused();
  },
);

test('Review from the keyboard: Esc closes a decision, deciding nothing, and the focus goes on down the held orders, then to the search', async ({
  page,
  app,
}) => {
  expect((await app.api.risk.setPin({ currentPin: null, newPin: PIN })).ok).toBe(true);
  await setPolicies(app, { duplicate: 'hold' });
  await submit(app, draft('C-4101', 2));
  const first = await submit(app, draft('C-4101', 2));
  const second = await submit(app, draft('C-4101', 2));
  expect([first.risk?.outcome, second.risk?.outcome]).toEqual(['held', 'held']);
  await page.goto(app.url);
  // The Review tab counts the orders waiting for a supervisor, seen and heard, from any screen.
  const reviewTab = page.getByRole('button', { name: 'Review', exact: true });
  await expect(page.getByTestId('review-held')).toHaveText('(2)');
  await expect(reviewTab).toHaveAccessibleDescription('2 orders waiting for a supervisor');
  await page.keyboard.press('Alt+6');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Review/);
  const confirmOf = (orderId: string) =>
    page.locator(`tr[data-order-id="${orderId}"]`).getByRole('button', { name: 'Confirm and send' });
  const [top, other] =
    (await page.locator('tr[data-outcome="held"]').first().getAttribute('data-order-id')) === first.order.orderId
      ? [first, second]
      : [second, first];
  await confirmOf(top.order.orderId).focus();
  await page.keyboard.press('Enter');
  const supervisor = page.getByLabel('Supervisor', { exact: true });
  await expect(supervisor).toBeFocused();
  // Ctrl+Enter with a field empty: the app's message under each (not the browser's bubble, in the
  // browser's language), the cursor on the first, nothing decided.
  await page.keyboard.press('Control+Enter');
  await expect(supervisor).toBeFocused();
  await expect(supervisor).toHaveAttribute('aria-invalid', 'true');
  await expect(supervisor).toHaveAccessibleDescription('Required');
  await page.keyboard.type('Lee Sujin');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByLabel('PIN')).toBeFocused();
  await expect(page.getByLabel('PIN')).toHaveAccessibleDescription('Required');
  await expect(supervisor).not.toHaveAttribute('aria-invalid');
  // Esc: nothing decided, the form gone, the keyboard on the button that opened it.
  await page.keyboard.press('Escape');
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await expect(confirmOf(top.order.orderId)).toBeFocused();
  await expect(page.locator(`tr[data-order-id="${top.order.orderId}"]`).getByTestId('review-outcome')).toHaveText(
    'Held for a supervisor',
  );
  // Confirmed from the keyboard: its buttons are gone, and the next held order's Confirm has the focus.
  await page.keyboard.press('Enter');
  await page.keyboard.type('Lee Sujin');
  await page.keyboard.press('Tab');
  await page.keyboard.type(PIN);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await expect(page.locator(`tr[data-order-id="${top.order.orderId}"]`).getByTestId('review-outcome')).toHaveText(
    'Confirmed and sent',
  );
  await expect(confirmOf(other.order.orderId)).toBeFocused();
  await expect(page.getByTestId('review-held')).toHaveAttribute('data-count', '1');
  // The last held order voided: no held order left, the search field has the focus.
  await page.locator(`tr[data-order-id="${other.order.orderId}"]`).getByRole('button', { name: 'Void' }).focus();
  await page.keyboard.press('Enter');
  await page.keyboard.type('Lee Sujin');
  await page.keyboard.press('Tab');
  await page.keyboard.type(PIN);
  await page.keyboard.press('Enter');
  await expect(page.locator(`tr[data-order-id="${other.order.orderId}"]`).getByTestId('review-outcome')).toHaveText(
    'Voided',
  );
  await expect(page.locator('tr[data-outcome="held"]')).toHaveCount(0);
  await expect(page.getByTestId('review-held')).toHaveCount(0);
  await expect(page.getByLabel('Search (customer ID, order id, name, check, outcome)')).toBeFocused();
});

test('a supervisor lowers a limit in Settings with the PIN; the next order over it is flagged with the new numbers', async ({
  page,
  app,
}) => {
  expect((await app.api.risk.setPin({ currentPin: null, newPin: PIN })).ok).toBe(true);
  await submit(app, draft('C-3001', 1));
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const limits = page.getByTestId('risk-limits');
  await expect(limits.getByLabel('Orders per customer in 1 h')).toHaveValue('3');
  await limits.getByLabel('Orders per customer in 1 h').fill('1');
  await page.locator('#risk-policy-pin').fill('000000');
  await page.getByRole('button', { name: 'Save risk policies' }).click();
  await expect(page.locator('.risk-status').first()).toContainText(/PIN/);
  const unchanged = await app.api.settings.get();
  expect(unchanged.ok && unchanged.value.risk.limits.customerMaxOrders).toEqual([3, 10]);
  await page.locator('#risk-policy-pin').fill(PIN);
  await page.getByRole('button', { name: 'Save risk policies' }).click();
  await expect(page.locator('.risk-status').first()).toContainText('Risk policies saved');
  const saved = await app.api.settings.get();
  expect(saved.ok && saved.value.risk.limits.customerMaxOrders).toEqual([1, 10]);

  await page.getByRole('button', { name: 'Order', exact: true }).click();
  await fillOrder(page, {
    customerName: 'Kim Minji',
    customerId: 'C-3001',
    lines: [{ sku: 'LATTE-L', productName: 'Caffe latte (L)', quantity: '1', unitPrice: '5500' }],
  });
  await page.getByLabel('Unit price').press('Control+Enter');
  await expect(page.getByTestId('risk-panel').locator('[data-code="velocity"]')).toContainText('1');
});

test('a supervisor name with a pasted direction override is refused in the decision form, and the order stays held until a plain name confirms it; a form another window beat closes, saying who decided', async ({
  page,
  app,
}) => {
  const held = await heldDuplicate(app, 'C-4101');
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Review', exact: true }).click();
  const row = page.locator(`tr[data-order-id="${held.order.orderId}"]`);
  await row.getByRole('button', { name: 'Confirm and send' }).click();
  const dialog = page.getByRole('alertdialog');
  await page.getByLabel('Supervisor', { exact: true }).fill('Lee\u202Enijus');
  await page.getByLabel('PIN').fill(PIN);
  await page.getByLabel('PIN').press('Enter');
  await expect(dialog.getByRole('alert')).toHaveText(
    'Contains an invisible character (a direction mark, a zero-width space, a line separator), often pasted: retype it',
  );
  // The cursor goes to the name, which says what is wrong with it; not left in the PIN.
  const supervisor = page.getByLabel('Supervisor', { exact: true });
  await expect(supervisor).toBeFocused();
  await expect(supervisor).toHaveAttribute('aria-invalid', 'true');
  await expect(supervisor).toHaveAccessibleDescription(/Contains an invisible character/);
  await expect(row.getByTestId('review-outcome')).toHaveText('Held for a supervisor');
  // Ctrl+Enter decides from the name too, as it submits everywhere else (it did nothing).
  await supervisor.fill('Lee Sujin');
  await supervisor.press('Control+Enter');
  await expect(dialog).toHaveCount(0);
  await expect(row.getByTestId('review-outcome')).toHaveText('Confirmed and sent');

  // Another window voids a second held order while this one's form is open: the refusal says who
  // decided, the form closes and the row shows what became of it at once, not at the next reload (5 s).
  // Held in another window, an order is listed at once with the tab's count (the list waited for
  // its 5 s reload); two in a row, so that reload cannot pass for it: a form being typed in stays.
  const second = await submit(app, draft('C-4101', 2));
  await expect(page.getByTestId('review-held')).toHaveAttribute('data-count', '1');
  const secondRow = page.locator(`tr[data-order-id="${second.order.orderId}"]`);
  await expect(secondRow).toBeVisible({ timeout: 2_000 });
  await secondRow.getByRole('button', { name: 'Confirm and send' }).click();
  await supervisor.fill('Lee Sujin');
  await page.getByLabel('PIN').fill(PIN);
  const third = await submit(app, draft('C-4101', 2));
  await expect(page.getByTestId('review-held')).toHaveAttribute('data-count', '2');
  await expect(page.locator(`tr[data-order-id="${third.order.orderId}"]`)).toBeVisible({ timeout: 2_000 });
  await expect(supervisor).toHaveValue('Lee Sujin');
  await expect(page.getByLabel('PIN')).toHaveValue(PIN);
  const elsewhere = await app.api.risk.decide({
    orderId: second.order.orderId,
    decision: 'void',
    supervisor: '박지훈',
    pin: PIN,
  });
  expect(elsewhere.ok).toBe(true);
  await page.getByLabel('PIN').press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('review-notice')).toHaveText(/^Already decided: 박지훈 voided order/);
  await expect(secondRow.getByTestId('review-outcome')).toHaveText('Voided', { timeout: 2_000 });
});
