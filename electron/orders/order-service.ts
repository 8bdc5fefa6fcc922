// submit(submission): the clerk's draft, already checked against the contract by the service
// host's request gate (the one place untrusted input is validated), is turned into a full Order
// here (id, store, terminal, clerk, time, total) and committed to the outbox. Only then does it
// resolve: that is the moment the form says "Saved". Kafka is not waited for; the dispatcher is
// nudged and reports delivery through events.
import {
  ORDER_SCHEMA_VERSION,
  orderTotal,
  type Order,
  type OrderDraft,
  type OrderSubmission,
} from '../../shared/order-schema';
import { changeOf, type OrderChange, type OrderRecord } from '../../shared/outbox-types';
import type { Settings } from '../../shared/settings-schema';
import type { Result } from '../../shared/contract';
import { appError } from '../../shared/error-codes';
import type { OutboxStore } from './outbox-store';
import { newOrderId } from '../../shared/order-ids';
import { orderTooLarge } from './poison-check';
import type { RiskSubmit } from '../../shared/risk-types';

/**
 * The risk checks (electron/risk/risk-service.ts), seen from here: each order is screened before
 * it is saved; a held or routed one is answered by the gate and never enters the outbox.
 */
export interface RiskGate {
  screen(order: Order, submissionId: string | undefined): { risk: RiskSubmit; divert: Result<OrderRecord> | null };
  /** Writes what the screening of this batch's orders recorded: called inside the outbox's transaction for the batch. */
  beforeSave(): void;
  saved(order: Order): void;
}

export type SubmitResult = Result<OrderRecord & { risk?: RiskSubmit }>;

export interface OrderServiceDeps {
  outbox: OutboxStore;
  settings(): Settings;
  /** The orders a group commit saved, as changes (state "saved"; the order itself is not sent). */
  onChanges(changes: OrderChange[]): void;
  /** Tells the dispatcher there is something to send. */
  nudge(): void;
  /** The topic's max.message.bytes as last known (Kafka's default when never read): Save refuses larger orders. */
  maxMessageBytes?(): number;
  now?: () => Date;
  risk?: RiskGate;
}

interface Pending {
  order: Order;
  submissionId: string | undefined;
  risk: RiskSubmit | undefined;
  resolve(result: SubmitResult): void;
}

export class OrderService {
  private queue: Pending[] = [];
  private flushScheduled = false;

  constructor(private readonly deps: OrderServiceDeps) {}

  /**
   * Resolves once the order is committed to the outbox (or refused). Orders submitted in the
   * same turn of the event loop (several IPC or WebSocket messages read together, or a burst
   * while the loop was busy) share one transaction and one fsync: group commit. A lone order
   * waits only for the end of the current turn.
   */
  async submit(submission: OrderSubmission): Promise<SubmitResult> {
    const order = this.buildOrder(submission);
    const submissionId = submission.submissionId;
    // A poison order never reaches the outbox where that can be known (poison-check.ts).
    if (this.deps.maxMessageBytes) {
      const tooLarge = await orderTooLarge(order, this.deps.maxMessageBytes());
      if (tooLarge) return { ok: false, error: tooLarge };
    }
    let risk: RiskSubmit | undefined;
    if (this.deps.risk) {
      const screened = this.deps.risk.screen(order, submissionId);
      risk = screened.risk;
      if (screened.divert)
        return screened.divert.ok ? { ok: true, value: { ...screened.divert.value, risk } } : screened.divert;
    }
    return new Promise((resolve) => {
      this.queue.push({ order, submissionId, risk, resolve });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.flushScheduled = false;
    const batch = this.queue;
    this.queue = [];
    let results: Array<Result<OrderRecord>>;
    try {
      results = this.deps.outbox.addMany(
        batch.map((p) => p.order),
        batch.map((p) => p.submissionId),
        () => this.deps.risk?.beforeSave(),
      );
    } catch (e) {
      // The outbox is gone (closed during shutdown): say so rather than leave the form waiting.
      const error = appError('order.storeFailed', { detail: e instanceof Error ? e.message : String(e) });
      results = batch.map(() => ({ ok: false, error }));
    }
    const changes: OrderChange[] = [];
    batch.forEach((p, i) => {
      const r = results[i];
      if (r.ok) {
        changes.push(changeOf(r.value));
        // The stored order (a repeated submission's is the first one) is what later checks see.
        this.deps.risk?.saved(r.value.order);
      }
      p.resolve(r.ok && p.risk ? { ok: true, value: { ...r.value, risk: p.risk } } : r);
    });
    if (changes.length > 0) {
      this.deps.onChanges(changes);
      this.deps.nudge();
    }
  }

  private buildOrder(d: OrderDraft): Order {
    const s = this.deps.settings();
    return {
      orderId: newOrderId(),
      schemaVersion: ORDER_SCHEMA_VERSION,
      customerName: d.customerName,
      customerId: d.customerId,
      ...(d.phone ? { phone: d.phone } : {}),
      lines: d.lines.map((l) => ({
        sku: l.sku,
        productName: l.productName,
        quantity: l.quantity,
        unitPrice: l.unitPrice,
      })),
      currency: d.currency,
      paymentMethod: d.paymentMethod,
      ...(d.note ? { note: d.note } : {}),
      storeId: s.storeId,
      terminalId: s.terminalId,
      clerk: s.clerk,
      createdAt: (this.deps.now?.() ?? new Date()).toISOString(),
      total: orderTotal(d.lines),
    };
  }
}
