// Issue 11, the clerk's counter, driven by the keyboard as a clerk does: numbers as Korean
// clerks type them, nothing lost by Esc or a reload, the catalogue (CSV import, type-ahead,
// barcode scanner, quick keys), cash and change, the shortcut list, and unsaved settings.
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { channelOf } from '../../shared/contract';
import { expect, test } from './fixtures';
import { shortOrderId } from '../../shared/order-ids';
import { readOrderMessages } from './kafka-topic';
import { fillOrder, newestOrderId } from './order-form';
import { holdAnswers } from './hold-answers';
import iconv from 'iconv-lite';
import { PAGE_ONLY_TAG } from '../support/test-legs';

const CATALOGUE_CSV = [
  'sku,name,price,barcode,category,quick',
  'AMER-R,Americano (R),"4,500원",8801234567890,coffee,1',
  'LATTE-L,Caffe latte (L),5500,8801234567891,coffee,2',
  'BAGEL-01,"Bagel, plain",３０００,,bakery,',
].join('\n');

/** Whether all of an element's text is drawn: no part cut by a box that hides what overflows it. */
async function drawnWhole(locator: Locator): Promise<boolean> {
  await locator.scrollIntoViewIfNeeded();
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    if (r.width < 2 || r.height < 2) return false;
    for (let p = el.parentElement; p; p = p.parentElement) {
      const cs = getComputedStyle(p);
      if (cs.overflowX === 'visible' && cs.overflowY === 'visible' && cs.clip === 'auto') continue;
      const pr = p.getBoundingClientRect();
      if (r.left < pr.left - 1 || r.right > pr.right + 1 || r.top < pr.top - 1 || r.bottom > pr.bottom + 1)
        return false;
    }
    return true;
  });
}

async function importCatalogue(page: Page, csv: string | Buffer) {
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await page.getByTestId('catalogue-file').setInputFiles({
    name: 'catalogue.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv),
  });
}

/**
 * A keyboard-wedge scanner: each digit as a keydown that types into the focused field, then
 * Enter, all within a millisecond or so, as the scanner's USB keyboard does. (Playwright's own
 * keyboard.type can leave 100 ms between keys on a busy machine, slower than the detector's
 * threshold, which is unit-tested in test/unit/renderer/barcode-wedge.test.ts.)
 */
async function scan(page: Page, code: string) {
  await page.evaluate((digits) => {
    // Made up front: an event's timeStamp is when it was made, as a real key's is when it was
    // pressed, however long the page then takes to handle the keys before it.
    const downs = [...digits, 'Enter'].map(
      (key) => new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }),
    );
    const press = (down: KeyboardEvent) => {
      const key = down.key;
      const target = (document.activeElement ?? document.body) as HTMLElement;
      const typed = target.dispatchEvent(down);
      if (typed && key.length === 1 && target instanceof HTMLInputElement) {
        const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
        setter.call(target, target.value + key);
        target.dispatchEvent(new Event('input', { bubbles: true }));
      }
      target.dispatchEvent(new KeyboardEvent('keyup', { key, bubbles: true }));
    };
    for (const down of downs) press(down);
  }, code);
}

/** Ctrl+Enter on the order screen, "Saved", and the order as its record on the topic reads. */
async function submittedToTopic(page: Page, app: { api: import('../../shared/contract').OrderDeskApi }) {
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('status')).toContainText('Saved');
  return (await topicOrder(app, await newestOrderId(page))).value;
}

/** The order screen of a terminal with CATALOGUE_CSV imported, customer Kim with this ID. */
async function orderWithCatalogue(page: Page, url: string, customerId: string) {
  await page.goto(url);
  await importCatalogue(page, CATALOGUE_CSV);
  await expect(page.getByText('✓ 3 products imported')).toBeVisible();
  await page.getByRole('button', { name: 'Order', exact: true }).click();
  await page.getByLabel('Customer name').fill('Kim');
  await page.getByLabel('Customer ID').fill(customerId);
}

async function topicOrder(app: { api: import('../../shared/contract').OrderDeskApi }, orderId: string) {
  const state = await app.api.connection.state();
  if (!state.ok) throw new Error(JSON.stringify(state.error));
  return (await readOrderMessages(state.value.brokers, state.value.topic, [orderId])).get(orderId)!;
}

test('full-width digits, thousands separators, 원 and Korean units (4천5백, 2만) are accepted, and the topic gets plain numbers', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  await page.getByLabel('Customer name').fill('박서준');
  await page.getByLabel('Customer ID').fill('C-3003');
  await page.getByLabel('SKU').fill('AMER-R');
  await page.getByLabel('Product').fill('Americano (R)');
  await page.getByLabel('Quantity').fill('３');
  // A comma one digit off is a slip for 4,500 or 450, not 450: refused, and not counted meanwhile.
  await page.getByLabel('Unit price').fill('4,50원');
  await expect(page.getByTestId('line-subtotal-0')).toHaveText('—');
  await expect(page.getByTestId('order-total')).toHaveText('₩0');
  await page.getByLabel('Unit price').press('Control+Enter');
  await expect(page.locator('.field', { has: page.getByLabel('Unit price') }).locator('.field-error')).toHaveText(
    'Commas go between groups of three digits, as in 1,000',
  );
  // Nor a quantity Submit refuses.
  await page.getByLabel('Unit price').fill('4,500원');
  await page.getByLabel('Quantity').fill('1000');
  await expect(page.getByTestId('line-subtotal-0')).toHaveText('—');
  await page.getByLabel('Quantity').fill('３');
  await expect(page.getByTestId('line-subtotal-0')).toHaveText('₩13,500');
  // Korean units, as the price is said; "4천5" (4,500 said, 4,005 written) is neither guessed nor counted.
  await page.getByLabel('Unit price').fill('4천5');
  await expect(page.getByTestId('line-subtotal-0')).toHaveText('—');
  await page.getByLabel('Unit price').press('Control+Enter');
  await expect(page.locator('.field', { has: page.getByLabel('Unit price') }).locator('.field-error')).toHaveText(
    'One digit after a unit reads two ways (1만5: 15,000 or 10,005): write 1만5천 or 10005',
  );
  await page.getByLabel('Unit price').fill('4천5백원');
  await expect(page.getByTestId('line-subtotal-0')).toHaveText('₩13,500');
  // Cash: the amount tendered (full-width, with 원) and the change due.
  await page.getByLabel('Payment method').selectOption({ label: 'Cash' });
  await page.getByLabel('Amount tendered').fill('１０,０００원');
  await expect(page.locator('.field', { has: page.getByLabel('Amount tendered') }).locator('.field-error')).toHaveText(
    '₩3,500 short of the total',
  );
  // Short cash is not saved: Submit stays on the form, with the cursor in the amount.
  await page.getByLabel('Customer name').press('Control+Enter');
  await expect(page.getByLabel('Amount tendered')).toBeFocused();
  await expect(page.getByRole('status')).toHaveText('1 field needs attention');
  await page.getByLabel('Amount tendered').fill('2만');
  await expect(page.getByTestId('change-due')).toHaveText('₩6,500');
  await page.getByLabel('Amount tendered').press('Control+Enter');
  await expect(page.getByRole('status')).toContainText('Saved');
  await expect(page.locator('.recent-item').first().getByText('Delivered')).toBeVisible();
  const m = await topicOrder(app, await newestOrderId(page));
  expect(m.value).toMatchObject({
    lines: [{ sku: 'AMER-R', quantity: 3, unitPrice: 4500 }],
    paymentMethod: 'cash',
    total: 13500,
  });
});

test(
  'Esc asks before discarding, can be undone, and a reload keeps the draft',
  { tag: PAGE_ONLY_TAG },
  async ({ page, app }) => {
    await page.goto(app.url);
    const name = page.getByLabel('Customer name');
    await name.fill('Choi');
    await page.getByLabel('Customer ID').fill('C-9');
    await page.getByLabel('Quantity').fill('2');

    await page.getByLabel('Quantity').press('Escape');
    const ask = page.getByRole('alertdialog');
    await expect(ask).toContainText('Discard this order?');
    // Focus is on "Keep typing": Enter keeps the order.
    await page.keyboard.press('Enter');
    await expect(ask).toHaveCount(0);
    await expect(name).toHaveValue('Choi');
    // The cursor is back where Esc was pressed: what the clerk types next lands there, and Esc
    // asks again (the focus was left on the page, where keys went nowhere).
    await expect(page.getByLabel('Quantity')).toBeFocused();
    await page.keyboard.type('5');
    await expect(page.getByLabel('Quantity')).toHaveValue('25');
    await page.keyboard.press('Backspace');

    await name.press('Escape');
    await page.getByRole('button', { name: /Discard/ }).click();
    await expect(name).toHaveValue('');
    await expect(page.getByRole('status')).toContainText('Order cleared.');
    await page.keyboard.press('Control+z');
    await expect(name).toHaveValue('Choi');
    await expect(page.getByLabel('Quantity')).toHaveValue('2');

    // A look at another screen and back to the order being typed is not news: the first one on a
    // page said "typed before is back" and selected the name, as a reload does.
    await expect(page.locator('form.order-form')).toHaveAttribute('data-draft', 'saved');
    await page.keyboard.press('Alt+2');
    await expect(name).toHaveCount(0);
    await page.keyboard.press('Alt+1');
    await expect(name).toHaveValue('Choi');
    await expect(page.getByTestId('draft-restored')).toHaveCount(0);

    // The draft is written to the terminal as it is typed: a reload (or a crash) keeps it.
    await page.getByLabel('Note').fill('no sugar');
    await expect(page.locator('form.order-form')).toHaveAttribute('data-draft', 'saved');
    await page.reload();
    await expect(name).toHaveValue('Choi');
    // Said, and the name selected: the clerk's first keystroke replaces it rather than adding to
    // it (it went out as "ChoiKim" before).
    await expect(page.getByTestId('draft-restored')).toContainText('The order typed on this terminal before is back');
    await expect(name).toBeFocused();
    expect(await name.evaluate((el: HTMLInputElement) => [el.selectionStart, el.selectionEnd])).toEqual([0, 4]);
    await expect(page.getByLabel('Customer ID')).toHaveValue('C-9');
    await expect(page.getByLabel('Note')).toHaveValue('no sugar');
    // A reload straight after a keystroke, before the draft's moment has come, keeps it too.
    await page.getByLabel('Note').fill('no sugar, no ice');
    await page.reload();
    await expect(page.getByLabel('Note')).toHaveValue('no sugar, no ice');
    // So does going to another screen and back straight after a keystroke.
    await page.getByLabel('Note').fill('no sugar, no ice, warm');
    await page.keyboard.press('Alt+2');
    await expect(page.getByLabel('Note')).toHaveCount(0);
    await page.keyboard.press('Alt+1');
    await expect(page.getByLabel('Note')).toHaveValue('no sugar, no ice, warm');
    await expect(page.getByTestId('draft-restored')).toHaveCount(0);

    // Quantity takes + and -.
    await page.getByLabel('Quantity').focus();
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    await page.keyboard.press('-');
    await expect(page.getByLabel('Quantity')).toHaveValue('3');
  },
);

test(
  'a reload in the moment after Submit does not bring the saved order back into the form',
  { tag: PAGE_ONLY_TAG },
  async ({ page, app }) => {
    await page.goto(app.url);
    await fillOrder(page, {
      customerName: '안소희',
      customerId: 'F3b',
      lines: [{ sku: 'H-1', productName: '떡', quantity: '1', unitPrice: '2000' }],
    });
    await expect(page.locator('form.order-form')).toHaveAttribute('data-draft', 'saved');
    // The form's Submit reached the terminal and was saved, and the page went before it cleared the
    // form (the clerk pressed F5 at once): the kept draft is still that order.
    const kept = await app.api.draft.get();
    if (!kept.ok || !kept.value) throw new Error('no draft kept');
    const d = kept.value;
    const saved = await app.api.orders.submit({
      customerName: d.customerName,
      customerId: d.customerId,
      lines: d.lines.map((l) => ({
        sku: l.sku,
        productName: l.productName,
        quantity: Number(l.quantity),
        unitPrice: Number(l.unitPrice),
      })),
      currency: d.currency,
      paymentMethod: d.paymentMethod,
      submissionId: d.submissionId,
    });
    expect(saved.ok ? null : saved.error).toBeNull();
    await page.reload();
    await expect(page.locator('.recent-item')).toHaveCount(1);
    await expect(page.getByLabel('Customer name')).toHaveValue('');
    await expect(page.getByLabel('Unit price')).toHaveValue('');
    expect(await app.api.draft.get()).toEqual({ ok: true, value: null });

    // Ctrl+Enter and F5 at once: the order is saved and the form comes back empty, or it is not
    // saved and comes back whole; never both.
    await fillOrder(page, {
      customerName: '윤서',
      customerId: 'F4',
      lines: [{ sku: 'H-2', productName: '식혜', quantity: '1', unitPrice: '3000' }],
    });
    await expect(page.locator('form.order-form')).toHaveAttribute('data-draft', 'saved');
    await page.keyboard.press('Control+Enter');
    await page.reload();
    const outcome = async () => {
      const recent = await app.api.orders.recent({ limit: 10 });
      const saved = recent.ok && recent.value.some((r) => r.order.customerId === 'F4');
      return `${saved ? 'saved' : 'not saved'}, form ${(await page.getByLabel('Customer name').inputValue()) || 'empty'}`;
    };
    await expect.poll(outcome).toMatch(/^(saved, form empty|not saved, form 윤서)$/);
    // And it stays so (an order saved after the form came back would make it both).
    const settled = await outcome();
    await page.waitForTimeout(1_000);
    expect(await outcome()).toBe(settled);
  },
);

test(
  'a draft the terminal cannot write is said on the form until it is kept, and nothing typed is lost',
  { tag: PAGE_ONLY_TAG },
  async ({ page, app }) => {
    // The data directory refuses the draft: a folder stands where draft.json goes, so every write
    // of it fails as a full or read-only disk fails it (the full disk itself: draft-store unit test).
    const draftFile = path.join(app.dataDir, 'draft.json');
    fs.mkdirSync(draftFile);
    await page.goto(app.url);
    const form = page.locator('form.order-form');
    const notKept = page.getByTestId('draft-not-kept');
    await expect(page.getByLabel('Customer name')).toBeFocused();

    await page.getByLabel('Customer name').fill('Choi');
    await expect(notKept).toHaveText(
      /^This order is not kept on the terminal: The terminal could not write it to its disk \(EISDIR: .*\)\. Finish it before reloading or closing Order Desk, or it is lost\.$/,
    );
    await expect(notKept).toHaveAttribute('role', 'alert');
    const axe = await new AxeBuilder({ page })
      .include('[data-testid="draft-not-kept"]')
      .withTags(['wcag2a', 'wcag2aa'])
      .analyze();
    expect(axe.violations.map((v) => v.id)).toEqual([]);
    // Typing on does not make it look safe while the disk still refuses.
    await page.getByLabel('Note').fill('no sugar');
    await expect(form).toHaveAttribute('data-draft', 'pending');
    await expect(notKept).toBeVisible();

    // The disk takes it again: the next try (once a second) keeps what is typed, and the notice goes.
    fs.rmdirSync(draftFile);
    await expect(notKept).toHaveCount(0);
    await expect(form).toHaveAttribute('data-draft', 'saved');
    await page.reload();
    await expect(page.getByLabel('Customer name')).toHaveValue('Choi');
    await expect(page.getByLabel('Note')).toHaveValue('no sugar');
  },
);

test('catalogue: CSV import, type-ahead, a scanned barcode and a quick key fill the order', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.getByText(/No product catalogue yet/)).toBeVisible();

  // A bad file imports nothing and says which row and column.
  await importCatalogue(page, 'sku,name,price\nA,Apple,12\nB,,3\nC,Cherry,abc\n');
  await expect(page.getByText('Nothing was imported.')).toBeVisible();
  await expect(page.getByText('line 3, column name: “”')).toBeVisible();
  await expect(page.getByText('line 4, column price: “abc”')).toBeVisible();
  await expect(page.getByTestId('catalogue-count')).toHaveText('Products: 0');
  // A price list whose price column is headed 판매가 has no price column, not an empty price on line 1.
  await importCatalogue(page, '상품코드,상품명,판매가\nA,사과,1200\n');
  await expect(page.getByText('Nothing was imported. Fix the file and import again:')).toBeVisible();
  await expect(
    page.getByText(
      'The file has no Price column: its heading must be one of “price”, “가격”, “단가” (this file’s headings: “상품코드”, “상품명”, “판매가”)',
    ),
  ).toBeVisible();

  await page.getByTestId('catalogue-file').setInputFiles({
    name: 'catalogue.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(CATALOGUE_CSV),
  });
  await expect(page.getByText('✓ 3 products imported')).toBeVisible();
  await expect(page.getByTestId('catalogue-count')).toHaveText('Products: 3');

  await page.getByRole('button', { name: 'Order', exact: true }).click();
  await page.getByLabel('Customer name').fill('Kim');
  await page.getByLabel('Customer ID').fill('C-1');

  // A phone number typed as fast as a scanner types (a quick clerk, a test's keyboard.type) and
  // Enter: no product has it as its barcode, so it stays as typed and Enter moves on (the
  // digits were taken back out and the cursor stayed, so the next field's text went there).
  await page.getByLabel('Phone').focus();
  await scan(page, '01098765432');
  await expect(page.getByRole('status')).toHaveText('Kept 01098765432 as typed: no product has that barcode');
  // Left, the mobile number is shown as it will be saved.
  await expect(page.getByLabel('Phone')).toHaveValue('010-9876-5432');
  await expect(page.getByLabel('Phone')).not.toBeFocused();

  // Type-ahead: a known SKU fills the product and its price.
  await page.getByLabel('SKU').fill('bagel-01');
  await expect(page.getByLabel('Product')).toHaveValue('Bagel, plain');
  await expect(page.getByLabel('Unit price')).toHaveValue('3000');
  // An overridden price shows, with the catalogue's.
  await page.getByLabel('Unit price').fill('2500');
  await expect(page.getByTestId('price-override-0')).toHaveText('changed (catalogue ₩3,000)');
  // Another SKU is not that product: the note goes, the price typed stays; back, it comes back.
  await page.getByLabel('SKU').fill('X1');
  await expect(page.getByTestId('price-override-0')).toHaveCount(0);
  await expect(page.getByLabel('Unit price')).toHaveValue('2500');
  // Typed back in a Korean IME's full-width mode, it is the same product, its SKU as the catalogue's.
  await page.getByLabel('SKU').fill('ｂａｇｅｌ－０１');
  await expect(page.getByLabel('SKU')).toHaveValue('BAGEL-01');
  await expect(page.getByTestId('price-override-0')).toHaveText('changed (catalogue ₩3,000)');

  // A scanner types fast digits and Enter wherever the focus is (here: the Note field).
  await page.getByLabel('Note').focus();
  await scan(page, '8801234567890');
  await expect(page.getByLabel('Product').nth(1)).toHaveValue('Americano (R)');
  await expect(page.getByLabel('Note')).toHaveValue('');
  await page.getByLabel('Note').fill('hot');
  await scan(page, '8801234567890');
  await expect(page.getByRole('status')).toHaveText('Added Americano (R)');
  // What the clerk had typed stays; only the scanner's digits are taken back out.
  await expect(page.getByLabel('Note')).toHaveValue('hot');
  await expect(page.getByLabel('Quantity').nth(1)).toHaveValue('2');
  // A code no product has adds nothing, and its digits stay where they were typed, as it says.
  await scan(page, '9999999999999');
  await expect(page.getByRole('status')).toHaveText('Kept 9999999999999 as typed: no product has that barcode');
  await expect(page.getByLabel('Note')).toHaveValue('hot9999999999999');

  // Quick keys: F3 is slot 2, and the grid's button does the same.
  await page.keyboard.press('F3');
  await expect(page.getByLabel('Product').nth(2)).toHaveValue('Caffe latte (L)');
  await page.getByRole('button', { name: /Caffe latte/ }).click();
  await expect(page.getByLabel('Quantity').nth(2)).toHaveValue('2');
  // At its most, the quick key says which limit it met (it said "the most lines, or a quantity").
  await page.getByLabel('Quantity').nth(2).fill('999');
  await page.keyboard.press('F3');
  await expect(page.getByRole('status')).toHaveText('Caffe latte (L) is at its most on this order (999)');
  await page.getByLabel('Quantity').nth(2).fill('2');
  // A changed price's note is read whole on any line, in a 1280×720 window and an 800×600 one
  // (it was in the label, which lines after the first hide).
  await page.getByLabel('Unit price').nth(2).fill('5000');
  for (const size of [
    { width: 1280, height: 720 },
    { width: 800, height: 600 },
  ]) {
    await page.setViewportSize(size);
    await expect(page.getByTestId('price-override-2')).toHaveText('changed (catalogue ₩5,500)');
    expect(await drawnWhole(page.getByTestId('price-override-2')), `${size.width}×${size.height}`).toBe(true);
  }
  await page.getByLabel('Unit price').nth(2).fill('5500');
  await page.setViewportSize({ width: 1366, height: 860 });

  await expect(page.getByTestId('order-total')).toHaveText('₩22,500');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('status')).toContainText('Saved');
  await expect(page.locator('.recent-item').first().getByText('Delivered')).toBeVisible();
  const m = await topicOrder(app, await newestOrderId(page));
  expect(m.value).toMatchObject({
    phone: '010-9876-5432',
    lines: [
      { sku: 'BAGEL-01', productName: 'Bagel, plain', quantity: 1, unitPrice: 2500 },
      { sku: 'AMER-R', quantity: 2, unitPrice: 4500 },
      { sku: 'LATTE-L', quantity: 2, unitPrice: 5500 },
    ],
    total: 22500,
  });
});

test('a scan after digits typed by hand takes back only its own; the quantity typed before a product stays; Alt+X away from a line removes nothing; Enter and Alt+L add no second blank line; a blank last line does not stop Submit', async ({
  page,
  app,
}) => {
  await orderWithCatalogue(page, app.url, 'C-2');

  // Alt+X on the only line: it stays (an order has one), and the clerk is told why and what
  // clears the order instead (the key did nothing, without a word).
  await page.getByLabel('Quantity').focus();
  await page.keyboard.press('Alt+x');
  await expect(page.getByRole('status')).toHaveText('An order keeps at least one line: Esc clears the whole order');
  await expect(page.getByLabel('Product')).toHaveCount(1);

  // The phone typed at a person's pace, then (after a pause) a scan with the focus still there.
  await page.getByLabel('Phone').pressSequentially('010-9876-5432', { delay: 120 });
  await page.waitForTimeout(300);
  await scan(page, '8801234567890');
  await expect(page.getByLabel('Product').first()).toHaveValue('Americano (R)');
  await expect(page.getByLabel('Phone')).toHaveValue('010-9876-5432');

  // "3, then the product's key": the quantity typed into the free line is kept, and the cursor
  // moves on to the quantity of a free line after it.
  await page.keyboard.press('Alt+l');
  await page.getByLabel('Quantity').nth(1).fill('3');
  await page.keyboard.press('F3');
  await expect(page.getByLabel('Product').nth(1)).toHaveValue('Caffe latte (L)');
  await expect(page.getByLabel('Quantity').nth(1)).toHaveValue('3');
  await expect(page.getByLabel('Quantity').nth(2)).toBeFocused();

  // Alt+X from the note: the cursor is on no line, so no line goes, and the clerk is told why.
  await page.getByLabel('Note').fill('to go');
  await page.keyboard.press('Alt+x');
  await expect(page.getByRole('status')).toHaveText(
    'Alt+X removes the line with the cursor: put the cursor on that line first',
  );
  await expect(page.getByLabel('Product')).toHaveCount(3);

  // The blank line left at the end is not part of the order. Enter on its price, as Alt+L, adds
  // no second blank line after it (one in the middle stopped Submit with "Required" on it): the
  // empty line is the one to type into, and the cursor goes to it from wherever it is.
  await page.getByLabel('Unit price').nth(2).press('Enter');
  await expect(page.getByLabel('Product')).toHaveCount(3);
  await expect(page.getByRole('status')).toHaveText('Line 3 is still empty: type the next product there');
  await expect(page.getByLabel('SKU').nth(2)).toBeFocused();
  await page.keyboard.press('Alt+l');
  await expect(page.getByLabel('Product')).toHaveCount(3);
  await page.getByLabel('Note').focus();
  await page.keyboard.press('Alt+l');
  await expect(page.getByLabel('SKU').nth(2)).toBeFocused();
  await expect(page.getByLabel('Product')).toHaveCount(3);
  await expect(page.getByTestId('order-total')).toHaveText('₩21,000');
  expect(await submittedToTopic(page, app)).toMatchObject({
    phone: '010-9876-5432',
    lines: [
      { sku: 'AMER-R', quantity: 1, unitPrice: 4500 },
      { sku: 'LATTE-L', quantity: 3, unitPrice: 5500 },
    ],
    total: 21000,
  });
});

test('quick keys from the keyboard on a line: the cursor moves to a free line, so "3, then the key" counts 3 of that product, also of one already on the order', async ({
  page,
  app,
}) => {
  await orderWithCatalogue(page, app.url, 'C-4');
  // The cursor in the first line's SKU, as Enter from the phone leaves it.
  await page.getByLabel('SKU').first().focus();
  await page.keyboard.press('F2');
  await expect(page.getByLabel('Quantity').nth(1)).toBeFocused();
  await page.keyboard.type('3');
  await page.keyboard.press('F3');
  await page.keyboard.type('2');
  await page.keyboard.press('F2');
  await expect(page.getByLabel('SKU').first()).toHaveValue('AMER-R');
  await expect(page.getByLabel('Quantity').nth(2)).toHaveValue('1');
  await expect(page.getByLabel('Quantity').nth(2)).toBeFocused();
  expect(await submittedToTopic(page, app)).toMatchObject({
    lines: [
      { sku: 'AMER-R', quantity: 3, unitPrice: 4500 },
      { sku: 'LATTE-L', quantity: 3, unitPrice: 5500 },
    ],
    total: 30000,
  });
});

test(
  'keys that change nothing say so: an empty quick key, + at 999, Ctrl+Enter again after Saved; Alt+2 on Orders puts the cursor back in the search',
  { tag: PAGE_ONLY_TAG },
  async ({ page, app }) => {
    await orderWithCatalogue(page, app.url, 'C-5');
    const status = page.getByRole('status');
    // Three products: F2–F4 hold them, F7 holds none.
    await page.keyboard.press('F7');
    await expect(status).toHaveText('No product on quick key 6 (F7): set one in Settings, in the product catalogue');
    await expect(page.getByLabel('SKU')).toHaveValue('');
    await page.keyboard.press('F2');
    await page.getByLabel('Quantity').fill('999');
    await page.getByLabel('Quantity').press('+');
    await expect(status).toHaveText('A line’s quantity is 1 to 999');
    await expect(page.getByLabel('Quantity')).toHaveValue('999');
    // One it cannot step stays as typed: 1.5 was made 2, unsaid.
    await page.getByLabel('Quantity').fill('1.5');
    await page.getByLabel('Quantity').press('+');
    await expect(status).toHaveText('The quantity is left as typed: + and − change only a whole number from 1 to 999');
    await expect(page.getByLabel('Quantity')).toHaveValue('1.5');
    await page.getByLabel('Quantity').fill('999');
    // Moving on to a new line, the note about the other line's + goes (it stayed under the new line).
    await page.keyboard.press('Alt+L');
    await expect(status).toHaveText('');
    await page.keyboard.press('Alt+X');
    await page.getByLabel('Quantity').fill('2');
    await page.getByLabel('Quantity').press('Control+Enter');
    await expect(status).toContainText('Saved');
    const orderId = await newestOrderId(page);
    await page.keyboard.press('Control+Enter');
    await expect(status).toHaveText(
      `Order ${shortOrderId(orderId)} is saved, and this form is empty: type the next order`,
    );
    await expect(page.locator('.field.has-error')).toHaveCount(0);
    // Saved once.
    const recent = await app.api.orders.recent({ limit: 10 });
    expect(recent.ok && recent.value.filter((r) => r.order.customerId === 'C-5').length).toBe(1);

    await page.keyboard.press('Alt+2');
    const query = page.locator('#history-query');
    await expect(query).toBeFocused();
    await query.fill('zzzz');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Search', exact: true })).toBeFocused();
    await page.keyboard.press('Alt+2');
    await expect(query).toBeFocused();
    await page.keyboard.type('C-5');
    await page.keyboard.press('Enter');
    await expect(query).toHaveValue('C-5');
    await expect(page.locator(`.history-table tbody tr[data-order-id="${orderId}"]`)).toHaveCount(1);
  },
);

test('an order in dollars takes no catalogue price in won: quick keys and scans say so, type-ahead leaves the price to the clerk, and a won price left after a switch stops Submit on its line', async ({
  page,
  app,
}) => {
  await orderWithCatalogue(page, app.url, 'C-3');
  // Added in won first, then the order's currency changed.
  await page.keyboard.press('F2');
  await expect(page.getByLabel('Product').first()).toHaveValue('Americano (R)');
  await page.getByLabel('Currency').fill('usd');
  // The quick keys keep showing the catalogue's own prices.
  await expect(page.getByRole('button', { name: /Americano/ })).toContainText('₩4,500');

  const said = 'Catalogue prices are in KRW and this order is in USD: type the price, or set the currency back to KRW';
  await page.keyboard.press('F3');
  await expect(page.getByRole('status')).toHaveText(said);
  await page.getByLabel('Note').focus();
  await scan(page, '8801234567891');
  await expect(page.getByRole('status')).toHaveText(said);
  await expect(page.getByLabel('Note')).toHaveValue('');
  await expect(page.getByLabel('Product')).toHaveCount(1);

  // Type-ahead names the product and leaves its price empty.
  await page.keyboard.press('Alt+l');
  await page.getByLabel('SKU').nth(1).fill('latte-l');
  await expect(page.getByLabel('Product').nth(1)).toHaveValue('Caffe latte (L)');
  await expect(page.getByLabel('Unit price').nth(1)).toHaveValue('');
  await page.getByLabel('Unit price').nth(1).fill('4.25');

  // The won price of the first line would go out as 4,500 dollars: refused on that line.
  await page.keyboard.press('Control+Enter');
  await expect(page.getByText('The catalogue’s price is in KRW: type the price in USD')).toBeVisible();
  await expect(page.getByLabel('Unit price').first()).toBeFocused();
  await page.getByLabel('Unit price').first().fill('3.5');
  expect(await submittedToTopic(page, app)).toMatchObject({
    currency: 'USD',
    lines: [
      { sku: 'AMER-R', quantity: 1, unitPrice: 3.5 },
      { sku: 'LATTE-L', quantity: 1, unitPrice: 4.25 },
    ],
    total: 7.75,
  });
});

test(
  'F1 lists the shortcuts; Korean money reads 59,500원; unsaved settings ask before leaving',
  { tag: PAGE_ONLY_TAG },
  async ({ page, app }) => {
    await page.goto(app.url);
    await page.keyboard.press('F1');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('Ctrl+Enter');
    await expect(dialog).toContainText('Quick keys 1–8');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    // A button's name is its words; the keys printed on it are said by aria-keyshortcuts.
    await expect(page.getByRole('button', { name: 'Submit order', exact: true })).toHaveAttribute(
      'aria-keyshortcuts',
      'Control+Enter',
    );

    // Settings: an edit not saved asks before leaving; a bad value is said with its limit.
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Clerk').fill('x'.repeat(101));
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.locator('#settings-clerk-error')).toHaveText('Too long: at most 100 characters');
    // The cursor goes to the field, whose description is the message: it stayed on Save settings.
    await expect(page.getByLabel('Clerk')).toBeFocused();
    await expect(page.getByLabel('Clerk')).toHaveAccessibleDescription('Too long: at most 100 characters');
    await page.getByRole('button', { name: 'Order', exact: true }).click();
    await expect(page.getByRole('alertdialog')).toContainText('unsaved changes');
    await page.getByRole('button', { name: 'Stay' }).click();
    await expect(page.getByLabel('Clerk')).toHaveValue('x'.repeat(101));

    await page.getByLabel('Clerk').fill('Park');
    await page.getByLabel('Language').selectOption('ko');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.locator('.form-status')).toHaveText('✓ 설정을 저장했습니다');
    await page.getByLabel('점원').fill('');
    await page.getByRole('button', { name: '설정 저장' }).click();
    await expect(page.locator('#settings-clerk-error')).toHaveText('필수 항목입니다');

    await page.getByRole('button', { name: '주문', exact: true }).click();
    await page.getByRole('button', { name: '저장하지 않고 나가기' }).click();
    await page.getByLabel('수량').fill('7');
    await page.getByLabel('단가').fill('８５００');
    await expect(page.getByTestId('order-total')).toHaveText('59,500원');
    await page.keyboard.press('F1');
    await expect(page.getByRole('dialog', { name: '단축키' })).toContainText('빠른 키 1–8');
    // Every key's name in Korean too (a scan said "Barcode").
    await expect(page.getByRole('dialog', { name: '단축키' }).locator('kbd', { hasText: '바코드' })).toHaveCount(1);
  },
);

test(
  'catalogue edited in Settings: add a product with a Korean-typed price, change it, and the order form uses it',
  { tag: PAGE_ONLY_TAG },
  async ({ page, app }) => {
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Settings' }).click();
    const editor = page.getByTestId('catalogue-editor');
    await editor.getByLabel('SKU').fill('TEA-1');
    await editor.getByLabel('Product name').fill('보리차');
    await editor.getByLabel('Price').fill('２,５００원');
    await editor.getByLabel('Barcode (optional)').fill('8809000000017');
    await editor.getByLabel('Quick key').selectOption('1');
    await editor.getByRole('button', { name: 'Add product' }).click();
    await expect(page.getByTestId('catalogue-count')).toHaveText('Products: 1');
    await expect(page.locator('tr[data-sku="TEA-1"]')).toContainText('₩2,500');
    // The next product is typed at once: the focus stayed on the button, a Tab round away.
    await expect(editor.getByLabel('SKU')).toBeFocused();

    // A save refused takes the cursor to the field at fault, as the order form's does: here the
    // name left empty, from the Enter in Barcode (the cursor stayed there, or on Add product).
    await editor.getByLabel('SKU').fill('TEA-2');
    await editor.getByLabel('Price').fill('3000');
    await editor.getByLabel('Barcode (optional)').fill('8809000000017');
    await editor.getByLabel('Barcode (optional)').press('Enter');
    await expect(editor.getByRole('alert')).toHaveText('Required');
    await expect(editor.getByLabel('Product name')).toBeFocused();
    await page.keyboard.type('녹차');
    // A second product may not take its barcode: said, nothing changes, and the cursor is on it.
    await editor.getByRole('button', { name: 'Add product' }).click();
    await expect(editor.getByRole('alert')).toHaveText('Barcode 8809000000017 already belongs to 보리차');
    await expect(editor.getByLabel('Barcode (optional)')).toBeFocused();
    await expect(editor.getByLabel('Barcode (optional)')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByTestId('catalogue-count')).toHaveText('Products: 1');

    // Change the price of the first one.
    await page.getByRole('button', { name: 'Edit 보리차' }).click();
    await expect(editor.getByLabel('SKU')).toBeFocused();
    await expect(editor.getByLabel('SKU')).toHaveValue('TEA-1');
    await editor.getByLabel('Price').fill('2800');
    await editor.getByRole('button', { name: 'Save product' }).click();
    await expect(page.locator('tr[data-sku="TEA-1"]')).toContainText('₩2,800');
    await expect(editor.getByLabel('SKU')).toBeFocused();
    await expect(editor.getByLabel('SKU')).toHaveValue('');

    await page.getByRole('button', { name: 'Order', exact: true }).click();
    await page.getByLabel('Customer name').fill('Kim');
    await page.getByLabel('Customer ID').fill('C-1');
    await page.getByLabel('SKU').fill('tea-1');
    await expect(page.getByLabel('Product')).toHaveValue('보리차');
    await expect(page.getByLabel('Unit price')).toHaveValue('2800');
  },
);

test(
  "Repeat last order after a price change takes today's catalogue price, and says so; Esc's question goes with the order it asked about",
  { tag: PAGE_ONLY_TAG },
  async ({ page, app }) => {
    const product = { sku: 'TEA-1', name: '보리차', price: 2500, barcode: null, category: null, quick: null };
    expect((await app.api.catalogue.save({ product, previousSku: null })).ok).toBe(true);
    await page.goto(app.url);
    await page.getByLabel('Customer name').fill('Kim');
    await page.getByLabel('Customer ID').fill('C-1');
    await page.getByLabel('SKU').fill('TEA-1');
    await page.getByLabel('Quantity').fill('2');
    await page.getByLabel('Quantity').press('Control+Enter');
    await expect(page.getByRole('status')).toContainText('Saved');

    // The price goes up; the customer's usual is repeated at the new one, not at last week's.
    const raised = await app.api.catalogue.save({ product: { ...product, price: 2800 }, previousSku: 'TEA-1' });
    expect(raised.ok).toBe(true);
    await page.reload();
    await page.getByLabel('Customer ID').fill('C-1');
    // Esc's question, left unanswered, was about the order Repeat replaces: it stayed, and the
    // next Esc cleared the repeated order at once, unasked.
    await page.getByLabel('Customer ID').press('Escape');
    await expect(page.getByRole('alertdialog')).toContainText('Discard this order?');
    await page.getByRole('button', { name: 'Repeat last order' }).click();
    await expect(page.getByLabel('Quantity')).toHaveValue('2');
    await expect(page.getByLabel('Unit price')).toHaveValue('2800');
    await expect(page.getByRole('status')).toContainText('at today’s catalogue prices: 1 changed');
    await expect(page.getByTestId('line-subtotal-0')).toHaveText('₩5,600');
    await expect(page.getByRole('alertdialog')).toHaveCount(0);
    await page.getByLabel('Quantity').press('Escape');
    await expect(page.getByRole('alertdialog')).toContainText('Discard this order?');
    await expect(page.getByLabel('Quantity')).toHaveValue('2');
    // Saved with the question up: it went with the order, not over the next customer's.
    await page.getByLabel('Quantity').press('Control+Enter');
    await expect(page.getByRole('status')).toContainText('Saved');
    await expect(page.getByRole('alertdialog')).toHaveCount(0);
  },
);

/**
 * Korean typed through an input method, as Chromium gets it from the OS: `done` is committed
 * text, `syllable` is still being composed when this returns; commit() ends it, as the input
 * method does after the key that finished it.
 */
async function typeHangul(page: Page, done: string, syllable: string) {
  const cdp = await page.context().newCDPSession(page);
  await page.keyboard.insertText(done);
  await cdp.send('Input.imeSetComposition', { text: syllable, selectionStart: 1, selectionEnd: 1 });
  return { commit: () => cdp.send('Input.insertText', { text: syllable }) };
}

test(
  'Korean through an input method: the Enter that ends a syllable stays in its field, in the order form and the catalogue',
  { tag: PAGE_ONLY_TAG },
  async ({ page, app }) => {
    await page.goto(app.url);
    const name = page.getByLabel('Customer name');
    await expect(name).toBeFocused();
    let ime = await typeHangul(page, '김민', '지');
    await page.keyboard.press('Enter');
    await ime.commit();
    await expect(name).toBeFocused();
    await expect(name).toHaveValue('김민지');
    await page.keyboard.press('Enter');
    await expect(page.getByLabel('Customer ID')).toBeFocused();
    await expect(page.getByLabel('Customer ID')).toHaveValue('');

    await page.getByRole('button', { name: 'Settings' }).click();
    const editor = page.getByTestId('catalogue-editor');
    await editor.getByLabel('SKU').fill('TEA-9');
    await editor.getByLabel('Price').fill('2500');
    const product = editor.getByLabel('Product name');
    await product.click();
    ime = await typeHangul(page, '보리', '차');
    await page.keyboard.press('Enter');
    await ime.commit();
    await expect(product).toHaveValue('보리차');
    await expect(page.locator('tr[data-sku="TEA-9"]')).toHaveCount(0);
    await page.keyboard.press('Enter');
    await expect(page.locator('tr[data-sku="TEA-9"]')).toContainText('보리차');
    await expect(product).toHaveValue('');
  },
);

/** Settings' catalogue editor with TEA-1, 보리차, 2500 typed, the answers to its saves held. */
async function typeProductWithSaveHeld(page: Page, url: string) {
  const answers = await holdAnswers(page, channelOf('catalogue', 'save'));
  await page.goto(url);
  await page.getByRole('button', { name: 'Settings' }).click();
  const editor = page.getByTestId('catalogue-editor');
  await editor.getByLabel('SKU').fill('TEA-1');
  await editor.getByLabel('Product name').fill('보리차');
  const price = editor.getByLabel('Price');
  await price.fill('2500');
  return { answers, editor, price };
}

test(
  'catalogue: Enter pressed twice adds a product once, and what is typed before the answer is not taken',
  { tag: PAGE_ONLY_TAG },
  async ({ page, app }) => {
    const { answers, editor, price } = await typeProductWithSaveHeld(page, app.url);
    await price.press('Enter');
    await price.press('Enter');
    await expect.poll(() => answers.held()).toBe(1);
    await price.press('End');
    await page.keyboard.type('9');
    await expect(price).toHaveValue('2500');
    await expect(editor.getByRole('button', { name: 'Add product' })).toBeDisabled();
    expect(answers.held()).toBe(1);
    answers.release();
    await expect(page.locator('tr[data-sku="TEA-1"]')).toContainText('₩2,500');
    await expect(page.getByTestId('catalogue-count')).toHaveText('Products: 1');
    await expect(editor.getByLabel('SKU')).toHaveValue('');
    await expect(editor.getByRole('alert')).toHaveText('');
  },
);

test(
  'catalogue: a product added or removed with the keyboard on its button leaves the focus in the emptied SKU field',
  { tag: PAGE_ONLY_TAG },
  async ({ page, app }) => {
    const { answers, editor } = await typeProductWithSaveHeld(page, app.url);
    const add = editor.getByRole('button', { name: 'Add product' });
    await add.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => answers.held()).toBe(1);
    await expect(add).toBeDisabled();
    answers.release();
    await expect(page.locator('tr[data-sku="TEA-1"]')).toContainText('₩2,500');
    // Disabled while the answer was awaited, the button lost the focus to the page (the next Tab
    // started from the top of the screen); given back to the button, the next product still
    // needed a round of Tabs to its first field.
    const sku = editor.getByLabel('SKU');
    await expect(sku).toBeFocused();
    await expect(sku).toHaveValue('');
    // Removed, its row goes with the button that had the focus.
    await page.getByRole('button', { name: 'Remove 보리차' }).press('Enter');
    await expect(page.locator('tr[data-sku="TEA-1"]')).toHaveCount(0);
    await expect(sku).toBeFocused();
  },
);

test(
  "catalogue: Korean Excel's CSV (CP949) is read as Korean; a file that is not text is refused and the catalogue kept",
  { tag: PAGE_ONLY_TAG },
  async ({ page, app }) => {
    await page.goto(app.url);
    // 똠 and 꿍 are in CP949's extension, outside EUC-KR's 2,350 syllables.
    const csv = '상품코드,상품명,가격,바코드\r\nTEA-1,보리차,"2,500원",\r\nTEA-2,똠얌꿍 티,3000,8809000000024\r\n';
    const bytes = iconv.encode(csv, 'cp949');
    expect(bytes.toString('utf8')).not.toContain('보리차');
    await importCatalogue(page, bytes);
    const status = page.locator('.section [role="status"]').first();
    await expect(status).toContainText('2 products imported');
    await expect(page.getByTestId('catalogue-encoding')).toHaveText(/read as Korean Windows text \(CP949/);
    await expect(page.locator('tr[data-sku="TEA-2"]')).toContainText('똠얌꿍 티');
    await expect(page.locator('tr[data-sku="TEA-1"]')).toContainText('보리차');

    // An Excel workbook chosen by mistake: said, and the catalogue is the one it was.
    await page.getByTestId('catalogue-file').setInputFiles({
      name: 'catalogue.xlsx',
      mimeType: 'text/csv',
      buffer: Buffer.from([
        0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0xff, 0xff, 0x80, 0x00, 0x9c, 0x3a,
      ]),
    });
    await expect(status).toContainText(
      'The file is not text in UTF-8 or in Korean Windows encoding (CP949): nothing was imported.',
    );
    await expect(status).not.toContainText(/products? imported/);
    await expect(page.getByTestId('catalogue-count')).toHaveText('Products: 2');

    // Under the limit on disk, over it once read (CP949's two bytes a syllable are three in UTF-8):
    // said as the file's size, and the catalogue kept. It was sent, and the page's connection
    // refused it as a request too large.
    const name = '가나다라마바사아자차카타파하'.repeat(5);
    const rows = Array.from({ length: 5000 }, (_, i) => `K-${i},상품 ${i} ${name},1000`);
    const large = iconv.encode(`상품코드,상품명,가격\r\n${rows.join('\r\n')}\r\n`, 'cp949');
    expect(large.length).toBeLessThan(900_000);
    await importCatalogue(page, large);
    await expect(status).toContainText('The file is too large: at most 900,000 bytes once read as text');
    await expect(status).not.toContainText(/request|products? imported/);
    await expect(page.getByTestId('catalogue-count')).toHaveText('Products: 2');
    await page.getByRole('button', { name: 'Order', exact: true }).click();
    await page.getByLabel('SKU').fill('tea-2');
    await expect(page.getByLabel('Product')).toHaveValue('똠얌꿍 티');
  },
);

/** The order screen's kept draft, held as a slow service process would hold it. */
const holdDraftAnswers = (page: Page) => holdAnswers(page, channelOf('draft', 'get'));

test(
  'typing before the kept draft has come back stays where the clerk put it',
  { tag: PAGE_ONLY_TAG },
  async ({ page, app }) => {
    // The order screen asks for the kept draft as it opens; here its answer is held until the clerk
    // has started typing in Quantity, as a slow service process would (a CI run of 47be8e8 lost a
    // typed quantity that way: the answer took the focus to the first field mid-typing).
    const draftAnswers = await holdDraftAnswers(page);
    await page.goto(app.url);
    await expect.poll(() => draftAnswers.held()).toBeGreaterThan(0);
    await page.getByLabel('Quantity').fill('7');
    // The form typed in is still waiting for its draft: its answer is among those held.
    await expect(page.locator('form.order-form')).toHaveAttribute('data-draft', 'loading');
    draftAnswers.release();
    await expect(page.locator('form.order-form')).not.toHaveAttribute('data-draft', 'loading');
    await expect(page.getByLabel('Quantity')).toBeFocused();
    await page.keyboard.press('End');
    await page.keyboard.type('0');
    await page.getByLabel('Unit price').fill('8500');
    await expect(page.getByLabel('Quantity')).toHaveValue('70');
    await expect(page.getByTestId('order-total')).toHaveText('₩595,000');
    await expect(page.getByLabel('Customer name')).toHaveValue('');
  },
);

test(
  'typing before the kept draft has come back survives another screen and back, then is kept on the terminal',
  { tag: PAGE_ONLY_TAG },
  async ({ page, app }) => {
    // A CI run of f9a4ff6 lost "Kim Minji" so: typed before the slow answer, Alt+4, Alt+1, empty.
    const draftAnswers = await holdDraftAnswers(page);
    await page.goto(app.url);
    await expect.poll(() => draftAnswers.held()).toBeGreaterThan(0);
    await page.getByLabel('Customer name').fill('Kim Minji');
    await page.keyboard.press('Alt+2');
    await expect(page.getByLabel('Customer name')).toHaveCount(0);
    await page.keyboard.press('Alt+1');
    await expect(page.getByLabel('Customer name')).toHaveValue('Kim Minji');
    // The form that came back asks for the kept draft again; with its answer, the typed order is kept.
    await expect(page.locator('form.order-form')).toHaveAttribute('data-draft', 'loading');
    draftAnswers.release();
    await expect(page.locator('form.order-form')).toHaveAttribute('data-draft', 'saved');
    await expect(page.getByLabel('Customer name')).toHaveValue('Kim Minji');
    await page.reload();
    await expect(page.getByLabel('Customer name')).toHaveValue('Kim Minji');
  },
);

test(
  'a kept draft that comes back after typing began waits beside the typed order, and neither is lost, even by a reload',
  { tag: PAGE_ONLY_TAG },
  async ({ page, app }) => {
    // An order is left half-typed on the terminal (a crash, a closed window)…
    await page.goto(app.url);
    await page.getByLabel('Customer name').fill('Han Kept');
    await page.getByLabel('Customer ID').fill('C-77');
    await page.getByLabel('SKU').fill('KEPT-1');
    await expect(page.locator('form.order-form')).toHaveAttribute('data-draft', 'saved');

    // …and when the form opens again, its answer comes back only after the clerk has begun a new one.
    const draftAnswers = await holdDraftAnswers(page);
    await page.reload();
    await expect.poll(() => draftAnswers.held()).toBeGreaterThan(0);
    await page.getByLabel('Customer name').fill('Yoon Typed');
    await page.getByLabel('Quantity').fill('4');
    draftAnswers.release();

    // What was typed stays in the form; the kept order waits beside it, named.
    const aside = page.getByTestId('kept-aside');
    await expect(aside).toContainText('Han Kept');
    await expect(aside).toContainText('lines: 1');
    await expect(page.getByLabel('Customer name')).toHaveValue('Yoon Typed');
    await expect(page.getByLabel('Quantity')).toHaveValue('4');

    // Opening it swaps the two: the typed order now waits beside it.
    await aside.getByRole('button', { name: /Open it/ }).click();
    await expect(page.getByLabel('Customer name')).toHaveValue('Han Kept');
    await expect(page.getByLabel('Customer ID')).toHaveValue('C-77');
    await expect(page.getByLabel('SKU')).toHaveValue('KEPT-1');
    await expect(aside).toContainText('Yoon Typed');
    await aside.getByRole('button', { name: /Open it/ }).click();
    await expect(page.getByLabel('Customer name')).toHaveValue('Yoon Typed');
    await expect(page.getByLabel('Quantity')).toHaveValue('4');

    // Another screen and back: both are still there.
    await page.keyboard.press('Alt+2');
    await expect(page.getByLabel('Customer name')).toHaveCount(0);
    await page.keyboard.press('Alt+1');
    await expect(aside).toContainText('Han Kept');
    await expect(page.getByLabel('Customer name')).toHaveValue('Yoon Typed');

    // Both are kept on the terminal: a reload brings the typed order back to the form and the
    // kept one beside it.
    await expect(page.locator('form.order-form')).toHaveAttribute('data-draft', 'saved');
    await page.reload();
    await expect(aside).toContainText('Han Kept');
    await expect(page.getByLabel('Customer name')).toHaveValue('Yoon Typed');
    await expect(page.getByLabel('Quantity')).toHaveValue('4');

    // Once more a late answer, now with one already waiting: the typed order's draft joins it.
    const again = await holdDraftAnswers(page);
    await page.reload();
    await expect.poll(() => again.held()).toBeGreaterThan(0);
    await page.getByLabel('Customer name').fill('Lee Newest');
    again.release();
    await expect(aside).toHaveCount(2);
    await expect(aside.nth(0)).toContainText('Han Kept');
    await expect(aside.nth(1)).toContainText('Yoon Typed');
    await expect(page.getByLabel('Customer name')).toHaveValue('Lee Newest');

    // Discarding one is the clerk's choice, and takes only that one, on the terminal too.
    await aside.nth(0).getByRole('button', { name: 'Discard the kept order' }).click();
    await expect(aside).toHaveCount(1);
    await expect(aside).toContainText('Yoon Typed');
    await expect(page.getByLabel('Customer name')).toHaveValue('Lee Newest');
    await expect(page.locator('form.order-form')).toHaveAttribute('data-draft', 'saved');
    await page.reload();
    await expect(page.getByLabel('Customer name')).toHaveValue('Lee Newest');
    await expect(aside).toHaveCount(1);
    await expect(aside).toContainText('Yoon Typed');

    // With the form cleared, opening one puts nothing aside in its place.
    await page.getByLabel('Customer name').press('Escape');
    await page
      .getByRole('alertdialog')
      .getByRole('button', { name: /Discard/ })
      .click();
    await expect(page.getByLabel('Customer name')).toHaveValue('');
    await aside.getByRole('button', { name: 'Open it', exact: true }).click();
    await expect(page.getByLabel('Customer name')).toHaveValue('Yoon Typed');
    await expect(aside).toHaveCount(0);
    // Opening it started another order: Ctrl+Z no longer brings back the cleared one over it.
    await page.keyboard.press('Control+z');
    await expect(page.getByLabel('Customer name')).toHaveValue('Yoon Typed');
    await expect(page.getByLabel('Quantity')).toHaveValue('4');
    await expect(page.locator('form.order-form')).toHaveAttribute('data-draft', 'saved');
    await page.reload();
    await expect(page.getByLabel('Customer name')).toHaveValue('Yoon Typed');
    await expect(aside).toHaveCount(0);
  },
);

test(
  'an item line shows a product picked from the catalogue whole: a SKU of 10 wide characters and its name, at 1366 and 1280 px; at 1024 and 800 px the header keeps every screen and the connection in the window',
  { tag: PAGE_ONLY_TAG },
  async ({ page, app }) => {
    await page.goto(app.url);
    await importCatalogue(page, 'sku,name,price\nBEAN-1KG-W,Butter croissant,4200\n');
    await expect(page.locator('.section [role="status"]').first()).toContainText('1 product imported');
    for (const viewport of [
      { width: 1366, height: 860 },
      { width: 1280, height: 800 },
    ]) {
      await page.setViewportSize(viewport);
      await page.getByRole('button', { name: 'Order', exact: true }).click();
      const line = page.getByRole('listitem', { name: 'Line 1' });
      await line.getByLabel('SKU').fill('BEAN-1KG-W');
      await expect(line.getByLabel('Product')).toHaveValue('Butter croissant');
      for (const label of ['SKU', 'Product']) {
        const field = line.getByLabel(label);
        await field.focus();
        await field.press('Home');
        // The text's whole width (scrollWidth) within the field's (clientWidth), padding in both.
        const size = await field.evaluate((el: HTMLInputElement) => ({ text: el.scrollWidth, field: el.clientWidth }));
        expect(size.text, `${label} at ${viewport.width} px: ${JSON.stringify(size)}`).toBeLessThanOrEqual(size.field);
      }
      await page.keyboard.press('Escape');
    }
    // A narrow terminal: the header ran off the window's right edge below 1,030 px, taking the
    // connection and the waiting count with it (a clerk could not see the cluster was down).
    for (const viewport of [
      { width: 1024, height: 768 },
      { width: 800, height: 600 },
    ]) {
      await page.setViewportSize(viewport);
      const header = page.getByRole('banner');
      const parts = [
        ...(await header.getByRole('navigation', { name: 'Screens' }).getByRole('button').all()),
        page.getByTestId('connection'),
        page.getByTestId('waiting'),
      ];
      for (const part of parts) {
        const box = await part.boundingBox();
        const name = await part.textContent();
        expect(box, `${name} at ${viewport.width} px`).not.toBeNull();
        expect(box!.x + box!.width, `${name} at ${viewport.width} px`).toBeLessThanOrEqual(viewport.width);
        // On one line: "0 waiting" broke in two inside its pill.
        expect(box!.height, `${name} at ${viewport.width} px`).toBeLessThanOrEqual(48);
      }
    }
  },
);

test(
  "two tabs never write over each other's order: the newer takes the form, the other says so and can take it back",
  { tag: PAGE_ONLY_TAG },
  async ({ page, app, context }) => {
    await page.goto(app.url);
    await page.getByLabel('Customer name').fill('Tab One');
    await page.getByLabel('Customer ID').fill('T-1');
    await expect(page.locator('form.order-form')).toHaveAttribute('data-draft', 'saved');

    // A second tab takes the terminal's order form, with the order the first was typing.
    const second = await context.newPage();
    await second.goto(app.url);
    await expect(second.getByLabel('Customer name')).toHaveValue('Tab One');
    await expect(page.getByTestId('form-elsewhere')).toContainText('The order form is open in another window');
    await expect(page.getByLabel('Customer name')).toHaveCount(0);
    await second.getByLabel('Customer name').fill('Tab Two');
    await expect(second.locator('form.order-form')).toHaveAttribute('data-draft', 'saved');

    // A reload of the first tab takes it back with the order as the second left it (before, the
    // other tab's order, or none, came back).
    await page.reload();
    await expect(page.getByLabel('Customer name')).toHaveValue('Tab Two');
    await expect(second.getByTestId('form-elsewhere')).toBeVisible();
    await page.getByLabel('Customer ID').fill('T-2');
    await expect(page.locator('form.order-form')).toHaveAttribute('data-draft', 'saved');

    // The second takes it back by its button, from the keyboard.
    await expect(second.getByRole('button', { name: 'Take the order form here' })).toBeFocused();
    await second.keyboard.press('Enter');
    await expect(second.getByLabel('Customer ID')).toHaveValue('T-2');
    await expect(page.getByTestId('form-elsewhere')).toBeVisible();
    await second.getByLabel('SKU').fill('TEA');
    await second.getByLabel('Product').fill('Tea');
    await second.getByLabel('Unit price').fill('3000');
    await second.keyboard.press('Control+Enter');
    await expect(second.getByRole('status')).toContainText('Saved');
    await second.close();
  },
);

test(
  'catalogue: a CSV whose SKU hides a zero-width space imports nothing and says which row, where and why, in English and Korean',
  { tag: PAGE_ONLY_TAG },
  async ({ page, app }) => {
    await page.goto(app.url);
    const csv = 'sku,name,price\nA,Apple,100\nSKU\u200B-1,Bagel,3000\n';
    await importCatalogue(page, csv);
    await expect(page.getByText('Nothing was imported.')).toBeVisible();
    await expect(
      page.getByText(
        'line 3, column sku: “SKU⟨U+200B⟩-1” — Contains an invisible character (a direction mark, a zero-width space, a line separator), often pasted: retype it',
      ),
    ).toBeVisible();
    await expect(page.getByTestId('catalogue-count')).toHaveText('Products: 0');

    const s = await app.api.settings.get();
    if (!s.ok) throw new Error(JSON.stringify(s.error));
    expect((await app.api.settings.save({ ...s.value, language: 'ko' })).ok).toBe(true);
    await page.reload();
    await page.getByRole('button', { name: '설정' }).click();
    await page
      .getByTestId('catalogue-file')
      .setInputFiles({ name: 'c.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect(
      page.getByText(
        '3행, sku 열: “SKU⟨U+200B⟩-1” — 보이지 않는 문자(방향 표시, 폭 없는 공백, 줄 구분 문자)가 있습니다. 주로 붙여 넣을 때 들어옵니다. 직접 입력하세요',
      ),
    ).toBeVisible();
  },
);
