// Settings asks before a save sends the store's waiting orders somewhere else (other brokers or
// another topic). The same brokers retyped in other letter case, or in another order, are the
// same cluster: no question.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/settings-schema';
import { storeOrdersMove } from '../../../renderer/settings/store-orders-move';

const now = { ...DEFAULT_SETTINGS, brokers: ['kafka1:9092', 'kafka2:9092'], topic: 'user-data' };

describe('where saving Settings sends the waiting orders', () => {
  it('asks for other brokers or another topic, not for the same brokers in other case or order', () => {
    expect(storeOrdersMove(now, { ...now, brokers: ['KAFKA2:9092', 'Kafka1:9092'] }, false)).toBeNull();
    expect(storeOrdersMove(now, { ...now, brokers: ['kafka3:9092'] }, false)).toEqual({
      topic: 'user-data',
      otherBrokers: true,
    });
    expect(storeOrdersMove(now, { ...now, topic: 'orders' }, false)).toEqual({ topic: 'orders', otherBrokers: false });
  });
});
