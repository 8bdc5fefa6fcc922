import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OutboxStore } from '../../../electron/orders/outbox-store';
import { OrderService } from '../../../electron/orders/order-service';
import { DEFAULT_SETTINGS } from '../../../shared/settings-schema';
import type { OrderChange } from '../../../shared/outbox-types';
import { orderSubmissionSchema, type OrderSubmission, type OrderSubmissionInput } from '../../../shared/order-schema';
import { shortOrderId } from '../../../shared/order-ids';
import { draft as draftInput } from './fixtures';
import { tempDir } from './temp-dir';

// The service takes submissions the request gate has already checked (see
// test/unit/orders/order-boundary.test.ts for what the gate refuses); here they are parsed by
// the same contract schema first.
const draft = (overrides: Partial<OrderSubmissionInput> = {}): OrderSubmission =>
  orderSubmissionSchema.parse(draftInput(overrides));

const stores: OutboxStore[] = [];
afterEach(() => stores.splice(0).forEach((s) => s.close()));

function setup() {
  const outbox = OutboxStore.open(path.join(tempDir(), 'outbox.sqlite'));
  stores.push(outbox);
  const events: OrderChange[] = [];
  let nudges = 0;
  const service = new OrderService({
    outbox,
    settings: () => ({ ...DEFAULT_SETTINGS, storeId: 'gangnam-3', terminalId: 'pos-7', clerk: 'Park' }),
    onChanges: (changes) => events.push(...changes),
    nudge: () => nudges++,
    now: () => new Date('2026-11-24T10:00:00.000Z'),
  });
  return { outbox, service, events, nudges: () => nudges };
}

describe('order service', async () => {
  it('a submit repeated with the same submission id (its answer was lost) returns the saved order, not a second one', async () => {
    const { service, outbox } = setup();
    const submissionId = '8f5e2a7c-3b1d-4c6e-9a2f-1d0b7e4c5a93';
    const first = await service.submit(draft({ submissionId }));
    const again = await service.submit(draft({ submissionId }));
    expect(first.ok && again.ok).toBe(true);
    if (!first.ok || !again.ok) return;
    expect(again.value.order.orderId).toBe(first.value.order.orderId);
    expect(outbox.countWaiting()).toBe(1);
    // Two at once, in one group commit, are still one order.
    const twin = 'c0a80101-0000-4000-8000-000000000001';
    const [a, b] = await Promise.all([
      service.submit(draft({ submissionId: twin })),
      service.submit(draft({ submissionId: twin })),
    ]);
    expect(a.ok && b.ok && a.value.order.orderId === b.value.order.orderId).toBe(true);
    expect(outbox.countWaiting()).toBe(2);
    // Another submission id, or none, is another order.
    await service.submit(draft({ submissionId: 'c0a80101-0000-4000-8000-000000000002' }));
    await service.submit(draft());
    expect(outbox.countWaiting()).toBe(4);
  });

  it('refuses a submit repeated after a lost answer with the form changed since, saying which order stands', async () => {
    const { service, outbox } = setup();
    const submissionId = '8f5e2a7c-3b1d-4c6e-9a2f-1d0b7e4c5a93';
    const first = await service.submit(draft({ submissionId }));
    if (!first.ok) throw new Error('not saved');
    const lines = first.value.order.lines.map((l, i) => (i === 0 ? { ...l, quantity: l.quantity + 1 } : l));
    const changed = await service.submit(draft({ submissionId, lines }));
    expect(changed).toEqual({
      ok: false,
      error: { code: 'order.changedSinceSaved', params: { order: shortOrderId(first.value.order.orderId) } },
    });
    expect(outbox.countWaiting()).toBe(1);
    expect(outbox.get(first.value.order.orderId)?.order.lines).toEqual(first.value.order.lines);
    // Unchanged, it is still the order saved.
    const again = await service.submit(draft({ submissionId }));
    expect(again.ok && again.value.order.orderId).toBe(first.value.order.orderId);
  });

  it('refuses the changed one of two submits of one submission that arrive together, in one group commit', async () => {
    const { service, outbox } = setup();
    const submissionId = '5d3c1b2a-7e6f-4a8b-9c0d-1e2f3a4b5c6d';
    const one = draft({ submissionId });
    const lines = one.lines.map((l, i) => (i === 0 ? { ...l, quantity: l.quantity + 1 } : l));
    const [first, changed] = await Promise.all([service.submit(one), service.submit(draft({ submissionId, lines }))]);
    if (!first.ok) throw new Error('not saved');
    expect(changed).toEqual({
      ok: false,
      error: { code: 'order.changedSinceSaved', params: { order: shortOrderId(first.value.order.orderId) } },
    });
    expect(outbox.countWaiting()).toBe(1);
  });

  it('gives orders time-ordered ids, in the order they were saved, in one group commit too', async () => {
    const { service } = setup();
    const one = await service.submit(draft());
    const together = await Promise.all([service.submit(draft()), service.submit(draft()), service.submit(draft())]);
    const ids = [one, ...together].map((r) => (r.ok ? r.value.order.orderId : ''));
    expect(ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-7/.test(id))).toBe(true);
    expect([...ids].sort()).toEqual(ids);
  });

  it('keeps the submission id out of the order that goes to Kafka', async () => {
    const { service } = setup();
    const r = await service.submit(draft({ submissionId: '8f5e2a7c-3b1d-4c6e-9a2f-1d0b7e4c5a93' }));
    expect(r.ok && 'submissionId' in r.value.order).toBe(false);
  });

  it('builds the order in main: new id, store/terminal/clerk from settings, time, total from the lines', async () => {
    const { service, outbox, events, nudges } = setup();
    const r = await service.submit(draft());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const o = r.value.order;
    expect(o.orderId).toMatch(/^[0-9a-f-]{36}$/);
    expect(o).toMatchObject({
      storeId: 'gangnam-3',
      terminalId: 'pos-7',
      clerk: 'Park',
      createdAt: '2026-11-24T10:00:00.000Z',
      schemaVersion: 1,
      total: 3 * 1200 + 2450,
      currency: 'KRW',
    });
    expect(r.value.state).toBe('saved');
    // Resolved only after the row is in the outbox, and the dispatcher was told.
    expect(outbox.recent(1)[0].order.orderId).toBe(o.orderId);
    expect(events.map((e) => e.state)).toEqual(['saved']);
    expect(nudges()).toBe(1);
  });

  it('is exact to the cent with fractional prices', async () => {
    const { service } = setup();
    const r = await service.submit(
      draft({
        currency: 'USD',
        lines: [
          { sku: 'A', productName: 'a', quantity: 3, unitPrice: 0.1 },
          { sku: 'B', productName: 'b', quantity: 7, unitPrice: 19.99 },
        ],
      }),
    );
    expect(r.ok && r.value.order.total).toBe(140.23);
  });

  it('orders submitted together share one commit, each with its own result', async () => {
    const { service, outbox, events, nudges } = setup();
    let commits = 0;
    const addMany = outbox.addMany.bind(outbox);
    outbox.addMany = (orders, ids) => {
      commits++;
      return addMany(orders, ids);
    };
    const results = await Promise.all([
      service.submit(draft({ customerId: 'a' })),
      service.submit(draft({ customerId: 'b' })),
      service.submit(draft({ customerId: 'c' })),
    ]);
    expect(results.map((r) => (r.ok ? r.value.order.customerId : r.error.code))).toEqual(['A', 'B', 'C']);
    expect(commits).toBe(1);
    expect(outbox.recent(10).map((r) => r.order.customerId)).toEqual(['C', 'B', 'A']);
    expect(events).toHaveLength(3);
    expect(nudges()).toBe(1);
  });

  it('when the outbox cannot be written, the clerk is told and nothing claims to be saved', async () => {
    const { service, outbox, events, nudges } = setup();
    outbox.close();
    const r = await service.submit(draft());
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('order.storeFailed');
    expect(events).toEqual([]);
    expect(nudges()).toBe(0);
  });
});
