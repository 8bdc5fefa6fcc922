// `npm run screenshots`: PNGs of the real UI for the README, taken from browser mode with its
// own sandbox cluster and a throwaway data dir: the order screen, the outbox with delivered
// orders, settings, and the order screen in Korean with the form's errors → docs/screenshots/.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, expect } from '@playwright/test';
import { CHROMIUM_ARGS } from '../../playwright.config';
import { ensureRendererBuilt } from '../../electron/launcher/build';
import { fillOrder, type TypedOrder } from './order-form';
import { PROJECT_DIR, startTsx } from './processes';

const OUT = path.join(PROJECT_DIR, 'docs', 'screenshots');
// Latin names in the English shots; the Korean shot needs a CJK font (Debian: fonts-noto-cjk),
// without which Korean is drawn as boxes.
const ORDERS: TypedOrder[] = [
  {
    customerName: 'Kim Minji',
    customerId: 'C-1001',
    phone: '010-1234-5678',
    lines: [
      { sku: 'LATTE-L', productName: 'Caffe latte (L)', quantity: '2', unitPrice: '5500' },
      { sku: 'BAGEL-01', productName: 'Plain bagel', quantity: '1', unitPrice: '3000' },
    ],
    paymentMethod: 'Card',
  },
  {
    customerName: 'Park Jisoo',
    customerId: 'C-1002',
    lines: [{ sku: 'TEA-GRN', productName: 'Green tea', quantity: '3', unitPrice: '4000' }],
    paymentMethod: 'Cash',
  },
  {
    customerName: 'Lee Seojun',
    customerId: 'C-1003',
    lines: [
      { sku: 'BEAN-1KG', productName: 'House blend beans 1 kg', quantity: '1', unitPrice: '32000' },
      { sku: 'MUG-01', productName: 'Ceramic mug', quantity: '2', unitPrice: '12000' },
    ],
    paymentMethod: 'Card',
    note: 'Gift wrap',
  },
];

async function main(): Promise<void> {
  await ensureRendererBuilt(PROJECT_DIR);
  fs.mkdirSync(OUT, { recursive: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'order-desk-shots-'));
  const app = startTsx('electron/browser-mode/cli.ts', ['--port', '0'], {
    ...process.env,
    ORDER_DESK_DATA_DIR: dataDir,
  });
  const browser = await chromium.launch({
    executablePath: fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined,
    args: CHROMIUM_ARGS,
  });
  try {
    const url = (await app.nextLine(/^ready /)).slice('ready '.length);
    const page = await browser.newPage({ viewport: { width: 1366, height: 820 }, deviceScaleFactor: 1 });
    await page.goto(url);
    for (const order of ORDERS) {
      await fillOrder(page, order);
      await page.keyboard.press('Control+Enter');
      await expect(page.getByRole('status')).toContainText('Saved');
    }
    await expect(page.locator('.recent-item[data-state=delivered]')).toHaveCount(ORDERS.length, { timeout: 60_000 });
    await fillOrder(page, {
      customerName: 'Choi Yuna',
      customerId: 'C-1004',
      phone: '010-5555-0101',
      lines: [
        { sku: 'CROIS-02', productName: 'Butter croissant', quantity: '2', unitPrice: '4200' },
        { sku: 'AMER-R', productName: 'Americano (R)', quantity: '1', unitPrice: '4500' },
      ],
      paymentMethod: 'Card',
      note: 'Pick up at 3 pm',
    });
    await page.screenshot({ path: path.join(OUT, 'order-screen.png') });
    await page.getByRole('button', { name: 'Outbox' }).click();
    await page.screenshot({ path: path.join(OUT, 'outbox.png') });
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Store ID').waitFor();
    await page.screenshot({ path: path.join(OUT, 'settings.png') });

    // The clerk's language: Korean labels, and the schema's errors in Korean words.
    await page.getByLabel('Language').selectOption('ko');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('button', { name: '주문', exact: true }).click();
    await page.getByLabel('고객 이름').fill('김민지');
    await page.getByLabel('고객 ID').fill('C-1001');
    await page.getByLabel('SKU').first().fill('LATTE-L');
    await page.getByLabel('상품명').first().fill('카페 라떼 (L)');
    await page.getByLabel('수량').first().fill('0');
    await page.getByLabel('단가').first().fill('5500');
    await page.getByLabel('고객 이름').press('Control+Enter');
    await expect(page.locator('.field-error').first()).toBeVisible();
    await page.screenshot({ path: path.join(OUT, 'order-screen-ko.png') });
    process.stderr.write(`screenshots written to ${path.relative(PROJECT_DIR, OUT)}/\n`);
  } catch (err) {
    process.stderr.write(`browser mode said:\n${app.output.join('\n')}\n`);
    throw err;
  } finally {
    await browser.close();
    await app.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
