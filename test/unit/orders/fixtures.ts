// Shared test data for the orders tests: a valid draft and a full order built from it.
// No vitest import here: crash-writer.ts uses it outside the test runner.
import { randomUUID } from 'node:crypto';
import {
  ORDER_SCHEMA_VERSION,
  orderTotal,
  type Order,
  type OrderCancellation,
  type OrderDraftInput,
} from '../../../shared/order-schema';
import { appError } from '../../../shared/error-codes';
import type { OutboxStore } from '../../../electron/orders/outbox-store';

export function draft(overrides: Partial<OrderDraftInput> = {}): OrderDraftInput {
  return {
    customerName: '김민수',
    customerId: 'cust-001',
    phone: '010-1234-5678',
    lines: [
      { sku: 'APL-01', productName: 'Apple', quantity: 3, unitPrice: 1200 },
      { sku: 'MLK-02', productName: 'Milk 1L', quantity: 1, unitPrice: 2450 },
    ],
    currency: 'KRW',
    paymentMethod: 'card',
    note: 'leave at the door',
    ...overrides,
  };
}

export function order(overrides: Partial<Order> = {}): Order {
  const d = draft() as Order;
  return {
    ...d,
    orderId: randomUUID(),
    schemaVersion: ORDER_SCHEMA_VERSION,
    storeId: 'store-1',
    terminalId: 'terminal-1',
    clerk: 'clerk',
    createdAt: new Date().toISOString(),
    total: orderTotal(d.lines),
    ...overrides,
  };
}

/** The cancellation of a refund, as the attention desk makes it (OutboxStore.cancel's `make`). */
export function refund(
  o: Pick<Order, 'orderId' | 'customerId' | 'storeId' | 'terminalId' | 'clerk'>,
  voidedAt: string,
): OrderCancellation {
  return {
    orderId: o.orderId,
    eventType: 'order-cancelled',
    schemaVersion: 1,
    customerId: o.customerId,
    reason: 'refund',
    voidedAt,
    storeId: o.storeId,
    terminalId: o.terminalId,
    clerk: o.clerk,
  };
}

/** The broker refused the order at `seq` as too large: it needs attention (no automatic retry). */
export function refuseAsTooLarge(s: OutboxStore, seq: number): void {
  s.markSending([seq]);
  s.markFailed([seq], {
    error: appError('kafka.messageTooLarge'),
    autoRetry: false,
    nextAttemptAt: null,
    countAttempt: false,
  });
}
