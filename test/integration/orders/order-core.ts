// App cores for the orders integration tests: the composition root Electron main and browser
// mode use, with its settings pointing at a test cluster, every event checked against the
// contract. useOrderCores() registers the clean-up in the calling test file.
import { afterEach, expect } from 'vitest';
import { tempDir } from '../../unit/orders/temp-dir';
import { createAppCore, type AppCore } from '../../../electron/app/app-core';
import { SettingsStore } from '../../../electron/settings/settings-store';
import { DEFAULT_SETTINGS, type Settings } from '../../../shared/settings-schema';
import type { ConnectionState, OrderChange, OrderChanges, OrderRecord } from '../../../shared/outbox-types';
import type { OrderDraftInput } from '../../../shared/order-schema';
import { events } from '../../../shared/contract';
import type { Secrets } from '../../../shared/secret-types';
import type { TestCluster } from '../../support/kafka-target';
import { readTopic, type ReadMessage } from '../../support/read-topic';

export interface Core {
  core: AppCore;
  /** Each order's latest change, as the events told it. */
  records: Map<string, OrderChange>;
  connection: ConnectionState[];
  dataDir: string;
  submit(d: OrderDraftInput): Promise<OrderRecord>;
  state(orderId: string): string | undefined;
}

export type CoreOptions = {
  brokers: string[];
  topic: string;
  dataDir?: string;
  settings?: Partial<Settings>;
  /** Risk checks' options (issue 12): how often the order topic is polled for other terminals' orders. */
  risk?: { pollMs?: number };
  /** What the relay's secret store would hand the services (the SASL password, the key passphrase). */
  secrets?: Secrets;
  log?: (line: string) => void;
  /** With no brokers, the app starts its own training cluster (the sandbox), as npm start does. */
  training?: boolean;
};

/** Returns a factory of app cores; each is closed after its test, and a contract violation fails that test. */
export function useOrderCores(): { core(opts: CoreOptions): Promise<Core>; cleanups: Array<() => Promise<void>> } {
  const cleanups: Array<() => Promise<void>> = [];
  const contractViolations: string[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c().catch((e) => console.error('cleanup failed', e));
    expect(contractViolations.splice(0)).toEqual([]);
  });
  async function core(opts: CoreOptions): Promise<Core> {
    const dataDir = opts.dataDir ?? tempDir('order-desk-it-');
    new SettingsStore(dataDir, {}).save({
      ...DEFAULT_SETTINGS,
      topic: opts.topic,
      brokers: opts.brokers,
      terminalId: 'pos-7',
      ...opts.settings,
    });
    const c = await createAppCore({
      dataDir,
      mode: 'browser',
      version: 'test',
      env: {},
      sandbox: { start: opts.training ?? false },
      secrets: opts.secrets,
      log: opts.log ?? (() => {}),
      ...(opts.risk ? { risk: opts.risk } : {}),
    });
    const records = new Map<string, OrderChange>();
    const connection: ConnectionState[] = [];
    c.subscribe((event, payload) => {
      // Every event the core emits must match the contract the renderer relies on.
      const checked = events[event].safeParse(payload);
      if (!checked.success) contractViolations.push(`${event}: ${checked.error.message}`);
      if (event === 'orders.changed') for (const ch of (payload as OrderChanges).changes) records.set(ch.orderId, ch);
      if (event === 'connection.changed') connection.push(payload as ConnectionState);
    });
    cleanups.push(() => c.close());
    return {
      core: c,
      records,
      connection,
      dataDir,
      async submit(d) {
        const r = await c.handlers.orders.submit(d as never);
        if (!r.ok) throw new Error(`submit refused: ${JSON.stringify(r.error)}`);
        return r.value;
      },
      state: (id) => records.get(id)?.state,
    };
  }
  return { core, cleanups };
}

export const draft = (customerId: string, n = 1): OrderDraftInput => ({
  customerName: `Customer ${customerId}`,
  customerId,
  lines: [{ sku: `SKU-${n}`, productName: `Product ${n}`, quantity: (n % 9) + 1, unitPrice: 1000 + n }],
  currency: 'KRW',
  paymentMethod: 'card',
  note: `order ${n}`,
});

export const allDelivered = (c: Core, ids: string[]) => ids.every((id) => c.state(id) === 'delivered');

/** For a timeout's message: how many of `ids` stand in each state, and the connection's last states. */
export function deliveryReport(c: Core, ids: string[], what: string): () => string {
  return () => {
    const states = new Map<string, number>();
    for (const id of ids) {
      const s = c.state(id) ?? 'no event';
      states.set(s, (states.get(s) ?? 0) + 1);
    }
    const connection = c.connection
      .slice(-4)
      .map((s) => (s.error ? `${s.status} (${s.error.code})` : s.status))
      .join(' → ');
    return `${what}; of ${ids.length} orders ${[...states].map(([s, n]) => `${n} ${s}`).join(', ')}; connection: ${connection || 'no event'}`;
  };
}

/** A topic of 3 partitions made for one test, on a cluster that may outlive the test. */
export interface OrderTopic {
  brokers: string[];
  topic: string;
  create(): Promise<void>;
  readBack(count: number, timeoutMs?: number): Promise<ReadMessage[]>;
}

export async function orderTopic(k: TestCluster, opts: { create?: boolean } = {}): Promise<OrderTopic> {
  const topic = k.topic('orders');
  const t = {
    brokers: k.brokers,
    topic,
    create: () => k.createTopic(topic, { partitions: 3 }),
    readBack: (count: number, timeoutMs?: number) => readTopic(k.kafka(), topic, count, timeoutMs),
  };
  if (opts.create !== false) await t.create();
  return t;
}
