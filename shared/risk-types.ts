// What the risk checks tell the renderer, as runtime schemas (the contract's part for issue 12):
// the flags of an order, what the policy did with it, and the Review screen's rows. The flags'
// codes and sentences live in risk-flags.ts; here they cross the bridge as code + params.
import { z } from 'zod';
import { TOPIC_NAME } from './topic-name';
import { RISK_CODES, type RiskFlag } from './risk-flags';
import { orderSubmissionSchema, requiredText } from './order-schema';
import { appErrorSchema } from './outbox-types';

export const RISK_POLICIES = ['warn', 'hold', 'route'] as const;
export type RiskPolicy = (typeof RISK_POLICIES)[number];

/** What became of a flagged order: sent (warn), held, confirmed or voided by a supervisor, routed to review. */
export const RISK_OUTCOMES = ['sent', 'held', 'confirmed', 'voided', 'routed'] as const;
export type RiskOutcome = (typeof RISK_OUTCOMES)[number];

/**
 * Where a flagged order that goes to a topic stands (Review's outcome says it): waiting (saved,
 * not delivered yet: the cluster down, say), delivered, needing attention on the Outbox, voided
 * there before it was sent, or voided after (a cancellation follows it). "Sent, flagged" was
 * shown from Save on, while the order was only saved.
 */
export const REVIEW_DELIVERIES = ['waiting', 'delivered', 'attention', 'voided', 'cancelled'] as const;
export type ReviewDelivery = (typeof REVIEW_DELIVERIES)[number];

export const riskFlagSchema = z.object({
  code: z.enum(RISK_CODES),
  severity: z.enum(['warning', 'high']),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
}) as unknown as z.ZodType<RiskFlag>;

/** How much history the checks had: `offline` means only this terminal's own orders. */
export const riskHistoryStateSchema = z.object({
  source: z.enum(['terminal', 'terminal+topic']),
  topicState: z.enum(['starting', 'catching-up', 'live', 'offline', 'off']),
  orders: z.number().int().min(0),
});
export type RiskHistoryState = z.infer<typeof riskHistoryStateSchema>;

export const riskAssessmentSchema = z.object({
  flags: z.array(riskFlagSchema),
  history: riskHistoryStateSchema,
});
export type RiskAssessment = z.infer<typeof riskAssessmentSchema>;

/** A submit's risk part: the flags and, when there were any, what the policy did. */
export const riskSubmitSchema = riskAssessmentSchema.extend({
  outcome: z.enum(RISK_OUTCOMES).nullable(),
});
export type RiskSubmit = z.infer<typeof riskSubmitSchema>;

export const riskDecisionSchema = z.object({
  decision: z.enum(['confirm', 'void']),
  by: z.string(),
  at: z.iso.datetime(),
});
export type RiskDecision = z.infer<typeof riskDecisionSchema>;

/** One flagged order on the Review screen. */
export const reviewEntrySchema = z.object({
  orderId: z.string(),
  customerId: z.string(),
  /** As the order is now: a correction on the Outbox may have changed it since the order was flagged. */
  customerName: z.string(),
  /** Only when a correction on the Outbox changed the name: the one it was flagged and saved with. */
  savedCustomerName: z.string().optional(),
  terminalId: z.string(),
  /** As the order is now: what is (or was) sent, after any correction on the Outbox. */
  total: z.number(),
  currency: z.string(),
  /** Only when a correction on the Outbox changed the total: the one it was flagged and saved with. */
  savedTotal: z.object({ total: z.number(), currency: z.string() }).optional(),
  createdAt: z.iso.datetime(),
  flags: z.array(riskFlagSchema),
  policy: z.enum(RISK_POLICIES),
  outcome: z.enum(RISK_OUTCOMES),
  /** The topic it went (or goes) to; null while held or once voided. */
  topic: z.string().nullable(),
  decision: riskDecisionSchema.nullable(),
  /** Routed orders: delivered to the review topic at this offset (null while waiting). */
  delivered: z.object({ partition: z.number().int(), offset: z.string() }).nullable(),
  /** Sent (warned), confirmed or routed: where it stands on its way to its topic; null while held or once voided on Review. */
  delivery: z.enum(REVIEW_DELIVERIES).nullable(),
  /** Routed and still waiting: why, when the last try to send it to the review topic failed. */
  waitingBecause: appErrorSchema.optional(),
  /** Screened on the app's training cluster: a practice order (confirmed later, it goes where orders go then). */
  practice: z.literal(true).optional(),
});
export type ReviewEntry = z.infer<typeof reviewEntrySchema>;

const pin = z.string().regex(/^\d{4,12}$/, { error: 'risk.pinFormat' });

/** The draft as it will be submitted: a submission already saved (its answer was lost) is not flagged again. */
export const riskCheckInputSchema = orderSubmissionSchema;
export const reviewListInputSchema = z.strictObject({
  /** Customer ID, order id (start), code or outcome, anywhere; empty: all. */
  query: z.string().max(100),
  /**
   * The day's start as epoch ms in the clerk's time zone (the renderer knows it): the orders
   * flagged since, and every order still held from before, which waits for a supervisor.
   */
  since: z.number().int().min(0),
});
export const riskDecideInputSchema = z.strictObject({
  orderId: z.uuid(),
  decision: z.enum(['confirm', 'void']),
  // Visible text, as an order's: it goes into the risk-decision header as who decided.
  supervisor: requiredText(100),
  pin,
});
export const riskPoliciesSchema = z.strictObject(
  Object.fromEntries(RISK_CODES.map((c) => [c, z.enum(RISK_POLICIES)])) as Record<
    (typeof RISK_CODES)[number],
    z.ZodEnum<{ warn: 'warn'; hold: 'hold'; route: 'route' }>
  >,
);
export type RiskPolicies = z.infer<typeof riskPoliciesSchema>;
/**
 * The checks' limits a supervisor sets (Settings → Risk checks). Per velocity window, in the
 * order of `velocityWindowsHours`; null switches a limit off. Amounts are in the store's currency.
 */
const count = z.number().int().min(1, { error: 'field.invalid' }).max(1_000_000, { error: 'field.invalid' });
const amount = z.number().min(0, { error: 'field.invalid' }).max(1e12, { error: 'field.invalid' });
const perWindow = <T extends z.ZodType>(t: T) => z.tuple([t.nullable(), t.nullable()]);
export const riskLimitsSchema = z.strictObject({
  duplicateWindowMinutes: z.number().int().min(1, { error: 'field.invalid' }).max(1440, { error: 'field.invalid' }),
  velocityWindowsHours: z.tuple([
    z.number().int().min(1, { error: 'field.invalid' }).max(168, { error: 'field.invalid' }),
    z.number().int().min(1, { error: 'field.invalid' }).max(168, { error: 'field.invalid' }),
  ]),
  customerMaxOrders: perWindow(count),
  customerMaxAmount: perWindow(amount),
  terminalMaxOrders: perWindow(count),
  terminalMaxAmount: perWindow(amount),
  /** Fewer past orders than this: no outlier flag at all. */
  minHistory: z.number().int().min(2, { error: 'field.invalid' }).max(10_000, { error: 'field.invalid' }),
  /** A customer with fewer past orders than this is compared with the store's orders. */
  minCustomerHistory: z.number().int().min(2, { error: 'field.invalid' }).max(10_000, { error: 'field.invalid' }),
  /** A customer with no past order and a total above this is flagged; null switches it off. */
  newCustomerLargeTotal: amount.nullable(),
});
export type RiskLimits = z.infer<typeof riskLimitsSchema>;

/** The defaults of a fresh install (issue 12's: 10 minutes, 1 h and 24 h windows, ...). */
export const DEFAULT_RISK_LIMITS: RiskLimits = {
  duplicateWindowMinutes: 10,
  velocityWindowsHours: [1, 24],
  customerMaxOrders: [3, 10],
  customerMaxAmount: [1_000_000, 3_000_000],
  terminalMaxOrders: [600, 5_000],
  terminalMaxAmount: [null, null],
  minHistory: 5,
  minCustomerHistory: 5,
  newCustomerLargeTotal: 500_000,
};

export const riskSetPoliciesInputSchema = z.strictObject({
  pin,
  policies: riskPoliciesSchema,
  reviewTopic: z.string().regex(TOPIC_NAME, { error: 'field.topicName' }),
  /** Left as they are when absent. */
  limits: riskLimitsSchema.optional(),
});
export const riskSetPinInputSchema = z.strictObject({
  /** null only while no PIN is set. */
  currentPin: z.string().max(12).nullable(),
  newPin: pin,
});
export const riskStatusSchema = z.object({
  pinSet: z.boolean(),
  history: riskHistoryStateSchema,
  /** Orders held for a supervisor (the Review tab's count; `risk.held` says each change). */
  held: z.number().int().min(0),
});
