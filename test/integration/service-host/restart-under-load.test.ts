// The proof that the split keeps orders safe: browser mode (the relay) with its service process
// delivering to a cluster, four clerks submitting over the WebSocket as fast as they get
// answers, and the service process killed with SIGKILL in the middle. The relay restarts it,
// the page's connection stays up, a submit cut off by the kill is answered service.restarting
// and sent again with the same submission id (as the form does), and the topic ends up with
// every acknowledged order exactly once.
import { afterEach, describe, expect, it } from 'vitest';
import { SettingsStore } from '../../../electron/settings/settings-store';
import { DEFAULT_SETTINGS } from '../../../shared/settings-schema';
import type { ServiceState } from '../../../shared/service-state';
import { tempDir } from '../../unit/orders/temp-dir';
import { kafkaCluster, type TestCluster } from '../../support/kafka-target';
import { readTopic } from '../../support/read-topic';
import { until } from '../../support/until';
import { isAlive, startBrowserMode, stopAll } from './browser-mode-process';

let kafka: TestCluster | null = null;
afterEach(async () => {
  await stopAll();
  await kafka?.close();
  kafka = null;
});

const TOTAL = 400;
const KILL_AFTER = 150;
const CLERKS = 4;

describe('the service process killed while orders are submitted', () => {
  it('is restarted by the relay; the connection stays up; every acknowledged order reaches the topic exactly once', async () => {
    kafka = await kafkaCluster();
    const topic = kafka.topic('service-kill');
    await kafka.createTopic(topic, { partitions: 3 });
    const dataDir = tempDir('order-desk-kill-');
    new SettingsStore(dataDir, {}).save({ ...DEFAULT_SETTINGS, brokers: kafka.brokers, topic });
    const app = await startBrowserMode({ dataDir });
    const firstHost = await app.waitForHostPid(1);
    const { api, statuses } = app.client();
    const services: ServiceState[] = [];
    api.on('service.changed', (s) => services.push(s));
    const delivered = new Set<string>();
    api.on('orders.changed', ({ changes }) => {
      for (const r of changes) if (r.state === 'delivered') delivered.add(r.orderId);
    });

    const acknowledged = new Map<string, string>(); // submission id → order id
    let cutOff = 0;
    let next = 0;
    let killed = false;
    const clerk = async (c: number) => {
      while (next < TOTAL) {
        const n = next++;
        const submissionId = crypto.randomUUID();
        const draft = {
          customerName: `Clerk ${c} customer ${n}`,
          customerId: `kill-${n % 23}`,
          lines: [{ sku: `S-${n}`, productName: 'Americano', quantity: (n % 3) + 1, unitPrice: 4500 }],
          paymentMethod: 'card' as const,
          submissionId,
        };
        for (let attempt = 0; ; attempt++) {
          const r = await api.orders.submit(draft);
          if (r.ok) {
            acknowledged.set(submissionId, r.value.order.orderId);
            break;
          }
          // Only the restart may interrupt a submit; the form keeps the order and its id.
          expect(r.error.code).toBe('service.restarting');
          cutOff++;
          if (attempt > 100) throw new Error('submit never got through after the restart');
          await new Promise((res) => setTimeout(res, 50));
        }
        if (!killed && acknowledged.size >= KILL_AFTER) {
          killed = true;
          process.kill(firstHost, 'SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: CLERKS }, (_, c) => clerk(c)));

    const secondHost = await app.waitForHostPid(2);
    expect(secondHost).not.toBe(firstHost);
    expect(isAlive(firstHost)).toBe(false);
    expect(services.map((s) => s.status)).toEqual(['restarting', 'running']);
    expect(services.at(-1)).toMatchObject({ restarts: 1, error: null });
    // The page's socket never dropped: the relay kept it while the services restarted.
    expect(statuses.filter((s) => s !== 'open')).toEqual([]);
    expect(app.stderr.join('\n')).toMatch(/the service process \(pid \d+\) stopped \(signal SIGKILL\); restarting it/);

    const orderIds = new Set(acknowledged.values());
    expect(acknowledged.size).toBe(TOTAL);
    expect(orderIds.size).toBe(TOTAL); // no submission saved as two orders
    // Events sent while the host was down are lost with it; the outbox is the truth.
    await until(
      async () => {
        const r = await api.orders.recent({ limit: 500 });
        return r.ok && r.value.filter((o) => orderIds.has(o.order.orderId) && o.state === 'delivered').length === TOTAL;
      },
      60_000,
      'every acknowledged order delivered',
    );
    const recent = await api.orders.recent({ limit: 500 });
    expect(recent.ok && recent.value.length).toBe(TOTAL);

    const messages = await readTopic(kafka.kafka(), topic, TOTAL, 40_000);
    const onTopic = messages.map((m) => m.headers['order-id']);
    expect(onTopic).toHaveLength(TOTAL);
    expect(new Set(onTopic)).toEqual(orderIds);
    console.log(
      `killed the service process after ${KILL_AFTER} orders; ${cutOff} submit(s) answered service.restarting and sent again`,
    );
  }, 180_000);
});
