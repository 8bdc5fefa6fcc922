// Flagged orders and what became of them, in the outbox's own SQLite file (table risk_review,
// outbox schema 8) and through the outbox's own connection (OutboxStore.connection): a second
// connection made each of the two throw its page cache away whenever the other wrote, and
// read its pages back (34 reads per order at 1,000 orders/s, 2026-12-03). A held
// order is kept only here until a supervisor confirms it (then it goes into the outbox) or
// voids it (then it never does); a routed one waits here until the review sender delivers it.
import Database from 'better-sqlite3';
import type { Order } from '../../shared/order-schema';
import { NOT_SET_ASIDE, NOT_VOIDED } from '../orders/outbox-store';
import type { RiskFlag } from '../../shared/risk-flags';
import type { ReviewEntry, RiskDecision, RiskOutcome, RiskPolicy } from '../../shared/risk-types';
import type { Standing } from './risk-history';

interface Row {
  order_id: string;
  order_json: string;
  flags_json: string;
  policy: RiskPolicy;
  outcome: RiskOutcome;
  topic: string | null;
  headers_json: string;
  decision: 'confirm' | 'void' | null;
  decided_by: string | null;
  decided_at: string | null;
  review_partition: number | null;
  review_offset: string | null;
  training: number;
}

export interface StoredReview {
  order: Order;
  orderJson: string;
  flags: RiskFlag[];
  policy: RiskPolicy;
  outcome: RiskOutcome;
  topic: string | null;
  headers: Record<string, string>;
  decision: RiskDecision | null;
  delivered: { partition: number; offset: string } | null;
  /** Screened while the app sent to its training cluster (outbox schema 22). */
  training: boolean;
}

export interface NewReview {
  order: Order;
  submissionId: string | null;
  flags: readonly RiskFlag[];
  policy: RiskPolicy;
  outcome: RiskOutcome;
  topic: string | null;
  headers: Record<string, string>;
  training: boolean;
}

const INSERT = `INSERT INTO risk_review (order_id, submission_id, customer_id, created_ms, order_json, flags_json,
  policy, outcome, topic, headers_json, training) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

const COLUMNS = `order_id, order_json, flags_json, policy, outcome, topic, headers_json, decision, decided_by,
  decided_at, review_partition, review_offset, training`;

/** An outbox or history row's order: taken, or voided (a cancellation, an Outbox void). */
const STANDING = (table: string) => `CASE WHEN ${NOT_VOIDED(table)} THEN 'taken' ELSE 'voided' END`;

export class RiskStore {
  private readonly db: Database.Database;
  /**
   * The rows of flagged orders the outbox saves right after (outcome 'sent') wait here and are
   * written inside the outbox's own transaction for the batch (OrderService passes
   * writeBeforeSave to addMany): the order and its row are committed, and fsynced, together,
   * with no commit of their own. Held and routed orders, which the outbox never sees, are
   * committed at once. Every read writes what waits first, so none misses a row.
   */
  private pendingSent: unknown[][] = [];
  private readonly pendingBySubmission = new Map<string, NewReview>();
  private readonly st;
  /** Headers of flagged orders waiting in the outbox, by order id: the dispatcher asks per message. */
  private readonly headerCache = new Map<string, Record<string, string>>();
  /**
   * Orders held for a supervisor, counted once at start and then kept as rows are held and
   * decided: the Review tab shows it, and holding an order asks nothing more of the file.
   */
  private heldNow = 0;
  /** Told the new count whenever it changes. */
  onHeld: (held: number) => void = () => {};

  /** The outbox's connection (OutboxStore.connection): its file is at the outbox's schema (23 for risk_review_held), and it stays the outbox's to close. */
  constructor(db: Database.Database) {
    this.db = db;
    this.st = {
      insert: this.db.prepare(INSERT),
      get: this.db.prepare(`SELECT ${COLUMNS} FROM risk_review WHERE order_id = ?`),
      bySubmission: this.db.prepare(`SELECT ${COLUMNS} FROM risk_review WHERE submission_id = ?`),
      since: this.db.prepare(
        `SELECT ${COLUMNS} FROM risk_review WHERE created_ms >= ? ORDER BY created_ms DESC LIMIT ?`,
      ),
      // No limit: a held order left out of Review could never be confirmed or voided, and so
      // never sent. There are as many as supervisors left undecided, not as many as orders.
      heldCount: this.db.prepare(`SELECT count(*) FROM risk_review WHERE outcome = 'held'`).pluck(),
      heldBefore: this.db.prepare(
        `SELECT ${COLUMNS} FROM risk_review WHERE outcome = 'held' AND created_ms < ? ORDER BY created_ms DESC`,
      ),
      decide: this.db.prepare(
        `UPDATE risk_review SET outcome = ?, topic = ?, headers_json = ?, decision = ?, decided_by = ?, decided_at = ?
         WHERE order_id = ? AND outcome = 'held'`,
      ),
      routing: this.db.prepare(
        `SELECT ${COLUMNS} FROM risk_review WHERE outcome = 'routed' AND review_offset IS NULL ORDER BY created_ms LIMIT ?`,
      ),
      // This terminal's own recent orders: delivered (by delivery time, indexed), waiting, and
      // held or routed ones, which are in neither outbox table. Oldest first, as the history wants.
      // `taken`: in the baselines (not voided, not waiting for a supervisor; a confirmed one is in
      // the outbox).
      // Only those of the cluster the app sends to: not practice orders once the store's brokers
      // are set (schema 21), nor orders set aside at that change.
      ownRecent: this.db.prepare(
        `SELECT order_json, standing FROM (
           SELECT order_json, delivered_ms AS t, ${STANDING('order_history')} AS standing FROM order_history
             WHERE delivered_ms >= @since AND training = @training
           UNION ALL SELECT order_json, seq AS t, ${STANDING('outbox')} AS standing FROM outbox WHERE kind = 'order'
             AND ${NOT_SET_ASIDE}
           UNION ALL SELECT order_json, created_ms AS t, 'held' AS standing FROM risk_review
             WHERE created_ms >= @since AND outcome IN ('held', 'routed'))`,
      ),
      // A submission the outbox already saved (its answer was lost): both lookups indexed.
      outboxSubmission: this.db.prepare(
        `SELECT 1 FROM outbox WHERE submission_id = @id UNION ALL SELECT 1 FROM order_history WHERE submission_id = @id LIMIT 1`,
      ),
      routed: this.db.prepare(`UPDATE risk_review SET review_partition = ?, review_offset = ? WHERE order_id = ?`),
      holdRouted: this.db.prepare(
        `UPDATE risk_review SET outcome = 'held', topic = NULL
         WHERE outcome = 'routed' AND review_offset IS NULL AND training <> @training`,
      ),
      // Held at an earlier change of cluster, not by its policy: a routed order is held only
      // there (holdRouted), and a supervisor's decision ends that.
      routeAgain: this.db.prepare(
        `UPDATE risk_review INDEXED BY risk_review_held SET outcome = 'routed', topic = @topic
         WHERE outcome = 'held' AND policy = 'route' AND decision IS NULL AND training = @training`,
      ),
    };
    this.heldNow = this.st.heldCount.get() as number;
  }

  add(r: NewReview): void {
    const row = [
      r.order.orderId,
      r.submissionId,
      r.order.customerId,
      Date.parse(r.order.createdAt),
      JSON.stringify(r.order),
      JSON.stringify(r.flags),
      r.policy,
      r.outcome,
      r.topic,
      JSON.stringify(r.headers),
      r.training ? 1 : 0,
    ];
    if (r.outcome !== 'sent') {
      this.writeBeforeSave();
      this.st.insert.run(...row);
      if (r.outcome === 'held') this.heldBy(1);
      return;
    }
    // Only a row whose order the outbox commits next (OrderService's batch) may wait.
    this.pendingSent.push(row);
    if (r.submissionId) this.pendingBySubmission.set(r.submissionId, r);
    this.headerCache.set(r.order.orderId, r.headers);
  }

  /**
   * Writes the rows of flagged orders about to be saved (see pendingSent): inside the outbox's
   * transaction when OrderService saves a batch, in a transaction of their own when a read
   * comes first.
   */
  writeBeforeSave(): void {
    if (this.pendingSent.length === 0) return;
    const rows = this.pendingSent;
    this.pendingSent = [];
    this.pendingBySubmission.clear();
    const write = () => {
      for (const row of rows) this.st.insert.run(...row);
    };
    // Inside the outbox's transaction for the batch (the usual case) the rows are simply part of
    // it: a transaction of their own there would be a savepoint, two more statements a batch.
    if (this.db.inTransaction) write();
    else this.db.transaction(write)();
  }

  get(orderId: string): StoredReview | null {
    this.writeBeforeSave();
    const row = this.st.get.get(orderId) as Row | undefined;
    return row ? toStored(row) : null;
  }

  bySubmission(submissionId: string): StoredReview | null {
    // Asked for every submit: the rows still waiting are looked up in memory, not written first.
    const waiting = this.pendingBySubmission.get(submissionId);
    if (waiting) return storedOf(waiting);
    const row = this.st.bySubmission.get(submissionId) as Row | undefined;
    return row ? toStored(row) : null;
  }

  /** Whether the outbox saved an order of this submission already (it then answers with that order). */
  inOutbox(submissionId: string): boolean {
    return this.st.outboxSubmission.get({ id: submissionId }) !== undefined;
  }

  /**
   * The extra headers an order's message carries (risk, risk-decision), or undefined for an
   * unflagged order. Read once from the table after a restart, then from memory.
   */
  headersFor(orderId: string): Record<string, string> | undefined {
    const known = this.headerCache.get(orderId);
    if (known) return known;
    const row = this.st.get.get(orderId) as Row | undefined;
    if (!row) return undefined;
    const headers = JSON.parse(row.headers_json) as Record<string, string>;
    this.headerCache.set(orderId, headers);
    return headers;
  }

  /** The outbox delivered the order: its headers are not asked for again. */
  forget(orderIds: Iterable<string>): void {
    for (const id of orderIds) this.headerCache.delete(id);
  }

  /** A held order's decision; false when it was not held (decided already, or not flagged). */
  decide(orderId: string, decision: RiskDecision, topic: string | null, headers: Record<string, string>): boolean {
    this.writeBeforeSave();
    const outcome: RiskOutcome = decision.decision === 'confirm' ? 'confirmed' : 'voided';
    const changed =
      this.st.decide.run(outcome, topic, JSON.stringify(headers), decision.decision, decision.by, decision.at, orderId)
        .changes === 1;
    if (changed && outcome === 'confirmed') this.headerCache.set(orderId, headers);
    if (changed) this.heldBy(-1);
    return changed;
  }

  /**
   * Review's list, newest first: the flagged orders since `dayStartMs` and, below them, every
   * order held from before it. A held order waits for a supervisor whatever day it was made; a
   * list of the day's alone lost it at midnight, unsent and with no one able to decide it.
   */
  forReview(dayStartMs: number, limit = 5_000): ReviewEntry[] {
    this.writeBeforeSave();
    const rows = [...(this.st.since.all(dayStartMs, limit) as Row[]), ...(this.st.heldBefore.all(dayStartMs) as Row[])];
    return rows.map((r) => entryOf(toStored(r)));
  }

  /** The SQL of every statement the store prepares, by name: the plan test explains each one. */
  statementSources(): Record<string, string> {
    return Object.fromEntries(Object.entries(this.st).map(([name, stmt]) => [name, stmt.source]));
  }

  /**
   * The app went from its training cluster to the store's, or back. Routed orders not yet
   * delivered to the review topic wait for a supervisor instead (held): they were routed for the
   * other one. Confirming one is the supervisor's decision to send it where orders go now. Those
   * held so at an earlier change and screened on the cluster the app sends to now, and not
   * decided meanwhile, are routed again (to `reviewTopic`), as the outbox sends its set-aside
   * orders again: back on their cluster, the reason no longer holds, and Review had shown a
   * practice order waiting for a person in training.
   */
  switchedTo(cluster: { training: boolean; reviewTopic: string }): { held: number; routedAgain: number } {
    this.writeBeforeSave();
    const training = cluster.training ? 1 : 0;
    const switched = this.db.transaction(() => ({
      held: this.st.holdRouted.run({ training }).changes,
      routedAgain: this.st.routeAgain.run({ topic: cluster.reviewTopic, training }).changes,
    }))();
    this.heldBy(switched.held - switched.routedAgain);
    return switched;
  }

  /** Orders held for a supervisor now (Review's held rows, whatever day or cluster they were made on). */
  get held(): number {
    return this.heldNow;
  }

  private heldBy(n: number): void {
    if (n === 0) return;
    this.heldNow += n;
    this.onHeld(this.heldNow);
  }

  /** Routed orders not yet delivered to the review topic, oldest first. */
  routing(limit: number): StoredReview[] {
    return (this.st.routing.all(limit) as Row[]).map(toStored);
  }

  /** This terminal's orders since `sinceMs` (delivered, waiting, held, routed), to seed the checks' history. */
  ownRecent(sinceMs: number, training: boolean): Array<{ order: Order; standing: Standing }> {
    this.writeBeforeSave();
    const rows = this.st.ownRecent.all({ since: sinceMs, training: training ? 1 : 0 }) as Array<{
      order_json: string;
      standing: Standing;
    }>;
    return rows.map((r) => ({ order: JSON.parse(r.order_json) as Order, standing: r.standing }));
  }

  markRouted(orderId: string, partition: number, offset: string): void {
    this.st.routed.run(partition, offset, orderId);
  }

  /** Writes what waits; the connection is the outbox's, closed with it. */
  close(): void {
    if (this.db.open) this.writeBeforeSave();
  }
}

/** A row not yet written, as it will read back. */
function storedOf(r: NewReview): StoredReview {
  return {
    order: r.order,
    orderJson: JSON.stringify(r.order),
    flags: [...r.flags],
    policy: r.policy,
    outcome: r.outcome,
    topic: r.topic,
    headers: r.headers,
    decision: null,
    delivered: null,
    training: r.training,
  };
}

function toStored(r: Row): StoredReview {
  return {
    order: JSON.parse(r.order_json) as Order,
    orderJson: r.order_json,
    flags: JSON.parse(r.flags_json) as RiskFlag[],
    policy: r.policy,
    outcome: r.outcome,
    topic: r.topic,
    headers: JSON.parse(r.headers_json) as Record<string, string>,
    decision:
      r.decision && r.decided_by && r.decided_at ? { decision: r.decision, by: r.decided_by, at: r.decided_at } : null,
    delivered:
      r.review_partition !== null && r.review_offset !== null
        ? { partition: r.review_partition, offset: r.review_offset }
        : null,
    training: r.training === 1,
  };
}

export function entryOf(s: StoredReview): ReviewEntry {
  return {
    orderId: s.order.orderId,
    customerId: s.order.customerId,
    customerName: s.order.customerName,
    terminalId: s.order.terminalId,
    total: s.order.total,
    currency: s.order.currency,
    createdAt: s.order.createdAt,
    flags: s.flags,
    policy: s.policy,
    outcome: s.outcome,
    topic: s.topic,
    decision: s.decision,
    delivered: s.delivered,
    // A warned or confirmed order's delivery is the outbox's to say (risk-service.ts review).
    delivery: s.outcome === 'routed' ? (s.delivered ? 'delivered' : 'waiting') : null,
    ...(s.training ? { practice: true as const } : {}),
  };
}
