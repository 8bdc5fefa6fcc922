// The one place an order from the renderer is validated: the service host's request gate, in
// front of the real order handlers (app core, outbox on disk, no cluster). Hostile drafts end
// there with request.invalid and nothing stored; a good one is checked by zod exactly once on
// its way into the outbox.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAppCore, type AppCore } from '../../../electron/app/app-core';
import { createRequestDispatcher } from '../../../electron/ipc/bind-requests';
import { channelOf } from '../../../shared/contract';
import { orderDraftSchema, orderSchema, orderSubmissionSchema } from '../../../shared/order-schema';
import type { OrderRecord } from '../../../shared/outbox-types';
import { draft } from './fixtures';
import { tempDir } from './temp-dir';

const cores: AppCore[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close();
});

async function gate() {
  const core = await createAppCore({
    dataDir: tempDir('order-desk-boundary-'),
    mode: 'browser',
    version: 'test',
    env: {},
    sandbox: { start: false },
    log: () => {},
  });
  cores.push(core);
  const dispatch = createRequestDispatcher(core.handlers);
  const stored = async () => {
    const r = await dispatch(channelOf('orders', 'recent'), { limit: 100 });
    return r.ok ? (r.value as OrderRecord[]) : [];
  };
  return { submit: (input: unknown) => dispatch(channelOf('orders', 'submit'), input), stored, dispatch };
}

describe('the order boundary', () => {
  it.each([
    ['a total sent by the renderer', { total: 1 }],
    ['an order id sent by the renderer', { orderId: '3f2b8c1e-1111-4222-8333-444455556666' }],
    ['a store id', { storeId: 'x' }],
    ['a clerk', { clerk: 'mallory' }],
    ['huge strings', { customerName: 'x'.repeat(1_000_000) }],
    ['wrong types', { lines: 'three apples' }],
    ['negative quantity', { lines: [{ sku: 'A', productName: 'a', quantity: -1, unitPrice: 1 }] }],
    ['fractional quantity', { lines: [{ sku: 'A', productName: 'a', quantity: 1.5, unitPrice: 1 }] }],
    ['quantity above 999', { lines: [{ sku: 'A', productName: 'a', quantity: 1000, unitPrice: 1 }] }],
    ['negative price', { lines: [{ sku: 'A', productName: 'a', quantity: 1, unitPrice: -5 }] }],
    ['no lines', { lines: [] }],
    [
      '51 lines',
      { lines: Array.from({ length: 51 }, (_, i) => ({ sku: `S${i}`, productName: 'p', quantity: 1, unitPrice: 1 })) },
    ],
    ['NaN price', { lines: [{ sku: 'A', productName: 'a', quantity: 1, unitPrice: Number.NaN }] }],
    ['half a won', { lines: [{ sku: 'A', productName: 'a', quantity: 3, unitPrice: 4500.5 }] }],
    ['a fraction of a yen', { currency: 'JPY', lines: [{ sku: 'A', productName: 'a', quantity: 1, unitPrice: 0.5 }] }],
    ['bad customer id characters', { customerId: 'a b;DROP TABLE outbox' }],
    ['unknown payment method', { paymentMethod: 'bitcoin' }],
    ['a submission id that is not a UUID', { submissionId: 'not-a-uuid' }],
  ])('refuses %s with request.invalid and stores nothing', async (_name, patch) => {
    const g = await gate();
    const r = await g.submit({ ...draft(), ...patch });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('request.invalid');
      expect(String(r.error.params?.detail).length).toBeLessThanOrEqual(200);
    }
    expect(await g.stored()).toEqual([]);
  });

  it('says which price and why when a whole-unit currency gets decimals', async () => {
    const g = await gate();
    const r = await g.submit({ ...draft(), lines: [{ sku: 'A', productName: 'a', quantity: 3, unitPrice: 4500.5 }] });
    expect(r.ok ? null : r.error.params?.detail).toBe('lines.0.unitPrice: No decimals: KRW prices are whole amounts');
    expect(await g.stored()).toEqual([]);
  });

  it('keeps a name decomposed on paste and a full-width ID and phone as one form, found as typed', async () => {
    const g = await gate();
    // 김민지 pasted from a macOS file name (NFD), and an ID and phone typed in a Korean IME's full-width mode.
    const r = await g.submit({
      ...draft(),
      customerName: '김민지'.normalize('NFD'),
      customerId: 'Ｃ１００１',
      phone: '０１０－１２３４－５６７８',
    });
    expect(r.ok).toBe(true);
    const [stored] = await g.stored();
    expect(stored.order).toMatchObject({ customerName: '김민지', customerId: 'C1001', phone: '010-1234-5678' });
    const search = async (query: string) => {
      const found = await g.dispatch(channelOf('history', 'search'), {
        query,
        from: null,
        to: null,
        before: null,
        limit: 10,
      });
      return found.ok ? (found.value as { orders: OrderRecord[] }).orders.map((o) => o.order.customerId) : found.error;
    };
    for (const query of ['김민지', '민지', 'C1001', 'Ｃ１００１', '５６７８'])
      expect(await search(query)).toEqual(['C1001']);
    const last = await g.dispatch(channelOf('orders', 'lastDraft'), { customerId: 'Ｃ１００１' });
    expect(last.ok && last.value).toMatchObject({ customerId: 'C1001', customerName: '김민지' });
  });

  it('keeps an ID typed in small letters as the one customer, and repeats their last order from it', async () => {
    const g = await gate();
    expect((await g.submit({ ...draft(), customerId: 'C1001', note: 'first' })).ok).toBe(true);
    // Alt+R with the ID typed in small letters: the order saved as C1001 is the customer's last.
    const last = await g.dispatch(channelOf('orders', 'lastDraft'), { customerId: 'c1001' });
    expect(last.ok && last.value).toMatchObject({ customerId: 'C1001', note: 'first' });
    // Saved as typed in small letters, it is the same customer: one Kafka key, one customer to the
    // risk checks' velocity and to the outbox's per-customer order.
    expect((await g.submit({ ...draft(), customerId: 'c1001', note: 'second' })).ok).toBe(true);
    expect((await g.stored()).map((r) => r.order.customerId)).toEqual(['C1001', 'C1001']);
  });

  it('refuses non-objects and prototype-pollution keys without polluting anything', async () => {
    const g = await gate();
    for (const v of [null, undefined, 42, 'order', [draft()]]) expect((await g.submit(v)).ok).toBe(false);
    const hostile = JSON.parse(
      `{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}},${JSON.stringify(draft()).slice(1)}`,
    );
    expect((await g.submit(hostile)).ok).toBe(false);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(await g.stored()).toEqual([]);
  });

  it('validates a good order once on its way into the outbox, and main computes the total', async () => {
    const g = await gate();
    const spies = [orderSubmissionSchema, orderDraftSchema, orderSchema].flatMap((schema) => [
      vi.spyOn(schema, 'safeParse'),
      vi.spyOn(schema, 'parse'),
      vi.spyOn(schema, 'safeParseAsync'),
      vi.spyOn(schema, 'parseAsync'),
    ]);
    try {
      const r = await g.submit({ ...draft(), submissionId: '8f5e2a7c-3b1d-4c6e-9a2f-1d0b7e4c5a93' });
      expect(r.ok).toBe(true);
      expect((r as { value: OrderRecord }).value.order.total).toBe(3 * 1200 + 2450);
      expect(spies.reduce((n, s) => n + s.mock.calls.length, 0)).toBe(1);
    } finally {
      for (const s of spies) s.mockRestore();
    }
    expect((await g.stored()).map((o) => o.order.customerId)).toEqual(['CUST-001']);
  });
});
