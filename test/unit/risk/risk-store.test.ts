// Review's list from the risk store: the day's flagged orders and every order still held from an
// earlier one (a held order is sent only once a supervisor confirms it, so one missing from Review
// is never sent and never decided), and every statement the store prepares finding its rows
// through an index, so Review's cost does not grow with the terminal's age.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { OutboxStore } from '../../../electron/orders/outbox-store';
import { RiskStore } from '../../../electron/risk/risk-store';
import type { RiskFlag } from '../../../shared/risk-flags';
import type { RiskOutcome, RiskPolicy } from '../../../shared/risk-types';
import { order } from '../orders/fixtures';
import { tempDir } from '../orders/temp-dir';
import { fullScansOf, partialIndexes } from '../orders/query-plans';

const opened: OutboxStore[] = [];
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
});

function open(): { outbox: OutboxStore; risk: RiskStore; file: string } {
  const file = path.join(tempDir(), 'outbox.sqlite');
  const outbox = OutboxStore.open(file);
  opened.push(outbox);
  return { outbox, risk: new RiskStore(outbox.connection), file };
}

const DUPLICATE: RiskFlag = { code: 'duplicate', severity: 'warning', params: {} } as unknown as RiskFlag;
const POLICY: Record<RiskOutcome, RiskPolicy> = {
  sent: 'warn',
  held: 'hold',
  confirmed: 'hold',
  voided: 'hold',
  routed: 'route',
};

function flagged(risk: RiskStore, createdAt: string, outcome: RiskOutcome): string {
  const o = order({ createdAt });
  risk.add({
    order: o,
    submissionId: null,
    flags: [DUPLICATE],
    policy: POLICY[outcome],
    outcome,
    topic: outcome === 'held' ? null : 'user-data',
    headers: { risk: 'duplicate' },
    training: false,
  });
  return o.orderId;
}

const DAY_START = Date.parse('2026-12-03T00:00:00.000Z');

describe("Review's list", () => {
  it('keeps an order held on an earlier day, below the day’s own, until a supervisor decides it', () => {
    const { risk } = open();
    const heldLastWeek = flagged(risk, '2026-11-26T10:00:00.000Z', 'held');
    const heldYesterday = flagged(risk, '2026-12-02T23:55:00.000Z', 'held');
    const decidedYesterday = flagged(risk, '2026-12-02T23:50:00.000Z', 'held');
    flagged(risk, '2026-12-02T23:59:00.000Z', 'sent');
    flagged(risk, '2026-12-02T22:00:00.000Z', 'routed');
    const sentToday = flagged(risk, '2026-12-03T00:01:00.000Z', 'sent');
    const heldToday = flagged(risk, '2026-12-03T00:04:00.000Z', 'held');
    expect(
      risk.decide(decidedYesterday, { decision: 'void', by: 'Lee Sujin', at: '2026-12-03T00:02:00.000Z' }, null, {}),
    ).toBe(true);

    const list = risk.forReview(DAY_START);
    // The day's flagged orders, whatever became of them, then the earlier days' held ones; newest first.
    expect(list.map((e) => e.orderId)).toEqual([heldToday, sentToday, heldYesterday, heldLastWeek]);
    expect(list.map((e) => e.outcome)).toEqual(['held', 'sent', 'held', 'held']);

    expect(
      risk.decide(heldLastWeek, { decision: 'confirm', by: 'Lee Sujin', at: '2026-12-03T00:06:00.000Z' }, 'user-data', {
        risk: 'duplicate',
      }),
    ).toBe(true);
    expect(risk.forReview(DAY_START).map((e) => e.orderId)).toEqual([heldToday, sentToday, heldYesterday]);
  });

  it('the day’s limit never pushes out an earlier day’s held order', () => {
    const { risk } = open();
    const held = flagged(risk, '2026-12-01T09:00:00.000Z', 'held');
    for (let i = 0; i < 3; i++) flagged(risk, `2026-12-03T0${i}:00:00.000Z`, 'sent');
    const list = risk.forReview(DAY_START, 2);
    expect(list).toHaveLength(3);
    expect(list[2].orderId).toBe(held);
  });

  it('finds the held orders’ index in the outbox file (schema 23), and a restart leaves it as it is', () => {
    const { outbox, file } = open();
    const db = new Database(file, { readonly: true });
    const indexes = () =>
      db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'risk_review'`).pluck().all();
    expect(indexes()).toContain('risk_review_held');
    // A second store on the same file (a restart) finds it there and leaves it.
    const again = new RiskStore(outbox.connection);
    expect(again.forReview(DAY_START)).toEqual([]);
    expect(indexes().filter((n) => n === 'risk_review_held')).toHaveLength(1);
    db.close();
  });
});

describe('routed orders at a change of cluster (training and the store)', () => {
  /** A routed order not yet sent to the review topic, screened on the training cluster or the store's. */
  function routed(risk: RiskStore, training: boolean, createdAt = '2026-12-03T09:00:00.000Z'): string {
    const o = order({ createdAt });
    risk.add({
      order: o,
      submissionId: null,
      flags: [DUPLICATE],
      policy: 'route',
      outcome: 'routed',
      topic: 'user-data.review',
      headers: { risk: 'duplicate' },
      training,
    });
    return o.orderId;
  }
  const TRAINING = { training: true, reviewTopic: 'user-data.review' };
  const STORE = { training: false, reviewTopic: 'user-data.review' };
  const shown = (risk: RiskStore, id: string) => {
    const e = risk.forReview(DAY_START).find((x) => x.orderId === id);
    return e && { outcome: e.outcome, delivery: e.delivery, topic: e.topic };
  };

  // A practice order routed for review waited for a person in training once the app had been
  // on the store's brokers and back, while the practice orders set aside went by themselves.
  it('a practice order held at the store’s brokers is routed again once back in training, and sent once', () => {
    const { risk } = open();
    const practice = routed(risk, true);
    const sentBefore = routed(risk, true, '2026-12-03T08:00:00.000Z');
    risk.markRouted(sentBefore, 0, '7');
    const heldByPolicy = flagged(risk, '2026-12-03T08:30:00.000Z', 'held');

    expect(risk.switchedTo(STORE)).toEqual({ held: 1, routedAgain: 0 });
    expect(shown(risk, practice)).toEqual({ outcome: 'held', delivery: null, topic: null });
    expect(risk.routing(10)).toEqual([]);

    expect(risk.switchedTo(TRAINING)).toEqual({ held: 0, routedAgain: 1 });
    expect(shown(risk, practice)).toEqual({ outcome: 'routed', delivery: 'waiting', topic: 'user-data.review' });
    // Delivered to the review topic before the change, it stays so; held by its policy, it stays held.
    expect(shown(risk, sentBefore)).toMatchObject({ outcome: 'routed', delivery: 'delivered' });
    expect(shown(risk, heldByPolicy)).toMatchObject({ outcome: 'held' });
    expect(risk.routing(10).map((r) => r.order.orderId)).toEqual([practice]);
    risk.markRouted(practice, 0, '8');
    expect(risk.routing(10)).toEqual([]);
    expect(shown(risk, practice)).toMatchObject({ outcome: 'routed', delivery: 'delivered' });
  });

  it('a store order held in training is routed again back on the store’s brokers; one a supervisor decided is not', () => {
    const { risk } = open();
    const waits = routed(risk, false);
    const confirmed = routed(risk, false, '2026-12-03T09:05:00.000Z');
    expect(risk.switchedTo(TRAINING)).toEqual({ held: 2, routedAgain: 0 });
    expect(
      risk.decide(confirmed, { decision: 'confirm', by: 'Lee Sujin', at: '2026-12-03T09:20:00.000Z' }, 'user-data', {}),
    ).toBe(true);

    expect(risk.switchedTo(STORE)).toEqual({ held: 0, routedAgain: 1 });
    expect(shown(risk, waits)).toMatchObject({ outcome: 'routed', delivery: 'waiting' });
    expect(shown(risk, confirmed)).toMatchObject({ outcome: 'confirmed' });
  });
});

/** The plan lines that read risk_review whole. */
const fullScans = (plan: string[], partial: Set<string>) => fullScansOf(plan, ['risk_review'], partial);

describe('risk store query plans', () => {
  it('the checker flags a full scan of risk_review and accepts searches', () => {
    const { outbox, file } = open();
    const partial = partialIndexes(file);
    expect(fullScans(outbox.explain(`SELECT * FROM risk_review WHERE customer_id = 'x'`), partial)).not.toEqual([]);
    expect(
      fullScans(outbox.explain(`SELECT * FROM risk_review ORDER BY created_ms DESC LIMIT 5`), partial),
    ).not.toEqual([]);
    expect(fullScans(outbox.explain(`SELECT * FROM risk_review WHERE order_id = 'x'`), partial)).toEqual([]);
  });

  it('no statement the store prepares reads risk_review whole', () => {
    const { outbox, risk, file } = open();
    const partial = partialIndexes(file);
    const sources = risk.statementSources();
    for (const name of ['since', 'heldBefore', 'decide', 'routing', 'ownRecent', 'holdRouted', 'routeAgain'])
      expect(Object.keys(sources)).toContain(name);
    const offenders: string[] = [];
    for (const [name, sql] of Object.entries(sources)) {
      const scans = fullScans(outbox.explain(sql), partial);
      if (scans.length > 0) offenders.push(`${name}: ${scans.join('; ')}`);
    }
    expect(offenders).toEqual([]);
    // Review's earlier held orders: a range of the held rows' own index, not of every flagged order's.
    expect(outbox.explain(sources.heldBefore)).toEqual([
      expect.stringMatching(/^SEARCH risk_review USING INDEX risk_review_held \(created_ms<\?\)$/),
    ]);
  });
});
