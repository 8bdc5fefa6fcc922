// Topic re-creation and truncation seen from the outbox (issue 10): orders recorded as
// delivered that the topic no longer holds become 'delivered-previous-topic', and only the
// operator's confirmed re-send puts them back to waiting. The partition is played by a probe
// answering what a re-created or truncated log would (the integration test uses real clusters).
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { OutboxStore } from '../../../electron/orders/outbox-store';
import { migrateOutbox } from '../../../electron/orders/outbox-schema';
import { checkTopic, checkTopicId, wentBackwards, type ProbeOffset } from '../../../electron/orders/topic-identity';
import { resendPrevious } from '../../../electron/orders/resend-previous';
import type { OffsetProbe } from '../../../electron/kafka/order-id-search';
import { order } from './fixtures';
import { tempDir } from './temp-dir';

const opened: OutboxStore[] = [];
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
});
function fresh(): OutboxStore {
  const s = OutboxStore.open(path.join(tempDir('order-desk-topic-'), 'outbox.sqlite'));
  opened.push(s);
  return s;
}

/** Delivers `n` orders of one customer to partition `p` at offsets 0..n-1; returns their ids in order. */
function deliver(
  s: OutboxStore,
  topic: string,
  p: number,
  n: number,
  firstOffset = 0,
  topicId: string | null = null,
): string[] {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = s.add(order({ customerId: `c-${p}` }));
    if (!r.ok) throw new Error('add failed');
    ids.push(r.value.order.orderId);
  }
  const seqs = s.candidates(1000).slice(-n);
  s.markDelivered(
    seqs.map((row, i) => ({ seq: row.seq, partition: p, offset: String(firstOffset + i) })),
    { topic, topicId },
  );
  return ids;
}

/** A partition log holding `ids` at offsets [start, start + ids.length). */
function log(parts: Record<number, { start?: number; ids: Array<string | null> }>): ProbeOffset {
  return async (p, offset): Promise<OffsetProbe> => {
    const l = parts[p] ?? { ids: [] };
    const start = l.start ?? 0;
    const end = start + l.ids.length;
    const inside = offset >= start && offset < end;
    return { logStart: start, logEnd: end, found: inside, orderId: inside ? l.ids[offset - start] : null };
  };
}

const states = (s: OutboxStore, ids: string[]) => ids.map((id) => s.get(id)!.state);

describe('checking that the topic still holds what was delivered to it', () => {
  it('changes nothing while every partition still holds its orders (also when retention removed the oldest)', async () => {
    const s = fresh();
    const a = deliver(s, 'orders', 0, 5);
    const b = deliver(s, 'orders', 1, 3);
    const changes = await checkTopic(
      s,
      'orders',
      2,
      log({ 0: { start: 2, ids: a.slice(2) }, 1: { ids: [...b, 'other'] } }),
    );
    expect(changes).toEqual([]);
    expect(states(s, [...a, ...b]).every((x) => x === 'delivered')).toBe(true);
    expect(s.previousTopic()).toBeNull();
  });

  it('leaves a partition alone whose record at the offset was removed by compaction', async () => {
    const s = fresh();
    const a = deliver(s, 'orders', 0, 3);
    const compacted: ProbeOffset = async () => ({ logStart: 0, logEnd: 5, found: false, orderId: null });
    expect(await checkTopic(s, 'orders', 1, compacted)).toEqual([]);
    expect(states(s, a)).toEqual(['delivered', 'delivered', 'delivered']);
  });

  it('marks every order of a partition whose offset now holds another record (re-created, written again)', async () => {
    const s = fresh();
    const a = deliver(s, 'orders', 0, 4);
    const b = deliver(s, 'orders', 1, 2);
    const changes = await checkTopic(
      s,
      'orders',
      2,
      log({ 0: { ids: ['n1', 'n2', 'n3', 'n4', 'n5'] }, 1: { ids: b } }),
    );
    expect(changes.map((c) => c.state)).toEqual(Array(4).fill('delivered-previous-topic'));
    expect(states(s, a)).toEqual(Array(4).fill('delivered-previous-topic'));
    expect(states(s, b)).toEqual(['delivered', 'delivered']);
    expect(s.previousTopic()).toMatchObject({ count: 4 });
    expect(s.countsByState()).toMatchObject({ delivered: 2, 'delivered-previous-topic': 4 });
    // The header counts them as needing a person, as their rows say: it read "0 waiting" with no
    // attention count beside Recent orders' "Needs attention".
    expect(s.headerCounts()).toEqual({ waiting: 4, attention: 4, cancellations: 0 });
  });

  it('marks the orders above a truncated log end, and only those while the rest is still ours', async () => {
    const s = fresh();
    const a = deliver(s, 'orders', 0, 6);
    await checkTopic(s, 'orders', 1, log({ 0: { ids: a.slice(0, 4) } }));
    expect(states(s, a)).toEqual([
      ...Array(4).fill('delivered'),
      'delivered-previous-topic',
      'delivered-previous-topic',
    ]);
  });

  it('marks every order of a re-created, still empty topic and of partitions it no longer has', async () => {
    const s = fresh();
    const a = deliver(s, 'orders', 0, 3);
    const c = deliver(s, 'orders', 2, 2);
    const other = deliver(s, 'another-topic', 0, 2);
    await checkTopic(s, 'orders', 1, log({}));
    expect(states(s, [...a, ...c])).toEqual(Array(5).fill('delivered-previous-topic'));
    // Orders of another topic (the settings named it before) are not this topic's business.
    expect(states(s, other)).toEqual(['delivered', 'delivered']);
  });

  it('sees a batch acknowledged at an offset already recorded as delivered as a log gone backwards', () => {
    const s = fresh();
    const a = deliver(s, 'orders', 0, 5);
    expect(wentBackwards(s, 'orders', 0, 5)).toBeNull();
    expect(wentBackwards(s, 'orders', 0, 2)?.length).toBe(3);
    expect(states(s, a)).toEqual(['delivered', 'delivered', ...Array(3).fill('delivered-previous-topic')]);
  });
});

describe("the operator's re-send", () => {
  it('re-sends nothing without the confirmed count, then puts exactly those orders back to waiting, first in line', async () => {
    const s = fresh();
    const a = deliver(s, 'orders', 0, 3);
    await checkTopic(s, 'orders', 1, log({}));
    const later = s.add(order({ customerId: 'c-0' }));
    if (!later.ok) throw new Error('add failed');
    const logged: string[] = [];
    const refused = resendPrevious(s, 2, (m) => logged.push(m));
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'order.resendChanged', params: { expected: 2, count: 3 } },
    });
    expect(states(s, a)).toEqual(Array(3).fill('delivered-previous-topic'));
    const ok = resendPrevious(s, 3, (m) => logged.push(m));
    expect(ok.ok && ok.value.map((c) => c.state)).toEqual(['saved', 'saved', 'saved']);
    expect(states(s, a)).toEqual(['saved', 'saved', 'saved']);
    expect(s.previousTopic()).toBeNull();
    expect(s.headerCounts()).toEqual({ waiting: 4, attention: 0, cancellations: 0 });
    // The re-sent orders go before the order saved after them: the customer's order is kept.
    expect(s.candidates(10).map((r) => r.seq)).toEqual([
      ...a.map((id) => seqOf(s, id)),
      seqOf(s, later.value.order.orderId),
    ]);
    expect(s.countWaiting()).toBe(4);
    expect(logged.join('\n')).toMatch(/operator confirmed: re-sending 3 order/);
  });
});

describe('orders delivered to another cluster (Settings moved the store to other brokers)', () => {
  it("are not checked against this cluster's topic of the same name, by offsets or by id, nor taken for this one's", async () => {
    const s = fresh();
    s.deliveringToCluster('cluster-A');
    const onA = deliver(s, 'orders', 0, 6, 0, 'topic-id-on-A');
    // Now on cluster B: its topic of that name has two records of its own, another id.
    s.deliveringTo({ training: false });
    s.deliveringToCluster('cluster-B');
    const onB = deliver(s, 'orders', 0, 2);
    expect(checkTopicId(s, 'orders', 'topic-id-on-B')).toEqual([]);
    expect(await checkTopic(s, 'orders', 1, log({ 0: { ids: onB } }))).toEqual([]);
    expect(wentBackwards(s, 'orders', 0, 2)).toBeNull();
    expect(states(s, [...onA, ...onB])).toEqual(Array(8).fill('delivered'));
    expect(s.deliveredTopic(onA[0])).toEqual({ topic: 'orders', otherCluster: true });
    expect(s.deliveredTopic(onB[0])).toEqual({ topic: 'orders', otherCluster: false });
    // B's topic re-created: B's orders are found gone, A's are not.
    const gone = await checkTopic(s, 'orders', 1, log({}));
    expect(gone.map((c) => c.orderId).sort()).toEqual([...onB].sort());
    expect(states(s, onA)).toEqual(Array(6).fill('delivered'));
    // Back on A: its orders are checked again, and found there.
    s.deliveringTo({ training: false });
    s.deliveringToCluster('cluster-A');
    expect(checkTopicId(s, 'orders', 'topic-id-on-A')).toEqual([]);
    expect(await checkTopic(s, 'orders', 1, log({ 0: { ids: onA } }))).toEqual([]);
    expect(s.deliveredTopic(onA[0])).toEqual({ topic: 'orders', otherCluster: false });
  });

  it('gives orders delivered before outbox schema 24 the first cluster learned after it, a batch at a time', async () => {
    const file = path.join(tempDir('order-desk-topic-'), 'outbox.sqlite');
    const old = new Database(file);
    migrateOutbox(old, 23);
    const insert = old.prepare(
      `INSERT INTO order_history (seq, order_id, customer_id, order_json, attempts, partition, offset, saved_at,
         delivered_at, delivered_ms, topic, topic_id) VALUES (?, ?, 'c-0', ?, 1, 0, ?, ?, ?, 1, 'orders', 'id-A')`,
    );
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const o = order({ customerId: 'c-0' });
      ids.push(o.orderId);
      insert.run(i + 1, o.orderId, JSON.stringify(o), i, o.createdAt, o.createdAt);
    }
    old.close();
    const s = OutboxStore.open(file);
    opened.push(s);
    // Before the cluster is known, they are checked as before (by whatever cluster answers).
    expect(s.adoptUnknownCluster('orders', 2)).toBe(0);
    s.deliveringToCluster('cluster-A');
    expect([s.adoptUnknownCluster('orders', 2), s.adoptUnknownCluster('orders', 2)]).toEqual([2, 2]);
    expect(s.adoptUnknownCluster('orders', 2)).toBe(1);
    expect(s.adoptUnknownCluster('orders', 2)).toBe(0);
    expect(s.recordedTopicIds('orders')).toEqual(['id-A']);
    // Now they are cluster A's: another cluster's topic of that name does not make them gone.
    s.deliveringTo({ training: false });
    s.deliveringToCluster('cluster-B');
    expect(checkTopicId(s, 'orders', 'id-B')).toEqual([]);
    expect(await checkTopic(s, 'orders', 1, log({}))).toEqual([]);
    expect(states(s, ids)).toEqual(Array(5).fill('delivered'));
    // And A's re-created topic does.
    s.deliveringTo({ training: false });
    s.deliveringToCluster('cluster-A');
    expect(
      checkTopicId(s, 'orders', 'id-A2')
        .map((c) => c.orderId)
        .sort(),
    ).toEqual([...ids].sort());
  });
});

function seqOf(s: OutboxStore, orderId: string): number {
  return s.candidates(100).find((r) => r.order.orderId === orderId)!.seq;
}
