import { describe, expect, it } from 'vitest';
import { newSubmissionId } from '../../../shared/order-ids';
import { orderSubmissionSchema } from '../../../shared/order-schema';
import { draft } from '../orders/fixtures';

// The first 48 bits of a version-7 UUID: the Unix time in milliseconds it was made at.
const millisOf = (id: string) => parseInt(id.replace(/-/g, '').slice(0, 12), 16);

describe('submission ids', () => {
  it('are RFC 9562 version-7 UUIDs that carry the time they were made, and the contract accepts them', () => {
    const before = Date.now();
    const id = newSubmissionId();
    const after = Date.now();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(millisOf(id)).toBeGreaterThanOrEqual(before);
    expect(millisOf(id)).toBeLessThanOrEqual(after);
    expect(orderSubmissionSchema.safeParse({ ...draft(), submissionId: id }).success).toBe(true);
  });

  it('sort in the order they were made, also many within one millisecond', () => {
    const ids = Array.from({ length: 20_000 }, () => newSubmissionId());
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    // Many share a millisecond here, so the order within one comes from the ids, not the clock.
    expect(new Set(ids.map(millisOf)).size).toBeLessThan(ids.length / 2);
  });
});
