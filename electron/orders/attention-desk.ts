// What a person can do with an order that needs attention (issue 10; customer-hold.ts): correct
// it (edit and resend: it keeps its id and its place, so it still goes before its customer's
// later orders), void it (kept with the reason in the outbox's order_voided table, never sent,
// never silently dropped), or export it (a JSON file in the data directory's exports folder,
// also returned so a browser can download it).
import fs from 'node:fs';
import path from 'node:path';
import {
  ORDER_CANCELLED_EVENT,
  ORDER_SCHEMA_VERSION,
  isCurrencyCode,
  orderTotal,
  priceFitsRule,
  roundedPrice,
  VOID_REASON_MAX,
  type Order,
  type OrderDraft,
} from '../../shared/order-schema';
import type { OrderChange, OrderRecord } from '../../shared/outbox-types';
import { appError, type AppError } from '../../shared/error-codes';
import type { Settings } from '../../shared/settings-schema';
import type { Result } from '../../shared/contract';
import type { OutboxStore } from './outbox-store';
import { orderTooLarge } from './poison-check';

export const EXPORT_DIR = 'exports';
export { VOID_REASON_MAX };

export interface AttentionDeskDeps {
  outbox: OutboxStore;
  dataDir: string;
  maxMessageBytes(): number;
  onChanges(changes: OrderChange[]): void;
  nudge(): void;
  /** Who voids (terminal, clerk, store): the cancellation says; and the topic it goes to. */
  settings(): Pick<Settings, 'storeId' | 'terminalId' | 'clerk' | 'topic'>;
  /** An order voided here: the risk checks no longer count it (RiskService.voided). */
  voided?(orderId: string): void;
  /** An order corrected here: the risk checks count it as it is now (RiskService.corrected). */
  corrected?(order: Order): void;
  /** The supervisor PIN (electron/risk/supervisor-pin.ts): null when right, else why not. */
  checkPin(pin: string): AppError | null;
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
    const refused = currencyChanged(draft, was) ?? linesNotKept(draft, was) ?? paymentChanged(draft, was);
    if (refused) return { ok: false, error: refused };
    const order: Order = {
      ...was,
      customerName: draft.customerName,
      // The key decides the partition and the per-customer order: it cannot change here.
      customerId: was.customerId,
      lines: draft.lines.map((l) => ({ ...l })),
      currency: draft.currency,
      paymentMethod: was.paymentMethod,
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
    this.deps.corrected?.(r.value.record.order);
    this.deps.onChanges(r.value.changes);
    this.deps.nudge();
    return { ok: true, value: r.value.record };
  }

  /**
   * Voids an order with a reason. One that needs attention was never sent: it is kept in
   * order_voided and never sent (no PIN, as before). Any other (delivered, or waiting and maybe
   * already in the topic after a send whose answer was lost) stays, and a cancellation follows it
   * to the topic (outbox-store.ts cancel): that needs the supervisor PIN, since the store's
   * books change after the customer left.
   */
  void(orderId: string, reason: string, pin?: string): Result<OrderRecord> {
    const text = reason.trim();
    if (!text || text.length > VOID_REASON_MAX)
      return { ok: false, error: appError('order.voidReason', { max: VOID_REASON_MAX }) };
    const held = this.deps.outbox.attention(orderId);
    const r = held.ok ? this.deps.outbox.void(orderId, text) : this.cancel(orderId, text, pin);
    if (!r.ok) return r;
    this.deps.voided?.(orderId);
    this.deps.onChanges(r.value.changes);
    this.deps.nudge();
    return { ok: true, value: r.value.record };
  }

  private cancel(orderId: string, reason: string, pin: string | undefined) {
    // Unknown and already voided orders are refused before the PIN is asked for (or counted).
    const known = this.deps.outbox.get(orderId);
    if (!known) return { ok: false as const, error: appError('order.notFound', { orderId }) };
    if (known.state === 'voided' || known.cancellation)
      return { ok: false as const, error: appError('order.alreadyVoided', { orderId }) };
    // The cancellation goes to the order topic of the moment: after Settings changed it, that is
    // not where the order is, and a consumer of the order's topic would never see it.
    const went = this.deps.outbox.deliveredTopic(orderId);
    const now = this.deps.settings().topic;
    // Nor on another cluster (a practice order once the store's brokers are set, or back): the
    // cancellation would go where the order never was.
    if (went?.otherCluster) return { ok: false as const, error: appError('order.voidOtherCluster', { orderId }) };
    if (went !== null && went.topic !== now)
      return { ok: false as const, error: appError('order.voidOtherTopic', { orderId, topic: went.topic, now }) };
    if (!pin) return { ok: false as const, error: appError('order.voidPin') };
    const refused = this.deps.checkPin(pin);
    if (refused) return { ok: false as const, error: refused };
    const who = this.deps.settings();
    return this.deps.outbox.cancel(orderId, reason, (order, voidedAt) => ({
      orderId: order.orderId,
      eventType: ORDER_CANCELLED_EVENT,
      schemaVersion: ORDER_SCHEMA_VERSION,
      customerId: order.customerId,
      reason,
      voidedAt,
      storeId: who.storeId,
      terminalId: who.terminalId,
      clerk: who.clerk,
    }));
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

/**
 * A correction removes lines or fixes what they say; it sells nothing new. The panel shows each
 * saved line and can only drop one (its SKU and quantity are not fields, and a price is one only
 * where it breaks today's rule), so each corrected line must be one saved line, matched once: the
 * same SKU and quantity, and the same price, or, where the saved price breaks the rule (KRW
 * 1200.5), that price rounded to one the rule takes (1200 or 1201). Anything else comes from
 * another client and would be a quiet change after the sale: a line added or copied, a quantity
 * or a price changed, a quantity and a price swapped between two lines of one SKU.
 */
function linesNotKept(draft: OrderDraft, was: Order): AppError | null {
  const unused = [...was.lines];
  for (const line of draft.lines) {
    const sameSku = unused.filter((l) => l.sku === line.sku);
    if (sameSku.length === 0) return appError('order.correctLines', { sku: line.sku });
    const sameQuantity = sameSku.filter((l) => l.quantity === line.quantity);
    if (sameQuantity.length === 0)
      return appError('order.correctQuantity', { sku: line.sku, was: sameSku[0].quantity, now: line.quantity });
    const match =
      sameQuantity.find((l) => l.unitPrice === line.unitPrice) ??
      sameQuantity.find(
        (l) => !priceFitsRule(l.unitPrice, draft.currency) && roundedPrice(l.unitPrice, line.unitPrice, draft.currency),
      );
    if (!match)
      return appError('order.correctPrice', { sku: line.sku, was: sameQuantity[0].unitPrice, now: line.unitPrice });
    unused.splice(unused.indexOf(match), 1);
  }
  return null;
}

/** The payment is what the customer paid with: the panel shows no field for it. */
function paymentChanged(draft: OrderDraft, was: Order): AppError | null {
  if (draft.paymentMethod === was.paymentMethod) return null;
  return appError('order.correctPayment');
}

/**
 * The currency may be corrected only where the saved one is no currency (KWR, saved before the
 * ISO 4217 check): a valid one, or one since withdrawn (HRK), is what the prices were given in,
 * and KRW 1000 changed to USD went to the topic as USD 1,000. The panel shows it read-only; this
 * is for any other client.
 */
function currencyChanged(draft: OrderDraft, was: Order): AppError | null {
  if (draft.currency === was.currency || !isCurrencyCode(was.currency)) return null;
  return appError('order.correctCurrency', { was: was.currency, now: draft.currency });
}
