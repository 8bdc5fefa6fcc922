// The request groups this folder owns: app, orders, connection, settings. Plain async
// functions over the services, each answering with a Result.
import fs from 'node:fs';
import type { RequestHandlers, RequestOutput } from '../../shared/contract';
import type { Settings } from '../../shared/settings-schema';
import type { OutboxStore } from '../orders/outbox-store';
import type { OrderService } from '../orders/order-service';
import type { Dispatcher } from '../orders/dispatcher';
import type { AttentionDesk } from '../orders/attention-desk';
import type { SettingsStore } from '../settings/settings-store';

export interface AppHandlerDeps {
  info(): RequestOutput<'app', 'info'>;
  outbox: OutboxStore;
  orders: OrderService;
  dispatcher: Dispatcher;
  attention: AttentionDesk;
  settings: SettingsStore;
  /** The history's retention setting changed: prune now. */
  retentionChanged(): void;
  /** Points the dispatcher at the brokers/topic/credentials of these settings. */
  applySettings(settings: Settings): Promise<void>;
}

type OwnGroups = Pick<RequestHandlers, 'app' | 'orders' | 'connection' | 'settings'>;

/** Fields whose change needs a new producer. */
const CONNECTION_FIELDS = ['brokers', 'topic', 'clientId', 'sasl', 'ssl', 'tls'] as const satisfies ReadonlyArray<
  keyof Settings
>;

export function connectionChanged(a: Settings, b: Settings): boolean {
  return CONNECTION_FIELDS.some((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}

/**
 * What the TLS files are now (path, size, modification time; "missing"), when TLS is on: the
 * services read them at each connect, so a file put right or renewed is a change of its own even
 * when the settings' text is the same (the operator fixes the file, then saves again).
 */
export function tlsFilesStamp(s: Settings): string {
  if (!s.ssl) return '';
  return [s.tls.caFile, s.tls.certFile, s.tls.keyFile]
    .filter((f): f is string => f !== null)
    .map((f) => {
      const st = fs.statSync(f, { throwIfNoEntry: false });
      return st ? `${f}:${st.size}:${st.mtimeMs}` : `${f}:missing`;
    })
    .join('|');
}

export function createAppHandlers(deps: AppHandlerDeps): OwnGroups {
  // The files as the last connect read them (the app connects with the saved settings at start).
  let appliedStamp = tlsFilesStamp(deps.settings.get());
  return {
    app: {
      async info() {
        return { ok: true, value: deps.info() };
      },
    },
    orders: {
      async submit(draft) {
        return deps.orders.submit(draft);
      },
      async recent({ limit }) {
        return { ok: true, value: deps.outbox.recent(limit) };
      },
      async history() {
        return {
          ok: true,
          value: {
            count: deps.outbox.historyCount(),
            retentionDays: deps.settings.get().historyRetentionDays,
            oldestDeliveredAt: deps.outbox.oldestDeliveredAt(),
          },
        };
      },
      async retry({ orderId }) {
        return deps.dispatcher.retry(orderId);
      },
      async correct({ orderId, draft }) {
        return deps.attention.correct(orderId, draft);
      },
      async void({ orderId, reason, pin }) {
        return deps.attention.void(orderId, reason, pin);
      },
      async export({ orderId }) {
        return deps.attention.export(orderId);
      },
      async previousTopic() {
        return { ok: true, value: deps.outbox.previousTopic() };
      },
      async resendPreviousTopic({ count }) {
        return deps.dispatcher.resendPreviousTopic(count);
      },
      async sentElsewhere(to) {
        const { orders, cancellationsThere, cancellationsBehind } = deps.outbox.sentElsewhere(to);
        return { ok: true, value: { count: orders, cancellations: cancellationsThere, cancellationsBehind } };
      },
      async lastDraft({ customerId }) {
        const draft = deps.outbox.lastDraft(customerId);
        const voidedOrderId = draft ? null : deps.outbox.lastVoided(customerId);
        return { ok: true, value: draft ?? (voidedOrderId ? { voidedOrderId } : null) };
      },
    },
    connection: {
      async state() {
        return { ok: true, value: deps.dispatcher.connectionState() };
      },
    },
    settings: {
      async get() {
        return { ok: true, value: deps.settings.get() };
      },
      async save(next) {
        const before = deps.settings.get();
        // The risk section changes only through risk.setPolicies, which asks for the supervisor PIN.
        const saved = deps.settings.save({ ...next, risk: before.risk });
        if (!saved.ok) return saved;
        const stamp = tlsFilesStamp(saved.value);
        if (connectionChanged(before, saved.value) || (stamp !== '' && stamp !== appliedStamp)) {
          appliedStamp = stamp;
          await deps.applySettings(saved.value);
        }
        if (before.historyRetentionDays !== saved.value.historyRetentionDays) deps.retentionChanged();
        return saved;
      },
    },
  };
}
