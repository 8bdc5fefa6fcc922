// Orders history, read from the outbox's own SQLite file through a second, read-only
// connection (WAL lets it read while the outbox writes), so the outbox code is untouched:
// waiting orders from its `outbox` table, delivered ones from `order_history`.
// Keyset paging on seq (newest first): a page costs the same on the millionth order as on the
// first. Search: customer ID exactly and order id by prefix (both indexed); when neither finds
// anything, part of the customer's name or phone digits (the trigram index, order_search; a
// scan for fragments shorter than three characters).
import Database from 'better-sqlite3';
import fs from 'node:fs';
import type { HistorySearchInput } from '../../shared/counter-types';
import type { Order } from '../../shared/order-schema';
import type { OrderRecord, DeliveryState } from '../../shared/outbox-types';
import { cancellationColumn, HISTORY_STATE_SQL, toRecord } from '../orders/outbox-store';

interface Row {
  seq: number;
  order_json: string;
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
  cancellation: string | null;
}

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
    const args: Record<string, string | number> = { limit: input.limit + 1 };
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
    // Waiting orders are in `outbox`, delivered ones in `order_history` (same seq): each table
    // answers with its own indexes, and the two newest-first lists are merged.
    const select = (extra: string[]) => {
      const sql = (table: keyof typeof COLUMNS) => {
        // The outbox's cancellations (schema 9) are not orders: the order's row shows its void.
        const where = [...common, ...extra, ...(table === 'outbox' ? ["kind = 'order'"] : [])];
        return `SELECT ${COLUMNS[table]} FROM ${table} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT @limit`;
      };
      return mergeNewest(
        db.prepare(sql('outbox')).all(args) as Row[],
        db.prepare(sql('order_history')).all(args) as Row[],
        input.limit + 1,
      );
    };
    const q = input.query.trim();
    let rows: Row[];
    if (q === '') rows = select([]);
    else {
      // First what an index answers at once: the customer ID exactly (outbox_customer) and the
      // start of an order id (its unique index, as a range: ids are lower-case UUIDs).
      args.q = q;
      args.idFrom = q.toLowerCase();
      args.idTo = `${q.toLowerCase()}\uffff`;
      rows = mergeNewest(
        select(['customer_id = @q']),
        /^[0-9a-f-]{4,36}$/i.test(q) ? select(['order_id >= @idFrom', 'order_id < @idTo']) : [],
        input.limit + 1,
      );
      // Else part of the name or of the phone. Only a query written like a phone number
      // (digits, spaces, + - ( )) is looked for in phones, so the digits of an order id's prefix
      // never match someone's phone.
      if (rows.length === 0) {
        const digits = /^[0-9+()\- ]+$/.test(q) ? q.replace(/\D/g, '') : '';
        const terms = [...new Set([q, ...(digits ? [digits] : [])])];
        if (terms.every((t) => [...t].length >= TRIGRAM)) {
          // The trigram index (outbox schema 6) answers at once, newest first, a chunk at a time
          // so the date range can be applied to the rows it names.
          const match = terms.map((t) => `"${t.replace(/"/g, '""')}"`).join(' OR ');
          const found = db.prepare(
            `SELECT rowid AS seq FROM order_search WHERE order_search MATCH @match AND rowid < @below
             ORDER BY rowid DESC LIMIT ${INDEX_CHUNK}`,
          );
          let below = input.before ?? Number.MAX_SAFE_INTEGER;
          rows = [];
          while (rows.length <= input.limit) {
            const seqs = (found.all({ match, below }) as Array<{ seq: number }>).map((r) => r.seq);
            if (seqs.length === 0) break;
            rows = mergeNewest(rows, select([`seq IN (${seqs.join(',')})`]), input.limit + 1);
            below = seqs[seqs.length - 1];
            if (seqs.length < INDEX_CHUNK) break;
          }
        } else {
          // Fewer than three characters: no trigram to look up, so a scan (newest first, so a
          // common fragment stops early).
          const anyOf = ["json_extract(order_json, '$.customerName') LIKE @anywhere ESCAPE '\\'"];
          args.anywhere = `%${escapeLike(q)}%`;
          if (digits.length > 0) {
            anyOf.push(
              "replace(replace(replace(ifnull(json_extract(order_json, '$.phone'), ''), '-', ''), ' ', ''), '+', '') LIKE @phone",
            );
            args.phone = `%${digits}%`;
          }
          rows = select([`(${anyOf.join(' OR ')})`]);
        }
      }
    }
    const page = rows.slice(0, input.limit);
    return { orders: page.map(recordOf), next: rows.length > input.limit ? page[page.length - 1].seq : null };
  }

  /** One order by its id, or null. */
  byOrderId(orderId: string): OrderRecord | null {
    const db = this.open();
    const row = (db?.prepare(`SELECT ${COLUMNS.order_history} FROM order_history WHERE order_id = ?`).get(orderId) ??
      db?.prepare(`SELECT ${COLUMNS.outbox} FROM outbox WHERE order_id = ? AND kind = 'order'`).get(orderId)) as
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

/** The same columns from both tables (the outbox schema, electron/orders/outbox-schema.ts, versions 3 and 9). */
const COLUMNS = {
  outbox: `seq, order_json, state, attempts, partition, offset, error_code, error_params, auto_retry,
    next_attempt_at, saved_at, delivered_at, ${cancellationColumn('outbox')}`,
  order_history: `seq, order_json, ${HISTORY_STATE_SQL} AS state, attempts, partition, CAST(offset AS TEXT) AS offset,
    NULL AS error_code, NULL AS error_params, 1 AS auto_retry, NULL AS next_attempt_at, saved_at, delivered_at,
    ${cancellationColumn('order_history')}`,
} as const;

/** Two newest-first lists as one, without repeats, cut at `limit`. */
function mergeNewest(a: Row[], b: Row[], limit: number): Row[] {
  const bySeq = new Map([...a, ...b].map((r) => [r.seq, r]));
  return [...bySeq.values()].sort((x, y) => y.seq - x.seq).slice(0, limit);
}

/** The trigram index finds fragments of at least this many characters. */
const TRIGRAM = 3;
/** Index hits fetched per step while paging with a date range. */
const INDEX_CHUNK = 200;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

const recordOf = (r: Row): OrderRecord => toRecord(r, JSON.parse(r.order_json) as Order);
