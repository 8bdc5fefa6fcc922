import { describe, expect, it } from 'vitest';
import { newOrderId, newSubmissionId, shortOrderId } from '../../../shared/order-ids';
import { orderSchema, orderSubmissionSchema } from '../../../shared/order-schema';
import { draft, order } from '../orders/fixtures';

// The first 48 bits of a version-7 UUID: the Unix time in milliseconds it was made at.
const millisOf = (id: string) => parseInt(id.replace(/-/g, '').slice(0, 12), 16);

describe('order and submission ids', () => {
  it('are RFC 9562 version-7 UUIDs that carry the time they were made, and the contract accepts them', () => {
    const before = Date.now();
    const ids = [newOrderId(), newSubmissionId()];
    const after = Date.now();
    for (const id of ids) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(millisOf(id)).toBeGreaterThanOrEqual(before);
      expect(millisOf(id)).toBeLessThanOrEqual(after);
    }
    expect(orderSchema.safeParse(order({ orderId: ids[0] })).success).toBe(true);
    expect(orderSubmissionSchema.safeParse({ ...draft(), submissionId: ids[1] }).success).toBe(true);
  });

  it('sort in the order they were made, also many within one millisecond', () => {
    const ids = Array.from({ length: 20_000 }, () => newOrderId());
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    // Many share a millisecond here, so the order within one comes from the ids, not the clock.
    expect(new Set(ids.map(millisOf)).size).toBeLessThan(ids.length / 2);
  });

  it('show a clerk 8 characters that tell orders of the same minute apart: the end of a new id, the start of an old one', () => {
    const ids = Array.from({ length: 1_000 }, () => newOrderId());
    // Their starts are the same for orders a few milliseconds apart: no use to a clerk.
    expect(new Set(ids.map((id) => id.slice(0, 8))).size).toBeLessThan(5);
    expect(new Set(ids.map(shortOrderId)).size).toBe(ids.length);
    expect(shortOrderId(ids[0])).toBe(ids[0].slice(-8));
    // An order saved before (a random, version-4 id) keeps the short id it was shown with.
    expect(shortOrderId('8f5e2a7c-3b1d-4c6e-9a2f-1d0b7e4c5a93')).toBe('8f5e2a7c');
  });
});
