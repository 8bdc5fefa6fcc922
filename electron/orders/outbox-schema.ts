// The outbox's SQLite schema as an ordered list of migrations. A database is brought up to
// date on open; each step runs in its own transaction and is recorded in schema_version, so a
// newer app can open an older terminal's outbox without losing a row.
import type Database from 'better-sqlite3';
import { SHORT_ORDER_ID_CHARS } from '../../shared/order-ids';
import { HANGUL_RANGES, NAME_SPACES } from '../../shared/name-search';

/**
 * Schema 12's name windows: every two consecutive characters of a customer name, folded as LIKE
 * folds (lower(): ASCII letters), without the windows holding a space (a query is trimmed, so a
 * two-character query never has one), as (gram, seq) rows. `names`: a query of (seq, v), v the
 * folded name; nameOf gives it for a trigger's 'new' or 'old' row. One source for the migration
 * and the three triggers (part of schema 12: a later change is a new migration, not an edit here).
 * CROSS JOIN keeps the names outside: the planner otherwise walked the outbox once per window
 * position in the migration (99 reads of every waiting order: 130 s at a million, 16.5 s now).
 */
const nameWindows = (names: string) =>
  `SELECT substr(d.v, w.k, 2) AS gram, d.seq AS seq FROM (${names}) AS d
     CROSS JOIN order_name_window AS w ON w.k <= length(d.v) - 1 WHERE instr(substr(d.v, w.k, 2), ' ') = 0`;
const foldedName = (json: string) => `lower(json_extract(${json}, '$.customerName'))`;
const nameOf = (row: 'new' | 'old') => `SELECT ${row}.seq AS seq, ${foldedName(`${row}.order_json`)} AS v`;

/** A phone's digits as the phone index reads them (schema 11): without the characters the order schema allows besides digits. */
const phoneDigitsOf = (json: string) =>
  `replace(replace(replace(replace(replace(ifnull(json_extract(${json}, '$.phone'), ''), '-', ''), ' ', ''), '+', ''), '(', ''), ')', '')`;

/**
 * Schema 16's phone index: a phone's windows of four digits (schema 11's, from `digits`, a
 * column of the query around it) as the words of one row per order in an FTS5 table, the
 * windows apart by spaces; NULL for fewer than four digits.
 */
const phoneWindowsOf = (digits: string) =>
  `(SELECT group_concat(substr(${digits}, w.k, 4), ' ') FROM order_phone_window AS w WHERE w.k <= length(${digits}) - 3)`;

/**
 * Schema 18's name windows: schema 12's windows of a name (`names`, as nameWindows takes it) as
 * the words of one row per order in an FTS5 table, each window spelled as the hex of its UTF-8
 * (the index's ascii tokenizer would split a window at punctuation, and could not fold a
 * Korean syllable anyway), as (seq, windows) rows; no row for a name without a window.
 */
const nameWindowRows = (names: string) =>
  `SELECT g.seq AS seq, group_concat(hex(g.gram), ' ') AS windows FROM (${nameWindows(names)}) AS g GROUP BY g.seq`;

/** `v` (an SQL expression of a name) without its NAME_SPACES. */
const spacesOut = (v: string) => NAME_SPACES.reduce((sql, c) => `replace(${sql}, char(${c.codePointAt(0)}), '')`, v);
/** `v` is Korean and written with a space: Hangul and spaces only, at least one of them a space. */
const spacedKorean = (v: string) => `${spacesOut(v)} <> ${v} AND NOT ${spacesOut(v)} GLOB '*[^${HANGUL_RANGES}]*'`;

/**
 * Schema 25: shared/name-search.ts's closedKoreanName in SQL, the name itself when that is null:
 * what the name windows are taken from, so "김민" finds "김 민수" (a Korean name's windows across
 * a space; any other name's are still left out).
 */
export const closedKoreanNameSql = (v: string) => `CASE WHEN ${spacedKorean(v)} THEN ${spacesOut(v)} ELSE ${v} END`;

/** Schema 25: shared/name-search.ts's searchableName in SQL, what the trigram index holds for a name. */
const searchableNameSql = (v: string) =>
  `CASE WHEN ${spacedKorean(v)} THEN ${v} || char(10) || ${spacesOut(v)} ELSE ${v} END`;
const customerName = (json: string) => `json_extract(${json}, '$.customerName')`;

/**
 * The trigger that re-indexes a corrected order's name (as `words`, an SQL expression of the new
 * row) and phone in the trigram and phone indexes: schema 16's, and schema 25's with the name as
 * the index now holds it.
 */
const searchCorrectedTrigger = (words: string) => `DROP TRIGGER order_search_corrected;
      CREATE TRIGGER order_search_corrected AFTER UPDATE OF order_json ON outbox
        WHEN new.kind = 'order'
          AND (json_extract(old.order_json, '$.customerName') IS NOT json_extract(new.order_json, '$.customerName')
            OR json_extract(old.order_json, '$.phone') IS NOT json_extract(new.order_json, '$.phone'))
      BEGIN
        DELETE FROM order_search WHERE rowid = new.seq;
        INSERT INTO order_search (rowid, words) VALUES (new.seq, ${words});
        DELETE FROM order_phone_windows WHERE rowid = new.seq;
        INSERT INTO order_phone_windows (rowid, windows)
          SELECT new.seq, ${phoneWindowsOf('d.v')} FROM (SELECT ${phoneDigitsOf('new.order_json')} AS v) AS d
          WHERE length(d.v) >= 4;
      END;`;

/**
 * The trigger that re-takes a corrected order's name windows from `name` (an SQL expression of
 * the new row): schema 18's, and schema 25's from the Korean name closed up.
 */
const nameCorrectedTrigger = (name: string) => `CREATE TRIGGER order_name_corrected AFTER UPDATE OF order_json ON outbox
        WHEN new.kind = 'order'
          AND json_extract(old.order_json, '$.customerName') IS NOT json_extract(new.order_json, '$.customerName')
      BEGIN
        DELETE FROM order_name_windows WHERE rowid = new.seq;
        INSERT INTO order_name_windows (rowid, windows) ${nameWindowRows(`SELECT new.seq AS seq, ${name} AS v`)};
      END;`;

/** A time-ordered order id and the short id the screens show for it, in SQL (as shared/order-ids.ts says them). */
const timeOrdered = (id: string) => `length(${id}) = 36 AND substr(${id}, 15, 1) = '7'`;
export const shortIdOf = (id: string) => `substr(${id}, ${37 - SHORT_ORDER_ID_CHARS})`;

/**
 * FTS5 pages merged per search batch in each of the search indexes (phone windows, schema 16;
 * name windows, schema 18; names' trigrams, schema 19), each merging its levels only this way.
 * 16, not 100 (2026-12-05): with 100 a batch at a million orders spent 4-14 ms merging the phone
 * index in about half of its turns (bench:outbox at 1,000/s); 16 pages a batch, 160 a second,
 * still keep up with what 1,000 orders a second add (2,000 such batches left the index's
 * structure no larger), and a step takes 4 ms at most.
 */
const MERGE_PAGES_PER_BATCH = 16;

/**
 * An FTS5 index merged only by the search batches' steps (schemas 18, 19; the phone index got
 * the same settings in 16 and 17): its own merging off, a level merged once it holds 8 segments,
 * a whole level at once only at 64.
 */
const mergedInSteps = (index: string) =>
  `INSERT INTO ${index} (${index}, rank) VALUES ('automerge', 0);
      INSERT INTO ${index} (${index}, rank) VALUES ('crisismerge', 64);
      INSERT INTO ${index} (${index}, rank) VALUES ('usermerge', 8);`;

/** outbox_meta's key for the highest seq the search indexes hold (schema 13). */
export const SEARCH_INDEXED_KEY = 'search_indexed';

/**
 * The orders saved after the search indexes were last filled (schema 13): seq above @from and
 * up to @to, in whichever table they are now (an order delivered meanwhile has moved to the
 * history; the NOT IN keeps a row met in both at once to one).
 */
const UNINDEXED = `SELECT seq, order_json FROM outbox WHERE seq > @from AND seq <= @to AND kind = 'order'
  UNION ALL
  SELECT seq, order_json FROM order_history WHERE seq > @from AND seq <= @to
    AND seq NOT IN (SELECT seq FROM outbox WHERE seq > @from AND seq <= @to)`;

/**
 * Filling the three search indexes for the orders saved since the last time (schema 13:
 * OutboxStore.indexForSearch runs them in one transaction every 100 ms). The rows of a batch go
 * in sorted by key, so each index page they land on is written once per batch, not once per
 * order. A corrected order (the schema 11 and 12 triggers) may be in them already: hence the
 * NOT EXISTS and OR IGNORE.
 */
export const SEARCH_INDEX_SQL = {
  indexed: `SELECT value FROM outbox_meta WHERE key = '${SEARCH_INDEXED_KEY}'`,
  lastSeq: `SELECT max(seq) FROM (SELECT max(seq) AS seq FROM outbox UNION ALL SELECT max(seq) AS seq FROM order_history)`,
  // Each name is read from its order's JSON once (MATERIALIZED), not once per use in the
  // expression around it: a search batch shares the event loop with Save.
  names: `WITH n AS MATERIALIZED (SELECT d.seq AS seq, ${customerName('d.order_json')} AS v FROM (${UNINDEXED}) AS d
      WHERE NOT EXISTS (SELECT 1 FROM order_search WHERE rowid = d.seq))
    INSERT INTO order_search (rowid, words) SELECT seq, ${searchableNameSql('v')} FROM n ORDER BY seq`,
  // The trigram index merges a bounded step per batch as the windows indexes do (schema 19).
  namesMerge: `INSERT INTO order_search (order_search, rank) VALUES ('merge', ${MERGE_PAGES_PER_BATCH})`,
  phones: `INSERT INTO order_phone_windows (rowid, windows)
    SELECT d.seq, ${phoneWindowsOf('d.v')}
    FROM (SELECT seq, ${phoneDigitsOf('order_json')} AS v FROM (${UNINDEXED})) AS d
    WHERE length(d.v) >= 4 AND NOT EXISTS (SELECT 1 FROM order_phone_windows WHERE rowid = d.seq)
    ORDER BY d.seq`,
  // FTS5 merges its segments a bounded step per batch (schema 16 turned its own merging off,
  // which merged a whole level at once inside some batch: stalls of 15-25 ms).
  phonesMerge: `INSERT INTO order_phone_windows (order_phone_windows, rank) VALUES ('merge', ${MERGE_PAGES_PER_BATCH})`,
  nameWindows: `WITH n AS MATERIALIZED (SELECT u.seq AS seq, ${foldedName('u.order_json')} AS v FROM (${UNINDEXED}) AS u
      WHERE NOT EXISTS (SELECT 1 FROM order_name_windows WHERE rowid = u.seq)),
    c AS MATERIALIZED (SELECT seq, ${closedKoreanNameSql('v')} AS v FROM n)
    INSERT INTO order_name_windows (rowid, windows) ${nameWindowRows('SELECT seq, v FROM c')} ORDER BY 1`,
  nameWindowsMerge: `INSERT INTO order_name_windows (order_name_windows, rank) VALUES ('merge', ${MERGE_PAGES_PER_BATCH})`,
  shortIds: `INSERT OR IGNORE INTO order_short_id (k, seq)
    SELECT ${shortIdOf('d.id')}, d.seq FROM (SELECT seq, json_extract(order_json, '$.orderId') AS id FROM (${UNINDEXED})) AS d
    WHERE ${timeOrdered('d.id')} ORDER BY 1, 2`,
  setIndexed: `UPDATE outbox_meta SET value = @to WHERE key = '${SEARCH_INDEXED_KEY}'`,
} as const;

const MIGRATIONS: ReadonlyArray<{ version: number; sql: string }> = [
  {
    version: 1,
    sql: `
      CREATE TABLE outbox (
        seq             INTEGER PRIMARY KEY AUTOINCREMENT,
        order_id        TEXT    NOT NULL UNIQUE,
        customer_id     TEXT    NOT NULL,
        order_json      TEXT    NOT NULL,
        state           TEXT    NOT NULL CHECK (state IN ('saved', 'sending', 'delivered', 'failed')),
        attempts        INTEGER NOT NULL DEFAULT 0,
        partition       INTEGER,
        offset          TEXT,
        error_code      TEXT,
        error_params    TEXT,
        auto_retry      INTEGER NOT NULL DEFAULT 1,
        next_attempt_at INTEGER,
        saved_at        TEXT    NOT NULL,
        delivered_at    TEXT
      );
      -- The dispatcher's hot query: undelivered rows in insertion order.
      CREATE INDEX outbox_waiting ON outbox (seq) WHERE state <> 'delivered';
      -- "Repeat last order" looks up a customer's newest order.
      CREATE INDEX outbox_customer ON outbox (customer_id, seq);
    `,
  },
  {
    version: 2,
    sql: `
      -- The form's submission id: a submit repeated after a lost answer finds its order here.
      ALTER TABLE outbox ADD COLUMN submission_id TEXT;
      CREATE UNIQUE INDEX outbox_submission ON outbox (submission_id) WHERE submission_id IS NOT NULL;
    `,
  },
  {
    version: 3,
    sql: `
      -- Delivered orders leave the hot table (issue 9): \`outbox\` holds only what is still to be
      -- delivered, so the dispatcher's work per order no longer grows with the terminal's age.
      -- \`order_history\` keeps delivered orders (receipts, the recent-orders screen, later risk
      -- checks) until the retention setting deletes them. seq is the outbox's seq, kept.
      CREATE TABLE order_history (
        seq           INTEGER PRIMARY KEY,
        order_id      TEXT    NOT NULL UNIQUE,
        customer_id   TEXT    NOT NULL,
        order_json    TEXT    NOT NULL,
        attempts      INTEGER NOT NULL,
        partition     INTEGER NOT NULL,
        -- INTEGER (exact to 2^63) so ranges of offsets sort; the app reads it back as text.
        offset        INTEGER NOT NULL,
        saved_at      TEXT    NOT NULL,
        delivered_at  TEXT    NOT NULL,
        -- Epoch ms of delivered_at: what retention and time ranges search by.
        delivered_ms  INTEGER NOT NULL,
        submission_id TEXT
      );
      CREATE INDEX history_delivered ON order_history (delivered_ms);
      CREATE INDEX history_customer ON order_history (customer_id, seq);
      CREATE INDEX history_partition_offset ON order_history (partition, offset);
      CREATE UNIQUE INDEX history_submission ON order_history (submission_id) WHERE submission_id IS NOT NULL;
      INSERT INTO order_history (seq, order_id, customer_id, order_json, attempts, partition, offset, saved_at,
                                 delivered_at, delivered_ms, submission_id)
        SELECT seq, order_id, customer_id, order_json, attempts, COALESCE(partition, -1), COALESCE(offset, -1), saved_at,
               COALESCE(delivered_at, saved_at),
               CAST(ROUND((julianday(COALESCE(delivered_at, saved_at)) - 2440587.5) * 86400000) AS INTEGER),
               submission_id
        FROM outbox WHERE state = 'delivered';
      DELETE FROM outbox WHERE state = 'delivered';
      -- outbox_waiting (seq WHERE state <> 'delivered') was never used by the dispatcher's
      -- queries (their OR filter does not imply its condition), and every row is waiting now.
      DROP INDEX outbox_waiting;
      -- Counts per state, the sending rows after a crash, due-now resets.
      CREATE INDEX outbox_state ON outbox (state);
      -- The dispatcher's candidates in seq order; the condition is the query's, word for word.
      CREATE INDEX outbox_sendable ON outbox (seq) WHERE state = 'saved' OR (state = 'failed' AND auto_retry = 1);
      -- The next automatic retry time.
      CREATE INDEX outbox_retry ON outbox (next_attempt_at) WHERE state = 'failed' AND auto_retry = 1;
      -- Counters kept in step with the tables in the same transactions, so no screen counts rows.
      CREATE TABLE outbox_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
      INSERT INTO outbox_meta (key, value) SELECT 'history_count', COUNT(*) FROM order_history;
    `,
  },
  {
    version: 4,
    sql: `
      -- Where the order's partition's log ended just before the order was first sent (issue 10):
      -- after a crash, the check for orders an earlier session delivered reads from there, so no
      -- clock (the terminal's, corrected or not) decides where to look. NULL: never sent.
      ALTER TABLE outbox ADD COLUMN search_partition INTEGER;
      ALTER TABLE outbox ADD COLUMN search_from INTEGER;
    `,
  },
  {
    version: 5,
    sql: `
      -- Which topic an order was delivered to (issue 10: a topic deleted and re-created, or a
      -- partition truncated, silently loses delivered orders). topic: the name; topic_id: the
      -- broker's id for it when it reports one (NULL otherwise, and for rows delivered before
      -- this version, which are never checked: their topic is unknown).
      ALTER TABLE order_history ADD COLUMN topic TEXT;
      ALTER TABLE order_history ADD COLUMN topic_id TEXT;
      -- Epoch ms when the order was found gone from its topic (the offset now holds another
      -- record, or the log ends below it): the state 'delivered-previous-topic'. NULL: delivered.
      ALTER TABLE order_history ADD COLUMN previous_topic_ms INTEGER;
      CREATE INDEX history_previous_topic ON order_history (previous_topic_ms, delivered_ms)
        WHERE previous_topic_ms IS NOT NULL;
    `,
  },
  {
    version: 6,
    sql: `
      -- Finding a customer by part of a name or phone among a year of orders (issue 11: a scan of
      -- a million orders took 3 s): a trigram index over the name and the phone's digits, row id =
      -- the order's seq, filled once per order when it is saved and emptied with the history's
      -- retention. An order's name and phone never change, so nothing else touches it.
      CREATE VIRTUAL TABLE order_search USING fts5(words, tokenize = 'trigram');
      INSERT INTO order_search (rowid, words) SELECT seq, json_extract(order_json, '$.customerName') || char(10) ||
        replace(replace(replace(replace(replace(ifnull(json_extract(order_json, '$.phone'), ''),
          '-', ''), ' ', ''), '+', ''), '(', ''), ')', '') FROM order_history;
      INSERT INTO order_search (rowid, words) SELECT seq, json_extract(order_json, '$.customerName') || char(10) ||
        replace(replace(replace(replace(replace(ifnull(json_extract(order_json, '$.phone'), ''),
          '-', ''), ' ', ''), '+', ''), '(', ''), ')', '') FROM outbox
        WHERE seq NOT IN (SELECT seq FROM order_history);
      -- A row that comes back to the outbox (an operator's re-send) is already indexed.
      CREATE TRIGGER order_search_saved AFTER INSERT ON outbox
        WHEN NOT EXISTS (SELECT 1 FROM order_search WHERE rowid = new.seq)
      BEGIN
        INSERT INTO order_search (rowid, words) VALUES (new.seq, json_extract(new.order_json, '$.customerName') || char(10) ||
        replace(replace(replace(replace(replace(ifnull(json_extract(new.order_json, '$.phone'), ''),
          '-', ''), ' ', ''), '+', ''), '(', ''), ')', ''));
      END;
      CREATE TRIGGER order_search_forgotten AFTER DELETE ON order_history
      BEGIN
        DELETE FROM order_search WHERE rowid = old.seq;
      END;
    `,
  },
  {
    version: 7,
    sql: `
      -- Poison orders (issue 10). An order the broker refuses for good (too large, invalid) stays
      -- in the outbox as failed with auto_retry = 0: it "needs attention", and its customer's
      -- later orders wait behind it (per-customer order). This index finds those customers.
      CREATE INDEX outbox_attention ON outbox (customer_id) WHERE state = 'failed' AND auto_retry = 0;
      -- A voided order: a person decided it is never sent. Kept with the reason and the refusal,
      -- never silently dropped; seq is the outbox's seq, kept.
      CREATE TABLE order_voided (
        seq           INTEGER PRIMARY KEY,
        order_id      TEXT    NOT NULL UNIQUE,
        customer_id   TEXT    NOT NULL,
        order_json    TEXT    NOT NULL,
        attempts      INTEGER NOT NULL,
        saved_at      TEXT    NOT NULL,
        voided_at     TEXT    NOT NULL,
        reason        TEXT    NOT NULL,
        error_code    TEXT,
        error_params  TEXT,
        submission_id TEXT
      );
      CREATE UNIQUE INDEX voided_submission ON order_voided (submission_id) WHERE submission_id IS NOT NULL;
      INSERT INTO outbox_meta (key, value) VALUES ('voided_count', 0);
    `,
  },
  {
    version: 8,
    sql: `
      -- Risk checks (issue 12): every flagged order, what its policy did with it and a supervisor's
      -- decision, kept by electron/risk/risk-store.ts. A held order waits here, not in \`outbox\`
      -- (the dispatcher never sees it) until confirmed; a routed one waits here for the review
      -- topic. Self-contained: no existing table changes.
      CREATE TABLE risk_review (
        order_id      TEXT    PRIMARY KEY,
        submission_id TEXT,
        customer_id   TEXT    NOT NULL,
        created_ms    INTEGER NOT NULL,
        order_json    TEXT    NOT NULL,
        flags_json    TEXT    NOT NULL,
        policy        TEXT    NOT NULL CHECK (policy IN ('warn', 'hold', 'route')),
        outcome       TEXT    NOT NULL CHECK (outcome IN ('sent', 'held', 'confirmed', 'voided', 'routed')),
        topic         TEXT,
        -- The extra Kafka headers (risk, risk-decision) its message carries, as JSON.
        headers_json  TEXT    NOT NULL,
        decision      TEXT    CHECK (decision IN ('confirm', 'void')),
        decided_by    TEXT,
        decided_at    TEXT,
        review_partition INTEGER,
        review_offset    TEXT
      );
      CREATE INDEX risk_review_created ON risk_review (created_ms);
      CREATE UNIQUE INDEX risk_review_submission ON risk_review (submission_id) WHERE submission_id IS NOT NULL;
      -- Routed orders still to be sent to the review topic.
      CREATE INDEX risk_review_routing ON risk_review (created_ms) WHERE outcome = 'routed' AND review_offset IS NULL;
    `,
  },
  {
    version: 9,
    sql: `
      -- Voiding a delivered (or still waiting) order (issue 11): the order stays where it is and a
      -- cancellation message follows it to the topic. The cancellation is a second kind of outbox
      -- row, so it shares the dispatcher's guarantees unchanged: saved durably, sent once (the
      -- in-doubt search knows it by its own id, see shared/order-schema.ts cancellationMessageId),
      -- and after the order, because it has the order's key and a later seq. order_id holds that
      -- id ('order-cancelled:' + the order's id), order_json the cancellation's JSON value.
      ALTER TABLE outbox ADD COLUMN kind TEXT NOT NULL DEFAULT 'order' CHECK (kind IN ('order', 'cancel'));
      -- The void itself, one per order (a second is refused): the reason, and where its
      -- cancellation landed once delivered (seq: its outbox row's, kept).
      CREATE TABLE order_cancellation (
        order_id      TEXT    PRIMARY KEY,
        seq           INTEGER NOT NULL UNIQUE,
        customer_id   TEXT    NOT NULL,
        reason        TEXT    NOT NULL,
        voided_at     TEXT    NOT NULL,
        partition     INTEGER,
        offset        TEXT,
        delivered_at  TEXT
      );
      -- A cancellation is not searched by name or phone: the trigger indexes orders only.
      DROP TRIGGER order_search_saved;
      CREATE TRIGGER order_search_saved AFTER INSERT ON outbox
        WHEN new.kind = 'order' AND NOT EXISTS (SELECT 1 FROM order_search WHERE rowid = new.seq)
      BEGIN
        INSERT INTO order_search (rowid, words) VALUES (new.seq, json_extract(new.order_json, '$.customerName') || char(10) ||
        replace(replace(replace(replace(replace(ifnull(json_extract(new.order_json, '$.phone'), ''),
          '-', ''), ' ', ''), '+', ''), '(', ''), ')', ''));
      END;
    `,
  },
  {
    version: 10,
    sql: `
      -- Topic re-creation found by topic id (issue 10; electron/orders/topic-identity.ts): the
      -- delivered orders of a topic recorded with an id other than the one the broker reports
      -- now, found by two range searches on either side of that id (never the current id's rows).
      -- Only rows still believed delivered and with an id: the rest are never asked about.
      CREATE INDEX history_topic_id ON order_history (topic, topic_id)
        WHERE previous_topic_ms IS NULL AND topic_id IS NOT NULL;
    `,
  },
  {
    version: 11,
    sql: `
      -- Phone digits get their own index (issue 11: digits have only 1,000 trigrams, and every
      -- mobile number shares 010's, so a number that matches nothing read long lists: 201 ms p99
      -- at a million orders). order_phone holds every window of four consecutive digits of the
      -- phone (as an integer, 0-9999) with the order's seq: a search looks up its rarest window
      -- and checks the others, so a full number reads tens of rows, not hundreds of thousands.
      -- Digits are the phone without the characters the order schema allows besides them
      -- (space + ( ) -). Queries of fewer than four digits are not looked for in phones (the
      -- Orders screen says so: PHONE_SEARCH_MIN_DIGITS in shared/counter-types.ts).
      CREATE TABLE order_phone (
        gram INTEGER NOT NULL,
        seq  INTEGER NOT NULL,
        PRIMARY KEY (gram, seq)
      ) WITHOUT ROWID;
      -- Start positions of the windows: a phone has at most 32 characters (ORDER_LIMITS.phoneMax).
      CREATE TABLE order_phone_window (k INTEGER PRIMARY KEY);
      INSERT INTO order_phone_window (k) VALUES (1), (2), (3), (4), (5), (6), (7), (8), (9), (10), (11), (12), (13), (14), (15), (16), (17), (18), (19), (20), (21), (22), (23), (24), (25), (26), (27), (28), (29);
      INSERT OR IGNORE INTO order_phone (gram, seq)
        SELECT CAST(substr(d.v, w.k, 4) AS INTEGER), d.seq
        FROM (SELECT seq, replace(replace(replace(replace(replace(ifnull(json_extract(order_json, '$.phone'), ''), '-', ''), ' ', ''), '+', ''), '(', ''), ')', '') AS v FROM order_history
              UNION ALL
              SELECT seq, replace(replace(replace(replace(replace(ifnull(json_extract(order_json, '$.phone'), ''), '-', ''), ' ', ''), '+', ''), '(', ''), ')', '') AS v FROM outbox WHERE kind = 'order' AND seq NOT IN (SELECT seq FROM order_history)) AS d
        JOIN order_phone_window AS w ON w.k <= length(d.v) - 3
        ORDER BY 1, 2;
      -- The trigram index keeps names only (the phone's digits were the source of its longest lists).
      DROP TRIGGER order_search_saved;
      DROP TRIGGER order_search_forgotten;
      DROP TABLE order_search;
      CREATE VIRTUAL TABLE order_search USING fts5(words, tokenize = 'trigram');
      INSERT INTO order_search (rowid, words)
        SELECT seq, json_extract(order_json, '$.customerName') FROM order_history
        UNION ALL
        SELECT seq, json_extract(order_json, '$.customerName') FROM outbox WHERE kind = 'order' AND seq NOT IN (SELECT seq FROM order_history);
      -- Both indexes are filled when an order is saved (cancellations, schema 9, are not searched). A row that comes back to the outbox (an
      -- operator's re-send) is already in them.
      CREATE TRIGGER order_search_saved AFTER INSERT ON outbox
        WHEN new.kind = 'order' AND NOT EXISTS (SELECT 1 FROM order_search WHERE rowid = new.seq)
      BEGIN
        INSERT INTO order_search (rowid, words) VALUES (new.seq, json_extract(new.order_json, '$.customerName'));
      END;
      CREATE TRIGGER order_phone_saved AFTER INSERT ON outbox
        WHEN new.kind = 'order'
      BEGIN
        INSERT OR IGNORE INTO order_phone (gram, seq)
          SELECT CAST(substr(d.v, w.k, 4) AS INTEGER), new.seq
          FROM (SELECT replace(replace(replace(replace(replace(ifnull(json_extract(new.order_json, '$.phone'), ''), '-', ''), ' ', ''), '+', ''), '(', ''), ')', '') AS v) AS d JOIN order_phone_window AS w ON w.k <= length(d.v) - 3;
      END;
      -- A person's correction of an order that needs attention may change its name or phone.
      CREATE TRIGGER order_search_corrected AFTER UPDATE OF order_json ON outbox
        WHEN new.kind = 'order'
          AND (json_extract(old.order_json, '$.customerName') IS NOT json_extract(new.order_json, '$.customerName')
            OR json_extract(old.order_json, '$.phone') IS NOT json_extract(new.order_json, '$.phone'))
      BEGIN
        DELETE FROM order_search WHERE rowid = new.seq;
        INSERT INTO order_search (rowid, words) VALUES (new.seq, json_extract(new.order_json, '$.customerName'));
        DELETE FROM order_phone WHERE seq = old.seq AND gram IN
          (SELECT CAST(substr(d.v, w.k, 4) AS INTEGER)
           FROM (SELECT replace(replace(replace(replace(replace(ifnull(json_extract(old.order_json, '$.phone'), ''), '-', ''), ' ', ''), '+', ''), '(', ''), ')', '') AS v) AS d JOIN order_phone_window AS w ON w.k <= length(d.v) - 3);
        INSERT OR IGNORE INTO order_phone (gram, seq)
          SELECT CAST(substr(d.v, w.k, 4) AS INTEGER), new.seq
          FROM (SELECT replace(replace(replace(replace(replace(ifnull(json_extract(new.order_json, '$.phone'), ''), '-', ''), ' ', ''), '+', ''), '(', ''), ')', '') AS v) AS d JOIN order_phone_window AS w ON w.k <= length(d.v) - 3;
      END;
      -- Emptied with the history's retention. Not when the row is going back to the outbox (the
      -- re-send inserts it there before the history forgets it): schema 6 lost those from search.
      CREATE TRIGGER order_search_forgotten AFTER DELETE ON order_history
        WHEN NOT EXISTS (SELECT 1 FROM outbox WHERE seq = old.seq)
      BEGIN
        DELETE FROM order_search WHERE rowid = old.seq;
        DELETE FROM order_phone WHERE seq = old.seq AND gram IN
          (SELECT CAST(substr(d.v, w.k, 4) AS INTEGER)
           FROM (SELECT replace(replace(replace(replace(replace(ifnull(json_extract(old.order_json, '$.phone'), ''), '-', ''), ' ', ''), '+', ''), '(', ''), ')', '') AS v) AS d JOIN order_phone_window AS w ON w.k <= length(d.v) - 3);
      END;
    `,
  },
  {
    version: 12,
    sql: `
      -- Two characters of a name get their own index (issue 11: a trigram index cannot find
      -- them, and a two-syllable Korean given name, the commonest query at a Korean counter,
      -- scanned every order: 0.75-5.9 s at a million when it matched nothing). order_name_bigram
      -- holds every window of two consecutive characters of the customer's name (folded as LIKE
      -- folds: ASCII letters to lower case; windows with a space left out) with the order's seq,
      -- orders only (not cancellations). A two-character query walks its window's list newest
      -- first; three characters or more stay with the trigram index, and one character is not
      -- looked for in names (the Orders screen says so: shared/name-search.ts).
      CREATE TABLE order_name_bigram (
        gram TEXT    NOT NULL,
        seq  INTEGER NOT NULL,
        PRIMARY KEY (gram, seq)
      ) WITHOUT ROWID;
      -- Start positions of the windows: a name has at most 100 characters (ORDER_LIMITS.customerNameMax).
      CREATE TABLE order_name_window (k INTEGER PRIMARY KEY);
      WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 99)
        INSERT INTO order_name_window (k) SELECT k FROM n;
      INSERT OR IGNORE INTO order_name_bigram (gram, seq)
        ${nameWindows(`SELECT seq, ${foldedName('order_json')} AS v FROM order_history
          UNION ALL
          SELECT seq, ${foldedName('order_json')} AS v FROM outbox
          WHERE kind = 'order' AND seq NOT IN (SELECT seq FROM order_history)`)}
        ORDER BY 1, 2;
      -- Kept where the phone index is (schema 11): at Save (a re-sent row is already in it), at a
      -- correction of the name, and with the history's retention (not when the row is going back
      -- to the outbox).
      CREATE TRIGGER order_name_saved AFTER INSERT ON outbox
        WHEN new.kind = 'order'
      BEGIN
        INSERT OR IGNORE INTO order_name_bigram (gram, seq) ${nameWindows(nameOf('new'))};
      END;
      CREATE TRIGGER order_name_corrected AFTER UPDATE OF order_json ON outbox
        WHEN new.kind = 'order'
          AND json_extract(old.order_json, '$.customerName') IS NOT json_extract(new.order_json, '$.customerName')
      BEGIN
        DELETE FROM order_name_bigram WHERE seq = old.seq AND gram IN (SELECT gram FROM (${nameWindows(nameOf('old'))}));
        INSERT OR IGNORE INTO order_name_bigram (gram, seq) ${nameWindows(nameOf('new'))};
      END;
      CREATE TRIGGER order_name_forgotten AFTER DELETE ON order_history
        WHEN NOT EXISTS (SELECT 1 FROM outbox WHERE seq = old.seq)
      BEGIN
        DELETE FROM order_name_bigram WHERE seq = old.seq AND gram IN (SELECT gram FROM (${nameWindows(nameOf('old'))}));
      END;
    `,
  },
  {
    version: 13,
    sql: `
      -- Save no longer fills the search indexes (issue 9): their rows (a name's trigrams, its
      -- two-character windows, the phone's four-digit windows: some twenty index entries at
      -- random places) made each order's commit write about 60 more pages. Batches every 100 ms
      -- fill them instead (SEARCH_INDEX_SQL), and outbox_meta's 'search_indexed' says up to
      -- which seq: the Orders screen looks through the few orders above it directly
      -- (electron/counter/order-history.ts). Everything saved so far is in them already.
      DROP TRIGGER order_search_saved;
      DROP TRIGGER order_phone_saved;
      DROP TRIGGER order_name_saved;
      INSERT INTO outbox_meta (key, value) VALUES ('${SEARCH_INDEXED_KEY}',
        (SELECT ifnull(max(seq), 0) FROM (SELECT max(seq) AS seq FROM outbox UNION ALL SELECT max(seq) AS seq FROM order_history)));
      -- Every order saved from now on must come above the mark: the outbox's seq counter is
      -- never below a seq the history holds (orders reach the history from the outbox), but an
      -- outbox put together by hand could say otherwise.
      UPDATE sqlite_sequence SET seq = max(seq, (SELECT value FROM outbox_meta WHERE key = '${SEARCH_INDEXED_KEY}'))
        WHERE name = 'outbox';
      INSERT INTO sqlite_sequence (name, seq)
        SELECT 'outbox', value FROM outbox_meta WHERE key = '${SEARCH_INDEXED_KEY}'
          AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'outbox');
    `,
  },
  {
    version: 14,
    sql: `
      -- The delivered order at the top of a partition, asked after every delivered batch (is the
      -- log still ours? electron/orders/topic-identity.ts), walked (partition, offset) newest
      -- first past every row of another topic or already found gone: rows from before schema 5
      -- (no topic) and, after a re-created topic, all of the old one. With 100,000 such orders
      -- on an upgraded terminal, Delivered p50 at 20 orders/s was 28 ms (5 ms on an empty one),
      -- and 1.7 s at a million (bench:outbox, 2026-12-03). Only the rows still believed delivered, by topic: the answer is the first
      -- row the walk meets.
      CREATE INDEX history_live_offset ON order_history (topic, partition, offset) WHERE previous_topic_ms IS NULL;
    `,
  },
  {
    version: 15,
    sql: `
      -- Order ids are time-ordered from now on (shared/order-ids.ts): the screens show the last 8
      -- characters of such an id, and the Orders search finds an order by them through this
      -- index, filled in the search batches (SEARCH_INDEX_SQL.shortIds) like the name and phone
      -- indexes. Older ids are found by their start through the tables' own order_id index, so
      -- nothing is there to fill now.
      CREATE TABLE order_short_id (
        k   TEXT    NOT NULL,
        seq INTEGER NOT NULL,
        PRIMARY KEY (k, seq)
      ) WITHOUT ROWID;
      CREATE TRIGGER order_short_id_forgotten AFTER DELETE ON order_history
        WHEN NOT EXISTS (SELECT 1 FROM outbox WHERE seq = old.seq)
      BEGIN
        DELETE FROM order_short_id WHERE k = ${shortIdOf('old.order_id')} AND seq = old.seq;
      END;
    `,
  },
  {
    version: 16,
    sql: `
      -- The phone index becomes an FTS5 table (issue 9): one row per order, its windows of four
      -- digits as words. order_phone kept a (window, seq) row for each of a phone's eight or so
      -- windows, each at its own place in the b-tree, so a batch of 100 orders with their own
      -- numbers changed about 800 pages, and more as the history grew (2.3 ms a batch at
      -- 100,000 orders, 14 ms at its slowest); FTS5 writes a batch as one new segment and merges
      -- segments later (0.3 ms a batch). Its own merging is off: the search batches merge a
      -- bounded step each (SEARCH_INDEX_SQL.phonesMerge) instead of a whole level at once.
      -- Contentless: the words are in the orders already; contentless_delete lets retention and
      -- corrections take a row out.
      CREATE VIRTUAL TABLE order_phone_windows USING fts5(windows, tokenize = 'ascii', detail = none, content = '', contentless_delete = 1);
      INSERT INTO order_phone_windows (order_phone_windows, rank) VALUES ('automerge', 0);
      INSERT INTO order_phone_windows (order_phone_windows, rank) VALUES ('crisismerge', 64);
      INSERT INTO order_phone_windows (rowid, windows)
        SELECT seq, group_concat(printf('%04d', gram), ' ') FROM order_phone GROUP BY seq ORDER BY seq;
      INSERT INTO order_phone_windows (order_phone_windows) VALUES ('optimize');
      ${searchCorrectedTrigger(customerName('new.order_json'))}
      DROP TRIGGER order_search_forgotten;
      CREATE TRIGGER order_search_forgotten AFTER DELETE ON order_history
        WHEN NOT EXISTS (SELECT 1 FROM outbox WHERE seq = old.seq)
      BEGIN
        DELETE FROM order_search WHERE rowid = old.seq;
        DELETE FROM order_phone_windows WHERE rowid = old.seq;
      END;
      DROP TABLE order_phone;
    `,
  },
  {
    version: 17,
    sql: `
      -- The phone index merges a level once it holds 8 segments instead of FTS5's 4: every
      -- window is then rewritten at fewer levels on its way to the large segments, about 40%
      -- less merging for the same orders (2,000 search batches at a million orders: 745 against
      -- 1,152 ms), and a search reads at most 7 segments a level instead of 3, which costs it
      -- nothing measurable at a million orders (bench:history).
      INSERT INTO order_phone_windows (order_phone_windows, rank) VALUES ('usermerge', 8);
    `,
  },
  {
    version: 18,
    sql: `
      -- The name windows' index becomes an FTS5 table as the phone index did (schema 16), and
      -- for the same reason: order_name_bigram kept a (window, seq) row for each window, one
      -- b-tree page per window a batch touched, and with a store's names each batch of 100 orders
      -- changed a few hundred pages at their own places (1.2 ms a batch, and its share of the
      -- commit and of the WAL checkpoints, at a million orders). One row per order now, its
      -- windows as words (hex, see nameWindowRows), with the phone index's merging (schemas 16,
      -- 17); contentless, contentless_delete for retention and corrections. The migration moves
      -- the existing index as it is.
      CREATE VIRTUAL TABLE order_name_windows USING fts5(windows, tokenize = 'ascii', detail = none, content = '', contentless_delete = 1);
      ${mergedInSteps('order_name_windows')}
      INSERT INTO order_name_windows (rowid, windows)
        SELECT seq, group_concat(hex(gram), ' ') FROM order_name_bigram GROUP BY seq ORDER BY seq;
      INSERT INTO order_name_windows (order_name_windows) VALUES ('optimize');
      DROP TRIGGER order_name_corrected;
      ${nameCorrectedTrigger(foldedName('new.order_json'))}
      DROP TRIGGER order_name_forgotten;
      CREATE TRIGGER order_name_forgotten AFTER DELETE ON order_history
        WHEN NOT EXISTS (SELECT 1 FROM outbox WHERE seq = old.seq)
      BEGIN
        DELETE FROM order_name_windows WHERE rowid = old.seq;
      END;
      DROP TABLE order_name_bigram;
    `,
  },
  {
    version: 19,
    sql: `
      -- The names' trigram index (order_search) merges as the windows indexes do (schemas 16-18):
      -- FTS5's own merging off, a bounded step each search batch (SEARCH_INDEX_SQL.namesMerge), a
      -- level merged once it holds 8 segments, a whole level at once only at 64. FTS5's own
      -- merging (a level at 4 segments, at once) ran inside the search batch's next statement,
      -- and at a million orders it took 6-58 ms every 64 batches or so: the slowest batches of
      -- all (a script doing 1,000 orders a second's outbox work on a million-order file: a
      -- batch's p99 14.6 ms, its slowest 44 ms; 8.9 and 12 ms with these steps).
      ${mergedInSteps('order_search')}
    `,
  },
  {
    version: 20,
    sql: `
      -- Voided orders are listed and searched with the others (the Outbox's page, the Orders
      -- search): the customer ID finds them through this index, as it does in the outbox and
      -- the history.
      CREATE INDEX voided_customer ON order_voided (customer_id, seq);
    `,
  },
  {
    version: 21,
    sql: `
      -- Where an order was delivered: the app's own training cluster (1) or the store's (0). The
      -- checks for a re-created or cut-short topic look only at the orders delivered to the
      -- cluster the app sends to now: once the brokers were set after training, the practice
      -- orders were reported gone from the store's topic of the same name and offered for
      -- re-sending there.
      ALTER TABLE order_history ADD COLUMN training INTEGER NOT NULL DEFAULT 0;
    `,
  },
  {
    version: 22,
    sql: `
      -- A flagged order screened while the app sent to its training cluster (1): a practice order.
      -- Held, it waits for a supervisor across the change to the store's brokers, and the Review
      -- screen says what it is before anyone confirms it there.
      ALTER TABLE risk_review ADD COLUMN training INTEGER NOT NULL DEFAULT 0;
    `,
  },
  {
    version: 23,
    sql: `
      -- Orders still held for a supervisor, by time: Review lists those from earlier days below
      -- the day's (a list of the day's alone lost a held order at midnight, unsent and with no one
      -- able to decide it), without reading every flagged order the terminal ever kept.
      CREATE INDEX risk_review_held ON risk_review (created_ms) WHERE outcome = 'held';
    `,
  },
  {
    version: 24,
    sql: `
      -- Which Kafka cluster an order was delivered to: the id its brokers report (Metadata), NULL
      -- when it could not be asked, and for the orders delivered before this version (both are
      -- given the cluster the app next learns it sends to; electron/orders/dispatcher.ts). The
      -- checks for a re-created or cut-short topic look only at the orders delivered to the
      -- cluster the app sends to now: after Settings moved the store to other brokers with a topic
      -- of the same name, every order delivered before was reported gone, and a re-send delivered
      -- them a second time. The checks' two indexes lead with the cluster as well as the topic,
      -- so another cluster's orders are never walked past.
      ALTER TABLE order_history ADD COLUMN cluster_id TEXT;
      DROP INDEX history_live_offset;
      CREATE INDEX history_live_offset ON order_history (topic, cluster_id, partition, offset)
        WHERE previous_topic_ms IS NULL;
      DROP INDEX history_topic_id;
      CREATE INDEX history_topic_id ON order_history (topic, cluster_id, topic_id)
        WHERE previous_topic_ms IS NULL AND topic_id IS NOT NULL;
    `,
  },
  {
    version: 25,
    sql: `
      -- A Korean name saved with a space ("김 민수") is found without it ("김민수"): Korean spacing
      -- between family and given name varies by clerk (the query was already looked for closed
      -- up). The trigram index holds such a name and, on a line of its own, the name closed up;
      -- its two-character windows are taken from the name closed up ("김민" as well as "민수").
      -- Only names of Hangul and spaces: any other is kept as it was (shared/name-search.ts).
      -- The orders already indexed are re-indexed here, from the names the trigram index holds
      -- (its words are the name, schema 11; a Korean name has no letters to fold).
      DELETE FROM order_name_windows WHERE rowid IN (SELECT rowid FROM order_search WHERE ${spacedKorean('words')});
      INSERT INTO order_name_windows (rowid, windows)
        ${nameWindowRows(`SELECT rowid AS seq, ${spacesOut('words')} AS v FROM order_search WHERE ${spacedKorean('words')}`)}
        ORDER BY 1;
      UPDATE order_search SET words = ${searchableNameSql('words')} WHERE ${spacedKorean('words')};
      -- A correction indexes the corrected name the same way (schemas 16 and 18's triggers).
      ${searchCorrectedTrigger(searchableNameSql(customerName('new.order_json')))}
      DROP TRIGGER order_name_corrected;
      ${nameCorrectedTrigger(closedKoreanNameSql(foldedName('new.order_json')))}
    `,
  },
  {
    version: 26,
    sql: `
      -- Which cluster an order's send under way went to: the app's training cluster (1) or the
      -- store's (0), recorded with the 'sending' mark; NULL until then (and for rows marked before
      -- this version). The app killed while Settings changed between the two, before that send's
      -- answer, sent the order to the new cluster after the restart although it may be in the old
      -- one's topic; now it is set aside for a person, as a failed send would have been.
      ALTER TABLE outbox ADD COLUMN sent_training INTEGER;
    `,
  },
  {
    version: 27,
    sql: `
      -- The id of the cluster an order was last sent to, as its brokers reported it (NULL: never
      -- sent, or not known). Settings moved the store to other brokers while an order's answer was
      -- lost: the new cluster's in-doubt search cannot tell whether the old one has it, and the
      -- order went to the new one too; now it is set aside until the app is back on the old one.
      ALTER TABLE outbox ADD COLUMN sent_cluster TEXT;
    `,
  },
  {
    version: 28,
    sql: `
      -- The topic the order was last sent to, written with sent_cluster (NULL with it; and on rows
      -- sent under schema 27, which are judged by their cluster alone). Settings changed the order
      -- topic while an order's answer was lost: the in-doubt search looks in the new topic only,
      -- and the order went to both; now it is set aside as at a change of cluster.
      ALTER TABLE outbox ADD COLUMN sent_topic TEXT;
    `,
  },
];

export const OUTBOX_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/**
 * Applies every migration newer than the database; refuses a database from a newer app.
 * `upTo`: stop at that version (tests build an older terminal's outbox with it).
 */
export function migrateOutbox(db: Database.Database, upTo = OUTBOX_SCHEMA_VERSION): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at TEXT NOT NULL)`);
  const row = db.prepare(`SELECT MAX(version) AS v FROM schema_version`).get() as { v: number | null };
  const current = row.v ?? 0;
  if (current > OUTBOX_SCHEMA_VERSION) {
    // Opening it would risk rewriting rows we do not understand; the caller reports this.
    throw new Error(`outbox schema version ${current} is newer than this app supports (${OUTBOX_SCHEMA_VERSION})`);
  }
  const record = db.prepare(`INSERT INTO schema_version (version, applied_at) VALUES (?, ?)`);
  const pending = MIGRATIONS.filter((m) => m.version > current && m.version <= upTo);
  if (pending.length === 0) return;
  // Moving a year of orders (version 3) builds indexes over random ids (order and submission
  // ids): a larger page cache, for the migration only, keeps it from re-reading the same pages.
  const cacheSize = db.pragma('cache_size', { simple: true });
  db.pragma('cache_size = -262144');
  try {
    for (const m of pending) {
      db.transaction(() => {
        db.exec(m.sql);
        record.run(m.version, new Date().toISOString());
      })();
    }
  } finally {
    db.pragma(`cache_size = ${Number(cacheSize)}`);
  }
}
