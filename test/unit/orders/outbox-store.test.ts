import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OutboxStore } from '../../../electron/orders/outbox-store';
import { OUTBOX_SCHEMA_VERSION } from '../../../electron/orders/outbox-schema';
import { appError } from '../../../shared/error-codes';
import { order, refund, refuseAsTooLarge } from './fixtures';
import { orderDraftSchema } from '../../../shared/order-schema';
import { tempDir } from './temp-dir';

const opened: OutboxStore[] = [];
function openAt(file: string): OutboxStore {
  const s = OutboxStore.open(file);
  opened.push(s);
  return s;
}
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
});

function value<T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value;
}

describe('outbox store', () => {
  it('opens an outbox written by the first version (schema 1) and keeps its orders', () => {
    const file = path.join(tempDir(), 'outbox.sqlite');
    const v1 = new Database(file);
    v1.exec(`CREATE TABLE schema_version (version INTEGER NOT NULL, applied_at TEXT NOT NULL);
      INSERT INTO schema_version VALUES (1, '2026-11-24T00:00:00.000Z');
      CREATE TABLE outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, order_id TEXT NOT NULL UNIQUE, customer_id TEXT NOT NULL,
        order_json TEXT NOT NULL, state TEXT NOT NULL CHECK (state IN ('saved', 'sending', 'delivered', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0, partition INTEGER, offset TEXT, error_code TEXT, error_params TEXT,
        auto_retry INTEGER NOT NULL DEFAULT 1, next_attempt_at INTEGER, saved_at TEXT NOT NULL, delivered_at TEXT);
      CREATE INDEX outbox_waiting ON outbox (seq) WHERE state <> 'delivered';
      CREATE INDEX outbox_customer ON outbox (customer_id, seq);`);
    const old = order({ customerId: 'before-upgrade' });
    v1.prepare(
      `INSERT INTO outbox (order_id, customer_id, order_json, state, saved_at) VALUES (?, ?, ?, 'saved', ?)`,
    ).run(old.orderId, old.customerId, JSON.stringify(old), '2026-11-24T00:00:00.000Z');
    v1.close();
    const store = openAt(file);
    expect(store.get(old.orderId)?.order).toEqual(old);
    expect(store.countWaiting()).toBe(1);
    const next = order();
    expect(store.addMany([next], ['8f5e2a7c-3b1d-4c6e-9a2f-1d0b7e4c5a93'])[0].ok).toBe(true);
    expect(store.countWaiting()).toBe(2);
  });

  it('runs in WAL mode with synchronous=FULL and records its schema version', () => {
    const file = path.join(tempDir(), 'outbox.sqlite');
    openAt(file).close();
    const db = new Database(file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect((db.prepare('SELECT MAX(version) AS v FROM schema_version').get() as { v: number }).v).toBe(
      OUTBOX_SCHEMA_VERSION,
    );
    db.close();
    // synchronous is per connection: ask the store's own connection.
    expect(openAt(file).durability()).toEqual({ journalMode: 'wal', synchronous: 'full' });
  });

  it('keeps saved orders across a close and reopen, newest first, with every field intact', () => {
    const file = path.join(tempDir(), 'outbox.sqlite');
    const a = order({ customerId: 'a' });
    const b = order({ customerId: 'b' });
    const s1 = openAt(file);
    value(s1.add(a));
    value(s1.add(b));
    s1.close();
    const s2 = openAt(file);
    const recent = s2.recent(10);
    expect(recent.map((r) => r.order.orderId)).toEqual([b.orderId, a.orderId]);
    expect(recent[1].order).toEqual(a);
    expect(recent[1]).toMatchObject({
      state: 'saved',
      attempts: 0,
      partition: null,
      offset: null,
      error: null,
      autoRetry: true,
    });
    expect(s2.countWaiting()).toBe(2);
  });

  it('moves through sending → delivered with partition and offset, and failed with an error', () => {
    const s = openAt(path.join(tempDir(), 'o.sqlite'));
    const a = order();
    const b = order();
    value(s.add(a));
    value(s.add(b));
    const [ca, cb] = s.candidates(10);
    expect([ca.order.orderId, cb.order.orderId]).toEqual([a.orderId, b.orderId]);
    expect(s.markSending([ca.seq, cb.seq]).map((r) => [r.state, r.attempts])).toEqual([
      ['sending', 1],
      ['sending', 1],
    ]);
    const [d] = s.markDelivered([{ seq: ca.seq, partition: 2, offset: '41' }]);
    expect(d).toMatchObject({ state: 'delivered', partition: 2, offset: '41', error: null });
    expect(d.deliveredAt).not.toBeNull();
    const retryAt = Date.now() + 1000;
    const [f] = s.markFailed([cb.seq], {
      error: appError('kafka.topicMissing', { topic: 'user-data' }),
      autoRetry: true,
      nextAttemptAt: retryAt,
      countAttempt: false,
    });
    expect(f).toMatchObject({
      state: 'failed',
      attempts: 1,
      autoRetry: true,
      error: { code: 'kafka.topicMissing', params: { topic: 'user-data' } },
    });
    expect(f.nextAttemptAt).toBe(new Date(retryAt).toISOString());
    expect(s.countWaiting()).toBe(1);
    expect(s.countsByState()).toEqual({
      saved: 0,
      sending: 0,
      delivered: 1,
      failed: 1,
      voided: 0,
      'delivered-previous-topic': 0,
    });
    expect(s.nextDueAt(Date.now())).toBe(retryAt);
    expect(s.nextDueAt(retryAt)).toBeNull();
  });

  it('hands out candidates in insertion order and skips orders that only the clerk can retry', () => {
    const s = openAt(path.join(tempDir(), 'o.sqlite'));
    const orders = Array.from({ length: 5 }, (_, i) => order({ customerId: `c${i}` }));
    for (const o of orders) value(s.add(o));
    const c = s.candidates(10);
    expect(c.map((r) => r.order.customerId)).toEqual(['c0', 'c1', 'c2', 'c3', 'c4']);
    s.markFailed([c[1].seq], {
      error: appError('kafka.messageTooLarge'),
      autoRetry: false,
      nextAttemptAt: null,
      countAttempt: true,
    });
    expect(s.candidates(10).map((r) => r.order.customerId)).toEqual(['c0', 'c2', 'c3', 'c4']);
    expect(s.candidates(2).map((r) => r.order.customerId)).toEqual(['c0', 'c2']);
    // The clerk's Retry brings it back, due now, error cleared.
    const retried = value(s.retry(orders[1].orderId));
    expect(retried).toMatchObject({ state: 'saved', error: null, autoRetry: true, nextAttemptAt: null });
    expect(s.candidates(10).map((r) => r.order.customerId)).toEqual(['c0', 'c1', 'c2', 'c3', 'c4']);
  });

  it('refuses Retry on an order that did not fail, and on an unknown order', () => {
    const s = openAt(path.join(tempDir(), 'o.sqlite'));
    const a = order();
    value(s.add(a));
    expect(s.retry(a.orderId)).toEqual({ ok: false, error: { code: 'order.notRetryable' } });
    const unknown = '3f2b8c1e-1111-4222-8333-444455556666';
    expect(s.retry(unknown)).toEqual({ ok: false, error: { code: 'order.notFound', params: { orderId: unknown } } });
  });

  it('after a crash, orders left in "sending" are waiting again and counted as recovered', () => {
    const file = path.join(tempDir(), 'o.sqlite');
    const s1 = openAt(file);
    const a = order();
    const b = order();
    value(s1.add(a));
    value(s1.add(b));
    const [ca] = s1.candidates(1);
    s1.markSending([ca.seq]);
    // Simulate the process dying: the connection is dropped without any further write.
    s1.close();
    const s2 = openAt(file);
    expect(s2.recoveredFromSending).toBe(1);
    const rec = s2.recent(10).find((r) => r.order.orderId === a.orderId)!;
    expect(rec).toMatchObject({ state: 'saved', attempts: 1 });
    expect(s2.candidates(10).map((r) => r.order.orderId)).toEqual([a.orderId, b.orderId]);
  });

  // The app killed while Settings changed its cluster, before the send's answer: the order may
  // be in the old cluster's topic, so it is not sent to the new one (nor forgotten) at the restart.
  it.each([
    ['training', 'store', 'order.trainingNotSent'],
    ['store', 'training', 'order.storeOrderNotSent'],
  ] as const)(
    'after a crash, an order left sending to the %s cluster once Settings named the %s is set aside for a person',
    (own, other, code) => {
      const file = path.join(tempDir(), 'o.sqlite');
      const s1 = openAt(file);
      s1.sendsTo(own);
      s1.deliveringTo({ training: own === 'training' });
      const a = value(s1.add(order({ customerId: 'kim' })));
      const b = value(s1.add(order({ customerId: 'lee' })));
      s1.markSending([s1.candidates(1)[0].seq]);
      s1.sendsTo(other);
      s1.close();
      const s2 = openAt(file);
      s2.sendsTo(other);
      for (const id of [a.order.orderId, b.order.orderId])
        expect(s2.get(id)).toMatchObject({ state: 'failed', autoRetry: false, error: { code } });
      expect(s2.candidates(10)).toEqual([]);
      expect(s2.countAttention()).toBe(2);
      expect([s2.recoveredSetAside, s2.recoveredFromSending]).toEqual([1, 0]);
      // Back on its own cluster, it goes by itself (the in-doubt check finds it if it got there).
      s2.sendsTo(own);
      expect(s2.candidates(10).map((r) => r.order.orderId)).toEqual([a.order.orderId, b.order.orderId]);
      expect(s2.get(a.order.orderId)).toMatchObject({ state: 'saved', attempts: 1 });
    },
  );

  it('refuses the same order id twice and keeps the first', () => {
    const s = openAt(path.join(tempDir(), 'o.sqlite'));
    const a = order();
    value(s.add(a));
    const again = s.add({ ...a, customerName: 'someone else' });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.code).toBe('order.storeFailed');
    expect(s.recent(10).map((r) => r.order.customerName)).toEqual([a.customerName]);
    // In one group commit, the refused order does not take the others down with it.
    const [b, c] = [order(), order()];
    const results = s.addMany([b, { ...a, customerName: 'again' }, c]);
    expect(results.map((r) => (r.ok ? r.value.order.orderId : r.error.code))).toEqual([
      b.orderId,
      'order.storeFailed',
      c.orderId,
    ]);
    expect(s.recent(10).map((r) => r.order.orderId)).toEqual([c.orderId, b.orderId, a.orderId]);
  });

  it('parses an order at most once on its way from saved to delivered (not at all while it stays in memory)', () => {
    const file = path.join(tempDir(), 'o.sqlite');
    const s1 = openAt(file);
    const [a, b] = [order({ customerId: 'parse-a' }), order({ customerId: 'parse-b' })];
    const parsed: string[] = [];
    const realParse = JSON.parse;
    const spy = vi
      .spyOn(JSON, 'parse')
      .mockImplementation((text: string, reviver?: Parameters<typeof JSON.parse>[1]) => {
        if (typeof text === 'string' && text.includes('"parse-')) parsed.push(text);
        return realParse(text, reviver);
      });
    try {
      const walk = (s: OutboxStore) => {
        const rows = s.candidates(10);
        s.markSending(rows.map((r) => r.seq));
        const values = rows.map((r) => [r.order.customerId, r.orderJson] as const);
        s.markDelivered(rows.map((r, i) => ({ seq: r.seq, partition: 0, offset: String(i) })));
        return values;
      };
      value(s1.add(a));
      expect(walk(s1)).toEqual([['parse-a', JSON.stringify(a)]]);
      expect(parsed).toEqual([]);
      // After a restart the waiting order is read back and parsed, once.
      value(s1.add(b));
      s1.close();
      const s2 = openAt(file);
      expect(walk(s2).map(([id]) => id)).toEqual(['parse-b']);
      expect(parsed).toHaveLength(1);
    } finally {
      spy.mockRestore();
    }
  });

  it('hands out orders no listener can change', () => {
    const s = openAt(path.join(tempDir(), 'o.sqlite'));
    const saved = value(s.add(order()));
    expect(() => {
      (saved.order as { total: number }).total = 0;
    }).toThrow(TypeError);
    expect(s.candidates(1)[0].order.total).toBeGreaterThan(0);
  });

  it('still loads an order saved in a currency the ISO check now refuses (KWR), and repeats it into the form, which then says so', () => {
    const s = openAt(path.join(tempDir(), 'o.sqlite'));
    const saved = value(s.add(order({ customerId: 'old', currency: 'KWR' })));
    expect(s.get(saved.order.orderId)?.order.currency).toBe('KWR');
    expect(s.recent(10).map((r) => r.order.currency)).toEqual(['KWR']);
    const repeated = s.lastDraft('old');
    expect(repeated?.currency).toBe('KWR');
    const again = orderDraftSchema.safeParse(repeated);
    expect(again.success ? null : again.error.issues.map((i) => i.message)).toEqual(['field.currencyUnknownMeant']);
  });

  it('gives the last order of a customer (or of the terminal) back as a draft', () => {
    const s = openAt(path.join(tempDir(), 'o.sqlite'));
    value(s.add(order({ customerId: 'kim', note: 'first' })));
    value(s.add(order({ customerId: 'lee', note: undefined, phone: undefined })));
    value(s.add(order({ customerId: 'kim', note: 'second' })));
    expect(s.lastDraft('kim')).toMatchObject({ customerId: 'kim', note: 'second' });
    const lee = s.lastDraft('lee')!;
    expect(lee).not.toHaveProperty('orderId');
    expect(lee).not.toHaveProperty('total');
    expect(lee.note).toBeUndefined();
    expect(s.lastDraft(null)).toMatchObject({ customerId: 'kim', note: 'second' });
    expect(s.lastDraft('nobody')).toBeNull();
  });

  it('repeats an order an older version saved with the ID in small letters as that customer’s last (Alt+R)', () => {
    const s = openAt(path.join(tempDir(), 'o.sqlite'));
    // Saved before customerIdKey: stored, and sent, with the letters as typed; kept so.
    value(s.add(order({ customerId: 'c-1001', note: 'delivered yesterday' })));
    s.markSending([1]);
    s.markDelivered([{ seq: 1, partition: 0, offset: '7' }]);
    value(s.add(order({ customerId: 'Cust-7', note: 'waiting' })));
    value(s.add(order({ customerId: 'kimminjiseoul', note: 'many letters' })));
    expect(s.lastDraft('C-1001')).toMatchObject({ customerId: 'c-1001', note: 'delivered yesterday' });
    expect(s.lastDraft('CUST-7')).toMatchObject({ note: 'waiting' });
    expect(s.lastDraft('KIMMINJISEOUL')).toMatchObject({ note: 'many letters' });
    value(s.add(order({ customerId: 'C-1001', note: 'today' })));
    expect(s.lastDraft('C-1001')).toMatchObject({ customerId: 'C-1001', note: 'today' });
  });

  it("passes over a voided order: its basket is not offered again as the customer's last", () => {
    const s = openAt(path.join(tempDir(), 'o.sqlite'));
    const deliver = () => {
      const [row] = s.candidates(10);
      s.markSending([row.seq]);
      s.markDelivered([{ seq: row.seq, partition: 0, offset: String(row.seq) }]);
    };
    value(s.add(order({ customerId: 'kim', note: 'the usual' })));
    deliver();
    const refunded = value(s.add(order({ customerId: 'kim', note: 'refunded' })));
    deliver();
    expect(s.lastDraft('kim')).toMatchObject({ note: 'refunded' });
    expect(s.cancel(refunded.order.orderId, 'refund', refund).ok).toBe(true);
    expect(s.lastDraft('kim')).toMatchObject({ note: 'the usual' });
    expect(s.lastDraft(null)).toMatchObject({ note: 'the usual' });
    // A waiting order voided with its cancellation behind it is passed over too.
    const waiting = value(s.add(order({ customerId: 'kim', note: 'waiting, voided' })));
    s.markSending([s.candidates(10)[0].seq]);
    expect(s.cancel(waiting.order.orderId, 'refund', refund).ok).toBe(true);
    expect(s.lastDraft('kim')).toMatchObject({ note: 'the usual' });
  });

  it('names the newest voided order when every order Alt+R could repeat was voided', () => {
    const s = openAt(path.join(tempDir(), 'o.sqlite'));
    // The terminal's only order, delivered and voided: there is a previous order, and it is voided.
    const only = value(s.add(order({ customerId: 'kim', note: 'refunded' })));
    const [row] = s.candidates(10);
    s.markSending([row.seq]);
    s.markDelivered([{ seq: row.seq, partition: 0, offset: '0' }]);
    expect(s.cancel(only.order.orderId, 'refund', refund).ok).toBe(true);
    expect(s.lastDraft(null)).toBeNull();
    expect(s.lastVoided(null)).toBe(only.order.orderId);
    expect(s.lastVoided('kim')).toBe(only.order.orderId);
    expect(s.lastVoided('lee')).toBeNull();
    // One voided on the Outbox before it was ever sent (needing attention) is the newest voided.
    const refused = value(s.add(order({ customerId: 'lee', note: 'too large' })));
    refuseAsTooLarge(s, s.candidates(10).find((r) => r.order.orderId === refused.order.orderId)!.seq);
    expect(s.void(refused.order.orderId, 'customer left').ok).toBe(true);
    expect(s.lastDraft('lee')).toBeNull();
    expect(s.lastVoided('lee')).toBe(refused.order.orderId);
    expect(s.lastVoided(null)).toBe(refused.order.orderId);
    expect(s.lastVoided('kim')).toBe(only.order.orderId);
  });

  it("offers a customer's last order of the cluster the app sends to now, not a practice one", () => {
    const s = openAt(path.join(tempDir(), 'o.sqlite'));
    s.sendsTo('training');
    s.deliveringTo({ training: true });
    value(s.add(order({ customerId: 'kim', note: 'practised, delivered' })));
    const [row] = s.candidates(10);
    s.markSending([row.seq]);
    s.markDelivered([{ seq: row.seq, partition: 0, offset: '0' }]);
    value(s.add(order({ customerId: 'kim', note: 'practised, waiting' })));
    expect(s.lastDraft('kim')).toMatchObject({ note: 'practised, waiting' });

    // The store's brokers are set: the morning's practice is not kim's last sale.
    s.sendsTo('store');
    s.deliveringTo({ training: false });
    expect(s.lastDraft('kim')).toBeNull();
    expect(s.lastDraft(null)).toBeNull();
    value(s.add(order({ customerId: 'kim', note: 'sold' })));
    expect(s.lastDraft('kim')).toMatchObject({ note: 'sold' });
    expect(s.lastDraft(null)).toMatchObject({ note: 'sold' });

    // Back in training, the sale waits for the store's cluster and is not repeated as practice;
    // the practice order set aside at the store's waits again, and is kim's last.
    s.sendsTo('training');
    expect(s.lastDraft('kim')).toMatchObject({ note: 'practised, waiting' });
  });

  // A clerk in training stopped the whole practice cluster and saved an order: Recent orders and
  // the Outbox showed it without its "Practice" badge until it was delivered, like a sale.
  it('marks an order waiting for the training cluster as practice, set aside after a switch too', () => {
    const s = openAt(path.join(tempDir(), 'o.sqlite'));
    s.sendsTo('training');
    s.deliveringTo({ training: true });
    const saved = value(s.add(order({ customerId: 'kim', note: 'waiting' })));
    // The save's answer is what Recent orders shows first.
    expect(saved.practice).toBe(true);
    const waiting = saved.order.orderId;
    const sent = value(s.add(order({ customerId: 'lee', note: 'under way' }))).order.orderId;
    expect(s.get(waiting)).toMatchObject({ state: 'saved', practice: true });
    s.markSending([s.candidates(10).find((r) => r.order.orderId === sent)!.seq]);
    expect(s.get(sent)).toMatchObject({ state: 'sending', practice: true });
    expect(s.recent(10).map((r) => [r.order.orderId, r.practice])).toEqual([
      [sent, true],
      [waiting, true],
    ]);

    // The store's brokers are set: the one set aside is still practice, a sale is not.
    s.sendsTo('store');
    s.deliveringTo({ training: false });
    const sold = value(s.add(order({ customerId: 'park', note: 'sold' })));
    expect(sold.practice).toBeUndefined();
    const sale = sold.order.orderId;
    expect(s.get(waiting)).toMatchObject({ state: 'failed', error: { code: 'order.trainingNotSent' }, practice: true });
    expect(s.get(sent)).toMatchObject({ state: 'sending', practice: true });
    expect(s.get(sale)?.practice).toBeUndefined();

    // Back in training: the sale set aside for the store's cluster is no practice order.
    s.sendsTo('training');
    expect(s.get(sale)).toMatchObject({ state: 'failed', error: { code: 'order.storeOrderNotSent' } });
    expect(s.get(sale)?.practice).toBeUndefined();
    expect(s.get(waiting)).toMatchObject({ state: 'saved', practice: true });
  });

  // A tester stopped the practice cluster, saved an order, set the store's brokers and cleared
  // them again: the order still needed a person, its text promising the store's cluster, and
  // Resend sent it to the practice one. Set aside only while the app sends to the other cluster.
  it.each([
    ['training', 'store', 'order.trainingNotSent'],
    ['store', 'training', 'order.storeOrderNotSent'],
  ] as const)(
    'an order saved for the %s cluster, set aside at the %s, goes out by itself once back',
    (own, other, code) => {
      const s = openAt(path.join(tempDir(), 'o.sqlite'));
      s.sendsTo(own);
      const saved = value(s.add(order({ customerId: 'kim' })));
      const id = saved.order.orderId;
      s.sendsTo(other);
      expect(s.get(id)).toMatchObject({ state: 'failed', autoRetry: false, error: { code } });
      expect(s.candidates(10)).toEqual([]);
      expect(s.countAttention()).toBe(1);

      const back = s.sendsTo(own);
      expect(back.sentAgain.map((c) => c.orderId)).toEqual([id]);
      expect(s.get(id)).toMatchObject({ state: 'saved', autoRetry: true });
      expect(s.get(id)?.error ?? null).toBeNull();
      expect(s.candidates(10).map((r) => r.order.orderId)).toEqual([id]);
      expect(s.countAttention()).toBe(0);
    },
  );

  /** An outbox sending store orders to cluster-a's topic `orders`. */
  const onStoreCluster = () => {
    const s = openAt(path.join(tempDir(), 'o.sqlite'));
    s.sendsTo('store');
    s.deliveringTo({ training: false });
    s.deliveringToCluster('cluster-a', 'orders');
    return s;
  };

  // Settings moved the store to other brokers while an order's answer was lost: the new
  // cluster's in-doubt search could not see the old one's topic, and the order went to both.
  it('sets aside an order sent to another store cluster without an answer, and sends it again back there', () => {
    const s = onStoreCluster();
    const lost = value(s.add(order({ customerId: 'kim' }))).order.orderId;
    const neverSent = value(s.add(order({ customerId: 'lee' }))).order.orderId;
    const { seq } = s.candidates(1)[0];
    s.markSending([{ seq, partition: 0, logEnd: 7 }]);
    s.markFailed([seq], {
      error: appError('kafka.timeout'),
      autoRetry: true,
      nextAttemptAt: Date.now(),
      countAttempt: false,
    });
    expect(s.atCluster('cluster-a', 'orders')).toEqual({ setAside: [], sentAgain: [] });

    // The other cluster: the order it may hold waits for a person; the one never sent goes.
    s.deliveringTo({ training: false });
    s.deliveringToCluster('cluster-b', 'orders');
    const there = s.atCluster('cluster-b', 'orders');
    expect(there.setAside.map((c) => c.orderId)).toEqual([lost]);
    expect(s.get(lost)).toMatchObject({
      state: 'failed',
      autoRetry: false,
      error: { code: 'order.inDoubtOtherCluster' },
    });
    expect(s.candidates(10).map((r) => r.order.orderId)).toEqual([neverSent]);

    // Back on its cluster it goes again (the dispatcher looks for it there first).
    expect(s.atCluster('cluster-a', 'orders').sentAgain.map((c) => c.orderId)).toEqual([lost]);
    expect(s.get(lost)).toMatchObject({ state: 'saved', autoRetry: true, error: null });

    // Voided while it waits: its cancellation, never sent, waits with it, not sent alone here.
    expect(s.cancel(lost, 'refund', refund).ok).toBe(true);
    expect(s.atCluster('cluster-b', 'orders').setAside).toHaveLength(2);
    expect(s.candidates(10).map((r) => r.order.orderId)).toEqual([neverSent]);

    // Resent by a person: it goes to the cluster the app sends to now, its cancellation after it.
    value(s.retry(lost));
    expect(s.atCluster('cluster-b', 'orders')).toEqual({ setAside: [], sentAgain: [] });
    expect(s.get(lost)).toMatchObject({ state: 'saved', autoRetry: true });
    expect(s.candidates(10)).toHaveLength(3);
    // Where the old cluster's log ended is no place to look for it in the new one's: its next
    // send records where the new log ends, else a lost answer there is looked for at partition 0
    // from offset 7 and the order, appended at partition 2's offset 1, is sent twice.
    s.markSending([{ seq, partition: 2, logEnd: 1 }]);
    expect(s.undelivered().find((r) => r.orderId === lost)?.searchFrom).toEqual({ partition: 2, offset: 1 });
  });

  // Settings changed the order topic alone while an order's answer was lost: the in-doubt search
  // looks in the new topic, and the order went to both. Settings' confirmation counted it as sent
  // there ("send them to orders-2"), though it is set aside.
  it('sets aside an order sent to another topic without an answer, and counts it so before the move', () => {
    const s = onStoreCluster();
    const lost = value(s.add(order({ customerId: 'kim' }))).order.orderId;
    value(s.add(order({ customerId: 'lee' })));
    const [first, second] = s.candidates(2);
    s.markSending([{ seq: first.seq, partition: 0, logEnd: 7 }]);
    const elsewhere = { otherBrokers: false, topic: 'orders-2' };
    expect(s.sentElsewhere(elsewhere).orders).toBe(1);
    s.markFailed([first.seq], {
      error: appError('kafka.timeout'),
      autoRetry: true,
      nextAttemptAt: Date.now(),
      countAttempt: false,
    });
    // Of the two on their way, one would go to the other topic; elsewhere on these brokers or others.
    expect(s.sentElsewhere(elsewhere).orders).toBe(1);
    expect(s.sentElsewhere({ otherBrokers: true, topic: 'orders' }).orders).toBe(1);
    expect(s.sentElsewhere({ otherBrokers: false, topic: 'orders' }).orders).toBe(0);

    s.deliveringTo({ training: false });
    s.deliveringToCluster('cluster-a', 'orders-2');
    expect(s.atCluster('cluster-a', 'orders-2').setAside.map((c) => c.orderId)).toEqual([lost]);
    expect(s.get(lost)).toMatchObject({ state: 'failed', error: { code: 'order.inDoubtOtherCluster' } });
    expect(s.candidates(10).map((r) => r.seq)).toEqual([second.seq]);
    expect(s.sentElsewhere(elsewhere).orders).toBe(0);

    // Back on its topic it goes again (the dispatcher looks for it there first).
    expect(s.atCluster('cluster-a', 'orders').sentAgain.map((c) => c.orderId)).toEqual([lost]);
  });

  // Settings asked before a move "saying how many go where" and counted the orders alone: the
  // voids' cancellations waiting went too, unsaid. And a void queued for an order delivered to the
  // topic left went to the new one, which never had that order: a consumer of the order's topic
  // never saw the void (a void asked after the move is refused so, attention-desk).
  it('counts the cancellations a move sends to the new topic, and keeps back those of orders delivered to the one left', () => {
    const s = onStoreCluster();
    const delivered = value(s.add(order({ customerId: 'kim' }))).order.orderId;
    const lost = value(s.add(order({ customerId: 'lee' }))).order.orderId;
    const neverSent = value(s.add(order({ customerId: 'park' }))).order.orderId;
    const [d, l] = s.candidates(2);
    s.markSending([
      { seq: d.seq, partition: 0, logEnd: 0 },
      { seq: l.seq, partition: 1, logEnd: 0 },
    ]);
    s.markDelivered([{ seq: d.seq, partition: 0, offset: '0' }], { topic: 'orders', topicId: null });
    s.markFailed([l.seq], {
      error: appError('kafka.timeout'),
      autoRetry: true,
      nextAttemptAt: Date.now(),
      countAttempt: false,
    });
    for (const id of [delivered, lost, neverSent]) expect(s.cancel(id, 'refund', refund).ok).toBe(true);
    expect(s.headerCounts().cancellations).toBe(3);

    // Elsewhere, the one sent with no answer stays set aside, and its cancellation with it; the
    // delivered order's cancellation stays for the topic its order is in.
    const topic2 = { otherBrokers: false, topic: 'orders-2' };
    expect(s.sentElsewhere(topic2)).toEqual({ orders: 1, cancellationsThere: 1, cancellationsBehind: 2 });
    expect(s.sentElsewhere({ otherBrokers: true, topic: 'orders' })).toEqual({
      orders: 1,
      cancellationsThere: 1,
      cancellationsBehind: 2,
    });
    expect(s.sentElsewhere({ otherBrokers: false, topic: 'orders' })).toEqual({
      orders: 0,
      cancellationsThere: 3,
      cancellationsBehind: 0,
    });

    // The move does as counted: only the never-sent order and its cancellation go to orders-2.
    s.deliveringTo({ training: false });
    s.deliveringToCluster('cluster-a', 'orders-2');
    // The order and the cancellations, each reported as its order's change.
    expect(
      s
        .atCluster('cluster-a', 'orders-2')
        .setAside.map((c) => c.orderId)
        .sort(),
    ).toEqual([lost, lost, delivered].sort());
    expect(s.headerCounts().cancellations).toBe(1);
    expect(s.get(lost)).toMatchObject({ state: 'failed', error: { code: 'order.inDoubtOtherCluster' } });
    expect(s.get(delivered)?.cancellation).toMatchObject({ state: 'waiting', waitsFor: 'elsewhere' });
    expect(s.candidates(10).map((r) => [r.kind, r.order.orderId])).toEqual([
      ['order', neverSent],
      ['cancel', neverSent],
    ]);
    // Moved again, elsewhere still: it stays back.
    expect(s.atCluster('cluster-a', 'orders-2').sentAgain).toEqual([]);
    expect(s.get(delivered)?.cancellation).toMatchObject({ state: 'waiting', waitsFor: 'elsewhere' });

    // Back on the order's topic it goes there by itself.
    s.deliveringToCluster('cluster-a', 'orders');
    const back = s.atCluster('cluster-a', 'orders');
    expect(back.sentAgain.map((c) => c.orderId).sort()).toEqual([lost, lost, delivered].sort());
    expect(s.get(delivered)?.cancellation).toMatchObject({ state: 'waiting' });
    expect(s.get(delivered)?.cancellation?.waitsFor).toBeUndefined();
    expect(s.candidates(10).map((r) => r.order.orderId)).toContain(delivered);
  });

  it('refuses to open an outbox written by a newer app version, leaving it untouched', () => {
    const file = path.join(tempDir(), 'o.sqlite');
    openAt(file).close();
    const db = new Database(file);
    db.prepare('INSERT INTO schema_version (version, applied_at) VALUES (99, ?)').run(new Date().toISOString());
    db.close();
    const before = fs.readFileSync(file);
    expect(() => OutboxStore.open(file)).toThrow(/newer than this app supports/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });
});
