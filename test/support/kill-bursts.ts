// SIGKILL of the service process at random moments during 500-order bursts, restarting it on
// the same data directory, then counting by reading the topic back with a separate consumer:
// acknowledged as Saved, delivered (as the outbox says), in the topic, lost, duplicated, out of
// per-customer order. The process is run by the relay's own supervisor (the code Electron main
// and browser mode run), with a restart policy that never gives up: the default one rightly
// stops after five quick deaths in a row, and this kills far more often than any real terminal.
// Used by test/integration/service-host/kill-bursts.test.ts and `npm run bench:faults`.
import path from 'node:path';
import Database from 'better-sqlite3';
import { OUTBOX_FILE } from '../../electron/app/app-core';
import { hostEntryFromSource, nodeHostLauncher } from '../../electron/relay/host-launch';
import { ServiceSupervisor, type HostProcess } from '../../electron/relay/service-supervisor';
import { SettingsStore } from '../../electron/settings/settings-store';
import type { Result } from '../../shared/contract';
import type { ConnectionState, OrderRecord } from '../../shared/outbox-types';
import { DEFAULT_SETTINGS } from '../../shared/settings-schema';
import type { TestCluster } from './kafka-target';
import { readTopic } from './read-topic';
import { until } from './until';

export interface KillBurstOptions {
  cluster: TestCluster;
  dataDir: string;
  kills: number;
  burst?: number;
  clerks?: number;
  customers?: number;
  log?: (line: string) => void;
}

export interface KillBurstFigures {
  acknowledged: number;
  /** Orders the outbox holds as delivered at the end. */
  delivered: number;
  inTopic: number;
  lost: number;
  duplicated: number;
  outOfCustomerOrder: number;
  kills: number;
  /** Times the service was down (killed until ready again), and their total and longest length. */
  outages: number;
  outageMsTotal: number;
  outageMsMax: number;
  /** Submits answered service.restarting and sent again with the same submission id. */
  resubmits: number;
  seconds: number;
}

export async function runKillBursts(opts: KillBurstOptions): Promise<KillBurstFigures> {
  const { cluster, dataDir, kills } = opts;
  const burst = opts.burst ?? 500;
  const clerks = opts.clerks ?? 4;
  const customers = opts.customers ?? 23;
  const log = opts.log ?? (() => {});
  const topic = cluster.topic('kill-bursts');
  await cluster.createTopic(topic, { partitions: 3 });
  new SettingsStore(dataDir, {}).save({ ...DEFAULT_SETTINGS, brokers: cluster.brokers, topic });

  const launch = nodeHostLauncher({ entry: hostEntryFromSource(), env: { ...process.env, KAFKA_BROKERS: '' } });
  let host: HostProcess | null = null;
  const supervisor = new ServiceSupervisor({
    launch: () => (host = launch()),
    init: { mode: 'browser', dataDir, sqliteBinding: null },
    log: () => {},
    policy: { quickRunMs: 0, delaysMs: [0], maxQuickDeaths: Number.MAX_SAFE_INTEGER },
  });
  const outages: number[] = [];
  let downSince: number | null = null;
  supervisor.subscribe((event, payload) => {
    if (event !== 'service.changed') return;
    if ((payload as { status: string }).status === 'running' && downSince !== null) {
      outages.push(Date.now() - downSince);
      downSince = null;
    }
  });
  const started = Date.now();
  const acknowledged = new Set<string>();
  let resubmits = 0;
  try {
    await supervisor.start();
    for (let round = 0; round < kills; round++) {
      // The kill lands somewhere in the burst, or (one time in six) while it is being delivered.
      const killAt = Math.floor(Math.random() * burst * 1.2);
      let killed = false;
      const kill = () => {
        if (killed || !host?.pid) return;
        killed = true;
        downSince = Date.now();
        process.kill(host.pid, 'SIGKILL');
      };
      let next = 0;
      let done = 0;
      const clerk = async () => {
        while (next < burst) {
          const n = round * burst + next++;
          const submissionId = crypto.randomUUID();
          const draft = {
            customerName: `Customer ${n % customers}`,
            customerId: `kb-${n % customers}`,
            lines: [{ sku: `S-${n}`, productName: 'Americano', quantity: (n % 3) + 1, unitPrice: 4500 }],
            paymentMethod: 'card' as const,
            note: `order ${n}`,
            submissionId,
          };
          for (let attempt = 0; ; attempt++) {
            const r = (await supervisor.request('orders:submit', draft)) as Result<OrderRecord>;
            if (r.ok) {
              acknowledged.add(r.value.order.orderId);
              break;
            }
            // Only the kill may interrupt a submit; the form keeps the order and its id.
            if (r.error.code !== 'service.restarting') throw new Error(`submit refused: ${JSON.stringify(r.error)}`);
            resubmits++;
            if (attempt > 200) throw new Error('a submit never got through after the restart');
            await new Promise((res) => setTimeout(res, 20));
          }
          if (++done >= killAt) kill();
        }
      };
      await Promise.all(Array.from({ length: clerks }, () => clerk()));
      if (!killed) {
        await new Promise((res) => setTimeout(res, Math.random() * 300));
        kill();
      }
      // The next burst starts once the restarted services answer.
      await until(() => supervisor.state().status === 'running' && downSince === null, 30_000, 'the restart');
      log(`round ${round + 1}: killed after ${Math.min(killAt, burst)} of ${burst}; ${acknowledged.size} acknowledged`);
    }
    await until(
      async () => {
        const r = (await supervisor.request('connection:state', undefined)) as Result<ConnectionState>;
        return r.ok && r.value.waiting === 0;
      },
      90_000,
      'every acknowledged order delivered',
    );
  } finally {
    await supervisor.close();
  }

  // What the outbox says, read after the services closed it.
  const db = new Database(path.join(dataDir, OUTBOX_FILE), { readonly: true });
  const history = db.prepare(`SELECT order_id, seq FROM order_history`).all() as Array<{
    order_id: string;
    seq: number;
  }>;
  const waiting = (db.prepare(`SELECT COUNT(*) AS n FROM outbox`).get() as { n: number }).n;
  db.close();
  if (waiting !== 0) throw new Error(`${waiting} orders still waiting in the outbox`);
  const seqOf = new Map(history.map((r) => [r.order_id, r.seq]));

  const messages = await readTopic(cluster.kafka(), topic, acknowledged.size, 120_000);
  const ids = messages.map((m) => m.headers['order-id']);
  const inTopic = new Set(ids);
  const last = new Map<string, number>();
  let outOfCustomerOrder = 0;
  for (const m of [...messages].sort((a, b) => a.partition - b.partition || Number(a.offset) - Number(b.offset))) {
    const seq = seqOf.get(m.headers['order-id']) ?? -1;
    if ((last.get(m.key ?? '') ?? -1) > seq) outOfCustomerOrder++;
    last.set(m.key ?? '', Math.max(seq, last.get(m.key ?? '') ?? -1));
  }
  return {
    acknowledged: acknowledged.size,
    delivered: history.filter((r) => acknowledged.has(r.order_id)).length,
    inTopic: inTopic.size,
    lost: [...acknowledged].filter((id) => !inTopic.has(id)).length,
    duplicated: ids.length - inTopic.size,
    outOfCustomerOrder,
    kills,
    outages: outages.length,
    outageMsTotal: outages.reduce((a, b) => a + b, 0),
    outageMsMax: Math.max(0, ...outages),
    resubmits,
    seconds: (Date.now() - started) / 1000,
  };
}
