// The original team's incident (../shared/seed/front-page.md), tried against the app: the order
// topic deleted and re-created while orders flow. Counted by reading the topic back with a
// separate consumer: no order is shown as delivered that is not in the topic; the orders the old
// topic took with it are shown as such ('delivered-previous-topic'), with a warning in the
// header's state saying what happened to downstream consumers; nothing goes again until the
// operator confirms the count; then each goes exactly once and nothing else is duplicated.
// Delivered orders carry the topic id the broker reported (Metadata v10+ on both targets), and the
// re-created topic's new id is what tells the operator (and the app) those orders are gone.
// On the sandbox and on real Apache Kafka (KAFKA_TARGET).
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterClient } from '../../../electron/cluster/cluster-client';
import { clusterConfig } from '../../../electron/cluster/cluster-config';
import { formatError, appError } from '../../../shared/error-codes';
import type { OrderRecord } from '../../../shared/outbox-types';
import { kafkaCluster, type TestCluster } from '../../support/kafka-target';
import { readTopic, type ReadMessage } from '../../support/read-topic';
import { until } from '../../support/until';
import { draft, useOrderCores, type Core } from './order-core';

const { core } = useOrderCores();
let shared: TestCluster;
beforeAll(async () => {
  shared = await kafkaCluster();
});
afterAll(() => shared?.close());

const CUSTOMERS = 7;

/** The topic id the cluster reports for `topic` now (Metadata v12, as the app asks it). */
async function topicIdOf(brokers: string[], topic: string): Promise<string | null> {
  const client = new ClusterClient(clusterConfig({ brokers }));
  try {
    return await client.topicId(topic);
  } finally {
    client.close();
  }
}

/** The topic ids the outbox file records for delivered orders, as an operator reading it sees them. */
function recordedTopicIds(c: Core): Array<string | null> {
  const db = new Database(path.join(c.dataDir, 'outbox.sqlite'), { readonly: true });
  try {
    return (db.prepare(`SELECT DISTINCT topic_id FROM order_history`).all() as Array<{ topic_id: string | null }>).map(
      (r) => r.topic_id,
    );
  } finally {
    db.close();
  }
}

async function records(c: Core): Promise<OrderRecord[]> {
  const r = await c.core.handlers.orders.recent({ limit: 500 });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

/** Orders of one customer out of their saving order in the topic (each order's note carries its number). */
function outOfOrder(messages: ReadMessage[], numberOf: Map<string, number>): number {
  const last = new Map<string, number>();
  let n = 0;
  for (const m of [...messages].sort((a, b) => a.partition - b.partition || Number(a.offset) - Number(b.offset))) {
    const id = m.headers['order-id'];
    const num = numberOf.get(id);
    if (num === undefined) continue;
    const key = m.key ?? '';
    if ((last.get(key) ?? -1) > num) n++;
    last.set(key, Math.max(last.get(key) ?? -1, num));
  }
  return n;
}

describe('the order topic deleted and re-created while orders flow', () => {
  it('warns, shows no order as delivered that the topic lacks, and re-sends the lost ones only after confirmation, once', async () => {
    const topic = shared.topic('recreated');
    await shared.createTopic(topic, { partitions: 3 });
    const logs: string[] = [];
    const c = await core({ brokers: shared.brokers, topic, log: (line) => logs.push(line) });
    const numberOf = new Map<string, number>();
    let n = 0;
    const submit = async () => {
      const r = await c.submit(draft(`rc-${n % CUSTOMERS}`, n));
      numberOf.set(r.order.orderId, n++);
    };

    // Before: 40 orders delivered to the topic as it was.
    for (let i = 0; i < 40; i++) await submit();
    await until(async () => (await records(c)).every((r) => r.state === 'delivered'), 30_000, 'first orders delivered');
    // Each delivered order carries the id of the topic it went to (confirmed about a second
    // after its batch, with every batch delivered meanwhile).
    const oldId = await topicIdOf(shared.brokers, topic);
    expect(oldId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    await until(() => recordedTopicIds(c).join() === oldId, 10_000, 'the topic id recorded with the delivered orders');
    expect(recordedTopicIds(c)).toEqual([oldId]);

    // While orders keep coming: the topic is deleted and created again.
    let flowing = true;
    const flow = (async () => {
      while (flowing) {
        await submit();
        await new Promise((r) => setTimeout(r, 40));
      }
    })();
    await new Promise((r) => setTimeout(r, 400));
    await shared.deleteTopic(topic);
    await new Promise((r) => setTimeout(r, 300));
    await shared.createTopic(topic, { partitions: 3 });
    await new Promise((r) => setTimeout(r, 1_500));
    flowing = false;
    await flow;
    const total = n;

    // Every order settles: delivered to the new topic, or marked as delivered to the old one.
    await until(
      async () => {
        const rs = await records(c);
        return (
          rs.length === total && rs.every((r) => r.state === 'delivered' || r.state === 'delivered-previous-topic')
        );
      },
      60_000,
      'every order delivered or marked delivered-previous-topic',
    );
    const before = await records(c);
    const shownDelivered = before.filter((r) => r.state === 'delivered');
    const previous = before.filter((r) => r.state === 'delivered-previous-topic');
    expect(previous.length).toBeGreaterThanOrEqual(40); // at least every order of before the deletion

    // The warning: the header's state carries it, in words about consumers' checkpoints.
    await until(
      () => c.connection.at(-1)?.previousTopic?.count === previous.length,
      10_000,
      'the header told of the orders gone with the old topic',
    );
    const state = (await c.core.handlers.connection.state(undefined)) as {
      ok: true;
      value: { previousTopic: { count: number; since: string; topicId?: { delivered: string; now: string } } };
    };
    const text = formatError(
      appError('topic.recreated', {
        topic,
        count: state.value.previousTopic.count,
        since: state.value.previousTopic.since,
      }),
    );
    expect(text).toMatch(/deleted and re-created/);
    expect(text).toMatch(/checkpoints, committed offsets/);
    expect(formatError(appError('topic.recreated', { topic, count: 1, since: 'x' }), 'ko')).toMatch(/체크포인트/);
    // The reason is the topic id: the operator reads both ids (the orders' recorded one against
    // the broker's now). Which check marks the orders first is a race: a batch acknowledged at
    // offset 0 can mark them by offsets before the new id is compared (seen on Kafka), so the
    // app's log says either; marking by the id alone is proven in dispatcher.test.ts.
    const newId = await topicIdOf(shared.brokers, topic);
    expect(newId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(newId).not.toBe(oldId);
    expect(state.value.previousTopic.topicId).toEqual({ delivered: oldId, now: newId });
    const byId = formatError(appError('topic.recreatedById', { topic, ...state.value.previousTopic.topicId! }));
    expect(byId).toContain(oldId!);
    expect(byId).toContain(newId!);
    expect(logs.join('\n')).toMatch(
      /delivered to \S+ went to a topic of that name with another id; the broker now reports topic id|the broker now reports topic id \S+, not \S+|acknowledged at offset \d+, at or below orders delivered before/,
    );

    // The topic read back by a separate consumer: every order shown delivered is in it, at its offset.
    const inTopic = await readTopic(shared.kafka(), topic, shownDelivered.length, 30_000);
    const at = new Map(inTopic.map((m) => [m.headers['order-id'], `${m.partition}/${m.offset}`]));
    const shownButMissing = shownDelivered.filter((r) => at.get(r.order.orderId) !== `${r.partition}/${r.offset}`);
    expect(shownButMissing.map((r) => r.order.orderId)).toEqual([]);
    expect(inTopic.length).toBe(shownDelivered.length);
    expect(previous.filter((r) => at.has(r.order.orderId))).toEqual([]);

    // Nothing is re-sent without the confirmation: some seconds later the topic holds the same.
    await new Promise((r) => setTimeout(r, 1_000));
    expect((await records(c)).filter((r) => r.state === 'delivered-previous-topic').length).toBe(previous.length);

    // A confirmation of another count re-sends nothing; the right one re-sends exactly those.
    const wrong = await c.core.handlers.orders.resendPreviousTopic({ count: previous.length + 1 });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'order.resendChanged' } });
    const summary = await c.core.handlers.orders.previousTopic(undefined);
    expect(summary.ok && summary.value?.count).toBe(previous.length);
    const ok = await c.core.handlers.orders.resendPreviousTopic({ count: previous.length });
    expect(ok).toEqual({ ok: true, value: { resent: previous.length } });
    await until(
      async () => (await records(c)).every((r) => r.state === 'delivered'),
      60_000,
      're-sent orders delivered',
    );
    await until(() => c.connection.at(-1)?.previousTopic == null, 10_000, 'the warning gone');

    const after = await readTopic(shared.kafka(), topic, total, 30_000);
    const ids = after.map((m) => m.headers['order-id']);
    const duplicated = ids.length - new Set(ids).size;
    const lost = [...numberOf.keys()].filter((id) => !ids.includes(id)).length;
    const resentIds = new Set(previous.map((r) => r.order.orderId));
    const ooResent = outOfOrder(
      after.filter((m) => resentIds.has(m.headers['order-id'])),
      numberOf,
    );
    const ooOthers = outOfOrder(
      after.filter((m) => !resentIds.has(m.headers['order-id'])),
      numberOf,
    );
    console.log(
      `topic re-created (${shared.kind}): acknowledged ${total}, gone with the old topic ${previous.length}, ` +
        `re-sent ${previous.length}, in the topic ${ids.length}, lost ${lost}, duplicated ${duplicated}, ` +
        `out of per-customer order among re-sent ${ooResent}, among the others ${ooOthers}, ` +
        `re-sent behind a newer order of their customer ${outOfOrder(after, numberOf)}`,
    );
    expect({ lost, duplicated, ooResent, ooOthers }).toEqual({ lost: 0, duplicated: 0, ooResent: 0, ooOthers: 0 });
    expect(ids.length).toBe(total);
  }, 180_000);
});
