// Orders history, read from the outbox's own SQLite file through a second, read-only
// connection (WAL lets it read while the outbox writes), so the outbox code is untouched.
// Keyset paging on seq (newest first): a page costs the same on the millionth order as on the
// first. Search: customer ID exactly (indexed), order id by prefix, phone digits or customer
// name anywhere.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import type { HistorySearchInput } from '../../shared/counter-types';
import type { Order } from '../../shared/order-schema';
import type { OrderRecord, DeliveryState } from '../../shared/outbox-types';
import { appError, isErrorCode, type AppError } from '../../shared/error-codes';

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
    const where: string[] = [];
    const args: Record<string, string | number> = {};
    if (input.before !== null) {
      where.push('seq < @before');
      args.before = input.before;
    }
    if (input.from) {
      where.push('saved_at >= @from');
      args.from = input.from;
    }
    if (input.to) {
      where.push('saved_at < @to');
      args.to = input.to;
    }
    const q = input.query.trim();
    if (q !== '') {
      const anyOf = ['customer_id = @q', "order_id LIKE @prefix ESCAPE '\\'"];
      args.q = q;
      args.prefix = `${escapeLike(q.toLowerCase())}%`;
      anyOf.push("json_extract(order_json, '$.customerName') LIKE @anywhere ESCAPE '\\'");
      args.anywhere = `%${escapeLike(q)}%`;
      // Only a query written like a phone number (digits, spaces, + - ( )) is looked for in phones,
      // so the digits of an order id's prefix never match someone's phone.
      const digits = /^[0-9+()\- ]+$/.test(q) ? q.replace(/\D/g, '') : '';
      if (digits.length >= 3) {
        anyOf.push(
          "replace(replace(replace(ifnull(json_extract(order_json, '$.phone'), ''), '-', ''), ' ', ''), '+', '') LIKE @phone",
        );
        args.phone = `%${digits}%`;
      }
      where.push(`(${anyOf.join(' OR ')})`);
    }
    const sql = `SELECT seq, order_json, state, attempts, partition, offset, error_code, error_params, auto_retry,
      next_attempt_at, saved_at, delivered_at FROM outbox ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY seq DESC LIMIT @limit`;
    const rows = db.prepare(sql).all({ ...args, limit: input.limit + 1 }) as Row[];
    const page = rows.slice(0, input.limit);
    return { orders: page.map(toRecord), next: rows.length > input.limit ? page[page.length - 1].seq : null };
  }

  /** One order by its id, or null. */
  byOrderId(orderId: string): OrderRecord | null {
    const row = this.open()
      ?.prepare(
        `SELECT seq, order_json, state, attempts, partition, offset, error_code, error_params, auto_retry,
           next_attempt_at, saved_at, delivered_at FROM outbox WHERE order_id = ?`,
      )
      .get(orderId) as Row | undefined;
    return row ? toRecord(row) : null;
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

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

// The same mapping as outbox-store.ts's (kept apart so the outbox's code needs no change).
function toRecord(r: Row): OrderRecord {
  return {
    order: JSON.parse(r.order_json) as Order,
    state: r.state,
    attempts: r.attempts,
    savedAt: r.saved_at,
    deliveredAt: r.delivered_at,
    partition: r.partition,
    offset: r.offset,
    error: r.error_code && isErrorCode(r.error_code) ? appError(r.error_code, params(r.error_params)) : null,
    autoRetry: r.auto_retry === 1,
    nextAttemptAt: r.next_attempt_at === null ? null : new Date(r.next_attempt_at).toISOString(),
  };
}

function params(json: string | null): AppError['params'] {
  if (!json) return undefined;
  const v = JSON.parse(json) as unknown;
  return v && typeof v === 'object' ? (v as AppError['params']) : undefined;
}
