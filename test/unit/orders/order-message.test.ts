import { describe, expect, it } from 'vitest';
import { cancellationMessage, orderMessage, partitionForKey } from '../../../electron/kafka/order-message';
import { orderCancellationSchema, type OrderCancellation } from '../../../shared/order-schema';
import { order } from './fixtures';

describe('the Kafka message of an order', () => {
  it('key = customer ID, value = the order JSON, headers order-id / schema-version / terminal-id; timestamp = send time', () => {
    const o = order({ customerId: 'kim-01', terminalId: 'pos-7', createdAt: '2026-11-24T10:00:00.000Z' });
    const m = orderMessage(o);
    expect(m.key).toBe('kim-01');
    expect(JSON.parse(String(m.value))).toEqual(o);
    expect(m.headers).toEqual({ 'order-id': o.orderId, 'schema-version': '1', 'terminal-id': 'pos-7' });
    // Left to the producer: an order that waited offline must not look older than retention allows.
    expect(m.timestamp).toBeUndefined();
    expect(m.partition).toBeUndefined();
  });

  it('a cancellation: the order key, event-type order-cancelled and the order id; value per the schema', () => {
    const o = order({ customerId: 'kim-01' });
    const c: OrderCancellation = {
      orderId: o.orderId,
      eventType: 'order-cancelled',
      schemaVersion: 1,
      customerId: 'kim-01',
      reason: '손님 변심',
      voidedAt: '2026-12-02T09:41:03.120Z',
      storeId: 'store-1',
      terminalId: 'pos-9',
      clerk: 'Lee',
    };
    const m = cancellationMessage(c);
    expect(m.key).toBe(orderMessage(o).key);
    expect(m.headers).toEqual({
      'event-type': 'order-cancelled',
      'order-id': o.orderId,
      'schema-version': '1',
      'terminal-id': 'pos-9',
    });
    expect(orderCancellationSchema.parse(JSON.parse(String(m.value)))).toEqual(c);
    expect(orderCancellationSchema.safeParse({ ...c, reason: '' }).success).toBe(false);
    expect(orderCancellationSchema.safeParse({ ...c, reason: 'x'.repeat(201) }).success).toBe(false);
  });

  it('uses the stored JSON as the value when given (the outbox row, byte for byte)', () => {
    const o = order();
    const stored = JSON.stringify(o);
    expect(orderMessage(o, stored).value).toBe(stored);
  });

  it("picks the partition Java clients pick for the key (murmur2, Kafka's own test vectors)", () => {
    // org.apache.kafka.common.utils.UtilsTest#testMurmur2
    const vectors: Array<[string, number]> = [
      ['21', -973932308],
      ['foobar', -790332482],
      ['a-little-bit-long-string', -985981536],
      ['abc', 479470107],
    ];
    for (const [key, hash] of vectors) {
      for (const n of [1, 3, 7, 12]) expect(partitionForKey('user-data', key, n)).toBe((hash & 0x7fffffff) % n);
    }
  });

  it('keeps one customer on one partition and spreads customers over all partitions', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 100; i++) {
      const p = partitionForKey('user-data', `cust-${i}`, 3);
      expect(partitionForKey('user-data', `cust-${i}`, 3)).toBe(p);
      seen.add(p);
    }
    expect([...seen].sort()).toEqual([0, 1, 2]);
  });
});
