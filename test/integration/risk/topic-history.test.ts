// The risk checks' view of the whole store: orders read back from the order topic (no consumer
// group), only those inside the window, other producers' records passed over, new ones picked
// up on the next read; and a duplicate typed on a second terminal flagged from the first
// terminal's order as read from the topic. On the test target's cluster (sandbox or Apache Kafka).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterConfig } from '../../../electron/cluster/cluster-config';
import { checkOrder } from '../../../electron/risk/risk-checks';
import { DEFAULT_RISK_CONFIG } from '../../../electron/risk/risk-config';
import { RiskHistory } from '../../../electron/risk/risk-history';
import { riskOrderOf, TopicHistoryReader } from '../../../electron/risk/topic-history';
import { ORDER_CANCELLED_EVENT, type Order } from '../../../shared/order-schema';
import { cancellationMessage } from '../../../electron/kafka/order-message';
import { kafkaCluster, type TestCluster } from '../../support/kafka-target';

const HOUR = 3_600_000;

function order(p: { terminalId: string; customerId: string; at: number; sku?: string; quantity?: number }): Order {
  const lines = [{ sku: p.sku ?? 'LATTE', productName: 'Latte', quantity: p.quantity ?? 2, unitPrice: 5000 }];
  return {
    orderId: randomUUID(),
    schemaVersion: 1,
    storeId: 'store-1',
    terminalId: p.terminalId,
    clerk: 'kim',
    createdAt: new Date(p.at).toISOString(),
    customerName: '홍길동',
    customerId: p.customerId,
    lines,
    currency: 'KRW',
    paymentMethod: 'card',
    total: lines.reduce((s, l) => s + l.quantity * l.unitPrice, 0),
  };
}

describe('the store’s recent orders from the order topic', () => {
  let cluster: TestCluster;
  let topic: string;
  const now = Date.now();
  const recent = [
    // Saved by a version before customerIdKey: C-1001 typed in small letters, sent so.
    order({ terminalId: 'T-1', customerId: 'c-1001', at: now - 5 * 60_000 }),
    order({ terminalId: 'T-3', customerId: 'C-7', at: now - 3 * HOUR }),
  ];
  const old = order({ terminalId: 'T-1', customerId: 'C-1001', at: now - 30 * HOUR });

  beforeAll(async () => {
    cluster = await kafkaCluster();
    topic = cluster.topic('risk-history');
    await cluster.createTopic(topic, { partitions: 3, replicationFactor: 3 });
    const producer = cluster.kafka().producer();
    await producer.connect();
    await producer.send({
      topic,
      acks: -1,
      messages: [
        // Record timestamps are the orders' own times, as the order producer sends them.
        ...[old, ...recent].map((o) => ({
          key: o.customerId,
          value: JSON.stringify(o),
          timestamp: String(Date.parse(o.createdAt)),
        })),
        { key: 'x', value: 'not an order', timestamp: String(now - 60_000) },
        { key: 'y', value: JSON.stringify({ event: 'something else' }), timestamp: String(now - 60_000) },
      ],
    });
    await producer.disconnect();
  }, 120_000);
  afterAll(() => cluster?.close());

  it('reads every terminal’s orders inside the window, nothing older, and picks up new ones and cancellations on the next read', async () => {
    const seen: string[] = [];
    const cancelled: string[] = [];
    const reader = new TopicHistoryReader({
      config: clusterConfig({ brokers: cluster.brokers }),
      topic,
      windowMs: 24 * HOUR,
      onOrder: (o) => seen.push(o.orderId),
      onCancelled: (id) => cancelled.push(id),
    });
    try {
      await reader.catchUp();
      expect(seen.sort()).toEqual(recent.map((o) => o.orderId).sort());
      expect(reader.status).toMatchObject({ state: 'live', ordersRead: 2, error: null });

      const later = order({ terminalId: 'T-2', customerId: 'C-9', at: Date.now() });
      const producer = cluster.kafka().producer();
      await producer.connect();
      // Another terminal voids one: its cancellation (headers as the dispatcher sends them) takes it out.
      const voided = recent[1];
      await producer.send({
        topic,
        acks: -1,
        messages: [
          { key: later.customerId, value: JSON.stringify(later) },
          cancellationMessage({
            orderId: voided.orderId,
            eventType: ORDER_CANCELLED_EVENT,
            schemaVersion: 1,
            customerId: voided.customerId,
            reason: 'refund',
            voidedAt: new Date().toISOString(),
            storeId: 'store-1',
            terminalId: 'T-3',
            clerk: 'lee',
          }),
        ],
      });
      await producer.disconnect();
      await reader.catchUp();
      expect(seen).toContain(later.orderId);
      expect(seen).toHaveLength(3);
      expect(cancelled).toEqual([voided.orderId]);
    } finally {
      await reader.stop();
    }
  });

  it('flags a duplicate typed on a second terminal from the first terminal’s order read from the topic', async () => {
    const history = new RiskHistory();
    const reader = new TopicHistoryReader({
      config: clusterConfig({ brokers: cluster.brokers }),
      topic,
      onOrder: (o) => history.add(o),
    });
    try {
      await reader.catchUp();
    } finally {
      await reader.stop();
    }
    const twin = riskOrderOf(order({ terminalId: 'T-2', customerId: 'C-1001', at: now }));
    const flags = checkOrder(twin, history, DEFAULT_RISK_CONFIG);
    expect(flags.filter((f) => f.code === 'duplicate')).toEqual([
      {
        code: 'duplicate',
        severity: 'warning',
        params: { customerId: 'C-1001', minutesAgo: 5, terminalId: 'T-1', windowMinutes: 10 },
      },
    ]);
  });

  it('passes over the orders the checks already have (by their order-id header) and reads a long partition in pieces', async () => {
    // 700 orders of about 1 KB in one partition: more than one fetch's bytes (the reader asks
    // for 256 KB at a time, so a busy topic never holds the event loop for long).
    const busy = cluster.topic('risk-history-busy');
    await cluster.createTopic(busy, { partitions: 1, replicationFactor: 3 });
    const orders = Array.from({ length: 700 }, (_, i) => ({
      ...order({ terminalId: i % 2 ? 'T-1' : 'T-2', customerId: `C-${i}`, at: Date.now() - 60_000 }),
      note: 'x'.repeat(450),
    }));
    const producer = cluster.kafka().producer();
    await producer.connect();
    await producer.send({
      topic: busy,
      acks: -1,
      messages: orders.map((o) => ({
        key: o.customerId,
        value: JSON.stringify(o),
        headers: { 'order-id': o.orderId },
      })),
    });
    await producer.disconnect();
    // This terminal's own orders (T-1) are in the checks already, added when they were saved.
    const own = new Set(orders.filter((o) => o.terminalId === 'T-1').map((o) => o.orderId));
    const seen: string[] = [];
    const reader = new TopicHistoryReader({
      config: clusterConfig({ brokers: cluster.brokers }),
      topic: busy,
      known: (id) => own.has(id),
      onOrder: (o) => seen.push(o.orderId),
    });
    try {
      await reader.catchUp();
    } finally {
      await reader.stop();
    }
    expect(seen.sort()).toEqual(
      orders
        .filter((o) => !own.has(o.orderId))
        .map((o) => o.orderId)
        .sort(),
    );
    expect(reader.status.ordersRead).toBe(350);
  });

  it('says offline when the cluster cannot be reached, and keeps what it has', async () => {
    const statuses: string[] = [];
    const reader = new TopicHistoryReader({
      config: clusterConfig({ brokers: ['127.0.0.1:1'], timeouts: { connectMs: 500, requestMs: 500 } }),
      topic,
      pollMs: 60_000,
      onOrder: () => {},
      onStatus: (s) => statuses.push(s.state),
    });
    await reader.start();
    await reader.stop();
    expect(reader.status.state).toBe('offline');
    expect(reader.status.error).toMatch(/127\.0\.0\.1:1/);
  });
});
