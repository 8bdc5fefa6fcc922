// Offline, the checks run on this terminal's own orders and say so; missing history is never a
// flag, and the order is saved as ever (it waits in the outbox).
import { describe, expect, it } from 'vitest';
import { useOrderCores } from '../orders/order-core';

describe('risk checks offline', () => {
  const cores = useOrderCores();

  it('flags from this terminal’s own orders only, says the topic cannot be read, and never blocks the order', async () => {
    // A broker address where nothing listens: the cluster cannot be reached.
    const c = await cores.core({ brokers: ['127.0.0.1:1'], topic: 'user-data', risk: { pollMs: 200 } });
    const d = {
      customerName: 'Kim Minji',
      customerId: 'C-9',
      lines: [{ sku: 'AMER-R', productName: 'Americano (R)', quantity: 1, unitPrice: 4500 }],
      currency: 'KRW',
      paymentMethod: 'card',
    } as const;
    const first = await c.submit(d);
    expect((first as { risk?: { flags: unknown[] } }).risk?.flags).toEqual([]);
    const check = await c.core.handlers.risk.check(d as never);
    expect(check.ok && check.value.history.source).toBe('terminal');
    // The waiting order, from this terminal's outbox, is still history: a duplicate is flagged.
    expect(check.ok && check.value.flags.map((f) => f.code)).toEqual(['duplicate']);
    const second = (await c.submit(d)) as { state: string; risk?: { outcome: string | null } };
    expect(second.state).toBe('saved');
    expect(second.risk?.outcome).toBe('sent');
  }, 30_000);
});
