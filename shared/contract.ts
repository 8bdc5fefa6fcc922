// The one IPC contract. Every request (renderer → main) and event (main → renderer) is
// declared here once, with runtime schemas. Channel names, the preload's functions, the
// service host's handler table, the browser-mode WebSocket protocol and the relay ↔ service
// host protocol (host-protocol.ts) are all derived from these objects.
import { z } from 'zod';
import {
  customerIdKey,
  orderCorrectionSchema,
  orderSubmissionSchema,
  recordedDraftFieldsSchema,
  voidReasonTextSchema,
} from './order-schema';
import { settingsSaveSchema, settingsSchema } from './settings-schema';
import { topicNameSchema } from './topic-name';
import {
  connectionStateSchema,
  historyInfoSchema,
  orderChangesSchema,
  orderRecordSchema,
  appErrorSchema,
  previousTopicSchema,
} from './outbox-types';
import { clusterHealthSchema, createTopicInputSchema, safetyChecklistSchema } from './diagnostics-types';
import { benchProgressSchema, benchRunResultSchema, benchStartInputSchema } from './bench-types';
import { serviceStateSchema } from './service-state';
import { secretSetInputSchema, secretStatusSchema } from './secret-types';
import {
  findOnTopicOutputSchema,
  historySearchInputSchema,
  catalogueImportInputSchema,
  catalogueSaveInputSchema,
  catalogueImportResultSchema,
  asideDraftsSchema,
  counterDraftSchema,
  productSchema,
} from './counter-types';

export const logsViewSchema = z.object({
  dir: z.string(),
  files: z.array(z.object({ name: z.string(), bytes: z.number().int().min(0), modifiedAt: z.string() })),
  tail: z.array(z.string()),
});
import type { AppError } from './error-codes';
import {
  reviewEntrySchema,
  reviewListInputSchema,
  riskAssessmentSchema,
  riskCheckInputSchema,
  riskDecideInputSchema,
  riskSetPinInputSchema,
  riskSetPoliciesInputSchema,
  riskStatusSchema,
  riskSubmitSchema,
} from './risk-types';

const none = z.undefined();
const orderIdInput = z.strictObject({ orderId: z.uuid() });

export const appInfoSchema = z.object({
  version: z.string(),
  mode: z.enum(['electron', 'browser']),
  sandbox: z.boolean(),
  dataDir: z.string(),
  /** KAFKA_BROKERS was set at start: it decides the brokers, and Settings' are kept but unused. */
  brokersFromEnvironment: z.boolean(),
});

export const requests = {
  app: {
    info: { input: none, output: appInfoSchema },
  },
  orders: {
    /**
     * Resolves once the order is durably saved: that is when the form says "Saved". `risk`: its
     * flags and what the supervisor's policy did (sent with a `risk` header, held, routed).
     */
    submit: { input: orderSubmissionSchema, output: orderRecordSchema.extend({ risk: riskSubmitSchema.optional() }) },
    /**
     * The page a window shows: the newest `limit` orders, waiting and delivered, then older ones not
     * yet delivered (every one needing attention or held behind one, and the oldest others waiting).
     */
    recent: { input: z.strictObject({ limit: z.number().int().min(1).max(500) }), output: z.array(orderRecordSchema) },
    /** Delivered orders kept on the terminal, and how long they are kept (Diagnostics). */
    history: { input: none, output: historyInfoSchema },
    retry: { input: orderIdInput, output: orderRecordSchema },
    /** An order that needs attention, edited and sent again in its place (shared/delivery-states.ts). */
    correct: {
      input: z.strictObject({ orderId: z.uuid(), draft: orderCorrectionSchema }),
      output: orderRecordSchema,
    },
    /**
     * Void an order with a reason (at most VOID_REASON_MAX characters, checked by the service so
     * the clerk is told the limit). One that needs attention is kept and never sent; any other
     * stays and a cancellation follows it to the topic, with the supervisor PIN (issue 11).
     */
    void: {
      input: z.strictObject({ orderId: z.uuid(), reason: voidReasonTextSchema, pin: z.string().max(64).optional() }),
      output: orderRecordSchema,
    },
    /** The order as a JSON file in the data directory's exports folder (its text too, for a download). */
    export: { input: orderIdInput, output: z.object({ file: z.string(), json: z.string() }) },
    /** Orders delivered to a topic since deleted, re-created or truncated: how many, since when (issue 10). */
    previousTopic: { input: none, output: previousTopicSchema.nullable() },
    /**
     * The operator's confirmed re-send of those orders to the topic as it is now. `count` is the
     * number the confirmation showed; if more were found since, nothing is re-sent.
     */
    resendPreviousTopic: {
      input: z.strictObject({ count: z.number().int().min(1) }),
      output: z.object({ resent: z.number().int().min(0) }),
    },
    /**
     * Of the orders on their way, how many Settings would not send to `topic` on these brokers or
     * on other ones (taken as another cluster): sent with no answer yet, they may be in the topic
     * they went to, and wait there set aside (the outbox's sentElsewhere). And of the voids'
     * cancellations on their way, how many it would send there (`cancellations`) and how many stay
     * for the brokers and topic of now (`cancellationsBehind`): those whose order was delivered
     * there, or may be there, or sent there themselves with no answer. Asked before Settings
     * confirms such a change, never at Save.
     */
    sentElsewhere: {
      input: z.strictObject({ topic: topicNameSchema, otherBrokers: z.boolean() }),
      output: z.object({
        count: z.number().int().min(0),
        cancellations: z.number().int().min(0),
        cancellationsBehind: z.number().int().min(0),
      }),
    },
    /**
     * The customer's previous order as a draft (or the terminal's last order when customerId is
     * null), never a voided one; when only voided ones were found, the newest of those by id.
     */
    lastDraft: {
      // The ID as typed, in the form the order schema keeps it ("Ｃ１００１" and "c1001" are C1001).
      input: z.strictObject({ customerId: z.string().max(64).overwrite(customerIdKey).nullable() }),
      // Read back as it was made: an older order's prices may be ones the draft now refuses.
      output: z.union([recordedDraftFieldsSchema, z.strictObject({ voidedOrderId: z.uuid() })]).nullable(),
    },
  },
  connection: {
    state: { input: none, output: connectionStateSchema },
  },
  /** The order being typed, kept on the terminal so a reload or a crash loses nothing. */
  draft: {
    /**
     * One window at a time types the terminal's order: the window that opens the form takes it
     * (`windowId`: one per page load), the others are told (`draft.claimed`) and their writes
     * are refused with draft.otherWindow, so two tabs never write over each other's order.
     */
    claim: { input: z.strictObject({ windowId: z.uuid() }), output: z.object({ claimed: z.literal(true) }) },
    get: { input: none, output: counterDraftSchema.nullable() },
    /** null: the form is empty (submitted or cleared). draft.storeFailed: the terminal's disk refused it. */
    save: {
      input: z.strictObject({ windowId: z.uuid(), draft: counterDraftSchema.nullable() }),
      output: z.object({ saved: z.boolean() }),
    },
    /** The orders set aside beside the typed one, kept on the terminal too (oldest first). */
    getAside: { input: none, output: asideDraftsSchema },
    /** []: none is waiting. */
    saveAside: {
      input: z.strictObject({ windowId: z.uuid(), drafts: asideDraftsSchema }),
      output: z.object({ saved: z.boolean() }),
    },
  },
  /** Training mode: the app's own sandbox cluster's fault commands (the sandbox CLI's words). */
  training: {
    command: {
      input: z.strictObject({
        command: z.string().regex(/^((stop|start|restart) \d{1,2}|latency \d{1,2} \d{1,6}|stop-all|start-all|status)$/),
      }),
      /** "ok …" or "error: …", as the sandbox answers; "error: no sandbox…" when brokers are configured. */
      output: z.object({ reply: z.string() }),
    },
  },
  /** Orders history on this terminal, searched and paged (keyset: fast however many orders there are). */
  history: {
    search: {
      input: historySearchInputSchema,
      output: z.object({ orders: z.array(orderRecordSchema), next: z.number().int().nullable() }),
    },
    /** Reads a delivered order's record back from the topic at its partition and offset, checking its order-id. */
    findOnTopic: { input: orderIdInput, output: findOnTopicOutputSchema },
  },
  /** The terminal's product catalogue (catalogue.csv in the data directory, or imported in Settings). */
  catalogue: {
    list: { input: none, output: z.array(productSchema) },
    /** Replaces the catalogue with a CSV file's rows, all or nothing. */
    importCsv: { input: catalogueImportInputSchema, output: catalogueImportResultSchema },
    /** Adds a product or changes one (edited in Settings); answers the whole catalogue. */
    save: { input: catalogueSaveInputSchema, output: z.array(productSchema) },
    remove: { input: z.strictObject({ sku: z.string().trim().min(1).max(64) }), output: z.array(productSchema) },
  },
  settings: {
    get: { input: none, output: settingsSchema },
    /** Saves and, when brokers or credentials changed, reconnects without a restart. */
    save: { input: settingsSaveSchema, output: settingsSchema },
  },
  /** Risk checks (issue 12): flags before submitting, the Review screen, a supervisor's decisions and policies. */
  risk: {
    /** The flags this draft would get, nothing saved: the form shows them before the order leaves the screen. */
    check: { input: riskCheckInputSchema, output: riskAssessmentSchema },
    status: { input: none, output: riskStatusSchema },
    /** Flagged orders since a time (today's on the Review screen), newest first. */
    review: { input: reviewListInputSchema, output: z.array(reviewEntrySchema) },
    /** Confirm (send) or void a held order, with the supervisor PIN. */
    decide: { input: riskDecideInputSchema, output: reviewEntrySchema },
    setPin: { input: riskSetPinInputSchema, output: z.object({ pinSet: z.literal(true) }) },
    /** The policy per check and the review topic; needs the supervisor PIN. */
    setPolicies: { input: riskSetPoliciesInputSchema, output: settingsSchema },
  },
  diagnostics: {
    health: { input: none, output: clusterHealthSchema },
    checklist: { input: none, output: safetyChecklistSchema },
    createTopic: { input: createTopicInputSchema, output: z.object({ name: z.string() }) },
  },
  /**
   * The connection secrets (SASL password, client key passphrase), answered by the relay, which
   * keeps them (the OS keychain in Electron, memory in browser mode). Write-only: the window
   * learns whether each is set, never a value.
   */
  secrets: {
    status: { input: none, output: secretStatusSchema },
    set: { input: secretSetInputSchema, output: secretStatusSchema },
  },
  /** Answered by the process that owns the window (the relay), not by the services. */
  service: {
    state: { input: none, output: serviceStateSchema },
  },
  /** The app's log files in the data directory (answered by the relay, which also writes one). */
  logs: {
    /** The log folder, its files and their last lines, for Diagnostics. */
    read: { input: z.strictObject({ maxLines: z.number().int().min(1).max(1000) }), output: logsViewSchema },
    /** Opens the log folder in the system's file manager (Electron); browser mode cannot and says so. */
    open: { input: none, output: z.object({ opened: z.boolean(), dir: z.string() }) },
  },
  bench: {
    start: { input: benchStartInputSchema, output: z.object({ batchId: z.string() }) },
    cancel: { input: none, output: z.object({ cancelled: z.boolean() }) },
    history: { input: none, output: z.array(benchRunResultSchema) },
    export: {
      input: z.strictObject({ format: z.enum(['csv', 'json']) }),
      output: z.object({ filename: z.string(), mimeType: z.string(), content: z.string() }),
    },
  },
} as const;

export const events = {
  /** What changed (state, partition, offset), never the order: a window asks for what it shows. */
  'orders.changed': orderChangesSchema,
  'connection.changed': connectionStateSchema,
  /**
   * The terminal's settings as saved (Save settings, a risk policy): every window follows, its
   * language first; another window kept the old one until reloaded.
   */
  'settings.changed': settingsSchema,
  /** How many orders are held for a supervisor, each time one is held or decided (the Review tab's count). */
  'risk.held': z.object({ held: z.number().int().min(0) }),
  /** A window took the terminal's order form (draft.claim): every other window stops writing it. */
  'draft.claimed': z.object({ windowId: z.uuid() }),
  'bench.progress': benchProgressSchema,
  'bench.finished': z.object({
    batchId: z.string(),
    results: z.array(benchRunResultSchema),
    error: appErrorSchema.nullable(),
  }),
  /** The service process stopped, is restarting, is back, or was given up on (sent by the relay). */
  'service.changed': serviceStateSchema,
} as const;

/** Request groups the relay answers itself; every other request goes to the service host. */
export const RELAY_GROUPS = ['service', 'logs', 'secrets'] as const;

/** The largest request any transport carries (browser mode's frame limit, Electron's input check). */
export const MAX_REQUEST_BYTES = 1024 * 1024;

type Requests = typeof requests;
export type RequestGroup = keyof Requests;
export type RequestMethod<G extends RequestGroup> = keyof Requests[G] & string;
type Spec<G extends RequestGroup, M extends RequestMethod<G>> = Requests[G][M] extends {
  input: z.ZodType;
  output: z.ZodType;
}
  ? Requests[G][M]
  : never;
export type RequestInput<G extends RequestGroup, M extends RequestMethod<G>> = z.input<Spec<G, M>['input']>;
export type RequestOutput<G extends RequestGroup, M extends RequestMethod<G>> = z.output<Spec<G, M>['output']>;

export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** What the renderer holds: the same shape in Electron (preload) and browser mode (WebSocket). */
export type OrderDeskApi = {
  [G in RequestGroup]: {
    [M in RequestMethod<G>]: (
      ...args: RequestInput<G, M> extends undefined ? [] : [input: RequestInput<G, M>]
    ) => Promise<Result<RequestOutput<G, M>>>;
  };
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

/** Handlers for every request: plain async functions, each taking the already-validated input. */
export type RequestHandlers = {
  [G in RequestGroup]: {
    [M in RequestMethod<G>]: (input: z.output<Spec<G, M>['input']>) => Promise<Result<RequestOutput<G, M>>>;
  };
};

/** What the service host answers: every group but the relay's own. */
export type HostRequestHandlers = Omit<RequestHandlers, (typeof RELAY_GROUPS)[number]>;

/** A request's channel as a type, e.g. "orders:submit". */
export type RequestChannel = { [G in RequestGroup]: `${G}:${RequestMethod<G>}` }[RequestGroup];

/** Channel name of a request, e.g. "orders:submit". Never typed by hand elsewhere. */
export function channelOf(group: string, method: string): string {
  return `${group}:${method}`;
}
export const EVENT_CHANNEL_PREFIX = 'event:';

/** Every request as [group, method, channel], for the preload and the handler binding. */
export function requestList(): Array<{ group: RequestGroup; method: string; channel: string }> {
  return (Object.keys(requests) as RequestGroup[]).flatMap((group) =>
    Object.keys(requests[group]).map((method) => ({ group, method, channel: channelOf(group, method) })),
  );
}

export function requestSpec(group: string, method: string): { input: z.ZodType; output: z.ZodType } | null {
  if (!Object.hasOwn(requests, group)) return null;
  const g = requests[group as RequestGroup] as Record<string, { input: z.ZodType; output: z.ZodType }>;
  return Object.hasOwn(g, method) ? g[method] : null;
}
