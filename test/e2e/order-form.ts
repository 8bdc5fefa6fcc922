// Drives the order form the way a clerk does: by its labels and the keyboard.
import type { Page } from '@playwright/test';

export interface TypedOrder {
  customerName: string;
  customerId: string;
  phone?: string;
  lines: Array<{ sku: string; productName: string; quantity: string; unitPrice: string }>;
  paymentMethod?: 'Cash' | 'Card' | 'Other';
  note?: string;
}

export async function fillOrder(page: Page, order: TypedOrder): Promise<void> {
  await page.getByLabel('Customer name').fill(order.customerName);
  await page.getByLabel('Customer ID').fill(order.customerId);
  if (order.phone !== undefined) await page.getByLabel('Phone').fill(order.phone);
  for (const [i, line] of order.lines.entries()) {
    if (i > 0) await page.getByRole('button', { name: 'Add line' }).click();
    await page.getByLabel('SKU').nth(i).fill(line.sku);
    await page.getByLabel('Product').nth(i).fill(line.productName);
    await page.getByLabel('Quantity').nth(i).fill(line.quantity);
    await page.getByLabel('Unit price').nth(i).fill(line.unitPrice);
  }
  if (order.paymentMethod) await page.getByLabel('Payment method').selectOption({ label: order.paymentMethod });
  if (order.note !== undefined) await page.getByLabel('Note').fill(order.note);
}

/** The id of the order the form just saved, from the recent-orders list's newest row. */
export async function newestOrderId(page: Page): Promise<string> {
  const id = await page.locator('.recent-item').first().getAttribute('data-order-id');
  if (!id) throw new Error('no order in the recent list');
  return id;
}
