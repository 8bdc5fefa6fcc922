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
//
// Two tables (issue 9): `outbox` holds only orders still to be delivered, `order_history` the
// delivered ones, moved there in the same transaction that marks them delivered and deleted
// after the retention period. Every statement below finds its rows through an index, so the
// cost of one order does not grow with the terminal's age; test/unit/orders/outbox-plans.test.ts
// checks the query plan of every statement this store prepares (statementSources()).
import Database from 'better-sqlite3';
import {
  cancellationMessageId,
  customerIdSpellings,
  draftOf,
  recordedDraftFieldsSchema,
  type Order,
  type OrderCancellation,
  type OrderDraft,
} from '../../shared/order-schema';
import {
  changeOf,
  OLDER_WAITING_MAX,
  type Cancellation,
  type OrderRecord,
  type DeliveryState,
  type OrderChange,
  type PreviousTopic,
} from '../../shared/outbox-types';
import { appError, isErrorCode, type AppError } from '../../shared/error-codes';
import { SET_ASIDE_CODES, type DeliveryFacts, type SetAsideCode } from '../../shared/delivery-states';
import type { Result } from '../../shared/contract';
import { definitelyNotAppended } from '../cluster/error-mapper';
import { migrateOutbox, SEARCH_INDEX_SQL } from './outbox-schema';
import { answerRepeat } from './repeated-submission';

/**
 * The order of an outbox row never reached the topic: never handed to a send (markSending
 * records where it went first), or refused outright by the broker. One sent with no answer,
 * then set aside or refused for another reason, may be there (the in-doubt check's question).
 */
function neverInTopic(row: RowData): boolean {
  return row.search_partition === null || (row.error_code !== null && definitelyNotAppended({ code: row.error_code }));
}

/** What a state change reports: every column but the order itself. */
const CHANGE_COLUMNS = `seq, order_id, state, attempts, partition, offset, error_code, error_params,
  auto_retry, next_attempt_at, delivered_at`;

/** The set-aside codes as an SQL list, for `error_code NOT IN (…)`. */
const SET_ASIDE_SQL = SET_ASIDE_CODES.map((c) => `'${c}'`).join(', ');

/**
 * An outbox row's condition for not being set aside (waiting for the other cluster): the
 * outbox's Repeat last order and the risk checks' own history ask it of every waiting row.
 */
export const NOT_SET_ASIDE = `(error_code IS NULL OR error_code NOT IN (${SET_ASIDE_SQL}))`;

/**
 * A row the dispatcher may send: outbox_sendable's condition word for word (outbox-schema.ts),
 * so that partial index serves every statement that names it.
 */
const SENDABLE = `state = 'saved' OR (state = 'failed' AND auto_retry = 1)`;

/**
 * The code of what may be in a topic the app no longer sends to, another store cluster's or
 * another of this cluster's (atCluster).
 */
const IN_DOUBT_ELSEWHERE: SetAsideCode = 'order.inDoubtOtherCluster';

/**
 * A person resent or corrected an order set aside as perhaps in another cluster's or topic's
 * log: it goes to the one of now, not set aside again for having been sent to the other, and its
 * next send records where this log ends (markSending): the other log's partition and end offset
 * are no place to look for it here, and a lost answer looked for there would send it twice.
 */
const FORGET_OTHER_CLUSTER = ['sent_cluster', 'sent_topic', 'search_partition', 'search_from']
  .map((c) => `${c} = CASE WHEN error_code = '${IN_DOUBT_ELSEWHERE}' THEN NULL ELSE ${c} END`)
  .join(', ');

/**
 * An outbox row sent to a cluster or a topic other than @cluster's @topic, and not delivered: it
 * may be in that log, which the in-doubt search there cannot see, so it is not sent to @topic
 * (atCluster sets it aside; Settings' confirmation counts it, sentElsewhere). @cluster NULL: one
 * not known yet (other brokers), taken as another. Rows sent while the brokers reported no
 * cluster are never judged, nor, on their topic, rows sent before schema 28.
 */
const sentElsewhereAs = (alias: string) => {
  const [cluster, topic] = [column(alias, 'sent_cluster'), column(alias, 'sent_topic')];
  return `${cluster} IS NOT NULL AND (${cluster} IS NOT @cluster OR ${topic} <> @topic)`;
};
const SENT_ELSEWHERE = sentElsewhereAs('');

/** A row (as `alias`) on its way: waiting, being sent, or due again by itself (no person needed). */
const onTheirWayAs = (alias: string) => {
  const [state, autoRetry] = [column(alias, 'state'), column(alias, 'auto_retry')];
  return `(${state} IN ('saved', 'sending') OR (${state} = 'failed' AND ${autoRetry} = 1))`;
};

/** An outbox column as a statement names it: of the table `alias`, or unqualified (''). */
function column(alias: string, name: string): string {
  return alias ? `${alias}.${name}` : name;
}

/** The voided order's id of a cancellation row (as `alias`): its own id less the prefix. */
const orderOfCancellation = (alias: string) =>
  `substr(${column(alias, 'order_id')}, ${CANCELLATION_ID_PREFIX.length + 1})`;

/**
 * A cancellation row (as `alias`) whose order was delivered to a cluster or topic other than
 * @cluster's @topic: sent to @topic it would announce the void of an order that topic never had,
 * and a consumer of the order's topic would never see it (attention-desk refuses such a void;
 * this is one queued before Settings moved the store). @cluster NULL: other brokers, taken as
 * another cluster; an order delivered while the cluster could not be asked is judged by topic.
 */
const cancelsOrderDeliveredElsewhere = (alias: string) =>
  `EXISTS (SELECT 1 FROM order_history h
            WHERE h.order_id = ${orderOfCancellation(alias)}
              AND ((h.cluster_id IS NOT NULL AND h.cluster_id IS NOT @cluster) OR h.topic <> @topic))`;

/** The code of what waits for a cluster while the app sends to the other one. */
function notSentCode(training: boolean): SetAsideCode {
  return training ? 'order.trainingNotSent' : 'order.storeOrderNotSent';
}

/**
 * A history row's state: delivered, or delivered to a topic since deleted, re-created or
 * truncated (schema 5, issue 10). The one place that says so; the Orders screen's search uses it too.
 */
export const HISTORY_STATE_SQL = `CASE WHEN previous_topic_ms IS NULL THEN 'delivered' ELSE 'delivered-previous-topic' END`;

/** How a cancellation's outbox row's order_id starts (cancellationMessageId). */
const CANCELLATION_ID_PREFIX = cancellationMessageId('');
/** The order_id range holding every cancellation's row: the prefix up to its last character's successor. */
const CANCELLATION_ID_RANGE = {
  from: CANCELLATION_ID_PREFIX,
  to:
    CANCELLATION_ID_PREFIX.slice(0, -1) +
    String.fromCharCode(CANCELLATION_ID_PREFIX.charCodeAt(CANCELLATION_ID_PREFIX.length - 1) + 1),
};

/**
 * A voided order's cancellation (schema 9, issue 11) as one JSON column of the order's row, or
 * NULL: found by the primary key of order_cancellation. The Orders screen's search uses it too.
 * `setAside`: the code its outbox row was set aside with at a change of cluster (sendsTo), if it
 * was: the row of an order voided from the Outbox then (order_voided) said "not sent" and
 * nothing of the cancellation waiting for the cluster the order may be on.
 */
export function cancellationColumn(table: 'outbox' | 'order_history' | 'order_voided'): string {
  return `(SELECT json_object('reason', c.reason, 'voidedAt', c.voided_at, 'partition', c.partition, 'offset', c.offset,
      'setAside', (SELECT w.error_code FROM outbox w WHERE w.order_id = '${CANCELLATION_ID_PREFIX}' || c.order_id
                     AND w.state = 'failed' AND w.auto_retry = 0 AND w.error_code IN (${SET_ASIDE_SQL})))
    FROM order_cancellation c WHERE c.order_id = ${table}.order_id) AS cancellation`;
}

/** A history row as an outbox row (state delivered, no error); the offset back as exact text. */
const HISTORY_COLUMNS = `seq, order_id, customer_id, order_json, ${HISTORY_STATE_SQL} AS state, attempts, partition,
  CAST(offset AS TEXT) AS offset, NULL AS error_code, NULL AS error_params, 1 AS auto_retry, NULL AS next_attempt_at,
  saved_at, delivered_at, ${cancellationColumn('order_history')}, training`;

/**
 * An outbox row's cluster as a history row's `training` column, so a practice order is marked as
 * such while it waits and not only once delivered: the one it was set aside for at a change of
 * cluster, the one a send under way went to (`sentTo`: schema 26's column, which the Orders
 * screen's reader of an older file lacks), else the one the app sends to now (a change sets aside
 * what waited for the other). Read with the row, never written at Save.
 */
export function outboxTrainingColumn(sentTo = true): string {
  return `CASE WHEN error_code = '${notSentCode(true)}' THEN 1 WHEN error_code = '${notSentCode(false)}' THEN 0
    ${sentTo ? `WHEN state = 'sending' AND sent_training IS NOT NULL THEN sent_training` : ''}
    ELSE (SELECT value FROM outbox_meta WHERE key = 'sends_to_training') END AS training`;
}

/** An outbox row with its cancellation, if it was voided while it waited, and its cluster. */
const OUTBOX_COLUMNS = `*, ${cancellationColumn('outbox')}, ${outboxTrainingColumn()}`;

/**
 * A voided row as an outbox row (state voided; its reason travels as the error's parameter), with
 * the cancellation kept for it when it may be in the topic (void).
 */
const VOIDED_COLUMNS = `seq, order_id, customer_id, order_json, 'voided' AS state, attempts, NULL AS partition, NULL AS offset,
  error_code, json_object('reason', reason) AS error_params, 0 AS auto_retry, NULL AS next_attempt_at, saved_at,
  NULL AS delivered_at, ${cancellationColumn('order_voided')}`;

/**
 * What Review shows of an order that a correction may have changed (Outbox → Correct): its
 * customer's name, total and currency as stored now, read from its JSON without parsing the order.
 */
const SHOWN_OF = (t: string) =>
  `json_extract(${t}.order_json, '$.customerName') AS customer_name,
   json_extract(${t}.order_json, '$.total') AS total, json_extract(${t}.order_json, '$.currency') AS currency`;

/** The error a saved order carries while it waits behind its customer's order that needs attention. */
export const HELD_BEHIND = 'waiting.heldBehind';

/** "Newer than any seq": the first page of a seq-descending walk. */
const NO_CURSOR = Number.MAX_SAFE_INTEGER;

/**
 * Orders per search-index batch: about 2 ms of work for 100 (bench DB, 2026-12-03), so even a
 * backlog's catch-up holds the event loop for some 10 ms at a time.
 */
export const SEARCH_INDEX_BATCH = 500;

/** Rows deleted per retention transaction, so pruning a year never holds the database long. */
const PRUNE_CHUNK = 2_000;

/**
 * How many waiting orders are kept parsed in memory (about 1 KB each). Beyond it, for example
 * a terminal that took orders offline for days, an order is read and parsed when it is sent.
 */
const ORDER_CACHE_LIMIT = 10_000;

interface StoredOrder {
  json: string;
  order: Order;
}

/** A row of the outbox, history or voided table as the statements read it: the one description of its columns. */
export interface RowData {
  seq: number;
  order_id: string;
  customer_id: string;
  /** Absent from rows read with CHANGE_COLUMNS. */
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
  /** JSON of the order's cancellation (cancellationColumn), when the query asked for it. */
  cancellation?: string | null;
  /**
   * A history row's cluster (schema 21): 1 when it was delivered to the app's training cluster; an
   * outbox row's when read with outboxTrainingColumn.
   */
  training?: number | null;
  /** An outbox row's partition of its first send (schema 4); null while never sent. Rows read with `*`. */
  search_partition?: number | null;
}

type ChangeRow = Omit<RowData, 'customer_id' | 'order_json' | 'saved_at'>;

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
    /** 'cancel': a voided order's cancellation (its JSON is an OrderCancellation, not an Order). */
    readonly kind: 'order' | 'cancel' = 'order',
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
  /** Sends tried so far: an order never sent cannot be in the topic. */
  attempts: number;
  /** Where its partition's log ended before its first send; null when it was never sent (or sent by an app before schema 4). */
  searchFrom: { partition: number; offset: number } | null;
}

/** Where a partition's log ended before a send: the order's records cannot land below it. */
export interface SendStart {
  seq: number;
  partition: number;
  logEnd: number;
}

/** What Review asks of a flagged order (deliveryFacts): where it stands, and its name and total now. */
export type OrderFacts = DeliveryFacts & { cancelled: boolean; customerName: string; total: number; currency: string };

export interface Delivery {
  seq: number;
  partition: number;
  offset: string;
}

/** The topic a batch was delivered to: its name and, when the broker reports one, its id. */
export interface DeliveredTo {
  topic: string;
  topicId: string | null;
}

/** The delivered order at the highest offset of a partition that is still believed to be in the topic. */
export interface TopDelivered {
  orderId: string;
  offset: number;
  topicId: string | null;
}

export interface FailureMark {
  error: AppError;
  autoRetry: boolean;
  /** Epoch ms of the next automatic attempt (null when autoRetry is false). */
  nextAttemptAt: number | null;
  /** True when the rows were not marked `sending` first (the attempt failed before a send). */
  countAttempt: boolean;
}

type GoneRow = Pick<RowData, 'seq' | 'order_id' | 'attempts' | 'partition' | 'offset' | 'delivered_at'>;

/** Orders just found gone from their topic, as changes to 'delivered-previous-topic'. */
function goneChanges(rows: readonly GoneRow[]): OrderChange[] {
  return rows.map((r) =>
    toChange({
      ...r,
      state: 'delivered-previous-topic',
      error_code: null,
      error_params: null,
      auto_retry: 1,
      next_attempt_at: null,
    }),
  );
}

/** The row's order has no void (a cancellation, waiting or delivered): found by order_cancellation's key. */
export const NOT_VOIDED = (table: string) =>
  `NOT EXISTS (SELECT 1 FROM order_cancellation c WHERE c.order_id = ${table}.order_id)`;

/**
 * Repeat last order's lookups, one per table, the customer's (@customer: each spelling an older
 * version saved, customerIdSpellings; one index lookup each) and the terminal's: only orders of
 * the cluster the app sends to now (@training null: none recorded yet), neither a practice order
 * once the store's brokers are set nor one set aside. With `voided` false, no voided order (its
 * basket came back to the form with nothing saying so); with it true, the voided ones alone, those
 * voided before they were ever sent (order_voided) too: the one Alt+R names when it found no other.
 */
function lastOrderStatements(db: Database.Database, of: 'customer' | 'terminal', voided: boolean) {
  const which = of === 'customer' ? 'customer_id IN (SELECT value FROM json_each(@customer))' : 'seq < @before';
  const asVoided = (table: string) => (voided ? `NOT (${NOT_VOIDED(table)})` : NOT_VOIDED(table));
  return [
    `SELECT seq, order_id, order_json FROM outbox WHERE ${which} AND kind = 'order'
       AND ${NOT_SET_ASIDE} AND ${asVoided('outbox')} ORDER BY seq DESC LIMIT 1`,
    `SELECT seq, order_id, order_json FROM order_history WHERE ${which}
       AND (@training IS NULL OR training = @training) AND ${asVoided('order_history')}
     ORDER BY seq DESC LIMIT 1`,
    ...(voided ? [`SELECT seq, order_id, order_json FROM order_voided WHERE ${which} ORDER BY seq DESC LIMIT 1`] : []),
  ].map((sql) => db.prepare(sql));
}

export class OutboxStore {
  /** Rows found in `sending` on open (the at-least-once window described above). */
  readonly recoveredFromSending: number;
  /** Rows found in `sending` to the other cluster than the one the app sends to now: set aside. */
  readonly recoveredSetAside: number;
  private readonly db: Database.Database;
  private readonly st;
  /** synchronous=NORMAL and back (withoutFsync), prepared once: db.pragma() prepares its statement on every call. */
  private readonly sync: { normal: Database.Statement; full: Database.Statement };
  /**
   * Runs fn in one transaction (a savepoint when inside one). Made once: db.transaction(fn)
   * builds four wrapper functions for every fn it is given, about 10 µs, once per batch saved
   * or marked.
   */
  private readonly inTransaction: <T>(fn: () => T) => T;
  private sqlRun = 0;
  /** Rows in `outbox` (saved, sending, failed), kept in step with every insert and move. */
  private waitingCount: number;
  /** Waiting orders by seq, parsed (see ORDER_CACHE_LIMIT); dropped once delivered. */
  private readonly waiting = new Map<number, StoredOrder>();
  /**
   * Customers with an order that needs attention (see customer-hold.ts): their later orders wait.
   * Kept in memory (a handful at most) so a save needs no extra query to know.
   */
  private readonly held = new Set<string>();
  /**
   * The cluster the app sends to (outbox_meta's sends_to_training; null: none recorded), kept in
   * memory like `held`: a save's answer says "practice", a failed send and Alt+R's lookups read
   * it, without a query each.
   */
  private sendsToTraining: number | null = null;
  /** Whether the dispatcher delivers to the app's training cluster now (deliveringTo). */
  private training = 0;
  /** The id of the Kafka cluster the dispatcher delivers to; null until it has learned it. */
  private clusterId: string | null = null;
  /** The topic the dispatcher sends to, set with clusterId (null with it). */
  private topic: string | null = null;

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
    // 64 MB of page cache rather than SQLite's 2 MB: with a year of history the indexes an order
    // touches (its customer's anywhere in that index; order and submission ids were random when
    // this was measured, time-ordered since) no longer fit in 2 MB, and each delivered batch read
    // its pages back (bench:outbox at 100,000 orders, 1,000/s: Saved p99 24 ms against 32 ms,
    // 2026-12-03). Pages are taken as they are used: reading the customer index in at start-up
    // did not lower the first seconds at a million orders (docs/saved-at-1000-orders.md).
    db.pragma('cache_size = -65536');
    this.sync = { normal: db.prepare('PRAGMA synchronous = NORMAL'), full: db.prepare('PRAGMA synchronous = FULL') };
    this.inTransaction = db.transaction((fn: () => unknown) => fn()) as <T>(fn: () => T) => T;
    migrateOutbox(db);
    this.st = {
      insert: db.prepare(
        `INSERT INTO outbox (order_id, customer_id, order_json, state, saved_at, submission_id, error_code)
         VALUES (?, ?, ?, 'saved', ?, ?, ?)
         RETURNING ${CHANGE_COLUMNS}`,
      ),
      bySubmission: db.prepare(`SELECT ${OUTBOX_COLUMNS} FROM outbox WHERE submission_id = ?`),
      voidedBySubmission: db.prepare(`SELECT ${VOIDED_COLUMNS} FROM order_voided WHERE submission_id = ?`),
      voidedByOrderId: db.prepare(`SELECT ${VOIDED_COLUMNS} FROM order_voided WHERE order_id = ?`),
      // Not the orders set aside for another cluster (sendsTo): they are another stream, and a
      // customer's orders here need not wait for them.
      heldCustomers: db.prepare(
        `SELECT DISTINCT customer_id FROM outbox INDEXED BY outbox_attention WHERE state = 'failed' AND auto_retry = 0
           AND error_code NOT IN (${SET_ASIDE_SQL})`,
      ),
      sendsTo: db.prepare(`SELECT value FROM outbox_meta WHERE key = 'sends_to_training'`).pluck(),
      setSendsTo: db.prepare(`INSERT OR REPLACE INTO outbox_meta (key, value) VALUES ('sends_to_training', ?)`),
      setAside: db.prepare(
        `UPDATE outbox INDEXED BY outbox_sendable
         SET state = 'failed', auto_retry = 0, next_attempt_at = NULL, error_code = @code, error_params = NULL
         WHERE ${SENDABLE}
         RETURNING ${CHANGE_COLUMNS}`,
      ),
      // A row whose send, under way at the switch, failed (markFailed); or one behind it, set
      // aside meanwhile, which a retry mark would otherwise put back in line for the new cluster.
      // Not one saved since, for the new cluster (a connection failure marks those too).
      setAsideInFlight: db.prepare(
        `UPDATE outbox SET state = 'failed', auto_retry = 0, next_attempt_at = NULL, error_code = @code, error_params = NULL
         WHERE seq = @seq AND (state = 'sending' OR (state = 'failed' AND auto_retry = 0 AND error_code = @code))
         RETURNING ${CHANGE_COLUMNS}`,
      ),
      // What was set aside for a cluster goes by itself when the app sends to it again: the
      // reason (not for the other cluster) no longer holds, and a Resend then would go to the
      // cluster it was saved for whatever the order's text said. A void's cancellation first, while
      // its order is still marked: not one whose order waits here for another reason (it goes with
      // its order, if a person resends that); then the orders.
      sendCancellationsAgain: db.prepare(
        `UPDATE outbox INDEXED BY outbox_attention
         SET state = 'saved', auto_retry = 1, error_code = NULL, error_params = NULL
         WHERE state = 'failed' AND auto_retry = 0 AND kind = 'cancel' AND error_code = @code
           AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.order_id = ${orderOfCancellation('outbox')}
                             AND (o.state <> 'failed' OR o.auto_retry <> 0 OR o.error_code IS NOT @code))
         RETURNING ${CHANGE_COLUMNS}`,
      ),
      sendOrdersAgain: db.prepare(
        `UPDATE outbox INDEXED BY outbox_attention
         SET state = 'saved', auto_retry = 1, error_code = NULL, error_params = NULL
         WHERE state = 'failed' AND auto_retry = 0 AND kind = 'order' AND error_code = @code
         RETURNING ${CHANGE_COLUMNS}`,
      ),
      dropCancellation: db.prepare(
        `DELETE FROM outbox WHERE order_id = ? AND kind = 'cancel' AND state <> 'sending' RETURNING seq`,
      ),
      forgetCancellation: db.prepare(`DELETE FROM order_cancellation WHERE order_id = ?`),
      // The customer's later waiting orders wait behind the one that needs attention (not those in flight).
      holdLater: db.prepare(
        `UPDATE outbox SET state = 'saved', error_code = '${HELD_BEHIND}', error_params = NULL, next_attempt_at = NULL
         WHERE customer_id = ? AND seq > ? AND (${SENDABLE})
         RETURNING ${CHANGE_COLUMNS}`,
      ),
      release: db.prepare(
        `UPDATE outbox SET error_code = NULL WHERE customer_id = ? AND state = 'saved' AND error_code = '${HELD_BEHIND}'
         RETURNING ${CHANGE_COLUMNS}`,
      ),
      attentionRow: db.prepare(`SELECT * FROM outbox WHERE order_id = ? AND state = 'failed' AND auto_retry = 0`),
      correct: db.prepare(
        `UPDATE outbox SET order_json = ?, state = 'saved', auto_retry = 1, error_code = NULL, error_params = NULL,
           next_attempt_at = NULL, ${FORGET_OTHER_CLUSTER}
         WHERE seq = ? AND state = 'failed' AND auto_retry = 0 RETURNING *`,
      ),
      moveToVoided: db.prepare(
        `INSERT INTO order_voided (seq, order_id, customer_id, order_json, attempts, saved_at, voided_at, reason,
                                   error_code, error_params, submission_id)
         SELECT seq, order_id, customer_id, order_json, attempts, saved_at, ?, ?, error_code, error_params, submission_id
         FROM outbox WHERE seq = ? AND state = 'failed' AND auto_retry = 0
         RETURNING seq`,
      ),
      addVoidedCount: db.prepare(`UPDATE outbox_meta SET value = value + 1 WHERE key = 'voided_count'`),
      voidedCount: db.prepare(`SELECT value AS n FROM outbox_meta WHERE key = 'voided_count'`),
      historyBySubmission: db.prepare(`SELECT ${HISTORY_COLUMNS} FROM order_history WHERE submission_id = ?`),
      byOrderId: db.prepare(`SELECT ${OUTBOX_COLUMNS} FROM outbox WHERE order_id = ? AND kind = 'order'`),
      // Voiding with a cancellation (schema 9, issue 11).
      cancellationOf: db.prepare(`SELECT order_id FROM order_cancellation WHERE order_id = ?`),
      insertCancel: db.prepare(
        `INSERT INTO outbox (order_id, customer_id, order_json, state, saved_at, error_code, kind)
         VALUES (?, ?, ?, 'saved', ?, ?, 'cancel')
         RETURNING seq`,
      ),
      insertCancellation: db.prepare(
        `INSERT INTO order_cancellation (order_id, seq, customer_id, reason, voided_at) VALUES (?, ?, ?, ?, ?)`,
      ),
      deliverCancellation: db.prepare(
        `UPDATE order_cancellation SET partition = ?, offset = ?, delivered_at = ? WHERE seq = ?
         RETURNING order_id`,
      ),
      historyByOrderId: db.prepare(`SELECT ${HISTORY_COLUMNS} FROM order_history WHERE order_id = ?`),
      // Where orders stand, without their JSON, for a list of ids (a JSON array) in one statement
      // each: Review asks it of every flagged order of the day at each load.
      factsOfOrders: db.prepare(
        `SELECT o.order_id, o.state, o.error_code, o.error_params, o.auto_retry, ${SHOWN_OF('o')},
           (SELECT 1 FROM order_cancellation c WHERE c.order_id = o.order_id) AS cancelled
         FROM json_each(?) j JOIN outbox o ON o.order_id = j.value AND o.kind = 'order'`,
      ),
      historyFactsOfOrders: db.prepare(
        `SELECT h.order_id, ${HISTORY_STATE_SQL.replace(/previous_topic_ms/g, 'h.previous_topic_ms')} AS state,
           NULL AS error_code, NULL AS error_params, 1 AS auto_retry, ${SHOWN_OF('h')},
           (SELECT 1 FROM order_cancellation c WHERE c.order_id = h.order_id) AS cancelled
         FROM json_each(?) j JOIN order_history h ON h.order_id = j.value`,
      ),
      voidedFactsOfOrders: db.prepare(
        `SELECT v.order_id, 'voided' AS state, v.error_code, json_object('reason', v.reason) AS error_params,
           0 AS auto_retry, ${SHOWN_OF('v')}, NULL AS cancelled
         FROM json_each(?) j JOIN order_voided v ON v.order_id = j.value`,
      ),
      historyAtOffset: db.prepare(
        `SELECT ${HISTORY_COLUMNS} FROM order_history WHERE partition = ? AND offset = CAST(? AS INTEGER)`,
      ),
      historyOfCustomer: db.prepare(
        `SELECT ${HISTORY_COLUMNS} FROM order_history WHERE customer_id IN (SELECT value FROM json_each(?))
           AND seq < ? ORDER BY seq DESC LIMIT ?`,
      ),
      orderJson: db.prepare(`SELECT order_json FROM outbox WHERE seq = ?`),
      // Pages walk seq downwards from a cursor: a search on the primary key that stops at the page.
      recentWaiting: db.prepare(
        `SELECT ${OUTBOX_COLUMNS} FROM outbox WHERE seq < ? AND kind = 'order' ORDER BY seq DESC LIMIT ?`,
      ),
      // Undelivered orders older than the page (recent): the ones waiting longest, every one a
      // person must act on (the partial index holds only those), and a held customer's.
      olderWaiting: db.prepare(
        `SELECT ${OUTBOX_COLUMNS} FROM outbox WHERE seq < ? AND kind = 'order' ORDER BY seq LIMIT ?`,
      ),
      // A cancellation set aside for the other cluster is no one's to act on (the Outbox's actions
      // are an order's): it goes by itself once the app sends there again. Its order, if set aside
      // with it, is counted.
      attentionCount: db.prepare(
        `SELECT COUNT(*) FILTER (WHERE kind = 'order' OR ${NOT_SET_ASIDE}) AS n,
           COUNT(*) FILTER (WHERE kind = 'cancel' AND error_code IN (${SET_ASIDE_SQL})) AS aside
         FROM outbox INDEXED BY outbox_attention WHERE state = 'failed' AND auto_retry = 0`,
      ),
      // Cancellations on their way (not needing a person, not set aside): found by their ids'
      // prefix on order_id's unique index (the planner chose outbox_state, reading every order
      // waiting), so the orders waiting, however many, are not read.
      cancellationsOnTheirWay: db.prepare(
        `SELECT COUNT(*) AS n FROM outbox INDEXED BY sqlite_autoindex_outbox_1 WHERE order_id >= @from AND order_id < @to AND kind = 'cancel'
           AND ${onTheirWayAs('')}`,
      ),
      olderAttention: db.prepare(
        `SELECT ${OUTBOX_COLUMNS} FROM outbox INDEXED BY outbox_attention
           WHERE state = 'failed' AND auto_retry = 0 AND kind = 'order' AND seq < ?`,
      ),
      olderOfCustomer: db.prepare(
        `SELECT ${OUTBOX_COLUMNS} FROM outbox WHERE customer_id = ? AND seq < ? AND kind = 'order'`,
      ),
      recentHistory: db.prepare(`SELECT ${HISTORY_COLUMNS} FROM order_history WHERE seq < ? ORDER BY seq DESC LIMIT ?`),
      historyTopic: db.prepare(`SELECT topic, training, cluster_id FROM order_history WHERE order_id = ?`),
      recentVoided: db.prepare(`SELECT ${VOIDED_COLUMNS} FROM order_voided WHERE seq < ? ORDER BY seq DESC LIMIT ?`),
      // Repeat last order's lookups (lastOrderStatements): none voided, and the voided ones alone.
      lastOfCustomer: lastOrderStatements(db, 'customer', false),
      lastAny: lastOrderStatements(db, 'terminal', false),
      voidedLastOfCustomer: lastOrderStatements(db, 'customer', true),
      voidedLastAny: lastOrderStatements(db, 'terminal', true),
      countInState: db.prepare(`SELECT COUNT(*) AS n FROM outbox WHERE state = ?`),
      historyCount: db.prepare(`SELECT value AS n FROM outbox_meta WHERE key = 'history_count'`),
      // The search indexes, filled in batches (schema 13, indexForSearch).
      searchIndexed: db.prepare(SEARCH_INDEX_SQL.indexed).pluck(),
      lastSeq: db.prepare(SEARCH_INDEX_SQL.lastSeq).pluck(),
      indexNames: db.prepare(SEARCH_INDEX_SQL.names),
      mergeNames: db.prepare(SEARCH_INDEX_SQL.namesMerge),
      indexPhones: db.prepare(SEARCH_INDEX_SQL.phones),
      mergePhones: db.prepare(SEARCH_INDEX_SQL.phonesMerge),
      indexNameWindows: db.prepare(SEARCH_INDEX_SQL.nameWindows),
      mergeNameWindows: db.prepare(SEARCH_INDEX_SQL.nameWindowsMerge),
      indexShortIds: db.prepare(SEARCH_INDEX_SQL.shortIds),
      setSearchIndexed: db.prepare(SEARCH_INDEX_SQL.setIndexed),
      addHistoryCount: db.prepare(`UPDATE outbox_meta SET value = value + ? WHERE key = 'history_count'`),
      oldestHistory: db.prepare(`SELECT MIN(delivered_ms) AS t FROM order_history`),
      undelivered: db.prepare(
        `SELECT seq, order_id, customer_id, saved_at, attempts, search_partition, search_from
         FROM outbox WHERE state IN ('saved', 'sending', 'failed') ORDER BY seq`,
      ),
      // The index is named, though SENDABLE is its condition, because without statistics SQLite
      // would rather read every saved row through outbox_state and sort them (a 100,000-order
      // backlog read whole for each batch).
      candidates: db.prepare(
        `SELECT seq, customer_id, state, attempts, next_attempt_at, length(CAST(order_json AS BLOB)) AS bytes, kind
         FROM outbox INDEXED BY outbox_sendable
         WHERE ${SENDABLE}
         ORDER BY seq LIMIT ?`,
      ),
      nextDue: db.prepare(
        `SELECT MIN(next_attempt_at) AS t FROM outbox INDEXED BY outbox_retry WHERE state = 'failed' AND auto_retry = 1 AND next_attempt_at > ?`,
      ),
      // The first send records where the log ended (both SETs read the row's old values).
      markSending: db.prepare(
        `UPDATE outbox SET state = 'sending', attempts = attempts + 1, next_attempt_at = NULL, sent_training = @training,
           sent_cluster = COALESCE(@cluster, sent_cluster), sent_topic = COALESCE(@topic, sent_topic),
           search_from = CASE WHEN search_partition IS NULL THEN @logEnd ELSE search_from END,
           search_partition = CASE WHEN search_partition IS NULL THEN @partition ELSE search_partition END
         WHERE seq = @seq RETURNING ${CHANGE_COLUMNS}`,
      ),
      // Delivered: the row moves to the history (its JSON copied inside SQLite, never through JS).
      moveToHistory: db.prepare(
        `INSERT INTO order_history (seq, order_id, customer_id, order_json, attempts, partition, offset, saved_at,
                                    delivered_at, delivered_ms, submission_id, topic, topic_id, training, cluster_id)
         SELECT seq, order_id, customer_id, order_json, attempts, ?, CAST(? AS INTEGER), saved_at, ?, ?, submission_id, ?, ?, ?, ?
         FROM outbox WHERE seq = ? AND kind = 'order'
         RETURNING seq, order_id, attempts`,
      ),
      deleteWaiting: db.prepare(`DELETE FROM outbox WHERE seq = ?`),
      markFailed: db.prepare(
        `UPDATE outbox SET state = 'failed', attempts = attempts + ?, error_code = ?, error_params = ?,
           auto_retry = ?, next_attempt_at = ?
         WHERE seq = ? RETURNING ${CHANGE_COLUMNS}`,
      ),
      retry: db.prepare(
        `UPDATE outbox SET state = 'saved', auto_retry = 1, next_attempt_at = NULL, error_code = NULL, error_params = NULL,
           ${FORGET_OTHER_CLUSTER}
         WHERE order_id = ? AND state = 'failed' RETURNING *`,
      ),
      dueNow: db.prepare(
        `UPDATE outbox SET next_attempt_at = NULL WHERE state = 'failed' AND auto_retry = 1 AND next_attempt_at IS NOT NULL`,
      ),
      // Left sending to the cluster the app no longer sends to (Settings changed it before the
      // answer, then the app died): set aside as markFailed sets such a send aside, not sent to
      // this one. Its mark is durable if the change is: both in the one WAL, the change fsynced.
      setAsideSentElsewhere: db.prepare(
        `UPDATE outbox SET state = 'failed', auto_retry = 0, next_attempt_at = NULL, error_params = NULL,
           error_code = CASE sent_training WHEN 1 THEN @trainingCode ELSE @storeCode END
         WHERE state = 'sending' AND sent_training <> (SELECT value FROM outbox_meta WHERE key = 'sends_to_training')`,
      ),
      // Settings moved the store to another cluster or topic: what may be in the one it left (sent
      // there, not delivered) is set aside, and what was set aside so for the one of now goes
      // again (the dispatcher's in-doubt search looks for it there first).
      setAsideOtherCluster: db.prepare(
        `UPDATE outbox INDEXED BY outbox_sendable
         SET state = 'failed', auto_retry = 0, next_attempt_at = NULL, error_code = '${IN_DOUBT_ELSEWHERE}', error_params = NULL
         WHERE (${SENDABLE}) AND ${SENT_ELSEWHERE}
         RETURNING ${CHANGE_COLUMNS}`,
      ),
      // The orders the statement above would set aside at a move to @cluster's @topic, and those
      // being sent now, which it would set aside if their answer were lost.
      sentElsewhere: db
        .prepare(
          `SELECT (SELECT COUNT(*) FROM outbox INDEXED BY outbox_sendable
                  WHERE (${SENDABLE}) AND kind = 'order' AND ${SENT_ELSEWHERE})
              + (SELECT COUNT(*) FROM outbox INDEXED BY outbox_state
                  WHERE state = 'sending' AND kind = 'order' AND ${SENT_ELSEWHERE})`,
        )
        .pluck(),
      // Of the cancellations on their way (cancellationsOnTheirWay), those a move to @cluster's
      // @topic leaves behind: sent elsewhere themselves, or waiting with an order that stays set
      // aside (setAsideCancellationsBehind, after sendAgainAtCluster). The others go there.
      cancellationsLeftBehind: db
        .prepare(
          `SELECT COUNT(*) FROM outbox c INDEXED BY sqlite_autoindex_outbox_1
           WHERE c.order_id >= @from AND c.order_id < @to AND c.kind = 'cancel'
             AND ${onTheirWayAs('c')}
             AND ((${sentElsewhereAs('c')})
               OR EXISTS (SELECT 1 FROM outbox o WHERE o.order_id = ${orderOfCancellation('c')}
                 AND ((${onTheirWayAs('o')} AND ${sentElsewhereAs('o')})
                   OR (o.state = 'failed' AND o.auto_retry = 0 AND o.error_code = '${IN_DOUBT_ELSEWHERE}'
                       AND NOT (o.sent_cluster IS @cluster AND COALESCE(o.sent_topic, @topic) = @topic))))
               OR ${cancelsOrderDeliveredElsewhere('c')})`,
        )
        .pluck(),
      // A void's cancellation never sent waits with its order so set aside, or for the cluster and
      // topic its order was delivered to: alone it announced the cancellation of an order this
      // cluster's topic never had.
      setAsideCancellationsBehind: db.prepare(
        `UPDATE outbox INDEXED BY outbox_sendable
         SET state = 'failed', auto_retry = 0, next_attempt_at = NULL, error_code = '${IN_DOUBT_ELSEWHERE}', error_params = NULL
         WHERE (${SENDABLE}) AND kind = 'cancel'
           AND (EXISTS (SELECT 1 FROM outbox o WHERE o.order_id = ${orderOfCancellation('outbox')}
                          AND o.state = 'failed' AND o.auto_retry = 0 AND o.error_code = '${IN_DOUBT_ELSEWHERE}')
                OR ${cancelsOrderDeliveredElsewhere('outbox')})
         RETURNING ${CHANGE_COLUMNS}`,
      ),
      sendAgainAtCluster: db.prepare(
        `UPDATE outbox INDEXED BY outbox_attention
         SET state = 'saved', auto_retry = 1, error_code = NULL, error_params = NULL
         WHERE state = 'failed' AND auto_retry = 0 AND error_code = '${IN_DOUBT_ELSEWHERE}' AND sent_cluster = @cluster
           AND COALESCE(sent_topic, @topic) = @topic
         RETURNING ${CHANGE_COLUMNS}`,
      ),
      // And the never-sent cancellations that waited with them, once their order is no longer set aside so.
      sendAgainCancellationsBehind: db.prepare(
        `UPDATE outbox INDEXED BY outbox_attention
         SET state = 'saved', auto_retry = 1, error_code = NULL, error_params = NULL
         WHERE state = 'failed' AND auto_retry = 0 AND kind = 'cancel' AND error_code = '${IN_DOUBT_ELSEWHERE}'
           AND sent_cluster IS NULL
           AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.order_id = ${orderOfCancellation('outbox')}
                             AND o.state = 'failed' AND o.auto_retry = 0 AND o.error_code = '${IN_DOUBT_ELSEWHERE}')
           AND NOT ${cancelsOrderDeliveredElsewhere('outbox')}
         RETURNING ${CHANGE_COLUMNS}`,
      ),
      recoverSending: db.prepare(`UPDATE outbox SET state = 'saved', next_attempt_at = NULL WHERE state = 'sending'`),
      // Topic re-creation and truncation (issue 10; see topic-identity.ts). The partition's
      // delivered order with the highest offset below a bound, still believed to be in the topic.
      topDelivered: db.prepare(
        `SELECT order_id, offset, topic_id FROM order_history INDEXED BY history_live_offset
         WHERE topic = @topic AND cluster_id IS @cluster AND partition = @partition AND offset < @below
           AND previous_topic_ms IS NULL AND training = @training
         ORDER BY offset DESC LIMIT 1`,
      ),
      // Orders of one partition (or of every partition from one on) in an offset range found gone.
      markPreviousTopic: db.prepare(
        `UPDATE order_history INDEXED BY history_live_offset SET previous_topic_ms = @at
         WHERE topic = @topic AND cluster_id IS @cluster AND partition BETWEEN @fromPartition AND @toPartition
           AND offset >= @fromOffset AND offset < @toOffset AND previous_topic_ms IS NULL AND training = @training
         RETURNING seq, order_id, attempts, partition, CAST(offset AS TEXT) AS offset, delivered_at`,
      ),
      // Orders of a topic recorded with another id than the broker's now: those below it, then
      // those above it (two range searches, so rows carrying the current id are never visited).
      markOtherTopicIdBelow: db.prepare(
        `UPDATE order_history INDEXED BY history_topic_id SET previous_topic_ms = @at
         WHERE topic = @topic AND cluster_id IS @cluster AND topic_id < @topicId AND topic_id IS NOT NULL
           AND previous_topic_ms IS NULL AND training = @training
         RETURNING seq, order_id, attempts, partition, CAST(offset AS TEXT) AS offset, delivered_at`,
      ),
      markOtherTopicIdAbove: db.prepare(
        `UPDATE order_history INDEXED BY history_topic_id SET previous_topic_ms = @at
         WHERE topic = @topic AND cluster_id IS @cluster AND topic_id > @topicId AND topic_id IS NOT NULL
           AND previous_topic_ms IS NULL AND training = @training
         RETURNING seq, order_id, attempts, partition, CAST(offset AS TEXT) AS offset, delivered_at`,
      ),
      // The id of the topic just-delivered orders went to, once confirmed (dispatcher.ts).
      recordTopicId: db.prepare(
        `UPDATE order_history SET topic_id = @topicId
         WHERE seq = @seq AND topic = @topic AND topic_id IS NULL AND previous_topic_ms IS NULL`,
      ),
      recordedTopicIds: db.prepare(
        `SELECT DISTINCT topic_id FROM order_history INDEXED BY history_topic_id
         WHERE topic = @topic AND cluster_id IS @cluster AND topic_id IS NOT NULL AND previous_topic_ms IS NULL
           AND training = @training
         LIMIT @limit`,
      ),
      // Orders delivered while the cluster could not be asked, or before outbox schema 24, given
      // the cluster the app has learned it sends to (a batch at a time: a year of them on an
      // upgraded terminal must not hold Save up).
      adoptUnknownCluster: db.prepare(
        `UPDATE order_history SET cluster_id = @cluster
         WHERE seq IN (SELECT seq FROM order_history INDEXED BY history_live_offset
                       WHERE topic = @topic AND cluster_id IS NULL AND previous_topic_ms IS NULL
                         AND training = @training
                       LIMIT @limit)`,
      ),
      goneCount: db.prepare(
        `SELECT COUNT(*) AS n FROM order_history INDEXED BY history_previous_topic WHERE previous_topic_ms IS NOT NULL`,
      ),
      previousTopicSummary: db.prepare(
        `SELECT COUNT(*) AS n, MIN(delivered_ms) AS since, MAX(previous_topic_ms) AS detected,
                MIN(topic_id) AS first_id, MAX(topic_id) AS last_id
         FROM order_history INDEXED BY history_previous_topic WHERE previous_topic_ms IS NOT NULL`,
      ),
      // The operator's re-send: back into the outbox under their own seq (so they go first, in
      // the order they were saved), as never sent; the history forgets them.
      resendPrevious: db.prepare(
        `INSERT INTO outbox (seq, order_id, customer_id, order_json, state, saved_at, submission_id)
         SELECT seq, order_id, customer_id, order_json, 'saved', saved_at, submission_id
         FROM order_history INDEXED BY history_previous_topic WHERE previous_topic_ms IS NOT NULL
         RETURNING ${CHANGE_COLUMNS}`,
      ),
      forgetPrevious: db.prepare(
        `DELETE FROM order_history INDEXED BY history_previous_topic WHERE previous_topic_ms IS NOT NULL`,
      ),
      pruneHistory: db.prepare(
        `DELETE FROM order_history WHERE seq IN
           (SELECT seq FROM order_history WHERE delivered_ms < ? ORDER BY delivered_ms LIMIT ?)`,
      ),
    };
    for (const statement of Object.values(this.st).flat()) this.countRuns(statement);
    [this.recoveredSetAside, this.recoveredFromSending] = this.inTransaction(() => [
      this.st.setAsideSentElsewhere.run({ trainingCode: notSentCode(true), storeCode: notSentCode(false) }).changes,
      this.st.recoverSending.run().changes,
    ]);
    // A fresh session starts with every waiting order due now.
    this.st.dueNow.run();
    this.waitingCount = (['saved', 'sending', 'failed'] as const).reduce((n, st) => n + this.countIn(st), 0);
    this.sendsToTraining = (this.st.sendsTo.get() as number | undefined) ?? null;
    for (const r of this.st.heldCustomers.all() as Array<{ customer_id: string }>) this.held.add(r.customer_id);
  }

  /**
   * The SQL of every statement this store runs, by name: the query-plan test explains each, so a
   * statement added here is checked without anyone remembering to list it.
   */
  statementSources(): Record<string, string> {
    // A lookup made of one statement per table (Repeat last order's) is named with each one's place.
    return Object.fromEntries(
      Object.entries(this.st).flatMap(([name, st]) =>
        Array.isArray(st) ? st.map((one, i) => [`${name}.${i}`, one.source]) : [[name, st.source]],
      ),
    );
  }

  /** Runs EXPLAIN QUERY PLAN on this connection (the plan test's way in; parameters bound as NULL). */
  explain(sql: string): string[] {
    const named = [...new Set(sql.match(/@\w+/g) ?? [])];
    const stmt = this.db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
    const rows = named.length
      ? stmt.all(Object.fromEntries(named.map((n) => [n.slice(1), null])))
      : stmt.all(...(sql.match(/\?/g) ?? []).map(() => null));
    return (rows as Array<{ detail: string }>).map((r) => r.detail);
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
  addMany(
    orders: readonly Order[],
    submissionIds: ReadonlyArray<string | undefined> = [],
    /** Run first inside the batch's transaction: what must be committed with these orders (the risk checks' rows). */
    alongside?: () => void,
  ): Array<Result<OrderRecord>> {
    const results: Array<Result<OrderRecord>> = new Array(orders.length);
    const added: Array<[number, StoredOrder]> = [];
    const savedAt = new Date().toISOString();
    try {
      this.sqlRun += 2;
      this.inTransaction(() => {
        alongside?.();
        orders.forEach((order, i) => {
          const submissionId = submissionIds[i] ?? null;
          // A submission seen before (its answer was lost): the order it saved, not a second one.
          const earlier = submissionId ? this.bySubmission(submissionId) : undefined;
          if (earlier) {
            const record = this.toRecord(earlier);
            results[i] = answerRepeat(record.order, order, record);
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
              this.held.has(order.customerId) ? HELD_BEHIND : null,
            ) as ChangeRow;
            added.push([row.seq, stored]);
            results[i] = {
              ok: true,
              value: toRecord({ ...row, saved_at: savedAt, training: this.sendsToTraining }, stored.order),
            };
          } catch (e) {
            // Only this statement is undone (e.g. a repeated order id); the others stay.
            results[i] = { ok: false, error: appError('order.storeFailed', { detail: errText(e) }) };
          }
        });
      });
    } catch (e) {
      // The transaction rolled back: nothing of it is stored, whatever the rows said.
      const error = appError('order.storeFailed', { detail: errText(e) });
      return Array.from(results, (r): Result<OrderRecord> => (r && !r.ok ? r : { ok: false, error }));
    }
    this.waitingCount += added.length;
    for (const [seq, stored] of added) this.remember(seq, stored);
    return results;
  }

  get(orderId: string): OrderRecord | null {
    const row = (this.st.byOrderId.get(orderId) ??
      this.st.historyByOrderId.get(orderId) ??
      this.st.voidedByOrderId.get(orderId)) as RowData | undefined;
    return row ? this.toRecord(row) : null;
  }

  /**
   * Where each of these orders stands (its state, its error, whether it was voided with a
   * cancellation) and its customer's name and total as they are now (a correction may have
   * changed them since Save), as `get` has them but without parsing the orders: one statement per
   * table for the whole list, for Review, which asks it of every flagged order of the day at each
   * load. An order the file no longer holds is not in the map.
   */
  deliveryFacts(orderIds: readonly string[]): Map<string, OrderFacts> {
    const facts = new Map<string, OrderFacts>();
    if (orderIds.length === 0) return facts;
    const ids = JSON.stringify(orderIds);
    type FactsRow = Pick<RowData, 'order_id' | 'state' | 'error_code' | 'error_params' | 'auto_retry'> & {
      cancelled: number | null;
      customer_name: string;
      total: number;
      currency: string;
    };
    for (const statement of [this.st.voidedFactsOfOrders, this.st.historyFactsOfOrders, this.st.factsOfOrders]) {
      // Later tables win: an order is in one of them, and the outbox's row is the live one.
      for (const row of statement.all(ids) as FactsRow[]) {
        facts.set(row.order_id, {
          state: row.state,
          error: errorOfRow(row),
          autoRetry: row.auto_retry === 1,
          cancelled: row.cancelled === 1,
          customerName: row.customer_name,
          total: row.total,
          currency: row.currency,
        });
      }
    }
    return facts;
  }

  /** The delivered order stored at this partition and offset, if the history still has it. */
  atOffset(partition: number, offset: string): OrderRecord | null {
    const row = this.st.historyAtOffset.get(partition, offset) as RowData | undefined;
    return row ? this.toRecord(row) : null;
  }

  /** A customer's delivered orders, newest first (for receipts and risk checks). */
  customerHistory(customerId: string, limit: number, beforeSeq = NO_CURSOR): OrderRecord[] {
    const customer = JSON.stringify(customerIdSpellings(customerId));
    return (this.st.historyOfCustomer.all(customer, beforeSeq, limit) as RowData[]).map((r) => this.toRecord(r));
  }

  /**
   * The topic a delivered order went to (outbox schema 5), and whether that was on the other
   * cluster (the training one while the app sends to the store's, or back: schema 21); null if
   * not delivered or not recorded.
   */
  deliveredTopic(orderId: string): { topic: string; otherCluster: boolean } | null {
    const row = this.st.historyTopic.get(orderId) as
      { topic: string | null; training: number; cluster_id: string | null } | undefined;
    if (!row?.topic) return null;
    const otherKafka = row.cluster_id !== null && this.clusterId !== null && row.cluster_id !== this.clusterId;
    return { topic: row.topic, otherCluster: row.training !== this.training || otherKafka };
  }

  /**
   * Newest first: the newest `limit` orders, waiting, delivered and voided together (a voided one
   * stayed on the screen that voided it, and comes back with the page after a reload), then the
   * orders not yet delivered that are older than those. A refused order had dropped off the
   * Outbox once `limit` newer orders were made, while the header still counted it and Alt+T
   * looked for it there. Every order that needs attention and every order of a held customer is
   * listed, whatever its age; of the others only the OLDER_WAITING_MAX oldest, so days of orders
   * taken offline do not become one answer of that many records.
   */
  recent(limit: number): OrderRecord[] {
    const waiting = this.st.recentWaiting.all(NO_CURSOR, limit) as RowData[];
    const delivered = this.st.recentHistory.all(NO_CURSOR, limit) as RowData[];
    const voided = this.st.recentVoided.all(NO_CURSOR, limit) as RowData[];
    const page = [...waiting, ...delivered, ...voided].sort((a, b) => b.seq - a.seq).slice(0, limit);
    if (page.length < limit) return page.map((r) => this.toRecord(r));
    const oldest = page[page.length - 1].seq;
    // Fewer waiting than a page: those newer delivered ones pushed off are all there are.
    const older = waiting.length < limit ? waiting.filter((r) => r.seq < oldest) : this.olderUndelivered(oldest);
    return [...page, ...older].map((r) => this.toRecord(r));
  }

  /** Undelivered orders below `before`, newest first (recent). */
  private olderUndelivered(before: number): RowData[] {
    const bySeq = new Map<number, RowData>();
    const add = (rows: unknown[]) => {
      for (const r of rows as RowData[]) bySeq.set(r.seq, r);
    };
    add(this.st.olderWaiting.all(before, OLDER_WAITING_MAX));
    add(this.st.olderAttention.all(before));
    for (const customer of this.held) add(this.st.olderOfCustomer.all(customer, before));
    return [...bySeq.values()].sort((a, b) => b.seq - a.seq);
  }

  /**
   * The customer's newest order as a draft (the terminal's newest when customerId is null), of
   * the cluster the app sends to now: a practice basket is not offered as the customer's last
   * sale once the store's brokers are set, nor a store order in training.
   */
  lastDraft(customerId: string | null): OrderDraft | null {
    const row = this.newestOf(customerId, false);
    if (!row) return null;
    const draft = recordedDraftFieldsSchema.safeParse(draftOf(JSON.parse(row.order_json) as Order));
    return draft.success ? draft.data : null;
  }

  /**
   * The id of the newest voided order of the customer (the terminal's when customerId is null), of
   * the cluster the app sends to now unless it was voided before it was ever sent: what lastDraft
   * passes over, for Alt+R to name when it found no other order (it said "No previous order" of a
   * terminal whose one order was voided).
   */
  lastVoided(customerId: string | null): string | null {
    return this.newestOf(customerId, true)?.order_id ?? null;
  }

  private newestOf(customerId: string | null, voided: boolean) {
    type Last = { seq: number; order_id: string; order_json: string } | undefined;
    const training = this.sendsToTraining;
    const rows = (
      customerId === null
        ? (voided ? this.st.voidedLastAny : this.st.lastAny).map((q) => q.get({ before: NO_CURSOR, training }))
        : (voided ? this.st.voidedLastOfCustomer : this.st.lastOfCustomer).map((q) =>
            q.get({ customer: JSON.stringify(customerIdSpellings(customerId)), training }),
          )
    ) as Last[];
    return rows.reduce<Last>((best, r) => (r && (!best || r.seq > best.seq) ? r : best), undefined);
  }

  /**
   * The connection, for the one store that keeps its tables in this file (the risk checks'
   * risk_review, outbox schema 8): sharing it keeps one page cache, which a second connection
   * would make both throw away at every write of the other. Closed with this store.
   */
  get connection(): Database.Database {
    return this.db;
  }

  /** The durability settings in force on this connection (journal mode, synchronous level). */
  durability(): { journalMode: string; synchronous: 'off' | 'normal' | 'full' | 'extra' } {
    const levels = ['off', 'normal', 'full', 'extra'] as const;
    return {
      journalMode: String(this.db.pragma('journal_mode', { simple: true })),
      synchronous: levels[Number(this.db.pragma('synchronous', { simple: true }))],
    };
  }

  /** Orders not yet delivered (saved, sending or failed): a counter, no query. */
  countWaiting(): number {
    return this.waitingCount;
  }

  /** Of those, the ones that need a person (failed, no automatic retry): few, read by their index. */
  countAttention(): number {
    return this.headerCounts().attention;
  }

  /**
   * Orders the dispatcher sends by itself: the waiting ones less those that need a person (counted
   * by an index). Asked every delivery cycle, so without the orders gone from their topic, which
   * the header adds and which are neither.
   */
  onTheirWay(): number {
    if (this.waitingCount === 0) return 0;
    const { waiting, attention } = this.outboxCounts();
    return waiting - attention;
  }

  /**
   * What the header counts: orders on their way or needing a person (`waiting`), and of those the
   * ones needing a person, those found gone from their topic included (an operator's re-send:
   * their rows said "Needs attention" while the header read "0 waiting"); and apart from them the
   * voids' cancellations on their way: counted as orders, "3 waiting" stood over an Outbox of two.
   */
  headerCounts(): { waiting: number; attention: number; cancellations: number } {
    const { waiting, attention } = this.outboxCounts();
    const gone = (this.st.goneCount.get() as { n: number }).n;
    const cancellations =
      this.waitingCount === 0 ? 0 : (this.st.cancellationsOnTheirWay.get(CANCELLATION_ID_RANGE) as { n: number }).n;
    return { waiting: waiting + gone - cancellations, attention: attention + gone, cancellations };
  }

  /**
   * The outbox's own: a cancellation set aside for the other cluster is neither waiting nor
   * needing a person. It counted as needing a person, with no row to act on, and it goes by itself
   * once the app sends there again (its order's row says so).
   */
  private outboxCounts(): { waiting: number; attention: number } {
    const r = this.st.attentionCount.get() as { n: number; aside: number };
    return { waiting: this.waitingCount - r.aside, attention: r.n };
  }

  countsByState(): Record<DeliveryState, number> {
    const previous = this.previousTopic()?.count ?? 0;
    return {
      saved: this.countIn('saved'),
      sending: this.countIn('sending'),
      failed: this.countIn('failed'),
      voided: (this.st.voidedCount.get() as { n: number }).n,
      delivered: this.historyCount() - previous,
      'delivered-previous-topic': previous,
    };
  }

  // ---- a topic deleted and re-created, or truncated (issue 10; the checks are in topic-identity.ts)

  /** The partition's delivered order with the highest offset below `below`, still believed to be in `topic`. */
  topDelivered(topic: string, partition: number, below: number): TopDelivered | null {
    const r = this.st.topDelivered.get({ topic, partition, below, ...this.scope() }) as
      { order_id: string; offset: number; topic_id: string | null } | undefined;
    return r ? { orderId: r.order_id, offset: Number(r.offset), topicId: r.topic_id } : null;
  }

  /**
   * Marks delivered orders gone from their topic ('delivered-previous-topic'): those of
   * `topic` in partitions [fromPartition, toPartition] at offsets [fromOffset, toOffset).
   */
  markPreviousTopic(
    topic: string,
    range: { fromPartition: number; toPartition: number; fromOffset: number; toOffset: number },
  ): OrderChange[] {
    const at = Date.now();
    this.sqlRun += 4;
    const rows = this.inTransaction(
      () => this.st.markPreviousTopic.all({ ...range, topic, at, ...this.scope() }) as GoneRow[],
    );
    return goneChanges(rows);
  }

  /**
   * Marks delivered orders gone from their topic because the broker now reports another id for
   * it ('delivered-previous-topic'): those of `topic` recorded with a non-null id other than
   * `topicId`. Orders recorded without an id are left to the offset checks.
   */
  markOtherTopicId(topic: string, topicId: string): OrderChange[] {
    const at = Date.now();
    this.sqlRun += 4;
    const rows = this.inTransaction(() => [
      ...(this.st.markOtherTopicIdBelow.all({ topic, topicId, at, ...this.scope() }) as GoneRow[]),
      ...(this.st.markOtherTopicIdAbove.all({ topic, topicId, at, ...this.scope() }) as GoneRow[]),
    ]);
    return goneChanges(rows);
  }

  /**
   * Records the topic id confirmed for orders just delivered to `topic` (by seq); rows already
   * marked gone, or carrying an id, are left as they are.
   */
  recordTopicId(seqs: readonly number[], topic: string, topicId: string): void {
    if (seqs.length === 0) return;
    this.sqlRun += seqs.length + 2;
    this.inTransaction(() => {
      for (const seq of seqs) this.st.recordTopicId.run({ seq, topic, topicId });
    });
  }

  /** The topic ids recorded for `topic`'s orders still believed delivered (at most `limit`; tests and logs). */
  recordedTopicIds(topic: string, limit = 10): string[] {
    return (this.st.recordedTopicIds.all({ topic, limit, ...this.scope() }) as Array<{ topic_id: string }>).map(
      (r) => r.topic_id,
    );
  }

  /**
   * How many orders were found gone from their topic, delivered since when; null when none.
   * Given the id the broker reports for the topic now, also says whether the ids tell it: the
   * orders were all recorded with one other id (the topic was deleted and re-created).
   */
  previousTopic(currentTopicId: string | null = null): PreviousTopic | null {
    const r = this.st.previousTopicSummary.get() as {
      n: number;
      since: number | null;
      detected: number | null;
      first_id: string | null;
      last_id: string | null;
    };
    if (r.n === 0 || r.since === null || r.detected === null) return null;
    const summary: PreviousTopic = {
      count: r.n,
      since: new Date(r.since).toISOString(),
      detectedAt: new Date(r.detected).toISOString(),
    };
    if (currentTopicId !== null && r.last_id !== null && r.first_id === r.last_id && r.last_id !== currentTopicId)
      summary.topicId = { delivered: r.last_id, now: currentTopicId };
    return summary;
  }

  /**
   * The operator's confirmed re-send: every order gone from its topic goes back to the outbox,
   * as never sent, and the dispatcher delivers it to the topic as it is now. `expected` is the
   * count the operator confirmed; a different count (more were found since) re-sends nothing.
   */
  resendPreviousTopic(expected: number): Result<OrderChange[]> {
    const now = this.previousTopic();
    if (!now || now.count !== expected)
      return { ok: false, error: appError('order.resendChanged', { expected, count: now?.count ?? 0 }) };
    let changes: OrderChange[] = [];
    this.sqlRun += 5;
    this.inTransaction(() => {
      changes = (this.st.resendPrevious.all() as ChangeRow[]).map(toChange);
      const n = this.st.forgetPrevious.run().changes;
      this.st.addHistoryCount.run(-n);
    });
    this.waitingCount += changes.length;
    return { ok: true, value: changes };
  }

  /** Delivered orders kept in the history. */
  historyCount(): number {
    return (this.st.historyCount.get() as { n: number }).n;
  }

  /** Delivery time of the oldest order in the history, or null when it is empty. */
  oldestDeliveredAt(): string | null {
    const t = (this.st.oldestHistory.get() as { t: number | null }).t;
    return t === null ? null : new Date(t).toISOString();
  }

  /**
   * Deletes history rows delivered before `cutoffMs`, a chunk per transaction, and returns how
   * many went. Waiting orders are never touched: only the history is pruned.
   */
  pruneHistory(cutoffMs: number): number {
    let total = 0;
    for (;;) {
      let n = 0;
      this.sqlRun += 3;
      this.inTransaction(() => {
        n = this.st.pruneHistory.run(cutoffMs, PRUNE_CHUNK).changes;
        if (n > 0) this.st.addHistoryCount.run(-n);
      });
      total += n;
      if (n < PRUNE_CHUNK) return total;
    }
  }

  /** Every order not known to be delivered: what a new producer session checks the topic for. */
  undelivered(): UndeliveredRow[] {
    const rows = this.st.undelivered.all() as Array<
      Pick<RowData, 'seq' | 'order_id' | 'customer_id' | 'saved_at' | 'attempts'> & {
        search_partition: number | null;
        search_from: number | null;
      }
    >;
    return rows.map((r) => ({
      seq: r.seq,
      orderId: r.order_id,
      customerId: r.customer_id,
      savedAtMs: Date.parse(r.saved_at),
      attempts: r.attempts,
      searchFrom:
        r.search_partition === null || r.search_from === null
          ? null
          : { partition: r.search_partition, offset: r.search_from },
    }));
  }

  /** Rows the dispatcher may send (saved, or failed and retried automatically), in order. */
  candidates(limit: number): PendingRow[] {
    const rows = this.st.candidates.all(limit) as Array<
      Pick<RowData, 'seq' | 'customer_id' | 'state' | 'attempts' | 'next_attempt_at'> & {
        bytes: number;
        kind: 'order' | 'cancel';
      }
    >;
    const load = (seq: number) => this.storedOrder(seq);
    return rows.map(
      (r) => new PendingRow(r.seq, r.customer_id, r.state, r.attempts, r.next_attempt_at, r.bytes, load, r.kind),
    );
  }

  /** Earliest automatic retry time after `now` among failed rows, or null. */
  nextDueAt(now: number): number | null {
    return (this.st.nextDue.get(now) as { t: number | null }).t;
  }

  /**
   * Marks rows sending; a row's first send also records where its partition's log ended (a
   * bare seq records nothing: the in-doubt check then falls back to the save time).
   */
  markSending(starts: readonly (SendStart | number)[]): OrderChange[] {
    return this.eachInTransaction(starts, (s) => {
      const { seq, logEnd, partition } = typeof s === 'number' ? { seq: s, logEnd: null, partition: null } : s;
      const { training, clusterId: cluster, topic } = this;
      return this.st.markSending.get({ seq, logEnd, partition, training, cluster, topic }) as ChangeRow | undefined;
    });
  }

  /**
   * The cluster the dispatcher delivers to from now on, the app's training cluster or the
   * store's: the orders delivered are recorded with it, and the topic's checks (re-created, cut
   * short) look only at the orders delivered to it, as the other's topic of the same name never
   * had them. The dispatcher's, not sendsTo's: after a change in Settings its cycle on the old
   * cluster finishes first, and what that cycle delivers went to the old one.
   */
  deliveringTo(cluster: { training: boolean }): void {
    this.training = cluster.training ? 1 : 0;
    this.clusterId = null;
    this.topic = null;
  }

  /**
   * The id the cluster the dispatcher delivers to reports (null: not known, or not yet): the
   * orders delivered from now on are recorded with it, and the topic's checks look only at the
   * orders recorded with it, as another cluster's topic of the same name never had them. Set
   * by the dispatcher once the brokers have answered, after deliveringTo, with the topic it
   * sends to (recorded with the cluster on each send, for atCluster; null: not judged by it).
   */
  deliveringToCluster(clusterId: string | null, topic: string | null = null): void {
    this.clusterId = clusterId;
    this.topic = clusterId === null ? null : topic;
  }

  /**
   * The brokers answer as `clusterId`, and the app sends to its `topic`: orders sent to another
   * cluster or topic and not delivered (their answer lost: they may be in that log, which the
   * in-doubt search here cannot see) are set aside, as a change between training and the store
   * sets aside what was saved for the other; those set aside so for this cluster and topic go
   * again. Only orders recorded with a cluster (sent since outbox schema 27, while the brokers
   * reported one) are judged, and by their topic those sent since schema 28.
   */
  atCluster(clusterId: string, topic: string): { setAside: OrderChange[]; sentAgain: OrderChange[] } {
    this.sqlRun += 2;
    const place = { cluster: clusterId, topic };
    return this.inTransaction(() => {
      const sentAgain = [
        ...(this.st.sendAgainAtCluster.all(place) as ChangeRow[]),
        ...(this.st.sendAgainCancellationsBehind.all(place) as ChangeRow[]),
      ];
      const setAside = [
        ...(this.st.setAsideOtherCluster.all(place) as ChangeRow[]),
        ...(this.st.setAsideCancellationsBehind.all(place) as ChangeRow[]),
      ];
      return { setAside: this.changesOf(setAside), sentAgain: this.changesOf(sentAgain) };
    });
  }

  /**
   * How many orders on their way Settings would not send to `topic` on other brokers
   * (`otherBrokers`: taken as another cluster) or on these: those atCluster would set aside there,
   * and those being sent now that it would set aside if their answer were lost. And how many of
   * the voids' cancellations on their way (the header's) it would send there, and how many it
   * leaves behind (with their order set aside so, or for the cluster and topic their order was
   * delivered to).
   */
  sentElsewhere(to: { topic: string; otherBrokers: boolean }): {
    orders: number;
    cancellationsThere: number;
    cancellationsBehind: number;
  } {
    if (this.waitingCount === 0) return { orders: 0, cancellationsThere: 0, cancellationsBehind: 0 };
    const place = { cluster: to.otherBrokers ? null : this.clusterId, topic: to.topic };
    return this.inTransaction(() => {
      const onTheirWay = (this.st.cancellationsOnTheirWay.get(CANCELLATION_ID_RANGE) as { n: number }).n;
      const behind = this.st.cancellationsLeftBehind.get({ ...place, ...CANCELLATION_ID_RANGE }) as number;
      return {
        orders: this.st.sentElsewhere.get(place) as number,
        cancellationsThere: onTheirWay - behind,
        cancellationsBehind: behind,
      };
    });
  }

  /** The cluster set by deliveringToCluster since the last deliveringTo; null while not known. */
  get clusterDeliveringTo(): string | null {
    return this.clusterId;
  }

  /**
   * Gives up to `limit` of `topic`'s delivered orders recorded without a cluster (delivered while
   * it could not be asked, or before outbox schema 24) the one the app delivers to now; returns
   * how many. The dispatcher calls it once it knows that cluster, until none is left: such
   * orders went to the cluster the app sent to then, which is this one unless Settings changed
   * the brokers before it could be asked.
   */
  adoptUnknownCluster(topic: string, limit: number): number {
    if (this.clusterId === null) return 0;
    this.sqlRun += 3;
    return this.st.adoptUnknownCluster.run({ topic, cluster: this.clusterId, training: this.training, limit }).changes;
  }

  /** Which delivered orders the topic checks look at: the cluster's the app delivers to now. */
  private scope(): { training: number; cluster: string | null } {
    return { training: this.training, cluster: this.clusterId };
  }

  /**
   * The app sends to its training cluster or to the store's from now on (null: to none). When
   * that differs from what it sent to before (now or before a restart: `switched`), every
   * waiting order is set aside as needing attention: what was saved for one is not sent to the
   * other unless a person resends it. Orders being sent finish where they were going. Called
   * before anything is saved for the new cluster. A void's cancellation is set aside the same
   * way. What was set aside for the cluster the app sends to now, and not voided or resent
   * meanwhile, is sent again (`sentAgain`).
   */
  sendsTo(cluster: 'training' | 'store' | null): {
    switched: boolean;
    setAside: OrderChange[];
    sentAgain: OrderChange[];
  } {
    if (cluster === null) return { switched: false, setAside: [], sentAgain: [] };
    const training = cluster === 'training' ? 1 : 0;
    return this.inTransaction(() => {
      const before = this.st.sendsTo.get() as number | undefined;
      this.st.setSendsTo.run(training);
      this.sendsToTraining = training;
      if (before === undefined || before === training) return { switched: false, setAside: [], sentAgain: [] };
      const setAside = this.st.setAside.all({ code: notSentCode(before === 1) }) as ChangeRow[];
      const code = notSentCode(training === 1);
      const sentAgain = [
        ...(this.st.sendCancellationsAgain.all({ code }) as ChangeRow[]),
        ...(this.st.sendOrdersAgain.all({ code }) as ChangeRow[]),
      ];
      return { switched: true, setAside: this.changesOf(setAside), sentAgain: this.changesOf(sentAgain) };
    });
  }

  /** Marks the rows delivered: each moves to the history in the same transaction. */
  markDelivered(deliveries: readonly Delivery[], to: DeliveredTo | null = null): OrderChange[] {
    const at = new Date();
    const atIso = at.toISOString();
    let moved = 0;
    let delivered = 0;
    const cancelled: string[] = [];
    const changes = this.eachInTransaction(
      deliveries,
      (d) => {
        const row = this.st.moveToHistory.get(
          d.partition,
          d.offset,
          atIso,
          at.getTime(),
          to?.topic ?? null,
          to?.topicId ?? null,
          this.training,
          this.clusterId,
          d.seq,
        ) as { seq: number; order_id: string; attempts: number } | undefined;
        if (!row) {
          // A cancellation: where it landed is kept with the void; the order's change is reported.
          const c = this.st.deliverCancellation.get(d.partition, d.offset, atIso, d.seq) as
            { order_id: string } | undefined;
          if (c) {
            this.st.deleteWaiting.run(d.seq);
            delivered++;
            cancelled.push(c.order_id);
          }
          return undefined;
        }
        this.st.deleteWaiting.run(d.seq);
        moved++;
        return {
          seq: row.seq,
          order_id: row.order_id,
          state: 'delivered',
          attempts: row.attempts,
          partition: d.partition,
          offset: d.offset,
          error_code: null,
          error_params: null,
          auto_retry: 1,
          next_attempt_at: null,
          delivered_at: atIso,
          training: this.training,
        };
      },
      () => {
        if (moved > 0) this.st.addHistoryCount.run(moved);
      },
    );
    this.waitingCount -= moved + delivered;
    for (const d of deliveries) this.waiting.delete(d.seq);
    return [...changes, ...this.ordersOf(cancelled)];
  }

  /**
   * Marks the rows failed. One whose send was under way when Settings changed the cluster
   * (sendsTo set the waiting ones aside meanwhile), to be sent again by itself, is set aside
   * like them instead: sent again, it went to the new cluster with no person choosing it.
   */
  markFailed(seqs: readonly number[], f: FailureMark): OrderChange[] {
    const params = f.error.params ? JSON.stringify(f.error.params) : null;
    const sendsTo = this.sendsToTraining;
    // The dispatcher still delivers to the cluster it was sending to until its next cycle (deliveringTo).
    const code = f.autoRetry && sendsTo !== null && sendsTo !== this.training ? notSentCode(this.training === 1) : null;
    return this.eachInTransaction(
      seqs,
      (seq) =>
        (code === null ? undefined : (this.st.setAsideInFlight.get({ seq, code }) as ChangeRow | undefined)) ??
        (this.st.markFailed.get(
          f.countAttempt ? 1 : 0,
          f.error.code,
          params,
          f.autoRetry ? 1 : 0,
          f.autoRetry ? f.nextAttemptAt : null,
          seq,
        ) as ChangeRow | undefined),
    );
  }

  /** The clerk's Retry: a failed order goes back to waiting, due now. */
  retry(orderId: string): Result<OrderRecord> {
    const row = this.inTransaction(() => {
      const resent = this.st.retry.get(orderId) as RowData | undefined;
      if (resent) this.cancellationFollows(orderId);
      return resent;
    });
    if (row) return { ok: true, value: this.toRecord(this.withCancellation(row)) };
    const existing = this.get(orderId);
    return existing
      ? { ok: false, error: appError('order.notRetryable') }
      : { ok: false, error: appError('order.notFound', { orderId }) };
  }

  // ---- orders that need attention (issue 10; customer-hold.ts explains the rules) ----------

  /** Customers whose later orders wait behind one that needs attention. */
  heldCustomers(): ReadonlySet<string> {
    return this.held;
  }

  /**
   * The order at `seq` was refused for good and needs attention (it is already marked failed
   * with auto_retry = 0): its customer's later waiting orders now wait behind it.
   */
  holdCustomer(customerId: string, seq: number): OrderChange[] {
    this.held.add(customerId);
    return this.changesOf(this.st.holdLater.all(customerId, seq) as ChangeRow[]);
  }

  /** The customer's orders stop waiting for a person when none of its orders needs attention any more. */
  release(customerId: string): OrderChange[] {
    return this.changesOf(this.releaseIfClear(customerId));
  }

  /** The order that needs attention, or an error saying why it cannot be acted on. */
  attention(orderId: string): Result<OrderRecord> {
    const row = this.st.attentionRow.get(orderId) as RowData | undefined;
    if (row) return { ok: true, value: this.toRecord(row) };
    return this.get(orderId)
      ? { ok: false, error: appError('order.notHeld') }
      : { ok: false, error: appError('order.notFound', { orderId }) };
  }

  /**
   * A person corrected an order that needs attention: it keeps its id and its place (seq), so it
   * is sent before its customer's later orders, which stop waiting for a person.
   */
  correct(orderId: string, order: Order): Result<{ record: OrderRecord; changes: OrderChange[] }> {
    const row = this.st.attentionRow.get(orderId) as RowData | undefined;
    if (!row) return { ok: false, error: this.notHeld(orderId) };
    const stored: StoredOrder = { json: JSON.stringify(order), order: freezeOrder(order) };
    let updated: RowData | undefined;
    let released: ChangeRow[] = [];
    this.sqlRun += 2;
    this.inTransaction(() => {
      updated = this.st.correct.get(stored.json, row.seq) as RowData | undefined;
      if (updated) this.cancellationFollows(orderId);
      released = this.releaseIfClear(row.customer_id);
    });
    if (!updated) return { ok: false, error: appError('order.notHeld') };
    this.waiting.set(row.seq, stored);
    const record = toRecord(this.withCancellation(updated), stored.order);
    return { ok: true, value: { record, changes: [changeOf(record), ...this.changesOf(released)] } };
  }

  /**
   * Inside a transaction, a person having resent or corrected the order: a void's cancellation
   * set aside with it (at a change of cluster) goes where it goes, after it (its seq is later).
   * Left behind, it waited for the cluster the order left, to follow it there although the order
   * went to this one: for ever, with no order needing a person for the clerk to act on.
   */
  private cancellationFollows(orderId: string): void {
    this.st.retry.get(cancellationMessageId(orderId));
  }

  /**
   * A row `RETURNING *` gave, read again with its cancellation: the answer to a resend or a
   * correction had none, and the Outbox's row stopped saying the order was voided.
   */
  private withCancellation(row: RowData): RowData {
    return (this.st.byOrderId.get(row.order_id) as RowData | undefined) ?? row;
  }

  /** A person voided an order that needs attention: kept with the reason in order_voided, never sent. */
  void(orderId: string, reason: string): Result<{ record: OrderRecord; changes: OrderChange[] }> {
    const row = this.st.attentionRow.get(orderId) as RowData | undefined;
    if (!row) return { ok: false, error: this.notHeld(orderId) };
    let voided: { seq: number } | undefined;
    let released: ChangeRow[] = [];
    this.sqlRun += 2;
    this.inTransaction(() => {
      voided = this.st.moveToVoided.get(new Date().toISOString(), reason, row.seq) as { seq: number } | undefined;
      if (!voided) return;
      this.st.deleteWaiting.run(row.seq);
      // A void's cancellation waiting behind it (voided by the clerk while it waited) goes only
      // where the order may be: it announced the cancellation of an order the topic never had.
      const dropped = neverInTopic(row)
        ? (this.st.dropCancellation.get(cancellationMessageId(orderId)) as { seq: number } | undefined)
        : undefined;
      if (dropped) {
        this.st.forgetCancellation.run(orderId);
        this.waiting.delete(dropped.seq);
        this.waitingCount--;
      }
      this.st.addVoidedCount.run();
      released = this.releaseIfClear(row.customer_id);
    });
    if (!voided) return { ok: false, error: appError('order.notHeld') };
    this.waitingCount--;
    this.waiting.delete(row.seq);
    // Read back once the transaction decided whether its cancellation is kept.
    const record = this.get(orderId)!;
    return { ok: true, value: { record, changes: [changeOf(record), ...this.changesOf(released)] } };
  }

  // ---- voiding with a cancellation (issue 11; schema 9) -----------------------------------

  /**
   * Voids a delivered or waiting order: it stays where it is, and its cancellation (`make`'s
   * value, as JSON) is saved in the same transaction as a second kind of outbox row, with the
   * order's key and a later seq, so the dispatcher sends it after the order, once. Refused for
   * an order already voided (either way) and for an unknown one. An order that needs attention
   * is voided without a cancellation instead (void(): it was never sent).
   */
  cancel(
    orderId: string,
    reason: string,
    make: (order: Order, voidedAt: string) => OrderCancellation,
  ): Result<{ record: OrderRecord; changes: OrderChange[] }> {
    let refused: AppError | null = null;
    let seq = 0;
    const voidedAt = new Date().toISOString();
    this.sqlRun += 2;
    this.inTransaction(() => {
      if (this.st.cancellationOf.get(orderId) || this.st.voidedByOrderId.get(orderId)) {
        refused = appError('order.alreadyVoided', { orderId });
        return;
      }
      const row = (this.st.byOrderId.get(orderId) ?? this.st.historyByOrderId.get(orderId)) as RowData | undefined;
      if (!row || row.order_json === undefined) {
        refused = appError('order.notFound', { orderId });
        return;
      }
      const value = make(JSON.parse(row.order_json) as Order, voidedAt);
      const json = JSON.stringify(value);
      seq = (
        this.st.insertCancel.get(
          cancellationMessageId(orderId),
          row.customer_id,
          json,
          voidedAt,
          this.held.has(row.customer_id) ? HELD_BEHIND : null,
        ) as { seq: number }
      ).seq;
      this.st.insertCancellation.run(orderId, seq, row.customer_id, reason, voidedAt);
    });
    if (refused) return { ok: false, error: refused };
    this.waitingCount++;
    const record = this.get(orderId)!;
    return { ok: true, value: { record, changes: [changeOf(record)] } };
  }

  /** State changes as the UI takes them: a cancellation's row reports its order's change. */
  private changesOf(rows: readonly ChangeRow[]): OrderChange[] {
    const out: OrderChange[] = [];
    const cancelled: string[] = [];
    for (const r of rows)
      if (r.order_id.startsWith(CANCELLATION_ID_PREFIX))
        cancelled.push(r.order_id.slice(CANCELLATION_ID_PREFIX.length));
      else out.push(toChange(r));
    return cancelled.length ? [...out, ...this.ordersOf(cancelled)] : out;
  }

  /** The current change of each order (those no longer held are left out). */
  private ordersOf(orderIds: readonly string[]): OrderChange[] {
    return [...new Set(orderIds)].flatMap((id) => {
      const record = this.get(id);
      return record ? [changeOf(record)] : [];
    });
  }

  /** Inside a transaction: when the customer has no order needing attention left, its held orders go. */
  private releaseIfClear(customerId: string): ChangeRow[] {
    const still = (this.st.heldCustomers.all() as Array<{ customer_id: string }>).some(
      (r) => r.customer_id === customerId,
    );
    if (still) return [];
    this.held.delete(customerId);
    return this.st.release.all(customerId) as ChangeRow[];
  }

  private notHeld(orderId: string): AppError {
    return this.get(orderId) ? appError('order.notHeld') : appError('order.notFound', { orderId });
  }

  /** After a settings change every waiting order is due now. */
  makeAllDueNow(): void {
    this.st.dueNow.run();
  }

  close(): void {
    this.waiting.clear();
    if (this.db.open) this.db.close();
  }

  private countIn(state: DeliveryState): number {
    return (this.st.countInState.get(state) as { n: number }).n;
  }

  /** Whether an order of this submission was saved: waiting, delivered or voided. */
  hasSubmission(submissionId: string): boolean {
    return this.bySubmission(submissionId) !== undefined;
  }

  private bySubmission(submissionId: string): RowData | undefined {
    return (this.st.bySubmission.get(submissionId) ??
      this.st.historyBySubmission.get(submissionId) ??
      this.st.voidedBySubmission.get(submissionId)) as RowData | undefined;
  }

  /**
   * Fills the search indexes (names, two-character windows, phones, short ids) for at most `max` orders
   * saved since the last call, oldest first, in one transaction with synchronous=NORMAL: a power
   * cut that takes it back takes back the mark with it, and the next call fills them again.
   * Returns how many seqs it covered (0: nothing waited). Save leaves the indexes alone (schema
   * 13); the search looks through the orders above searchIndexedUpTo() directly.
   */
  indexForSearch(max = SEARCH_INDEX_BATCH): number {
    const from = this.searchIndexedUpTo();
    const last = (this.st.lastSeq.get() as number | null) ?? 0;
    this.sqlRun += 2;
    if (last <= from) return 0;
    const range = { from, to: Math.min(last, from + max) };
    this.sqlRun += 8; // eight statements
    this.withoutFsync(() => {
      this.st.indexNames.run(range);
      this.st.mergeNames.run();
      this.st.indexPhones.run(range);
      this.st.mergePhones.run();
      this.st.indexNameWindows.run(range);
      this.st.mergeNameWindows.run();
      this.st.indexShortIds.run(range);
      this.st.setSearchIndexed.run({ to: range.to });
    });
    return range.to - range.from;
  }

  /** The highest seq the search indexes hold: orders above it are not in them yet. */
  searchIndexedUpTo(): number {
    return this.st.searchIndexed.get() as number;
  }

  /**
   * The dispatcher's bookkeeping (sending / delivered / failed) commits with synchronous=NORMAL:
   * it survives an app crash, and only a power cut or OS crash can forget the last few marks.
   * Forgetting one never loses an order; the order is just sent again (same order id), which is
   * the at-least-once window described at the top of this file. Orders themselves (add) are
   * always committed with synchronous=FULL. This halves the fsyncs per delivered order, and so the
   * time Save's commits wait behind the dispatcher's at 1,000 orders/s (the README's issue-9
   * section has what Saved measures there).
   */
  private eachInTransaction<T>(
    items: readonly T[],
    fn: (item: T) => ChangeRow | undefined,
    last?: () => void,
  ): OrderChange[] {
    const out: ChangeRow[] = [];
    this.withoutFsync(() => {
      for (const item of items) {
        const row = fn(item);
        if (row) out.push(row);
      }
      last?.();
    });
    return this.changesOf(out);
  }

  /** One transaction committed with synchronous=NORMAL (see eachInTransaction), then FULL again. */
  private withoutFsync(fn: () => void): void {
    this.sqlRun += 4; // two pragmas, BEGIN, COMMIT
    this.sync.normal.run();
    try {
      this.inTransaction(fn);
    } finally {
      this.sync.full.run();
    }
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

  /** A row as the UI sees it; the order from memory when it is there, else from the row's JSON. */
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
  // A cancellation's value (a PendingRow of kind 'cancel') has no lines.
  if (Array.isArray(order.lines)) {
    for (const line of order.lines) Object.freeze(line);
    Object.freeze(order.lines);
  }
  return Object.freeze(order);
}

function toChange(r: ChangeRow): OrderChange {
  return { orderId: r.order_id, ...deliveryOf(r) };
}

/** What a row says of an order's delivery: the fields a change and a record share, mapped once. */
function deliveryOf(r: Omit<RecordColumns, 'saved_at' | 'cancellation'>) {
  return {
    state: r.state,
    attempts: r.attempts,
    deliveredAt: r.delivered_at,
    partition: r.partition,
    offset: r.offset,
    error: errorOfRow(r),
    autoRetry: r.auto_retry === 1,
    nextAttemptAt: r.next_attempt_at === null ? null : new Date(r.next_attempt_at).toISOString(),
    ...(r.training === 1 ? { practice: true as const } : {}),
  };
}

/** A row's error, from its code and parameters (none for a code this version does not know). */
function errorOfRow(r: Pick<RowData, 'error_code' | 'error_params'>): AppError | null {
  return r.error_code && isErrorCode(r.error_code) ? appError(r.error_code, parseParams(r.error_params)) : null;
}

/** The columns an OrderRecord is made of (outbox rows and history rows alike). */
export type RecordColumns = Pick<
  RowData,
  | 'state'
  | 'attempts'
  | 'saved_at'
  | 'delivered_at'
  | 'partition'
  | 'offset'
  | 'error_code'
  | 'error_params'
  | 'auto_retry'
  | 'next_attempt_at'
  | 'cancellation'
  | 'training'
>;

/** A stored row as the app's OrderRecord: the one mapping (the Orders screen's search uses it too). */
export function toRecord(r: RecordColumns, order: Order): OrderRecord {
  return {
    order,
    savedAt: r.saved_at,
    ...deliveryOf(r),
    ...(r.cancellation ? { cancellation: parseCancellation(r.cancellation) } : {}),
  };
}

/** Where a cancellation set aside waits to be sent, by its row's code (the receipt says it). */
function waitsFor(code: SetAsideCode): NonNullable<Cancellation['waitsFor']> {
  if (code === 'order.trainingNotSent') return 'training';
  return code === IN_DOUBT_ELSEWHERE ? 'elsewhere' : 'store';
}

function parseCancellation(json: string): Cancellation {
  const c = JSON.parse(json) as {
    reason: string;
    voidedAt: string;
    partition: number | null;
    offset: string | null;
    setAside: SetAsideCode | null;
  };
  return {
    reason: c.reason,
    voidedAt: c.voidedAt,
    state: c.offset === null ? 'waiting' : 'delivered',
    partition: c.partition,
    offset: c.offset,
    ...(c.setAside ? { waitsFor: waitsFor(c.setAside) } : {}),
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
