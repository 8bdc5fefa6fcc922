// Delivered orders leave the hot table for the history (issue 9): migration of an outbox made
// by the schema before it (version 2), lookups, and retention.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { OutboxStore } from '../../../electron/orders/outbox-store';
import { OUTBOX_SCHEMA_VERSION } from '../../../electron/orders/outbox-schema';
import { startHistoryRetention } from '../../../electron/orders/history-retention';
import type { Order } from '../../../shared/order-schema';
import { order } from './fixtures';
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

const DAY = 24 * 60 * 60 * 1000;

/** An outbox exactly as schema versions 1 and 2 made it (the app before the history). */
function schemaV2(file: string): Database.Database {
  const db = new Database(file);
  db.exec(`CREATE TABLE schema_version (version INTEGER NOT NULL, applied_at TEXT NOT NULL);
    INSERT INTO schema_version VALUES (1, '2026-01-02T00:00:00.000Z'), (2, '2026-11-30T00:00:00.000Z');
    CREATE TABLE outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, order_id TEXT NOT NULL UNIQUE, customer_id TEXT NOT NULL,
      order_json TEXT NOT NULL, state TEXT NOT NULL CHECK (state IN ('saved', 'sending', 'delivered', 'failed')),
      attempts INTEGER NOT NULL DEFAULT 0, partition INTEGER, offset TEXT, error_code TEXT, error_params TEXT,
      auto_retry INTEGER NOT NULL DEFAULT 1, next_attempt_at INTEGER, saved_at TEXT NOT NULL, delivered_at TEXT);
    CREATE INDEX outbox_waiting ON outbox (seq) WHERE state <> 'delivered';
    CREATE INDEX outbox_customer ON outbox (customer_id, seq);
    ALTER TABLE outbox ADD COLUMN submission_id TEXT;
    CREATE UNIQUE INDEX outbox_submission ON outbox (submission_id) WHERE submission_id IS NOT NULL;`);
  return db;
}

interface OldRow {
  o: Order;
  state: 'saved' | 'sending' | 'delivered' | 'failed';
  partition?: number;
  offset?: string;
  deliveredAt?: string;
  submissionId?: string;
  attempts?: number;
}

function insertOld(db: Database.Database, rows: OldRow[]): void {
  const ins = db.prepare(`INSERT INTO outbox (order_id, customer_id, order_json, state, attempts, partition, offset,
    error_code, auto_retry, saved_at, delivered_at, submission_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`);
  for (const r of rows)
    ins.run(
      r.o.orderId,
      r.o.customerId,
      JSON.stringify(r.o),
      r.state,
      r.attempts ?? (r.state === 'saved' ? 0 : 1),
      r.partition ?? null,
      r.offset ?? null,
      r.state === 'failed' ? 'kafka.unreachable' : null,
      r.o.createdAt,
      r.deliveredAt ?? null,
      r.submissionId ?? null,
    );
}

describe('order history', () => {
  it('migrates an outbox made by schema 2: delivered orders move to the history, waiting ones stay, nothing is lost', () => {
    const file = path.join(tempDir(), 'outbox.sqlite');
    const db = schemaV2(file);
    const t = (d: number) => new Date(Date.UTC(2026, 10, d, 9, 30, 15, 250)).toISOString();
    const kimOld = order({ customerId: 'kim', note: 'first', createdAt: t(1) });
    const lee = order({ customerId: 'lee', createdAt: t(2) });
    const kimNew = order({ customerId: 'kim', note: 'second', createdAt: t(3) });
    const waiting = order({ customerId: 'park', createdAt: t(4) });
    const failed = order({ customerId: 'choi', createdAt: t(5) });
    const inFlight = order({ customerId: 'lee', createdAt: t(6) });
    insertOld(db, [
      { o: kimOld, state: 'delivered', partition: 2, offset: '9007199254740993', deliveredAt: t(1), attempts: 2 },
      {
        o: lee,
        state: 'delivered',
        partition: 0,
        offset: '41',
        deliveredAt: t(2),
        submissionId: '0b7e2a7c-3b1d-4c6e-9a2f-1d0b7e4c5a93',
      },
      { o: kimNew, state: 'delivered', partition: 2, offset: '42', deliveredAt: t(3) },
      { o: waiting, state: 'saved' },
      { o: failed, state: 'failed' },
      { o: inFlight, state: 'sending' },
    ]);
    db.close();

    const store = openAt(file);
    expect(store.countsByState()).toEqual({
      saved: 2,
      sending: 0,
      failed: 1,
      delivered: 3,
      'delivered-previous-topic': 0,
    });
    expect(store.recoveredFromSending).toBe(1);
    expect(store.countWaiting()).toBe(3);
    expect(store.historyCount()).toBe(3);
    expect(store.oldestDeliveredAt()).toBe(t(1));
    // The screens see the same orders, newest first, with every field as before.
    const recent = store.recent(10);
    expect(recent.map((r) => r.order.orderId)).toEqual(
      [inFlight, failed, waiting, kimNew, lee, kimOld].map((o) => o.orderId),
    );
    expect(recent[5]).toEqual({
      order: kimOld,
      state: 'delivered',
      attempts: 2,
      savedAt: t(1),
      deliveredAt: t(1),
      partition: 2,
      offset: '9007199254740993', // above 2^53: kept exact
      error: null,
      autoRetry: true,
      nextAttemptAt: null,
    });
    expect(store.get(lee.orderId)).toMatchObject({ state: 'delivered', partition: 0, offset: '41' });
    expect(store.atOffset(2, '42')?.order.orderId).toBe(kimNew.orderId);
    expect(store.customerHistory('kim', 10).map((r) => r.order.note)).toEqual(['second', 'first']);
    expect(store.lastDraft('kim')).toMatchObject({ note: 'second' });
    // A submit repeated after its answer was lost still finds the delivered order.
    const again = store.addMany([order({ customerId: 'lee' })], ['0b7e2a7c-3b1d-4c6e-9a2f-1d0b7e4c5a93']);
    expect(again[0].ok && again[0].value.order.orderId).toBe(lee.orderId);
    // Only the waiting orders are offered to the dispatcher.
    expect(store.candidates(10).map((r) => r.order.orderId)).toEqual([waiting, failed, inFlight].map((o) => o.orderId));
    store.close();

    const check = new Database(file, { readonly: true });
    expect((check.prepare('SELECT MAX(version) AS v FROM schema_version').get() as { v: number }).v).toBe(
      OUTBOX_SCHEMA_VERSION,
    );
    expect(check.prepare(`SELECT COUNT(*) AS n FROM outbox WHERE state = 'delivered'`).get()).toEqual({ n: 0 });
    expect(check.prepare(`SELECT delivered_ms FROM order_history WHERE order_id = ?`).get(kimOld.orderId)).toEqual({
      delivered_ms: Date.parse(t(1)),
    });
    check.close();
  });

  it('a delivered order moves to the history in the transaction that marks it, and keeps its seq order', () => {
    const store = openAt(path.join(tempDir(), 'outbox.sqlite'));
    const [a, b, c] = [order({ customerId: 'a' }), order({ customerId: 'b' }), order({ customerId: 'c' })];
    for (const o of [a, b, c]) expect(store.add(o).ok).toBe(true);
    const rows = store.candidates(10);
    store.markSending([rows[0].seq, rows[1].seq]);
    const changes = store.markDelivered([
      { seq: rows[0].seq, partition: 1, offset: '7' },
      { seq: rows[1].seq, partition: 2, offset: '8' },
    ]);
    expect(changes.map((ch) => [ch.orderId, ch.state, ch.partition, ch.offset, ch.attempts])).toEqual([
      [a.orderId, 'delivered', 1, '7', 1],
      [b.orderId, 'delivered', 2, '8', 1],
    ]);
    // A change carries no order: it is what every window receives.
    expect(Object.keys(changes[0])).not.toContain('order');
    expect(store.countWaiting()).toBe(1);
    expect(store.historyCount()).toBe(2);
    expect(store.recent(3).map((r) => [r.order.orderId, r.state])).toEqual([
      [c.orderId, 'saved'],
      [b.orderId, 'delivered'],
      [a.orderId, 'delivered'],
    ]);
    // Marking one again (a late duplicate acknowledgement) changes nothing.
    expect(store.markDelivered([{ seq: rows[0].seq, partition: 1, offset: '7' }])).toEqual([]);
    expect(store.historyCount()).toBe(2);
  });

  it('retention deletes delivered orders older than the setting, never waiting ones, and the count follows', () => {
    const store = openAt(path.join(tempDir(), 'outbox.sqlite'));
    const delivered = Array.from({ length: 5 }, (_, i) => order({ customerId: `c${i}` }));
    for (const o of delivered) store.add(o);
    store.markDelivered(store.candidates(10).map((r, i) => ({ seq: r.seq, partition: 0, offset: String(i) })));
    const stillWaiting = order({ customerId: 'waiting' });
    store.add(stillWaiting);
    expect(store.historyCount()).toBe(5);

    let now = Date.now() + 399 * DAY;
    const logs: string[] = [];
    const retention = startHistoryRetention({
      outbox: store,
      retentionDays: () => 400,
      intervalMs: 3_600_000,
      now: () => now,
      log: (m) => logs.push(m),
    });
    try {
      // Started 399 days after delivery: nothing is old enough yet.
      expect(store.historyCount()).toBe(5);
      now += 2 * DAY;
      expect(retention.runNow()).toBe(5);
      expect(store.historyCount()).toBe(0);
      expect(store.oldestDeliveredAt()).toBeNull();
      expect(store.get(delivered[0].orderId)).toBeNull();
      expect(store.get(stillWaiting.orderId)?.state).toBe('saved');
      expect(store.countWaiting()).toBe(1);
      expect(logs).toEqual(['history: deleted 5 delivered order(s) older than 400 days']);
    } finally {
      retention.stop();
    }
  });

  it('prunes a large history in bounded chunks and keeps the newer part', () => {
    const file = path.join(tempDir(), 'outbox.sqlite');
    const store = openAt(file);
    const orders = Array.from({ length: 4_500 }, (_, i) => order({ customerId: `c${i % 50}` }));
    store.addMany(orders);
    store.markDelivered(store.candidates(5_000).map((r, i) => ({ seq: r.seq, partition: 0, offset: String(i) })));
    // Age the first 4,100 by hand (a year and more ago); the rest stay recent.
    const db = new Database(file);
    db.prepare(
      `UPDATE order_history SET delivered_ms = delivered_ms - ? WHERE seq <= (SELECT MIN(seq) + 4099 FROM order_history)`,
    ).run(500 * DAY);
    db.close();
    expect(store.pruneHistory(Date.now() - 400 * DAY)).toBe(4_100);
    expect(store.historyCount()).toBe(400);
    expect(store.recent(500)).toHaveLength(400);
  });
});
