// An order placed through the contract the form uses, for tests that need orders on a screen.
import type { AppServer } from './fixtures';

/** One Americano for Kim Minji under this customer ID, delivered or not: its order id. */
export async function submitAmericano(app: AppServer, customerId: string): Promise<string> {
  const placed = await app.api.orders.submit({
    customerName: 'Kim Minji',
    customerId,
    lines: [{ sku: 'AMER-R', productName: 'Americano (R)', quantity: 1, unitPrice: 4500 }],
    currency: 'KRW',
    paymentMethod: 'card',
  });
  if (!placed.ok) throw new Error(JSON.stringify(placed.error));
  return placed.value.order.orderId;
}
