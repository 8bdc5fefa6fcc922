// Voiding an order with a cancellation (issue 11): the outbox's second kind of row (schema 9)
// through the dispatcher, with an in-memory producer. The cancellation goes after the order with
// the same key, once, across a restart; bad input is refused and nothing is lost.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Dispatcher, type DispatchTarget } from '../../../electron/orders/dispatcher';
import { OutboxStore } from '../../../electron/orders/outbox-store';
import { migrateOutbox, OUTBOX_SCHEMA_VERSION } from '../../../electron/orders/outbox-schema';
import { AttentionDesk } from '../../../electron/orders/attention-desk';
import { partitionForKey } from '../../../electron/kafka/order-message';
import { clusterConfig } from '../../../electron/cluster/cluster-config';
import { cancellationMessageId, VOID_REASON_MAX } from '../../../shared/order-schema';
import { appError } from '../../../shared/error-codes';
import type { ConnectionState, OrderChange, OrderRecord } from '../../../shared/outbox-types';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { FakeKafka } from './fake-kafka';
import { order, refund } from './fixtures';
import { tempDir } from './temp-dir';
import { until as waitUntil } from '../../support/until';

const target: DispatchTarget = {
  brokers: ['127.0.0.1:9092'],
  topic: 'user-data',
  sandbox: false,
  cluster: clusterConfig({ brokers: ['127.0.0.1:9092'] }),
};
const PIN = '4321';
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function open(file: string, kafka: FakeKafka) {
  const outbox = OutboxStore.open(file);
  // The order topic in Settings (the dispatcher's stays target.topic: only the desk reads this).
  const settings = { topic: target.topic };
  const changes: OrderChange[] = [];
  const d = new Dispatcher({
    outbox,
    target,
    createProducer: kafka.factory,
    onChanges: (c) => changes.push(...c),
    onConnection: () => {},
    backoff: { initialMs: 10, maxMs: 40 },
    idleProbeMs: 60_000,
  });
  const desk = new AttentionDesk({
    outbox,
    dataDir: path.dirname(file),
    maxMessageBytes: () => 1_000_000,
    onChanges: (c) => changes.push(...c),
    nudge: () => d.nudge(),
    settings: () => ({ storeId: 'store-1', terminalId: 'terminal-7', clerk: 'Lee', topic: settings.topic }),
    checkPin: (pin) => (pin === PIN ? null : appError('risk.pinWrong')),
  });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await d.close();
    outbox.close();
  };
  cleanups.push(close);
  return { outbox, d, desk, changes, close, settings };
}

const until = (cond: () => boolean, ms = 5_000): Promise<void> =>
  waitUntil(cond, ms, 'the outbox and the cancellation to get there', 5);

describe('voiding an order with a cancellation', () => {
  it('sends the cancellation after the delivered order, on its partition, and shows it on the order', async () => {
    const kafka = new FakeKafka();
    const { outbox, d, desk, changes } = open(path.join(tempDir(), 'outbox.sqlite'), kafka);
    const a = outbox.add(order({ customerId: 'C-1' }));
    if (!a.ok) throw new Error('add failed');
    const id = a.value.order.orderId;
    d.start();
    await until(() => outbox.get(id)?.state === 'delivered');

    const r = desk.void(id, '  customer changed their mind  ', PIN);
    expect(r.ok && r.value.cancellation).toMatchObject({ reason: 'customer changed their mind', state: 'waiting' });
    await until(() => outbox.get(id)?.cancellation?.state === 'delivered');

    const p = partitionForKey('user-data', 'C-1', 3);
    expect(kafka.logs.get(p)).toEqual([id, cancellationMessageId(id)]);
    const rec = outbox.get(id)!;
    expect(rec.state).toBe('delivered');
    expect(rec.cancellation).toMatchObject({ state: 'delivered', partition: p, offset: '1' });
    // The order's change carries it; no change names the cancellation's own id.
    expect(changes.at(-1)).toMatchObject({ orderId: id, cancellation: { state: 'delivered' } });
    expect(changes.every((c) => c.orderId === id)).toBe(true);
    // The Outbox never takes the cancellation for an order; "repeat last order" takes neither it
    // nor the voided order (C-1 has no other).
    expect(outbox.recent(10).map((x) => x.order.orderId)).toEqual([id]);
    expect(outbox.lastDraft('C-1')).toBeNull();
    expect(outbox.lastVoided('C-1')).toBe(id);
    expect(outbox.countWaiting()).toBe(0);
  });

  it('a waiting order voided offline: the order, then its cancellation, once, across a restart mid-send', async () => {
    const kafka = new FakeKafka();
    kafka.reachable = false;
    const file = path.join(tempDir(), 'outbox.sqlite');
    const first = open(file, kafka);
    const a = first.outbox.add(order({ customerId: 'C-2' }));
    const later = first.outbox.add(order({ customerId: 'C-2' }));
    if (!a.ok || !later.ok) throw new Error('add failed');
    const id = a.value.order.orderId;
    first.d.start();
    const r = first.desk.void(id, 'wrong table', PIN);
    expect(r.ok).toBe(true);
    expect(first.outbox.countWaiting()).toBe(3);
    // The cluster comes back; the batch (order, later order, cancellation) is stored but its
    // answer is lost, and the app dies before marking anything.
    kafka.sendFaults.push({ kind: 'fail', error: new Error('connection closed'), appendFirst: true });
    kafka.reachable = true;
    first.d.nudge();
    await until(() => kafka.allDelivered().length === 3);
    await first.close();

    const second = open(file, kafka);
    second.d.start();
    await until(() => second.outbox.countWaiting() === 0);
    const p = partitionForKey('user-data', 'C-2', 3);
    // Found in the topic by the new session, each by its own id: nothing sent twice.
    expect(kafka.logs.get(p)).toEqual([id, later.value.order.orderId, cancellationMessageId(id)]);
    expect(second.outbox.get(id)!.cancellation).toMatchObject({ state: 'delivered', partition: p, offset: '2' });
    expect(second.outbox.get(later.value.order.orderId)!.cancellation).toBeUndefined();
  });

  // A delivered order voided while the cluster was down: its cancellation counted as an order
  // waiting ("3 waiting", "Orders waiting: 3") where the Outbox listed two.
  it('offline, a cancellation waiting is counted apart from the orders waiting, in the header and the banner', async () => {
    const { outbox, d } = open(path.join(tempDir(), 'outbox.sqlite'), new FakeKafka());
    const sold = order({ customerId: 'C-20' });
    expect(outbox.add(sold).ok).toBe(true);
    const [row] = outbox.candidates(10);
    outbox.markSending([row.seq]);
    outbox.markDelivered([{ seq: row.seq, partition: 0, offset: '3' }]);
    expect(outbox.cancel(sold.orderId, 'refund', refund).ok).toBe(true);
    expect(outbox.add(order({ customerId: 'C-21' })).ok).toBe(true);
    expect(outbox.add(order({ customerId: 'C-22' })).ok).toBe(true);
    const offline: ConnectionState = {
      ...d.connectionState(),
      status: 'offline',
      error: appError('kafka.unreachable', { brokers: '127.0.0.1:9092' }),
    };
    const seen = await whatTheClerkSees(offline, outbox.recent(10));
    expect(seen.en.header).toContain('2 waiting 1 cancellation waiting');
    expect(seen.en.banner).toContain('Offline. Orders waiting: 2.');
    expect(seen.en.banner).toContain('1 cancellation is waiting too; it is sent with the orders.');
    expect(seen.ko.header).toContain('대기 2건 취소 대기 1건');
    expect(seen.ko.banner).toContain('대기 중인 주문: 2건.');
    expect(seen.ko.banner).toContain('취소 1건도 대기 중이며 주문과 함께 전송됩니다.');
  });

  it('the in-doubt search does not take the order for its cancellation', async () => {
    const kafka = new FakeKafka();
    const file = path.join(tempDir(), 'outbox.sqlite');
    const first = open(file, kafka);
    const a = first.outbox.add(order({ customerId: 'C-3' }));
    if (!a.ok) throw new Error('add failed');
    const id = a.value.order.orderId;
    first.d.start();
    await until(() => first.outbox.get(id)?.state === 'delivered');
    // The cancellation's send fails before anything is stored; the app dies.
    kafka.reachable = false;
    expect(first.desk.void(id, 'duplicate', PIN).ok).toBe(true);
    await until(() => kafka.sends.length >= 2);
    await first.close();
    kafka.reachable = true;

    const second = open(file, kafka);
    second.d.start();
    await until(() => second.outbox.countWaiting() === 0);
    const p = partitionForKey('user-data', 'C-3', 3);
    expect(kafka.logs.get(p)).toEqual([id, cancellationMessageId(id)]);
    expect(second.outbox.get(id)!.cancellation).toMatchObject({ state: 'delivered', offset: '1' });
  });

  it('refuses an empty or too long reason, a missing or wrong PIN, an unknown order and a second void; nothing lost', async () => {
    const kafka = new FakeKafka();
    const { outbox, d, desk } = open(path.join(tempDir(), 'outbox.sqlite'), kafka);
    const a = outbox.add(order({ customerId: 'C-4' }));
    if (!a.ok) throw new Error('add failed');
    const id = a.value.order.orderId;
    d.start();
    await until(() => outbox.get(id)?.state === 'delivered');
    const codeOf = (r: ReturnType<AttentionDesk['void']>) => (r.ok ? 'ok' : r.error.code);

    expect(codeOf(desk.void(id, '   ', PIN))).toBe('order.voidReason');
    expect(codeOf(desk.void(id, 'x'.repeat(VOID_REASON_MAX + 1), PIN))).toBe('order.voidReason');
    expect(codeOf(desk.void(id, 'x', undefined))).toBe('order.voidPin');
    expect(codeOf(desk.void(id, 'x', '0000'))).toBe('risk.pinWrong');
    const unknown = desk.void('00000000-0000-4000-8000-000000000000', 'x', PIN);
    expect(unknown).toEqual({
      ok: false,
      error: { code: 'order.notFound', params: { orderId: '00000000-0000-4000-8000-000000000000' } },
    });
    expect(outbox.get(id)!.cancellation).toBeUndefined();
    expect(outbox.countWaiting()).toBe(0);

    expect(codeOf(desk.void(id, 'x'.repeat(VOID_REASON_MAX), PIN))).toBe('ok');
    const twice = desk.void(id, 'again', PIN);
    expect(twice).toEqual({ ok: false, error: { code: 'order.alreadyVoided', params: { orderId: id } } });
    // The store refuses it too, whoever asks.
    const again = outbox.cancel(id, 'again', () => {
      throw new Error('not reached');
    });
    expect(again.ok ? 'ok' : again.error.code).toBe('order.alreadyVoided');
    await until(() => outbox.get(id)?.cancellation?.state === 'delivered');
    expect(kafka.allDelivered().filter((m) => m === cancellationMessageId(id))).toHaveLength(1);
    expect(outbox.get(id)!.cancellation!.reason).toBe('x'.repeat(VOID_REASON_MAX));
    expect(outbox.get(id)!.state).toBe('delivered');
  });

  it('refuses to void an order delivered to a topic Settings has since changed: its cancellation would go elsewhere', async () => {
    const kafka = new FakeKafka();
    const { outbox, d, desk, settings } = open(path.join(tempDir(), 'outbox.sqlite'), kafka);
    const a = outbox.add(order({ customerId: 'C-1' }));
    if (!a.ok) throw new Error('add failed');
    const id = a.value.order.orderId;
    d.start();
    await until(() => outbox.get(id)?.state === 'delivered');
    settings.topic = 'store-orders';
    // Refused before the PIN is checked (a wrong one is not counted), and nothing changes.
    expect(desk.void(id, 'customer changed their mind', '000000')).toEqual({
      ok: false,
      error: { code: 'order.voidOtherTopic', params: { orderId: id, topic: target.topic, now: 'store-orders' } },
    });
    expect(outbox.get(id)?.state).toBe('delivered');
    expect(outbox.get(id)?.cancellation ?? null).toBeNull();
    expect(outbox.countWaiting()).toBe(0);
    // Back on the order's topic, it is voided and its cancellation follows it there.
    settings.topic = target.topic;
    expect(desk.void(id, 'customer changed their mind', PIN).ok).toBe(true);
    await until(() => outbox.get(id)?.cancellation?.state === 'delivered');
  });

  it('opens an outbox of schema 8: its orders stay orders, and one can be voided', () => {
    const file = path.join(tempDir(), 'outbox.sqlite');
    const old = new Database(file);
    migrateOutbox(old, 8);
    const waiting = order({ customerId: 'C-5' });
    const delivered = order({ customerId: 'C-5', customerName: 'Park Jiwoo' });
    old
      .prepare(`INSERT INTO outbox (order_id, customer_id, order_json, state, saved_at) VALUES (?, ?, ?, 'saved', ?)`)
      .run(waiting.orderId, waiting.customerId, JSON.stringify(waiting), waiting.createdAt);
    old
      .prepare(
        `INSERT INTO order_history (seq, order_id, customer_id, order_json, attempts, partition, offset, saved_at,
           delivered_at, delivered_ms, topic) VALUES (100, ?, ?, ?, 1, 0, 7, ?, ?, ?, 'user-data')`,
      )
      .run(
        delivered.orderId,
        delivered.customerId,
        JSON.stringify(delivered),
        delivered.createdAt,
        delivered.createdAt,
        1,
      );
    expect((old.prepare(`SELECT MAX(version) AS v FROM schema_version`).get() as { v: number }).v).toBe(8);
    old.close();

    const outbox = OutboxStore.open(file);
    cleanups.push(() => outbox.close());
    // Migrated past 9 (the cancellations) to the newest.
    expect(OUTBOX_SCHEMA_VERSION).toBeGreaterThanOrEqual(9);
    expect(outbox.candidates(10).map((r) => [r.kind, r.order.orderId])).toEqual([['order', waiting.orderId]]);
    const r = outbox.cancel(delivered.orderId, 'refund', refund);
    expect(r.ok && r.value.record.cancellation?.state).toBe('waiting');
    // Behind the older waiting order, and known to the in-doubt search by its own id.
    expect(outbox.candidates(10).map((x) => x.kind)).toEqual(['order', 'cancel']);
    expect(outbox.undelivered().map((u) => u.orderId)).toEqual([
      waiting.orderId,
      cancellationMessageId(delivered.orderId),
    ]);
    expect(JSON.parse(outbox.candidates(10)[1].orderJson)).toMatchObject({
      orderId: delivered.orderId,
      reason: 'refund',
    });
    expect(outbox.recent(10).map((x) => x.order.orderId)).toEqual([delivered.orderId, waiting.orderId]);
    // Orders are still indexed for the name search (by the batch after Save, schema 13);
    // cancellations are not.
    const later = outbox.add(order({ customerId: 'C-6', customerName: 'Seo Yuna' }));
    expect(outbox.indexForSearch()).toBeGreaterThan(0);
    const cancelSeq = outbox.candidates(10)[1].seq;
    const reader = new Database(file, { readonly: true });
    const indexed = (seq: number) =>
      (reader.prepare(`SELECT COUNT(*) AS n FROM order_search WHERE rowid = ?`).get(seq) as { n: number }).n;
    expect(later.ok && indexed(outbox.candidates(10)[2].seq)).toBe(1);
    expect(indexed(cancelSeq)).toBe(0);
    reader.close();
  });
});

describe('a void waiting when the app changes cluster (training and the store)', () => {
  /** An order voided while it waited for `cluster`, and the app then sent to the other one. */
  function voidedWhileWaiting(cluster: 'store' | 'training') {
    const outbox = OutboxStore.open(path.join(tempDir(), 'outbox.sqlite'));
    cleanups.push(() => outbox.close());
    outbox.sendsTo(cluster);
    const o = order({ customerId: 'C-8' });
    expect(outbox.add(o).ok).toBe(true);
    expect(outbox.cancel(o.orderId, 'refund', refund).ok).toBe(true);
    expect(outbox.sendsTo(cluster === 'store' ? 'training' : 'store').switched).toBe(true);
    return { outbox, o };
  }

  it('an order voided while waiting is set aside with its cancellation; resent, both go, in order', () => {
    const { outbox, o } = voidedWhileWaiting('store');
    expect(outbox.candidates(10)).toEqual([]);
    // Resent, it is still listed as voided.
    const resent = outbox.retry(o.orderId);
    expect(resent.ok && resent.value.cancellation).toMatchObject({ reason: 'refund', state: 'waiting' });
    expect(outbox.candidates(10).map((r) => [r.kind, r.order.orderId])).toEqual([
      ['order', o.orderId],
      ['cancel', o.orderId],
    ]);
  });

  it('back on its cluster, an order voided while waiting and its cancellation go by themselves, in order', () => {
    const { outbox, o } = voidedWhileWaiting('store');
    outbox.sendsTo('store');
    expect(outbox.candidates(10).map((r) => [r.kind, r.order.orderId])).toEqual([
      ['order', o.orderId],
      ['cancel', o.orderId],
    ]);
  });

  it('a cancellation set aside goes back to waiting with its order, not ahead of one a person must see', () => {
    const { outbox, o } = voidedWhileWaiting('store');
    // Its order needs a person for another reason (written here directly): its cancellation waits.
    outbox.connection.prepare(`UPDATE outbox SET error_code = 'kafka.recordInvalid' WHERE order_id = ?`).run(o.orderId);
    outbox.sendsTo('store');
    expect(outbox.candidates(10)).toEqual([]);
  });

  // A store order voided while it waited, set aside in training, then corrected there ("Save and
  // resend"): it went to the practice cluster and its cancellation stayed set aside for the
  // store's, the header counting one order needing a person that no row showed, the order listed
  // as not voided, and back on the store's cluster the cancellation went where its order never was.
  it('corrected where it was set aside, its cancellation goes after it, once, and nothing is left for the cluster it left', () => {
    const { outbox, o } = voidedWhileWaiting('store');
    const corrected = outbox.correct(o.orderId, { ...o, note: 'corrected' });
    if (!corrected.ok) throw new Error(corrected.error.code);
    expect(corrected.value.record).toMatchObject({
      state: 'saved',
      cancellation: { reason: 'refund', state: 'waiting' },
    });
    expect(outbox.countAttention()).toBe(0);
    const rows = outbox.candidates(10);
    expect(rows.map((r) => [r.kind, r.order.orderId])).toEqual([
      ['order', o.orderId],
      ['cancel', o.orderId],
    ]);
    expect(rows[0].order.note).toBe('corrected');
    outbox.markSending(rows.map((r) => r.seq));
    outbox.markDelivered(rows.map((r, i) => ({ seq: r.seq, partition: 0, offset: String(i) })));
    expect(outbox.countWaiting()).toBe(0);
    expect(outbox.get(o.orderId)?.cancellation).toMatchObject({ state: 'delivered', offset: '1' });
    const back = outbox.sendsTo('store');
    expect(back.sentAgain).toEqual([]);
    expect(outbox.candidates(10)).toEqual([]);
  });

  it('voided by a person where it was set aside, it was never sent: no cancellation waits for it', () => {
    const { outbox, o } = voidedWhileWaiting('training');
    const voided = outbox.void(o.orderId, 'practice');
    if (!voided.ok) throw new Error(voided.error.code);
    expect(voided.value.record.state).toBe('voided');
    expect(voided.value.record.cancellation ?? null).toBeNull();
    expect(outbox.countWaiting()).toBe(0);
    outbox.sendsTo('training');
    expect(outbox.candidates(10)).toEqual([]);
  });
});

describe('a void of an order the broker then refused for good', () => {
  // A waiting order voided by the clerk (its cancellation waits behind it), then refused for good
  // (too large), and voided from the Outbox: the cancellation went to the topic all the same,
  // announcing the cancellation of an order the topic never had.
  it('voided from the Outbox, it never reached the topic: its cancellation is dropped, never sent', async () => {
    const kafka = new FakeKafka();
    kafka.reachable = false;
    const { outbox, d, desk } = open(path.join(tempDir(), 'outbox.sqlite'), kafka);
    const o = order({ customerId: 'C-10' });
    expect(outbox.add(o).ok).toBe(true);
    d.start();
    expect(desk.void(o.orderId, 'wrong table', PIN).ok).toBe(true);
    kafka.tooLarge.add(o.orderId);
    kafka.reachable = true;
    d.nudge();
    await until(() => outbox.attention(o.orderId).ok);
    const voided = desk.void(o.orderId, 'too many lines');
    if (!voided.ok) throw new Error(voided.error.code);
    expect(voided.value.state).toBe('voided');
    d.nudge();
    await new Promise((r) => setTimeout(r, 100));
    expect(kafka.allDelivered()).toEqual([]);
    expect(outbox.countWaiting()).toBe(0);
    expect(outbox.get(o.orderId)?.cancellation ?? null).toBeNull();
  });

  it('one that may be in the topic (a send whose answer was lost) keeps its cancellation, which goes', () => {
    const outbox = OutboxStore.open(path.join(tempDir(), 'outbox.sqlite'));
    cleanups.push(() => outbox.close());
    const o = order({ customerId: 'C-11' });
    expect(outbox.add(o).ok).toBe(true);
    expect(outbox.cancel(o.orderId, 'refund', refund).ok).toBe(true);
    const [row] = outbox.candidates(10);
    outbox.markSending([{ seq: row.seq, partition: 0, logEnd: 0 }]);
    // An answer no one can read as "not stored", and not retried by itself: it needs a person.
    outbox.markFailed([row.seq], {
      error: appError('kafka.error', { detail: 'lost' }),
      autoRetry: false,
      nextAttemptAt: null,
      countAttempt: false,
    });
    outbox.holdCustomer('C-11', row.seq);
    expect(outbox.void(o.orderId, 'refund').ok).toBe(true);
    expect(outbox.candidates(10).map((r) => [r.kind, r.order.orderId])).toEqual([['cancel', o.orderId]]);
  });

  /**
   * A store order whose send got no answer (it may be in the topic), voided by the clerk, and the
   * app then sent to its training cluster: the order and its cancellation set aside.
   */
  function voidedInDoubtThenTraining(outbox: OutboxStore, customerId: string) {
    outbox.sendsTo('store');
    const o = order({ customerId: customerId });
    expect(outbox.add(o).ok).toBe(true);
    const [row] = outbox.candidates(10);
    outbox.markSending([{ seq: row.seq, partition: 0, logEnd: 0 }]);
    outbox.markFailed([row.seq], {
      error: appError('kafka.timeout'),
      autoRetry: true,
      nextAttemptAt: Date.now(),
      countAttempt: false,
    });
    expect(outbox.cancel(o.orderId, 'refund', refund).ok).toBe(true);
    outbox.sendsTo('training');
    return o;
  }

  it('set aside at a change of cluster after a send whose answer was lost, and voided: its cancellation goes back there', () => {
    const outbox = OutboxStore.open(path.join(tempDir(), 'outbox.sqlite'));
    cleanups.push(() => outbox.close());
    const o = voidedInDoubtThenTraining(outbox, 'C-12');
    expect(outbox.void(o.orderId, 'refund').ok).toBe(true);
    expect(outbox.candidates(10)).toEqual([]);
    // Back on the store's cluster, where the order may be: the cancellation goes (the in-doubt
    // check of the new session finds it if it went already).
    outbox.sendsTo('store');
    expect(outbox.candidates(10).map((r) => [r.kind, r.order.orderId])).toEqual([['cancel', o.orderId]]);
  });

  // The same in training, as the clerk saw it: the header counted 1 needing a person and no row
  // could be acted on; the order's row said "Voided, not sent", nothing of its cancellation.
  it('kept for the store while the app is in training: no one is asked to act, and its row says where it waits', async () => {
    const { outbox, d } = open(path.join(tempDir(), 'outbox.sqlite'), new FakeKafka());
    const o = voidedInDoubtThenTraining(outbox, 'C-13');
    const voided = outbox.void(o.orderId, 'refund');
    if (!voided.ok) throw new Error(voided.error.code);
    // Nothing on its way to the practice cluster, nothing for a person: the header's counts.
    const seen = await whatTheClerkSees(d.connectionState(), outbox.recent(10));
    expect(seen.en.header).not.toContain('need');
    expect(seen.en.header).toContain('0 waiting');
    expect(seen.en.rows).toContain('Voided: refund');
    expect(seen.en.rows).not.toContain('not sent');
    expect(seen.en.rows).toContain(
      'Cancellation waiting for the store’s cluster, where the order is or may be: it is sent there by itself once the app sends to the store’s cluster again, never to the practice cluster.',
    );
    expect(seen.ko.header).toContain('대기 0건');
    expect(seen.ko.rows).toContain('취소됨: refund');
    expect(seen.ko.rows).toContain(
      '앱이 다시 매장 클러스터로 보내면 저절로 전송되며, 연습용 클러스터로는 보내지 않습니다.',
    );
    expect(voided.value.record.cancellation).toMatchObject({ state: 'waiting', waitsFor: 'store' });
    // Back on the store's cluster it is on its way: counted as a cancellation waiting (no order
    // waits), the row says so.
    const back = outbox.sendsTo('store');
    expect(back.sentAgain.map((c) => [c.orderId, c.state, c.cancellation?.waitsFor])).toEqual([
      [o.orderId, 'voided', undefined],
    ]);
    const there = await whatTheClerkSees(d.connectionState(), outbox.recent(10));
    expect(there.en.header).toContain('0 waiting 1 cancellation waiting');
    expect(there.en.header).not.toContain('need');
    expect(there.en.rows).toContain('Cancellation waiting to be sent');
    const [cancel] = outbox.candidates(10);
    outbox.markSending([cancel.seq]);
    outbox.markDelivered([{ seq: cancel.seq, partition: 0, offset: '7' }]);
    expect(outbox.get(o.orderId)).toMatchObject({ state: 'voided', cancellation: { state: 'delivered', offset: '7' } });
  });
});

/**
 * What the clerk reads in the header and on the Outbox screen's rows, in English and Korean, for
 * this connection state and these records (the page's store as they would have it: the real one
 * needs a browser's window).
 */
async function whatTheClerkSees(
  connection: ConnectionState,
  orders: OrderRecord[],
): Promise<Record<'en' | 'ko', { header: string; banner: string; rows: string }>> {
  const state = { connection, orders, transport: 'open', service: null, info: null, loadError: null };
  // Modules imported afresh, with this state (a module imported before holds the last one's).
  vi.resetModules();
  vi.doMock('../../../renderer/store/app-store', () => ({
    useAppStore: (pick: (s: typeof state) => unknown) => pick(state),
    onTheirWay: (c: ConnectionState) => c.waiting - c.attention,
  }));
  vi.doMock('../../../renderer/transport/api', () => ({ api: {} }));
  const { i18next } = await import('../../../renderer/i18n/i18n');
  const { Banners, Header } = await import('../../../renderer/shell/Header');
  const { RecentOrders } = await import('../../../renderer/outbox/RecentOrders');
  const text = (el: Parameters<typeof renderToStaticMarkup>[0]) =>
    renderToStaticMarkup(el)
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
  const seen = async (lang: 'en' | 'ko') => {
    await i18next.changeLanguage(lang);
    const conn = text(createElement(Header, { nav: null })).replace(/^.*?Order Desk|^.*?주문 데스크/, '');
    return {
      header: conn,
      banner: text(createElement(Banners)),
      rows: text(createElement(RecentOrders, { compact: false })),
    };
  };
  try {
    return { en: await seen('en'), ko: await seen('ko') };
  } finally {
    await i18next.changeLanguage('en');
    vi.doUnmock('../../../renderer/store/app-store');
    vi.doUnmock('../../../renderer/transport/api');
  }
}
