// The risk checks in the order flow. Holds the recent history (this terminal's outbox and, while
// connected, the order topic read back by TopicHistoryReader), screens each order before Save
// completes, applies the supervisor's policies, and answers the risk requests (check, review,
// decide, policies, PIN). Offline the checks run on what there is and the answer says so:
// missing history is never a flag.
import type { Order, OrderSubmission } from '../../shared/order-schema';
import { customerIdKey, orderTotal } from '../../shared/order-schema';
import type { OrderChange, OrderRecord } from '../../shared/outbox-types';
import { changeOf, unsentRecord } from '../../shared/outbox-types';
import type { Result } from '../../shared/contract';
import { appError, type AppError } from '../../shared/error-codes';
import { clerkView } from '../../shared/delivery-states';
import type { Settings } from '../../shared/settings-schema';
import type { RiskFlag } from '../../shared/risk-flags';
import type {
  ReviewDelivery,
  ReviewEntry,
  RiskAssessment,
  RiskDecision,
  RiskHistoryState,
  RiskPolicies,
  RiskSubmit,
  RiskLimits,
} from '../../shared/risk-types';
import type { ClusterConfig } from '../cluster/cluster-config';
import type { OrderFacts, OutboxStore } from '../orders/outbox-store';
import { checkOrder } from './risk-checks';
import { DEFAULT_RISK_CONFIG, type RiskConfig } from './risk-config';
import { RiskHistory } from './risk-history';
import { recordedRiskOrderOf, riskOrderOf, TopicHistoryReader, type TopicHistoryStatus } from './topic-history';
import { outcomeOf, policyFor, riskHeaders } from './risk-policy';
import { RiskStore, entryOf, type StoredReview } from './risk-store';
import { SupervisorPin } from './supervisor-pin';
import { ReviewSender } from './review-sender';
import type { OrderProducerFactory } from '../kafka/order-producer';
import { shortOrderId } from '../../shared/order-ids';
import { namesSayIt, outcomeSaysIt } from '../../shared/review-outcome';
import { answerRepeat } from '../orders/repeated-submission';

export interface RiskTarget {
  cluster: ClusterConfig | null;
  topic: string;
  /** The app's own training cluster: practice orders, which the store's checks never count, nor these the store's. */
  training: boolean;
}

export interface RiskServiceOptions {
  dataDir: string;
  /** The outbox (schema 8 or later): its file and connection hold the flagged orders too (risk-store.ts). */
  outbox: OutboxStore;
  settings(): Settings;
  /** Saves new settings (policies, review topic), as settings.save does. */
  saveSettings(next: Settings): Result<Settings>;
  onChanges(changes: OrderChange[]): void;
  nudge(): void;
  log(message: string): void;
  config?: Partial<RiskConfig>;
  now?: () => number;
  /** How often the topic reader looks for new orders (default 5 s). */
  pollMs?: number;
  createProducer?: OrderProducerFactory;
  /** The count of orders held for a supervisor, each time an order is held or decided (the Review tab shows it). */
  onHeld?(held: number): void;
}

/** What the order service does with one order after screening it. */
export interface Screened {
  risk: RiskSubmit;
  /** Held or routed (or a repeated submission of one): the answer, without the outbox. */
  divert: Result<OrderRecord> | null;
}

export class RiskService {
  readonly store: RiskStore;
  readonly pin: SupervisorPin;
  private history: RiskHistory;
  private reader: TopicHistoryReader | null = null;
  private topicStatus: TopicHistoryStatus | null = null;
  private target: RiskTarget = { cluster: null, topic: '', training: false };
  private readonly sender: ReviewSender;
  private readonly config: RiskConfig;
  private readonly now: () => number;

  constructor(private readonly opts: RiskServiceOptions) {
    this.now = opts.now ?? Date.now;
    this.config = { ...DEFAULT_RISK_CONFIG, ...opts.config };
    this.store = new RiskStore(opts.outbox.connection);
    if (opts.onHeld) this.store.onHeld = opts.onHeld;
    this.pin = new SupervisorPin(opts.dataDir, this.now);
    this.history = this.freshHistory();
    this.sender = new ReviewSender({
      store: this.store,
      cluster: () => this.target.cluster,
      topic: () => opts.settings().risk.reviewTopic,
      log: opts.log,
      ...(opts.createProducer ? { createProducer: opts.createProducer } : {}),
    });
  }

  /** Points the topic reader (and the review sender) at the cluster; null cluster: offline. */
  async setTarget(target: RiskTarget): Promise<void> {
    const same =
      target.cluster === this.target.cluster &&
      target.topic === this.target.topic &&
      target.training === this.target.training;
    this.target = target;
    if (same && this.reader) return;
    await this.reader?.stop();
    this.reader = null;
    this.topicStatus = null;
    // The store's orders from another cluster or topic are not this store's: start again from our own.
    this.history = this.freshHistory();
    if (target.cluster) {
      const s = this.opts.settings().risk;
      this.reader = new TopicHistoryReader({
        config: target.cluster,
        topic: target.topic,
        windowMs: s.historyWindowHours * 3_600_000,
        ...(this.opts.pollMs ? { pollMs: this.opts.pollMs } : {}),
        now: this.now,
        known: (orderId) => this.history.has(orderId),
        onOrder: (o) => this.history.add(o),
        onCancelled: (orderId) => this.history.untake(orderId),
        onStatus: (st) => {
          if (st.state === 'offline' && this.topicStatus?.state !== 'offline')
            this.opts.log(
              `risk checks: cannot read ${target.topic} (${st.error ?? ''}); checking with this terminal's orders`,
            );
          this.topicStatus = st;
        },
      });
      // Not awaited: the checks run with what there is while it catches up.
      void this.reader.start();
    }
    this.sender.nudge();
  }

  historyState(): RiskHistoryState {
    const st = this.topicStatus?.state ?? (this.reader ? 'starting' : 'off');
    return { source: st === 'live' ? 'terminal+topic' : 'terminal', topicState: st, orders: this.history.size };
  }

  /** The flags an order would get, without saving anything (the form asks before submitting). */
  check(draft: OrderSubmission): RiskAssessment {
    // Submitted before and saved (the answer was lost): submitting again returns that order.
    const id = draft.submissionId;
    if (id && (this.store.inOutbox(id) || this.store.bySubmission(id)))
      return { flags: [], history: this.historyState() };
    const s = this.opts.settings();
    const at = this.now();
    const flags = this.flagsOf({
      orderId: `check-${at}`,
      customerId: draft.customerId,
      terminalId: s.terminalId,
      at,
      total: orderTotal(draft.lines),
      currency: draft.currency,
      lines: draft.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, unitPrice: l.unitPrice })),
    });
    return { flags, history: this.historyState() };
  }

  /** Screens an order about to be saved: its flags, and whether the outbox takes it (warn) or not (hold, route). */
  screen(order: Order, submissionId: string | undefined): Screened {
    const earlier = submissionId ? this.store.bySubmission(submissionId) : null;
    if (earlier) {
      // A submit repeated after a lost answer: the first answer again, nothing flagged twice.
      const risk: RiskSubmit = { flags: earlier.flags, history: this.historyState(), outcome: earlier.outcome };
      // A warned order is in the outbox, which answers it (or refuses the change) itself.
      if (earlier.policy === 'warn') return { risk, divert: null };
      return { risk, divert: answerRepeat(earlier.order, order, waitingRecord(earlier.order)) };
    }
    // Saved unflagged before: the outbox answers with that order. Screening again would flag it
    // as a duplicate of itself (and could hold a copy of an order already sent).
    if (submissionId && this.store.inOutbox(submissionId))
      return { risk: { flags: [], history: this.historyState(), outcome: null }, divert: null };
    const flags = this.flagsOf(riskOrderOf(order));
    const history = this.historyState();
    const policy = policyFor(flags, this.opts.settings().risk.policies);
    if (!policy) return { risk: { flags, history, outcome: null }, divert: null };
    const outcome = outcomeOf(policy);
    const s = this.opts.settings();
    this.store.add({
      order,
      submissionId: submissionId ?? null,
      flags,
      policy,
      outcome,
      topic: policy === 'warn' ? s.topic : policy === 'route' ? s.risk.reviewTopic : null,
      headers: riskHeaders(flags),
      training: this.target.training,
    });
    const risk: RiskSubmit = { flags, history, outcome };
    if (policy === 'warn') return { risk, divert: null };
    // Held or routed: an attempt, not (yet) an order the store took; a supervisor's confirm takes it.
    this.history.add(riskOrderOf(order), 'held');
    if (policy === 'route') this.sender.nudge();
    return { risk, divert: { ok: true, value: waitingRecord(order) } };
  }

  beforeSave(): void {
    this.store.writeBeforeSave();
  }

  /** An order the outbox saved: the next checks see it. */
  saved(order: Order): void {
    this.history.add(riskOrderOf(order));
  }

  /** An order voided (never sent, or cancelled after it was): the next checks no longer count it. */
  voided(orderId: string): void {
    this.history.untake(orderId);
  }

  /** An order corrected on the Outbox: the next checks count it as it is now. */
  corrected(order: Order): void {
    this.history.replace(recordedRiskOrderOf(order));
  }

  review(query: string, since: number): ReviewEntry[] {
    const q = query.trim().toLowerCase();
    const all = this.withRouting(this.withDelivery(this.store.forReview(since)));
    if (!q) return all;
    const customer = customerIdKey(query);
    return all.filter(
      (e) =>
        customerIdKey(e.customerId) === customer ||
        e.orderId.startsWith(q) ||
        shortOrderId(e.orderId).startsWith(q) ||
        // The saved name too: the one the order was flagged with, before a correction changed it.
        [e.customerName, e.savedCustomerName].some((name) => name?.toLowerCase().includes(q)) ||
        outcomeSaysIt(e, q) ||
        namesSayIt(e, q) ||
        e.flags.some((f) => f.code === q),
    );
  }

  /** A supervisor confirms (the order goes to the outbox, with its decision header) or voids a held order. */
  decide(input: {
    orderId: string;
    decision: 'confirm' | 'void';
    supervisor: string;
    pin: string;
  }): Result<ReviewEntry> {
    const refused = this.pin.check(input.pin);
    if (refused) return { ok: false, error: refused };
    const held = this.store.get(input.orderId);
    if (!held) return { ok: false, error: appError('risk.notFound', { orderId: input.orderId }) };
    if (held.outcome !== 'held') return { ok: false, error: notHeld(held) };
    const decision: RiskDecision = {
      decision: input.decision,
      by: input.supervisor,
      at: new Date(this.now()).toISOString(),
    };
    const headers = riskHeaders(held.flags, decision);
    if (input.decision === 'confirm') {
      // The outbox first: a crash in between leaves the order to be sent (its decision header
      // missing), never a confirmed order that is nowhere. Both happen before the dispatcher's
      // next turn, so it finds the headers when it picks the order up.
      const [saved] = this.opts.outbox.addMany([held.order]);
      if (!saved.ok) return saved;
      this.store.decide(held.order.orderId, decision, this.opts.settings().topic, headers);
      this.history.take(held.order.orderId);
      this.opts.onChanges([changeOf(saved.value)]);
      this.opts.nudge();
    } else {
      this.store.decide(held.order.orderId, decision, null, headers);
      this.history.untake(held.order.orderId);
    }
    return { ok: true, value: this.withDelivery([entryOf(this.store.get(input.orderId)!)])[0] };
  }

  /** Routed orders still waiting, with why the review sender's last try failed, if it did. */
  private withRouting(entries: ReviewEntry[]): ReviewEntry[] {
    const why = this.sender.problem();
    if (!why) return entries;
    return entries.map((e) => (e.outcome === 'routed' && e.delivered === null ? { ...e, waitingBecause: why } : e));
  }

  /**
   * Warned and confirmed orders' delivery, customer's name and total, as the outbox (each order's
   * own row) has them: a correction there (Outbox → Correct) may have renamed the customer or
   * removed lines since the row was written.
   */
  private withDelivery(entries: ReviewEntry[]): ReviewEntry[] {
    const asked = entries.filter((e) => e.outcome === 'sent' || e.outcome === 'confirmed');
    const facts = this.opts.outbox.deliveryFacts(asked.map((e) => e.orderId));
    return entries.map((e) => {
      if (e.outcome !== 'sent' && e.outcome !== 'confirmed') return e;
      const f = facts.get(e.orderId);
      // Not in the outbox file at all: only the history's retention removes an order, a delivered one.
      if (!f) return { ...e, delivery: 'delivered' };
      const totalCorrected = f.total !== e.total || f.currency !== e.currency;
      return {
        ...e,
        delivery: deliveryOf(f),
        ...(f.customerName !== e.customerName
          ? { customerName: f.customerName, savedCustomerName: e.customerName }
          : {}),
        ...(totalCorrected
          ? { total: f.total, currency: f.currency, savedTotal: { total: e.total, currency: e.currency } }
          : {}),
      };
    });
  }

  setPin(currentPin: string | null, newPin: string): Result<{ pinSet: true }> {
    const refused = this.pin.set(currentPin, newPin);
    return refused ? { ok: false, error: refused } : { ok: true, value: { pinSet: true } };
  }

  setPolicies(pin: string, policies: RiskPolicies, reviewTopic: string, limits?: RiskLimits): Result<Settings> {
    const refused = this.pin.check(pin);
    if (refused) return { ok: false, error: refused };
    const s = this.opts.settings();
    const saved = this.opts.saveSettings({
      ...s,
      risk: { ...s.risk, policies, reviewTopic, ...(limits ? { limits } : {}) },
    });
    if (saved.ok && reviewTopic !== s.risk.reviewTopic) this.sender.nudge();
    return saved;
  }

  async close(): Promise<void> {
    await this.reader?.stop();
    await this.sender.close();
    this.store.close();
  }

  private flagsOf(order: ReturnType<typeof riskOrderOf>): RiskFlag[] {
    this.history.advance(this.now());
    // The supervisor's limits as saved now (a change applies to the next order), a test's on top.
    return checkOrder(order, this.history, {
      ...this.config,
      ...this.opts.settings().risk.limits,
      ...this.opts.config,
    });
  }

  private freshHistory(): RiskHistory {
    const s = this.opts.settings().risk;
    const windowMs = s.historyWindowHours * 3_600_000;
    const h = new RiskHistory({
      windowMs,
      maxOrders: s.historyMaxOrders,
      sampleSize: this.config.sampleSize,
      currency: this.config.currency,
    });
    h.advance(this.now());
    for (const { order, standing } of this.store.ownRecent(this.now() - windowMs, this.target.training))
      h.add(recordedRiskOrderOf(order), standing);
    return h;
  }
}

/**
 * Why a decision was refused: decided first in another window, or on another terminal's Review of
 * the same file's order. It said "(it is confirmed)" in English in a Korean sentence, with the
 * whole order id, and not who decided nor whether the order goes.
 */
function notHeld(r: StoredReview): AppError {
  const orderId = shortOrderId(r.order.orderId);
  if (r.decision && (r.outcome === 'confirmed' || r.outcome === 'voided'))
    return appError(r.outcome === 'confirmed' ? 'risk.alreadyConfirmed' : 'risk.alreadyVoided', {
      orderId,
      by: r.decision.by,
    });
  return appError('risk.notHeld', { orderId });
}

/** A held or routed order as the form's answer: saved, waiting, never in the outbox. */
function waitingRecord(order: Order): OrderRecord {
  return unsentRecord(order, order.createdAt);
}

function deliveryOf(facts: OrderFacts): ReviewDelivery {
  if (facts.cancelled) return 'cancelled';
  switch (clerkView(facts).state) {
    case 'delivered':
      return 'delivered';
    case 'attention':
      return 'attention';
    case 'voided':
      return 'voided';
    default:
      return 'waiting';
  }
}
