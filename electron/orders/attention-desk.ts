// What a person can do with an order that needs attention (issue 10; customer-hold.ts): correct
// it (edit and resend: it keeps its id and its place, so it still goes before its customer's
// later orders), void it (kept with the reason in the outbox's order_voided table, never sent,
// never silently dropped), or export it (a JSON file in the data directory's exports folder,
// also returned so a browser can download it).
import fs from 'node:fs';
import path from 'node:path';
import { orderTotal, type Order, type OrderDraft } from '../../shared/order-schema';
import type { OrderChange, OrderRecord } from '../../shared/outbox-types';
import { appError } from '../../shared/error-codes';
import type { Result } from '../../shared/contract';
import type { OutboxStore } from './outbox-store';
import { orderTooLarge } from './poison-check';

export const EXPORT_DIR = 'exports';
export const VOID_REASON_MAX = 200;

export interface AttentionDeskDeps {
  outbox: OutboxStore;
  dataDir: string;
  maxMessageBytes(): number;
  onChanges(changes: OrderChange[]): void;
  nudge(): void;
}

export interface OrderExport {
  file: string;
  json: string;
}

export class AttentionDesk {
  constructor(private readonly deps: AttentionDeskDeps) {}

  /** The clerk's corrected draft replaces the order's content; who, where and when stay the original's. */
  async correct(orderId: string, draft: OrderDraft): Promise<Result<OrderRecord>> {
    const held = this.deps.outbox.attention(orderId);
    if (!held.ok) return held;
    const was = held.value.order;
    const order: Order = {
      ...was,
      customerName: draft.customerName,
      // The key decides the partition and the per-customer order: it cannot change here.
      customerId: was.customerId,
      lines: draft.lines.map((l) => ({ ...l })),
      currency: draft.currency,
      paymentMethod: draft.paymentMethod,
      total: orderTotal(draft.lines),
    };
    delete order.phone;
    delete order.note;
    if (draft.phone) order.phone = draft.phone;
    if (draft.note) order.note = draft.note;
    const tooLarge = await orderTooLarge(order, this.deps.maxMessageBytes());
    if (tooLarge) return { ok: false, error: tooLarge };
    const r = this.deps.outbox.correct(orderId, order);
    if (!r.ok) return r;
    this.deps.onChanges(r.value.changes);
    this.deps.nudge();
    return { ok: true, value: r.value.record };
  }

  void(orderId: string, reason: string): Result<OrderRecord> {
    const text = reason.trim();
    if (!text || text.length > VOID_REASON_MAX)
      return { ok: false, error: appError('order.voidReason', { max: VOID_REASON_MAX }) };
    const r = this.deps.outbox.void(orderId, text);
    if (!r.ok) return r;
    this.deps.onChanges(r.value.changes);
    this.deps.nudge();
    return { ok: true, value: r.value.record };
  }

  /** Any order the terminal still holds (waiting, needing attention, voided or delivered). */
  export(orderId: string): Result<OrderExport> {
    const record = this.deps.outbox.get(orderId);
    if (!record) return { ok: false, error: appError('order.notFound', { orderId }) };
    const json = `${JSON.stringify({ exportedAt: new Date().toISOString(), ...record }, null, 2)}\n`;
    const dir = path.join(this.deps.dataDir, EXPORT_DIR);
    const file = path.join(dir, `order-${orderId}.json`);
    try {
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(file, json, { mode: 0o600 });
    } catch (e) {
      return {
        ok: false,
        error: appError('order.exportFailed', { detail: e instanceof Error ? e.message : String(e) }),
      };
    }
    return { ok: true, value: { file, json } };
  }
}
