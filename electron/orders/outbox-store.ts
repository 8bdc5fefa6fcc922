// The durable outbox: every order the clerk submits is committed here (WAL, synchronous=FULL)
// before the form says "Saved", and stays until Kafka has acknowledged it and long after.
//
// Delivery guarantee. An order once saved is never lost, and it is not sent twice:
// - Inside one producer session the dispatcher uses one idempotent producer and re-sends a
//   batch whose outcome is unknown exactly as it was (same records, same sequence numbers), so
//   the broker recognises it and answers with the first offset.
//   (test/integration/orders: "a batch appended but never acknowledged ...")
// - Across sessions (the app or the machine died mid-send, so rows are left in `sending`, or a
//   power cut forgot recent marks, which are committed with synchronous=NORMAL, see
//   eachInTransaction; or the settings changed while a batch waited) the new session cannot rely
//   on the broker, since its producer id is new. Before it sends anything it looks up every
//   undelivered order's id in its partition (dispatcher.ts, settleInDoubt) and marks those
//   already there delivered at their offsets. (test/integration/orders: "the app dying between
//   Kafka storing orders and the outbox marking them")
// The one exception: credentials that may write but not read the topic cannot make that check;
// the dispatcher logs it and sends those orders again (at-least-once). Every message carries its
// order id (in the value and the `order-id` header), so a consumer can drop such a duplicate.
//
// Orders arrive typed and already checked: the service host's request gate validates the
// renderer's draft once against the contract, and main builds the rest of the order; nothing
// here runs zod again. Each order is turned into JSON once (that string is the Kafka value)
// and, while it waits, kept parsed in memory, so the path from "saved" to "delivered" parses
// no JSON at all; after a restart a waiting order is parsed once, when it is first picked.
import Database from 'better-sqlite3';
import { orderDraftSchema, type Order, type OrderDraft } from '../../shared/order-schema';
import type { OrderRecord, DeliveryState } from '../../shared/outbox-types';
import { appError, isErrorCode, type AppError } from '../../shared/error-codes';
import type { Result } from '../../shared/contract';
import { migrateOutbox } from './outbox-schema';

/** Every column but order_json: state changes return these, the order comes from memory. */
const META_COLUMNS = `seq, order_id, customer_id, state, attempts, partition, offset, error_code, error_params,
  auto_retry, next_attempt_at, saved_at, delivered_at`;

/**
 * How many waiting orders are kept parsed in memory (about 1 KB each). Beyond it, for example
 * a terminal that took orders offline for days, an order is read and parsed when it is sent.
 */
const ORDER_CACHE_LIMIT = 10_000;

interface StoredOrder {
  json: string;
  order: Order;
}

interface RowData {
  seq: number;
  order_id: string;
  customer_id: string;
  /** Absent from rows read with META_COLUMNS. */
  order_json?: string;
  state: DeliveryState;
  attempts: number;
  partition: number | null;
  offset: string | null;
  error_code: string | null;
  error_params: string | null;
  auto_retry: number;
  next_attempt_at: number | null;
  saved_at: string;
  delivered_at: string | null;
}

/**
 * An undelivered row as the dispatcher needs it. The order is fetched only for the rows
 * actually picked for a batch: with many orders waiting, most candidates of a cycle are looked
 * at only for their key.
 */
export class PendingRow {
  private stored: StoredOrder | null = null;
  constructor(
    readonly seq: number,
    readonly customerId: string,
    readonly state: DeliveryState,
    readonly attempts: number,
    /** Epoch ms; null = due now. */
    readonly nextAttemptAt: number | null,
    /** Size of the stored JSON, to keep producer batches under the broker's limits. */
    readonly bytes: number,
    private readonly load: (seq: number) => StoredOrder,
  ) {}

  /** The stored JSON, byte for byte the Kafka message value. */
  get orderJson(): string {
    return (this.stored ??= this.load(this.seq)).json;
  }

  get order(): Order {
    return (this.stored ??= this.load(this.seq)).order;
  }
}

export interface UndeliveredRow {
  seq: number;
  orderId: string;
  customerId: string;
  savedAtMs: number;
}

export interface Delivery {
  seq: number;
  partition: number;
  offset: string;
}

export interface FailureMark {
  error: AppError;
  autoRetry: boolean;
  /** Epoch ms of the next automatic attempt (null when autoRetry is false). */
  nextAttemptAt: number | null;
  /** True when the rows were not marked `sending` first (the attempt failed before a send). */
  countAttempt: boolean;
}

export class OutboxStore {
  /** Rows found in `sending` on open (the at-least-once window described above). */
  readonly recoveredFromSending: number;
  private readonly db: Database.Database;
  private readonly st;
  private sqlRun = 0;
  /** Waiting orders by seq, parsed (see ORDER_CACHE_LIMIT); dropped once delivered. */
  private readonly waiting = new Map<number, StoredOrder>();

  /**
   * Opens (creating if needed) the outbox file. `nativeBinding` is the better-sqlite3 build for
   * Electron's ABI when running inside Electron (see electron/main/native-binding.ts).
   */
  static open(file: string, nativeBinding?: string): OutboxStore {
    const db = new Database(file, nativeBinding ? { nativeBinding } : undefined);
    try {
      return new OutboxStore(db);
    } catch (e) {
      db.close();
      throw e;
    }
  }

  private constructor(db: Database.Database) {
    this.db = db;
    db.pragma('journal_mode = WAL');
    // FULL: a commit is on disk before better-sqlite3 returns, so "Saved" survives power loss.
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    migrateOutbox(db);
    this.st = {
      insert: db.prepare(
        `INSERT INTO outbox (order_id, customer_id, order_json, state, saved_at, submission_id) VALUES (?, ?, ?, 'saved', ?, ?)
         RETURNING ${META_COLUMNS}`,
      ),
      bySubmission: db.prepare(`SELECT * FROM outbox WHERE submission_id = ?`),
      byOrderId: db.prepare(`SELECT * FROM outbox WHERE order_id = ?`),
      orderJson: db.prepare(`SELECT order_json FROM outbox WHERE seq = ?`),
      recent: db.prepare(`SELECT * FROM outbox ORDER BY seq DESC LIMIT ?`),
      lastOfCustomer: db.prepare(`SELECT order_json FROM outbox WHERE customer_id = ? ORDER BY seq DESC LIMIT 1`),
      lastAny: db.prepare(`SELECT order_json FROM outbox ORDER BY seq DESC LIMIT 1`),
      countWaiting: db.prepare(`SELECT COUNT(*) AS n FROM outbox WHERE state <> 'delivered'`),
      undelivered: db.prepare(
        `SELECT seq, order_id, customer_id, saved_at FROM outbox WHERE state <> 'delivered' ORDER BY seq`,
      ),
      countByState: db.prepare(`SELECT state, COUNT(*) AS n FROM outbox GROUP BY state`),
      candidates: db.prepare(
        `SELECT seq, customer_id, state, attempts, next_attempt_at, length(CAST(order_json AS BLOB)) AS bytes FROM outbox
         WHERE state = 'saved' OR (state = 'failed' AND auto_retry = 1)
         ORDER BY seq LIMIT ?`,
      ),
      nextDue: db.prepare(
        `SELECT MIN(next_attempt_at) AS t FROM outbox WHERE state = 'failed' AND auto_retry = 1 AND next_attempt_at > ?`,
      ),
      markSending: db.prepare(
        `UPDATE outbox SET state = 'sending', attempts = attempts + 1, next_attempt_at = NULL
         WHERE seq = ? AND state <> 'delivered' RETURNING ${META_COLUMNS}`,
      ),
      markDelivered: db.prepare(
        `UPDATE outbox SET state = 'delivered', partition = ?, offset = ?, delivered_at = ?,
           error_code = NULL, error_params = NULL, next_attempt_at = NULL
         WHERE seq = ? RETURNING ${META_COLUMNS}`,
      ),
      markFailed: db.prepare(
        `UPDATE outbox SET state = 'failed', attempts = attempts + ?, error_code = ?, error_params = ?,
           auto_retry = ?, next_attempt_at = ?
         WHERE seq = ? AND state <> 'delivered' RETURNING ${META_COLUMNS}`,
      ),
      retry: db.prepare(
        `UPDATE outbox SET state = 'saved', auto_retry = 1, next_attempt_at = NULL, error_code = NULL, error_params = NULL
         WHERE order_id = ? AND state = 'failed' RETURNING ${META_COLUMNS}`,
      ),
      dueNow: db.prepare(`UPDATE outbox SET next_attempt_at = NULL WHERE state = 'failed' AND auto_retry = 1`),
      recoverSending: db.prepare(`UPDATE outbox SET state = 'saved', next_attempt_at = NULL WHERE state = 'sending'`),
      // A fresh session starts with every waiting order due now.
      resetDue: db.prepare(`UPDATE outbox SET next_attempt_at = NULL WHERE state = 'failed' AND auto_retry = 1`),
    };
    for (const statement of Object.values(this.st)) this.countRuns(statement);
    this.recoveredFromSending = this.st.recoverSending.run().changes;
    this.st.resetDue.run();
  }

  /**
   * SQL statements this connection has run (prepared statements, pragmas, and BEGIN + COMMIT
   * per transaction): the benchmarks report it per order.
   */
  get statementsRun(): number {
    return this.sqlRun;
  }

  /** Commits the order durably. */
  add(order: Order): Result<OrderRecord> {
    return this.addMany([order])[0];
  }

  /**
   * Commits several orders in one transaction: one fsync for all of them (group commit). Each
   * order gets its own result; a refused one (a repeated order id) does not affect the others.
   * When the commit itself fails, every order in it fails and none is stored.
   */
  addMany(orders: readonly Order[], submissionIds: ReadonlyArray<string | undefined> = []): Array<Result<OrderRecord>> {
    const results: Array<Result<OrderRecord>> = new Array(orders.length);
    const added: Array<[number, StoredOrder]> = [];
    const savedAt = new Date().toISOString();
    try {
      this.sqlRun += 2;
      this.db.transaction(() => {
        orders.forEach((order, i) => {
          const submissionId = submissionIds[i] ?? null;
          // A submission seen before (its answer was lost): the order it saved, not a second one.
          const earlier = submissionId ? (this.st.bySubmission.get(submissionId) as RowData | undefined) : undefined;
          if (earlier) {
            results[i] = { ok: true, value: this.toRecord(earlier) };
            return;
          }
          try {
            const stored: StoredOrder = { json: JSON.stringify(order), order: freezeOrder(order) };
            const row = this.st.insert.get(
              order.orderId,
              order.customerId,
              stored.json,
              savedAt,
              submissionId,
            ) as RowData;
            added.push([row.seq, stored]);
            results[i] = { ok: true, value: toRecord(row, stored.order) };
          } catch (e) {
            // Only this statement is undone (e.g. a repeated order id); the others stay.
            results[i] = { ok: false, error: appError('order.storeFailed', { detail: errText(e) }) };
          }
        });
      })();
    } catch (e) {
      // The transaction rolled back: nothing of it is stored, whatever the rows said.
      const error = appError('order.storeFailed', { detail: errText(e) });
      return Array.from(results, (r): Result<OrderRecord> => (r && !r.ok ? r : { ok: false, error }));
    }
    for (const [seq, stored] of added) this.remember(seq, stored);
    return results;
  }

  get(orderId: string): OrderRecord | null {
    const row = this.st.byOrderId.get(orderId) as RowData | undefined;
    return row ? this.toRecord(row) : null;
  }

  /** Newest first. */
  recent(limit: number): OrderRecord[] {
    return (this.st.recent.all(limit) as RowData[]).map((r) => this.toRecord(r));
  }

  /** The customer's newest order as a draft (the terminal's newest when customerId is null). */
  lastDraft(customerId: string | null): OrderDraft | null {
    const row = (customerId === null ? this.st.lastAny.get() : this.st.lastOfCustomer.get(customerId)) as
      { order_json: string } | undefined;
    if (!row) return null;
    const o = JSON.parse(row.order_json) as Order;
    const draft = orderDraftSchema.safeParse({
      customerName: o.customerName,
      customerId: o.customerId,
      ...(o.phone ? { phone: o.phone } : {}),
      lines: o.lines,
      currency: o.currency,
      paymentMethod: o.paymentMethod,
      ...(o.note ? { note: o.note } : {}),
    });
    return draft.success ? draft.data : null;
  }

  /** The durability settings in force on this connection (journal mode, synchronous level). */
  durability(): { journalMode: string; synchronous: 'off' | 'normal' | 'full' | 'extra' } {
    const levels = ['off', 'normal', 'full', 'extra'] as const;
    return {
      journalMode: String(this.db.pragma('journal_mode', { simple: true })),
      synchronous: levels[Number(this.db.pragma('synchronous', { simple: true }))],
    };
  }

  /** Orders not yet delivered (saved, sending or failed). */
  countWaiting(): number {
    return (this.st.countWaiting.get() as { n: number }).n;
  }

  countsByState(): Record<DeliveryState, number> {
    const counts: Record<DeliveryState, number> = { saved: 0, sending: 0, delivered: 0, failed: 0 };
    for (const r of this.st.countByState.all() as Array<{ state: DeliveryState; n: number }>) counts[r.state] = r.n;
    return counts;
  }

  /** Every order not known to be delivered: what a new producer session checks the topic for. */
  undelivered(): UndeliveredRow[] {
    const rows = this.st.undelivered.all() as Array<Pick<RowData, 'seq' | 'order_id' | 'customer_id' | 'saved_at'>>;
    return rows.map((r) => ({
      seq: r.seq,
      orderId: r.order_id,
      customerId: r.customer_id,
      savedAtMs: Date.parse(r.saved_at),
    }));
  }

  /** Rows the dispatcher may send (saved, or failed and retried automatically), in order. */
  candidates(limit: number): PendingRow[] {
    const rows = this.st.candidates.all(limit) as Array<
      Pick<RowData, 'seq' | 'customer_id' | 'state' | 'attempts' | 'next_attempt_at'> & { bytes: number }
    >;
    const load = (seq: number) => this.storedOrder(seq);
    return rows.map((r) => new PendingRow(r.seq, r.customer_id, r.state, r.attempts, r.next_attempt_at, r.bytes, load));
  }

  /** Earliest automatic retry time after `now` among failed rows, or null. */
  nextDueAt(now: number): number | null {
    return (this.st.nextDue.get(now) as { t: number | null }).t;
  }

  markSending(seqs: readonly number[]): OrderRecord[] {
    return this.eachInTransaction(seqs, (seq) => this.st.markSending.get(seq) as RowData | undefined);
  }

  markDelivered(deliveries: readonly Delivery[]): OrderRecord[] {
    const at = new Date().toISOString();
    const records = this.eachInTransaction(
      deliveries,
      (d) => this.st.markDelivered.get(d.partition, d.offset, at, d.seq) as RowData | undefined,
    );
    for (const d of deliveries) this.waiting.delete(d.seq);
    return records;
  }

  markFailed(seqs: readonly number[], f: FailureMark): OrderRecord[] {
    const params = f.error.params ? JSON.stringify(f.error.params) : null;
    return this.eachInTransaction(
      seqs,
      (seq) =>
        this.st.markFailed.get(
          f.countAttempt ? 1 : 0,
          f.error.code,
          params,
          f.autoRetry ? 1 : 0,
          f.autoRetry ? f.nextAttemptAt : null,
          seq,
        ) as RowData | undefined,
    );
  }

  /** The clerk's Retry: a failed order goes back to waiting, due now. */
  retry(orderId: string): Result<OrderRecord> {
    const row = this.st.retry.get(orderId) as RowData | undefined;
    if (row) return { ok: true, value: this.toRecord(row) };
    const existing = this.get(orderId);
    return existing
      ? { ok: false, error: appError('order.notRetryable') }
      : { ok: false, error: appError('order.notFound', { orderId }) };
  }

  /** After a settings change every waiting order is due now. */
  makeAllDueNow(): void {
    this.st.dueNow.run();
  }

  close(): void {
    this.waiting.clear();
    if (this.db.open) this.db.close();
  }

  /**
   * The dispatcher's bookkeeping (sending / delivered / failed) commits with synchronous=NORMAL:
   * it survives an app crash, and only a power cut or OS crash can forget the last few marks.
   * Forgetting one never loses an order; the order is just sent again (same order id), which is
   * the at-least-once window described at the top of this file. Orders themselves (add) are
   * always committed with synchronous=FULL. This halves the fsyncs per delivered order, which is
   * what keeps "Saved" under 10 ms while the dispatcher runs at 1,000 orders/s.
   */
  private eachInTransaction<T>(items: readonly T[], fn: (item: T) => RowData | undefined): OrderRecord[] {
    const out: OrderRecord[] = [];
    this.sqlRun += 4; // two pragmas, BEGIN, COMMIT
    this.db.pragma('synchronous = NORMAL');
    try {
      this.db.transaction(() => {
        for (const item of items) {
          const row = fn(item);
          if (row) out.push(this.toRecord(row));
        }
      })();
    } finally {
      this.db.pragma('synchronous = FULL');
    }
    return out;
  }

  /** The order of a row: from memory while it waits, else read and parsed (and kept if waiting). */
  private storedOrder(seq: number): StoredOrder {
    const known = this.waiting.get(seq);
    if (known) return known;
    const json = (this.st.orderJson.get(seq) as { order_json: string }).order_json;
    const stored: StoredOrder = { json, order: freezeOrder(JSON.parse(json) as Order) };
    this.remember(seq, stored);
    return stored;
  }

  private remember(seq: number, stored: StoredOrder): void {
    if (this.waiting.size < ORDER_CACHE_LIMIT) this.waiting.set(seq, stored);
  }

  /** A row as the UI sees it; the order from memory when it is there (rows without order_json need it there or read it). */
  private toRecord(row: RowData): OrderRecord {
    const known = this.waiting.get(row.seq);
    if (known) return toRecord(row, known.order);
    if (row.order_json !== undefined) return toRecord(row, JSON.parse(row.order_json) as Order);
    return toRecord(row, this.storedOrder(row.seq).order);
  }

  private countRuns(statement: Database.Statement): void {
    for (const method of ['run', 'get', 'all'] as const) {
      const original = statement[method].bind(statement) as (...args: unknown[]) => unknown;
      (statement as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
        this.sqlRun++;
        return original(...args);
      };
    }
  }
}

/**
 * Orders in memory are shared by every record and event that carries them; frozen, so no
 * listener can change what the outbox will send.
 */
function freezeOrder(order: Order): Order {
  for (const line of order.lines) Object.freeze(line);
  Object.freeze(order.lines);
  return Object.freeze(order);
}

function toRecord(r: RowData, order: Order): OrderRecord {
  return {
    order,
    state: r.state,
    attempts: r.attempts,
    savedAt: r.saved_at,
    deliveredAt: r.delivered_at,
    partition: r.partition,
    offset: r.offset,
    error: r.error_code && isErrorCode(r.error_code) ? appError(r.error_code, parseParams(r.error_params)) : null,
    autoRetry: r.auto_retry === 1,
    nextAttemptAt: r.next_attempt_at === null ? null : new Date(r.next_attempt_at).toISOString(),
  };
}

function parseParams(json: string | null): AppError['params'] {
  if (!json) return undefined;
  const v = JSON.parse(json) as unknown;
  return v && typeof v === 'object' ? (v as AppError['params']) : undefined;
}

function errText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
