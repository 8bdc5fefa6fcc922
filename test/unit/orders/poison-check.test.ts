// Save's size check asks a cheap bound of every order and encodes only the ones near the limit:
// the bound must never be below the encoded size (or an order too large would be saved and then
// refused by the broker), and the answer at the limit must stay exact.
import { describe, expect, it } from 'vitest';
import { orderTooLarge } from '../../../electron/orders/poison-check';
import { orderMessage } from '../../../electron/kafka/order-message';
import { batchBytesAtMost, encodedBatchBytes } from '../../../electron/kafka/message-size';
import { order } from './fixtures';

const notes = ['', 'x', '문 앞에 놓아 주세요', 'é'.repeat(300), 'a'.repeat(127), 'b'.repeat(128), '가'.repeat(20_000)];

describe("Save's size check", () => {
  it('bounds the encoded batch from above, within 100 bytes, for ASCII, Korean and long orders', async () => {
    for (const note of notes)
      for (const extra of [undefined, { risk: 'duplicate', 'risk-decision': 'sent' }]) {
        const m = orderMessage(
          order({ note: note || undefined, customerName: `김${note.slice(0, 40)}` }),
          undefined,
          extra,
        );
        const exact = await encodedBatchBytes(m);
        const bound = batchBytesAtMost(m);
        expect(bound).toBeGreaterThanOrEqual(exact);
        expect(bound - exact).toBeLessThan(100);
      }
  });

  it('stays exact at the limit: an order of exactly max bytes fits, one byte less refuses it with its size', async () => {
    const o = order({ note: '가'.repeat(5_000) });
    const size = await encodedBatchBytes(orderMessage(o));
    expect(await orderTooLarge(o, size)).toBeNull();
    expect(await orderTooLarge(o, size - 1)).toEqual(
      expect.objectContaining({ code: 'order.tooLarge', params: { size, max: size - 1 } }),
    );
    expect(await orderTooLarge(o, size * 2)).toBeNull();
  });
});
