// The order path end to end through the app core (the same composition root Electron main and
// browser mode use): orders.submit → outbox → dispatcher → kafkajs idempotent producer →
// broker, then read back with a kafkajs consumer. On the sandbox or real Apache Kafka
// (KAFKA_TARGET, test/support/kafka-target.ts). The broker outage tests are in
// delivery-outages.test.ts, a file of their own so the kafka leg runs them beside these.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../unit/orders/temp-dir';
import { createAppCore, OUTBOX_FILE } from '../../../electron/app/app-core';
import { KAFKA_HEADER_NAMES } from '../../../shared/order-schema';
import { requests } from '../../../shared/contract';
import {
  faultCluster,
  kafkaCluster,
  noFaultControls,
  targetKind,
  type FaultCluster,
  type TestCluster,
} from '../../support/kafka-target';
import { until } from '../../support/until';
import { allDelivered, deliveryReport, draft, orderTopic, useOrderCores } from './order-core';

const { core, cleanups } = useOrderCores();

/** The cluster of the tests that stop no broker: the kafka leg's shared one, or a sandbox. */
let shared: TestCluster;
beforeAll(async () => {
  shared = await kafkaCluster();
});
afterAll(() => shared?.close());

describe('orders reach the topic', () => {
  it('delivered with partition and offset; read back with the key, the order JSON and the headers', async () => {
    const k = await orderTopic(shared);
    const c = await core({ brokers: k.brokers, topic: k.topic });
    const saved = await c.submit({ ...draft('kim-01'), phone: '010-1111-2222' });
    expect(saved.state).toBe('saved');
    await until(() => c.state(saved.order.orderId) === 'delivered', 20_000, 'delivered');
    const rec = c.records.get(saved.order.orderId)!;
    expect(rec.partition).not.toBeNull();
    expect(rec.offset).toBe('0');
    const [msg] = await k.readBack(1);
    expect(msg.partition).toBe(rec.partition);
    expect(msg.offset).toBe(rec.offset);
    expect(msg.key).toBe('kim-01');
    expect(msg.value).toEqual(saved.order);
    expect(msg.value).toMatchObject({
      customerName: 'Customer kim-01',
      phone: '010-1111-2222',
      total: 2 * 1001,
      terminalId: 'pos-7',
    });
    expect(msg.headers).toEqual({
      [KAFKA_HEADER_NAMES.orderId]: saved.order.orderId,
      [KAFKA_HEADER_NAMES.schemaVersion]: '1',
      [KAFKA_HEADER_NAMES.terminalId]: 'pos-7',
    });
    const recent = await c.core.handlers.orders.recent({ limit: 5 });
    expect(recent.ok && recent.value[0]).toMatchObject({ state: 'delivered', partition: rec.partition, offset: '0' });
    const conn = await c.core.handlers.connection.state(undefined);
    expect(conn.ok && conn.value).toMatchObject({ status: 'connected', waiting: 0, sandbox: false, error: null });
    const last = await c.core.handlers.orders.lastDraft({ customerId: 'kim-01' });
    expect(last.ok && last.value).toMatchObject({
      customerId: 'kim-01',
      phone: '010-1111-2222',
      lines: saved.order.lines,
    });
    // What the handlers answer matches the contract's output schemas.
    if (!recent.ok || !conn.ok || !last.ok) throw new Error('a handler failed');
    expect(requests.orders.submit.output.safeParse(saved).success).toBe(true);
    expect(requests.orders.recent.output.safeParse(recent.value).success).toBe(true);
    expect(requests.connection.state.output.safeParse(conn.value).success).toBe(true);
    expect(requests.orders.lastDraft.output.safeParse(last.value).success).toBe(true);
  });

  it('a missing topic: orders wait with kafka.topicMissing naming it; creating the topic delivers them', async () => {
    const k = await orderTopic(shared, { create: false });
    const c = await core({ brokers: k.brokers, topic: k.topic });
    const a = await c.submit(draft('lee', 1));
    const b = await c.submit(draft('lee', 2));
    await until(() => c.state(a.order.orderId) === 'failed', 20_000, 'the order to show the missing topic');
    expect(c.records.get(a.order.orderId)).toMatchObject({
      autoRetry: true,
      error: { code: 'kafka.topicMissing', params: { topic: k.topic } },
    });
    const conn = await c.core.handlers.connection.state(undefined);
    // On hold, not a green "connected" beside the banner naming the missing topic.
    expect(conn.ok && conn.value).toMatchObject({
      status: 'blocked',
      waiting: 2,
      error: { code: 'kafka.topicMissing', params: { topic: k.topic } },
    });
    await k.create();
    await until(
      () => allDelivered(c, [a.order.orderId, b.order.orderId]),
      30_000,
      'delivery after the topic was created',
    );
    const got = await k.readBack(2);
    expect(got.map((m) => (m.value as { orderId: string }).orderId)).toEqual([a.order.orderId, b.order.orderId]);
  });

  it('changing brokers in Settings reconnects without a restart; waiting orders then go', async () => {
    const k = await orderTopic(shared);
    const c = await core({ brokers: ['127.0.0.1:1'], topic: k.topic });
    const a = await c.submit(draft('moon'));
    await until(() => c.connection.some((s) => s.status === 'offline'), 20_000, 'offline on a dead port');
    const current = await c.core.handlers.settings.get(undefined);
    if (!current.ok) throw new Error('settings.get failed');
    const saved = await c.core.handlers.settings.save({ ...current.value, brokers: k.brokers });
    expect(saved.ok && saved.value.brokers).toEqual(k.brokers);
    await until(() => c.state(a.order.orderId) === 'delivered', 30_000, 'delivery after the settings change');
    expect(c.connection.at(-1)).toMatchObject({ brokers: k.brokers });
    const [msg] = await k.readBack(1);
    expect(msg.key).toBe('moon');
  });
});

/**
 * How each target answers late. The sandbox delays every answer by 400 ms when asked. A real
 * broker whose followers fetch only every 400 ms (unless a megabyte waits) answers an acks=all
 * produce once a follower has the batch: 0.4 to 0.8 s after appending it.
 */
const SLOW_FOLLOWERS = { 'replica.fetch.min.bytes': '1048576', 'replica.fetch.wait.max.ms': '400' };

describe.skipIf(noFaultControls('the lost-answer test'))('a batch appended but never acknowledged', () => {
  let cluster: FaultCluster;
  beforeAll(async () => {
    cluster = await faultCluster(targetKind === 'kafka' ? { brokerConfig: SLOW_FOLLOWERS } : {});
  });
  afterAll(() => cluster?.close());
  const answerLate = (on: boolean) => {
    for (const id of cluster.sandbox?.brokerIds ?? []) cluster.sandbox!.setLatency(id, on ? 400 : 0);
  };

  it('(the cluster stopped mid-request) is not appended again when re-sent', async () => {
    const k = await orderTopic(cluster);
    const c = await core({ brokers: k.brokers, topic: k.topic });
    const warm = await c.submit(draft('warm'));
    await until(() => c.state(warm.order.orderId) === 'delivered', 20_000, 'warm-up delivered');
    // Brokers now append at once but answer late; stopping them in between loses the answer.
    answerLate(true);
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push((await c.submit(draft(`amb-${i % 5}`, i))).order.orderId);
    await until(() => ids.some((id) => c.state(id) === 'sending'), 10_000, 'a batch in flight');
    await new Promise((r) => setTimeout(r, 150));
    await cluster.faults.stopAll();
    answerLate(false);
    // More orders for the same customers while it is down: a careless re-send would batch them
    // together with the unacknowledged ones.
    for (let i = 30; i < 40; i++) ids.push((await c.submit(draft(`amb-${i % 5}`, i))).order.orderId);
    // Longer than kafkajs' own retries (about 2 s here), so the dispatcher's re-send is what delivers.
    await new Promise((r) => setTimeout(r, 3_000));
    await cluster.faults.startAll();
    await until(() => allDelivered(c, ids), 45_000, deliveryReport(c, ids, 'all delivered after the restart'));
    // Some order really was sent more than once (its first answer was lost) ...
    expect(Math.max(...ids.map((id) => c.records.get(id)!.attempts))).toBeGreaterThan(1);
    // ... and still every order is in the topic exactly once, where its record says.
    const got = await k.readBack(ids.length + 1);
    const gotIds = got.map((m) => (m.value as { orderId: string }).orderId);
    expect(gotIds.length).toBe(ids.length + 1);
    expect(new Set(gotIds).size).toBe(ids.length + 1);
    for (const m of got) {
      const rec = c.records.get((m.value as { orderId: string }).orderId)!;
      expect([rec.partition, rec.offset]).toEqual([m.partition, m.offset]);
    }
  });
});

describe('the app dying between Kafka storing orders and the outbox marking them', () => {
  it('the next session finds them in the topic, marks them delivered at their offsets, and sends none twice', async () => {
    const k = await orderTopic(shared);
    const c1 = await core({ brokers: k.brokers, topic: k.topic });
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push((await c1.submit(draft(`crash-${i % 4}`, i))).order.orderId);
    await until(() => allDelivered(c1, ids), 30_000, deliveryReport(c1, ids, 'first delivery'));
    const offsets = new Map(ids.map((id) => [id, `${c1.records.get(id)!.partition}/${c1.records.get(id)!.offset}`]));
    await c1.core.close();
    // What a crash mid-send leaves behind: rows still "sending" (or not even that: a power cut
    // can forget recent marks) although the broker has stored them.
    // Delivered rows sit in the history; a crash before that transaction committed leaves them
    // in the outbox, not delivered.
    const db = new Database(path.join(c1.dataDir, OUTBOX_FILE));
    const unmark = (state: 'sending' | 'saved', which: string[]) => {
      const list = which.map(() => '?').join(',');
      db.transaction(() => {
        db.prepare(
          `INSERT INTO outbox (seq, order_id, customer_id, order_json, state, attempts, saved_at, submission_id)
           SELECT seq, order_id, customer_id, order_json, ?, attempts, saved_at, submission_id
           FROM order_history WHERE order_id IN (${list})`,
        ).run(state, ...which);
        db.prepare(`DELETE FROM order_history WHERE order_id IN (${list})`).run(...which);
        db.prepare(`UPDATE outbox_meta SET value = value - ? WHERE key = 'history_count'`).run(which.length);
      })();
    };
    unmark('sending', ids.slice(0, 8));
    unmark('saved', ids.slice(8));
    db.close();

    const c2 = await core({ brokers: k.brokers, topic: k.topic, dataDir: c1.dataDir });
    const later = (await c2.submit(draft('crash-0', 99))).order.orderId;
    await until(
      () => allDelivered(c2, [...ids, later]),
      30_000,
      deliveryReport(c2, [...ids, later], 'the second session settling them'),
    );
    for (const id of ids)
      expect(`${c2.records.get(id)!.partition}/${c2.records.get(id)!.offset}`).toBe(offsets.get(id));
    const got = await k.readBack(ids.length + 1);
    const orderIds = got.map((m) => (m.value as { orderId: string }).orderId);
    expect(orderIds.sort()).toEqual([...ids, later].sort());
    // The topic (fresh for this test) holds exactly those records: none was sent a second time.
    const admin = shared.kafka().admin();
    await admin.connect();
    const ends = await admin.fetchTopicOffsets(k.topic);
    await admin.disconnect();
    expect(ends.reduce((n, p) => n + Number(p.high), 0)).toBe(ids.length + 1);
  });

  it.each([
    ['an hour fast', 3_600_000],
    ['an hour slow', -3_600_000],
  ])(
    'with the clock %s when the orders were saved, then corrected: none sent twice, none lost',
    async (_what, skewMs) => {
      const k = await orderTopic(shared);
      const c1 = await core({ brokers: k.brokers, topic: k.topic });
      const ids: string[] = [];
      for (let i = 0; i < 8; i++) ids.push((await c1.submit(draft(`skew-${i % 4}`, i))).order.orderId);
      await until(() => allDelivered(c1, ids), 30_000, deliveryReport(c1, ids, 'first delivery'));
      await c1.core.close();
      // The crash before the delivered marks committed, on a terminal whose clock was off when it
      // saved them (saved_at) and right when it sent them (the records' timestamps). What the
      // first send recorded survives: the partition and where its log ended (0: the topic is
      // fresh for this test, and the first batch of each partition recorded its end before it).
      const db = new Database(path.join(c1.dataDir, OUTBOX_FILE));
      db.transaction(() => {
        db.prepare(
          `INSERT INTO outbox (seq, order_id, customer_id, order_json, state, attempts, saved_at, submission_id,
                             search_partition, search_from)
         SELECT seq, order_id, customer_id, order_json, 'sending', attempts,
                strftime('%Y-%m-%dT%H:%M:%fZ', saved_at, ? || ' seconds'), submission_id, partition, 0
         FROM order_history`,
        ).run(String(skewMs / 1000));
        db.prepare(`DELETE FROM order_history`).run();
        db.prepare(`UPDATE outbox_meta SET value = 0 WHERE key = 'history_count'`).run();
      })();
      db.close();

      const c2 = await core({ brokers: k.brokers, topic: k.topic, dataDir: c1.dataDir });
      await until(() => allDelivered(c2, ids), 30_000, deliveryReport(c2, ids, 'the second session settling them'));
      const admin = shared.kafka().admin();
      await admin.connect();
      const ends = await admin.fetchTopicOffsets(k.topic);
      await admin.disconnect();
      expect(ends.reduce((n, p) => n + Number(p.high), 0)).toBe(ids.length);
      const got = await k.readBack(ids.length);
      expect(got.map((m) => (m.value as { orderId: string }).orderId).sort()).toEqual([...ids].sort());
    },
  );
});

describe('a topic deleted and re-created', () => {
  it('orders wait while it is gone, then go to the new topic (which restarts at offset 0)', async () => {
    const k = await orderTopic(shared);
    const c = await core({ brokers: k.brokers, topic: k.topic });
    const first = await c.submit(draft('del-1', 1));
    await until(() => c.state(first.order.orderId) === 'delivered', 20_000, 'first delivered');
    await shared.deleteTopic(k.topic);
    const second = await c.submit(draft('del-1', 2));
    await until(
      () => c.records.get(second.order.orderId)?.error?.code === 'kafka.topicMissing',
      30_000,
      'kafka.topicMissing',
    );
    await k.create();
    await until(() => c.state(second.order.orderId) === 'delivered', 40_000, 'delivery to the re-created topic');
    expect(c.records.get(second.order.orderId)!.offset).toBe('0');
    const got = await k.readBack(1);
    expect((got[0].value as { orderId: string }).orderId).toBe(second.order.orderId);
  });
});

describe('the app core with no broker configured', () => {
  it('starts the sandbox cluster, reports it, and delivers to it', async () => {
    const dataDir = tempDir('order-desk-it-');
    const c = await createAppCore({ dataDir, mode: 'browser', version: 'test', env: {}, log: () => {} });
    cleanups.push(() => c.close());
    const info = await c.handlers.app.info(undefined);
    expect(info).toEqual({
      ok: true,
      value: { version: 'test', mode: 'browser', sandbox: true, dataDir, brokersFromEnvironment: false },
    });
    const r = await c.handlers.orders.submit(draft('sandbox-1') as never);
    if (!r.ok) throw new Error('submit failed');
    await until(
      async () => {
        const recent = await c.handlers.orders.recent({ limit: 1 });
        return recent.ok && recent.value[0].state === 'delivered';
      },
      20_000,
      'delivered to the sandbox',
    );
    const conn = await c.handlers.connection.state(undefined);
    expect(conn.ok && conn.value).toMatchObject({ status: 'connected', sandbox: true, topic: 'user-data', waiting: 0 });
    expect(conn.ok && conn.value.brokers).toHaveLength(3);
  });

  it('a service exception becomes an internal error value, not a crash', async () => {
    const dataDir = tempDir('order-desk-it-');
    const c = await createAppCore({
      dataDir,
      mode: 'browser',
      version: 'test',
      env: {},
      sandbox: { start: false },
      log: () => {},
    });
    await c.close();
    // The outbox is closed now: a request that needs it throws inside the service.
    const r = await c.handlers.orders.recent({ limit: 5 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('internal');
  });
});
