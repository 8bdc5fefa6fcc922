// Orders history, read from the outbox's own SQLite file through a second, read-only
// connection (WAL lets it read while the outbox writes), so the outbox code is untouched:
// waiting orders from its `outbox` table, delivered ones from `order_history`, and the ones a
// person voided, never sent, from `order_voided` (kept, so the clerk can still find them).
// Keyset paging on seq (newest first): a page costs the same on the millionth order as on the
// first. Search finds every order the query names by any of its keys, newest first: customer ID
// exactly, order id by prefix and a time-ordered id by the short id the screens show (its end:
// order_short_id, schema 15); part of the customer's name (three characters or more: the trigram
// index, order_search; two: the name windows' index, order_name_windows; one is not looked for in
// names); or, for a query written like a phone number of four digits or more, the phone's digits
// (the phone index, order_phone_windows). All through indexes: outbox schemas 11 and 12 made the name and
// phone ones. A key that matches never hides another: "1717" is both the start of a receipt's short
// id and the end of a phone number, and the clerk sees both orders.
// Since schema 13 they are filled every 100 ms rather than at Save: the orders saved since (a
// few hundred at most) are read by seq and checked here as the indexes would match them.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import type { HistorySearchInput } from '../../shared/counter-types';
import { customerIdSpellings, type Order } from '../../shared/order-schema';
import type { OrderRecord } from '../../shared/outbox-types';
import { closedKoreanName, foldName, NAME_SEARCH_MIN_CHARS, searchableName } from '../../shared/name-search';
import { PHONE_SEARCH_MIN_DIGITS, phoneDigits, phoneQueryDigits, phoneQueryForms } from '../../shared/phone-search';
import { cancellationColumn, HISTORY_STATE_SQL, outboxTrainingColumn, toRecord } from '../orders/outbox-store';
import type { RowData } from '../orders/outbox-store';
import { closedKoreanNameSql, SEARCH_INDEX_SQL } from '../orders/outbox-schema';
import { isTimeOrderedId, shortOrderId, SHORT_ORDER_ID_CHARS } from '../../shared/order-ids';
import { toHalfWidth } from '../../shared/number-text';

/** A history or outbox row as the searches read it (`*`, with the cancellation column). */
type Row = Omit<
  RowData,
  'order_id' | 'customer_id' | 'order_json' | 'cancellation' | 'training' | 'search_partition'
> & {
  order_json: string;
  cancellation: string | null;
};

export class OrderHistory {
  private db: Database.Database | null = null;

  constructor(
    private readonly file: string,
    private readonly nativeBinding?: string,
  ) {}

  search(input: HistorySearchInput): { orders: OrderRecord[]; next: number | null } {
    const db = this.open();
    if (!db) return { orders: [], next: null };
    const common: string[] = [];
    const args: Record<string, string | number> = {};
    if (input.before !== null) {
      common.push('seq < @before');
      args.before = input.before;
    }
    if (input.from) {
      common.push('saved_at >= @from');
      args.from = input.from;
    }
    if (input.to) {
      common.push('saved_at < @to');
      args.to = input.to;
    }
    // Waiting orders are in `outbox`, delivered ones in `order_history`, voided ones in
    // `order_voided` (same seq): each table answers with its own indexes, and the newest-first
    // lists are merged.
    // limit: rows wanted (a page and one more), or a whole chunk of index hits still to be checked.
    const select = (extra: string[], limit = input.limit + 1) => {
      const sql = (table: keyof typeof COLUMNS) => {
        // The outbox's cancellations (schema 9) are not orders: the order's row shows its void.
        const where = [...common, ...extra, ...(table === 'outbox' ? ["kind = 'order'"] : [])];
        return `SELECT ${COLUMNS[table]} FROM ${table} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ${limit}`;
      };
      return (Object.keys(COLUMNS) as Array<keyof typeof COLUMNS>)
        .map((table) => db.prepare(sql(table)).all(args) as Row[])
        .reduce((a, b) => mergeNewest(a, b, limit));
    };
    // Each index gives the newest matching orders below the cursor, a chunk at a time, so the
    // date range and the phone check can be applied to the rows it names.
    // keep: a check of each row the index names (the phone's digits): then the whole chunk is
    // read; without one, the newest page of it is enough. check: conditions the rows must
    // also meet, in SQL (applied before the page is cut).
    const walk = (chunk: (below: number) => number[], keep?: (r: Row) => boolean, check: string[] = []): Row[] => {
      let below = input.before ?? Number.MAX_SAFE_INTEGER;
      let found: Row[] = [];
      while (found.length <= input.limit) {
        const seqs = chunk(below);
        if (seqs.length === 0) break;
        found = mergeNewest(
          found,
          keep
            ? select([`seq IN (${seqs.join(',')})`, ...check], seqs.length).filter(keep)
            : select([`seq IN (${seqs.join(',')})`, ...check]),
          input.limit + 1,
        );
        below = seqs[seqs.length - 1];
        if (seqs.length < INDEX_CHUNK) break;
      }
      return found;
    };
    // The orders saved since the search batches last ran that an index would match (see the top of
    // this file): read by seq and checked here. (An outbox from before schema 13 has no mark: Save
    // filled the indexes then.)
    const aboveMark = (matches: (o: Order) => boolean): Row[] => {
      const after = db.prepare(SEARCH_INDEX_SQL.indexed).pluck().get() as number | undefined;
      return typeof after === 'number'
        ? select([`seq > ${after}`], Number.MAX_SAFE_INTEGER).filter((r) => matches(orderOf(r)))
        : [];
    };
    // In the forms the order schema keeps (shared/order-schema.ts): names NFC, the customer ID NFKC.
    const q = input.query.normalize('NFC').trim();
    let rows: Row[];
    if (q === '') rows = select([]);
    else {
      // First what an index answers at once: the customer ID (outbox_customer) under each spelling
      // it may be stored in ("c2002" typed for C2002, or saved so by an older version), one lookup
      // of the index each; and the start of an order id (its unique index, as a range: ids are
      // lower-case UUIDs).
      args.customer = JSON.stringify(customerIdSpellings(q));
      args.idFrom = q.toLowerCase();
      args.idTo = `${q.toLowerCase()}\uffff`;
      rows = mergeNewest(
        select(['customer_id IN (SELECT value FROM json_each(@customer))']),
        /^[0-9a-f-]{4,36}$/i.test(q) ? select(['order_id >= @idFrom', 'order_id < @idTo']) : [],
        input.limit + 1,
      );
      // How the indexes below would match an order the batches have not reached yet (see the top
      // of this file): checked together, in one read of those orders.
      const unindexed: Array<(o: Order) => boolean> = [];
      // Or the short id the screens show for a time-ordered order id (its end: shared/order-ids.ts),
      // through its index (schema 15).
      if (SHORT_ID_QUERY.test(q)) {
        const found = db.prepare(HISTORY_INDEX_SQL.shortIdChunk).pluck();
        const byShortId = walk(
          (below) => found.all({ from: args.idFrom, to: args.idTo, below, limit: INDEX_CHUNK }) as number[],
        );
        const idFrom = q.toLowerCase();
        unindexed.push((o) => isTimeOrderedId(o.orderId) && shortOrderId(o.orderId).startsWith(idFrom));
        rows = mergeNewest(rows, byShortId, input.limit + 1);
      }
      // And part of the name or of the phone. Only a query written like a phone number
      // (digits, spaces, + - ( ), full-width too) is looked for in phones, so the letters of an
      // order id's prefix never match someone's phone; and only from four digits (the phone
      // index's windows; the screen says so below that).
      const digits = phoneQueryDigits(q);
      let text: Row[] = [];
      // A Korean name typed with a space ("김 민지", "김 민") is also looked for without it: clerks
      // put one between family and given name, and the order holds "김민지" (it found nothing).
      // The indexes hold a Korean name saved with a space closed up too (schema 25), so the query
      // closed up the same way finds both; closed to two characters ("김민"), through the windows.
      const closed = closedKoreanName(q) ?? '';
      // Two spaces typed where the name has one ("ann  abbott") found nothing: the query with its
      // spaces closed to one is looked for too, and as typed, for a name saved with two.
      const oneSpaced = q.replace(/\s{2,}/g, ' ');
      // A Latin name typed in a Korean IME's full-width mode ("ｋｉｍ" and its wide space) found
      // nothing: it is looked for as the ASCII it stands for too, as names are typed; two
      // characters only so.
      const half = toHalfWidth(oneSpaced);
      const terms = [
        ...new Set([
          q,
          oneSpaced,
          half,
          ...(digits ? [digits] : []),
          ...([...closed].length >= TRIGRAM ? [closed] : []),
        ]),
      ];
      const indexed = terms.filter((t) => [...t].length >= TRIGRAM);
      const pair = [half, closed].find((t) => [...t].length === NAME_SEARCH_MIN_CHARS);
      if (digits !== null) {
        // Names through the trigram index (outbox schema 11: names only) for what it can find,
        // phones through the phone index: no scan for a phone-like query, whatever its length.
        // A Korean number is looked for as typed and written the other way (+82 10… and 010…).
        const byName = indexed.length > 0 ? walk(this.nameChunk(db, indexed)) : ([] as Row[]);
        const forms = (phoneQueryForms(q) ?? []).filter((f) => f.length >= PHONE_SEARCH_MIN_DIGITS);
        const phoneHas = (o: Order) => forms.some((f) => phoneDigits(o.phone).includes(f));
        // Four digits are one of the index's windows, so its answer is exact and the newest page of
        // it is enough; longer digits are checked in every row it names.
        const byPhone = forms
          .map((f) =>
            walk(
              this.phoneChunk(db, f),
              f.length > PHONE_SEARCH_MIN_DIGITS ? (r) => phoneDigits(orderOf(r).phone).includes(f) : undefined,
            ),
          )
          .reduce((all, found) => mergeNewest(all, found, input.limit + 1), [] as Row[]);
        text = mergeNewest(byName, byPhone, input.limit + 1);
        unindexed.push((o) => nameHasAny(o, indexed) || phoneHas(o));
      } else {
        if (indexed.length > 0) {
          text = walk(this.nameChunk(db, indexed));
          unindexed.push((o) => nameHasAny(o, indexed));
        }
        if (pair !== undefined) {
          // Two characters (a Korean given name, or a family name and one more): the list of
          // orders whose name has that window (outbox schema 12), newest first; each name is
          // checked as the scan before it did (LIKE), so the index only decides where to look. A
          // Korean name is checked closed up, as its windows are taken (schema 25: "김민" in "김 민수").
          args.anywhere = `%${escapeLike(pair)}%`;
          const byPair = walk(this.bigramChunk(db, pair), undefined, [
            `${closedKoreanNameSql("json_extract(order_json, '$.customerName')")} LIKE @anywhere ESCAPE '\\'`,
          ]);
          text = mergeNewest(text, byPair, input.limit + 1);
          const folded = foldName(pair);
          unindexed.push((o) => foldName(closedKoreanName(o.customerName) ?? o.customerName).includes(folded));
        }
      }
      // (One character is not looked for in names: NAME_SEARCH_MIN_CHARS; the screen says so.)
      rows = mergeNewest(rows, text, input.limit + 1);
      if (unindexed.length > 0)
        rows = mergeNewest(
          aboveMark((o) => unindexed.some((m) => m(o))),
          rows,
          input.limit + 1,
        );
    }
    const page = rows.slice(0, input.limit);
    return { orders: page.map(recordOf), next: rows.length > input.limit ? page[page.length - 1].seq : null };
  }

  /** Chunks of the newest orders whose name holds one of the terms (each of 3+ characters). */
  private nameChunk(db: Database.Database, terms: string[]): (below: number) => number[] {
    const match = terms.map((t) => `"${t.replace(/"/g, '""')}"`).join(' OR ');
    const found = db.prepare(HISTORY_INDEX_SQL.nameChunk).pluck();
    return (below) => found.all({ match, below, limit: INDEX_CHUNK }) as number[];
  }

  /** Chunks of the newest orders whose name has the two characters (folded as the index is). */
  private bigramChunk(db: Database.Database, pair: string): (below: number) => number[] {
    const found = db.prepare(HISTORY_INDEX_SQL.bigramChunk).pluck();
    const gram = foldName(pair);
    return (below) => found.all({ gram, below, limit: INDEX_CHUNK }) as number[];
  }

  /**
   * Chunks of the newest orders whose phone has the three rarest four-digit windows of the digits
   * (the caller checks the digits themselves): the common windows ("0101" is in most orders) are
   * left out of the match, so a full number reads a few hundred rows, not the whole history.
   */
  private phoneChunk(db: Database.Database, digits: string): (below: number) => number[] {
    // Windows are digits only, so quoted they are always one word of the index.
    const windows = [...new Set(Array.from({ length: digits.length - 3 }, (_, i) => `"${digits.slice(i, i + 4)}"`))];
    const sizes = db.prepare(HISTORY_INDEX_SQL.phoneWindowSize).pluck();
    // Counted up to a cap: enough to tell a rare window from a common one, never a long list.
    const counted = windows.map((window) => ({ window, n: sizes.get({ window, cap: GRAM_COUNT_CAP }) as number }));
    counted.sort((a, b) => a.n - b.n);
    const match = counted
      .slice(0, 3)
      .map((c) => c.window)
      .join(' AND ');
    const found = db.prepare(HISTORY_INDEX_SQL.phoneChunk).pluck();
    return (below) => found.all({ match, below, limit: INDEX_CHUNK }) as number[];
  }

  /** One order by its id, or null. */
  byOrderId(orderId: string): OrderRecord | null {
    const db = this.open();
    const row = (db?.prepare(`SELECT ${COLUMNS.order_history} FROM order_history WHERE order_id = ?`).get(orderId) ??
      db?.prepare(`SELECT ${COLUMNS.outbox} FROM outbox WHERE order_id = ? AND kind = 'order'`).get(orderId) ??
      db?.prepare(`SELECT ${COLUMNS.order_voided} FROM order_voided WHERE order_id = ?`).get(orderId)) as
      Row | undefined;
    return row ? recordOf(row) : null;
  }

  close(): void {
    this.db?.close();
    this.db = null;
  }

  private open(): Database.Database | null {
    if (this.db) return this.db;
    if (!fs.existsSync(this.file)) return null;
    this.db = new Database(this.file, {
      readonly: true,
      fileMustExist: true,
      ...(this.nativeBinding ? { nativeBinding: this.nativeBinding } : {}),
    });
    this.db.pragma('busy_timeout = 5000');
    return this.db;
  }
}

/** The same columns from each table (the outbox schema, electron/orders/outbox-schema.ts, versions 3, 7 and 9). */
const COLUMNS = {
  outbox: `seq, order_json, state, attempts, partition, offset, error_code, error_params, auto_retry,
    next_attempt_at, saved_at, delivered_at, ${cancellationColumn('outbox')},
    ${outboxTrainingColumn(false)}`,
  order_history: `seq, order_json, ${HISTORY_STATE_SQL} AS state, attempts, partition, CAST(offset AS TEXT) AS offset,
    NULL AS error_code, NULL AS error_params, 1 AS auto_retry, NULL AS next_attempt_at, saved_at, delivered_at,
    ${cancellationColumn('order_history')}, training`,
  // Voided from the Outbox: the reason where the screens read it, and the cancellation kept for
  // one that may be in the topic (its send's answer was lost).
  order_voided: `seq, order_json, 'voided' AS state, attempts, NULL AS partition, NULL AS offset, error_code,
    json_object('reason', reason) AS error_params, 0 AS auto_retry, NULL AS next_attempt_at, saved_at,
    NULL AS delivered_at, ${cancellationColumn('order_voided')}`,
} as const;

/** Two newest-first lists as one, without repeats, cut at `limit`. */
function mergeNewest(a: Row[], b: Row[], limit: number): Row[] {
  const bySeq = new Map([...a, ...b].map((r) => [r.seq, r]));
  return [...bySeq.values()].sort((x, y) => y.seq - x.seq).slice(0, limit);
}

/**
 * The search indexes' statements (outbox schemas 11 and 12), named so the plan test can check
 * them: the names' trigram index, the name windows' index (order_name_windows, schema 18: an
 * FTS5 table whose words are each order's windows of two characters) and the phone index
 * (order_phone_windows, schema 16: the same with the phone's four-digit windows).
 */
export const HISTORY_INDEX_SQL = {
  nameChunk: `SELECT rowid AS seq FROM order_search WHERE order_search MATCH @match AND rowid < @below
    ORDER BY rowid DESC LIMIT @limit`,
  // The window spelled as the index's words are, by the same SQL function (hex, outbox schema 18).
  bigramChunk: `SELECT rowid AS seq FROM order_name_windows WHERE order_name_windows MATCH '"' || hex(@gram) || '"'
    AND rowid < @below ORDER BY rowid DESC LIMIT @limit`,
  // The orders whose short id (the end of a time-ordered order id, outbox schema 15) starts with @from.
  shortIdChunk: `SELECT seq FROM order_short_id WHERE k >= @from AND k < @to AND seq < @below
    ORDER BY seq DESC LIMIT @limit`,
  phoneWindowSize: `SELECT count(*) FROM (SELECT 1 FROM order_phone_windows WHERE order_phone_windows MATCH @window LIMIT @cap)`,
  // The orders whose phone has the three rarest windows (@match: all three, schema 16), newest
  // first; the caller checks the whole digits: a few rows are left by then.
  phoneChunk: `SELECT rowid AS seq FROM order_phone_windows WHERE order_phone_windows MATCH @match AND rowid < @below
    ORDER BY rowid DESC LIMIT @limit`,
} as const;

/** A window's list is counted up to this many orders when choosing the rarest. */
const GRAM_COUNT_CAP = 1000;

/** The trigram index finds fragments of at least this many characters. */
const TRIGRAM = 3;
/** A query that may be the short id the screens show for a time-ordered order id (or its start). */
const SHORT_ID_QUERY = new RegExp(`^[0-9a-f]{4,${SHORT_ORDER_ID_CHARS}}$`, 'i');
/** Index hits fetched per step while paging with a date range. */
const INDEX_CHUNK = 200;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

const orderOf = (r: Row): Order => JSON.parse(r.order_json) as Order;

/** The trigram index's match of a name (case folded, any of the terms as a fragment, schema 25's words). */
const nameHasAny = (o: Order, terms: readonly string[]): boolean => {
  if (terms.length === 0) return false;
  const name = searchableName(o.customerName).toLowerCase();
  return terms.some((t) => name.includes(t.toLowerCase()));
};

const recordOf = (r: Row): OrderRecord => toRecord(r, orderOf(r));
