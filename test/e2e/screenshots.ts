// `npm run screenshots`: PNGs of the real UI for the README, taken from browser mode with its
// own sandbox cluster and a throwaway data dir: every screen and dialog (order with its quick
// keys, orders history, a receipt, outbox, diagnostics, settings, training, the shortcut list),
// in English and in Korean, at 1366x820, plus the order screen at 1280x800 and 1920x1080 at
// 125 % → docs/screenshots/<screen>-<en|ko>.png.
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
const CATALOGUE = [
  'sku,name,price,barcode,category,quick',
  'AMER-R,Americano (R),4500,8801234567890,coffee,1',
  'LATTE-L,Caffe latte (L),5500,8801234567891,coffee,2',
  'TEA-GRN,Green tea,4000,8801234567892,tea,3',
  'CROIS-02,Butter croissant,4200,8801234567893,bakery,4',
  'BAGEL-01,Plain bagel,3000,8801234567894,bakery,5',
  'MUG-01,Ceramic mug,12000,8801234567895,goods,6',
  'BEAN-1KG,House blend beans 1 kg,32000,8801234567896,goods,7',
  'COOKIE,Chocolate chip cookie,2500,8801234567897,bakery,8',
].join('\n');

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
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByTestId('catalogue-file').setInputFiles({
      name: 'catalogue.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(CATALOGUE),
    });
    await expect(page.getByTestId('catalogue-count')).toHaveText('Products: 8');
    await page.getByRole('button', { name: 'Order', exact: true }).click();
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
    for (const f of fs.readdirSync(OUT)) if (f.endsWith('.png')) fs.rmSync(path.join(OUT, f));
    const shot = (name: string) => page.screenshot({ path: path.join(OUT, `${name}.png`) });
    for (const lang of ['en', 'ko'] as const) {
      const name = (en: string, ko: string) => (lang === 'en' ? en : ko);
      const tab = (en: string, ko: string) => page.getByRole('button', { name: name(en, ko), exact: true }).click();
      if (lang === 'ko') {
        await page.getByRole('button', { name: 'Settings', exact: true }).click();
        await page.getByLabel('Language').selectOption('ko');
        await page.getByRole('button', { name: 'Save settings' }).click();
        await tab('Order', '주문');
      }
      await shot(`order-${lang}`);
      await tab('Orders', '주문 내역');
      await expect(page.locator('.history-table tbody tr')).toHaveCount(ORDERS.length);
      await shot(`history-${lang}`);
      await page
        .locator('.history-table tbody tr')
        .nth(2)
        .getByRole('button', { name: new RegExp(`^${name('Receipt', '영수증')}`) })
        .click();
      await expect(page.getByTestId('receipt-qr')).toBeVisible();
      await shot(`receipt-${lang}`);
      await page.keyboard.press('Escape');
      await tab('Outbox', '보낼 목록');
      await shot(`outbox-${lang}`);
      await tab('Diagnostics', '진단');
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(1500);
      await shot(`diagnostics-${lang}`);
      await tab('Settings', '설정');
      await page.locator('#settings-storeId').waitFor();
      await shot(`settings-${lang}`);
      await tab('Review', '검토');
      await page.locator('#review-title').waitFor();
      await shot(`review-${lang}`);
      await tab('Training', '훈련');
      await expect(page.locator('tr[data-broker]').first()).toBeVisible();
      await shot(`training-${lang}`);
      await page.keyboard.press('F1');
      await expect(page.getByRole('dialog')).toBeVisible();
      await shot(`shortcuts-${lang}`);
      await page.keyboard.press('Escape');
      await tab('Order', '주문');
    }
    // The order form's errors in Korean words, each with its limit.
    await page.getByLabel('수량').last().fill('0');
    await page.getByLabel('고객 이름').press('Control+Enter');
    await expect(page.locator('.field-error').first()).toBeVisible();
    await shot('order-errors-ko');
    // Two more window sizes: a small counter screen, and a large one at 125 %.
    await page.setViewportSize({ width: 1280, height: 800 });
    await shot('order-1280x800-ko');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.getByRole('button', { name: '설정', exact: true }).click();
    await page.getByLabel('글자와 버튼 크기').selectOption('125');
    await page.getByRole('button', { name: '설정 저장' }).click();
    await page.getByRole('button', { name: '주문', exact: true }).click();
    await page
      .getByRole('button', { name: '저장하지 않고 나가기' })
      .click({ timeout: 2000 })
      .catch(() => {});
    await shot('order-1920x1080-125-ko');
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
