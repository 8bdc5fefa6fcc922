// Benchmark: the risk checks on one order against a full history. The history holds
// --history orders (default 100,000: the in-memory bound) of a store with --customers
// customers on --terminals terminals over the last 24 hours; then --orders orders are checked
// one at a time (all five checks) and the time of each is measured. Target: p99 under 2 ms.
// Also prints the time and heap to load the history, and then the catch-up at start-up:
// --catch-up orders (default 100,000) produced to the order topic of a 3-broker sandbox are read
// back by the topic history reader (no consumer group) into a fresh history: time and heap.
// Prints figures; asserts nothing.
//
//   npm run bench:risk -- [--history 100000] [--orders 20000] [--customers 50000] [--terminals 24] [--catch-up 100000]
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { checkOrder } from '../../electron/risk/risk-checks';
import { DEFAULT_RISK_CONFIG } from '../../electron/risk/risk-config';
import { RiskHistory, type RiskOrder } from '../../electron/risk/risk-history';
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { clusterConfig } from '../../electron/cluster/cluster-config';
import { TopicHistoryReader } from '../../electron/risk/topic-history';
import { startSandboxCluster } from '../../electron/sandbox';

const { values: args } = parseArgs({
  options: {
    history: { type: 'string', default: '100000' },
    orders: { type: 'string', default: '20000' },
    customers: { type: 'string', default: '50000' },
    terminals: { type: 'string', default: '24' },
    'catch-up': { type: 'string', default: '100000' },
  },
});
const CATCH_UP = Number(args['catch-up']);
const HISTORY = Number(args.history);
const ORDERS = Number(args.orders);
const CUSTOMERS = Number(args.customers);
const TERMINALS = Number(args.terminals);
if (![HISTORY, ORDERS, CUSTOMERS, TERMINALS, CATCH_UP].every((v) => Number.isInteger(v) && v >= 0) || ORDERS === 0) {
  console.error(
    'bench:risk: --history, --orders, --customers, --terminals and --catch-up must be whole numbers (--orders > 0)',
  );
  process.exit(2);
}

// A deterministic store: a few hundred SKUs, most baskets of 1-4 lines.
// mulberry32: 32-bit integer arithmetic, so the sequence is the same on every run and machine.
let seed = 42;
const rand = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};
const pick = (n: number) => Math.floor(rand() * n);
const now = Date.now();
const DAY = 24 * 3_600_000;
function makeOrder(i: number, at: number): RiskOrder {
  const lines = Array.from({ length: 1 + pick(4) }, () => ({
    sku: `SKU-${pick(300)}`,
    quantity: 1 + pick(3),
    unitPrice: 1000 * (1 + pick(30)),
  }));
  return {
    orderId: `o-${i}`,
    customerId: `C-${pick(CUSTOMERS)}`,
    terminalId: `T-${pick(TERMINALS)}`,
    at,
    currency: 'KRW',
    lines,
    total: lines.reduce((s, l) => s + l.quantity * l.unitPrice, 0),
  };
}

const heapBefore = process.memoryUsage().heapUsed;
const history = new RiskHistory({
  windowMs: DAY,
  maxOrders: 100_000,
  sampleSize: DEFAULT_RISK_CONFIG.sampleSize,
  currency: DEFAULT_RISK_CONFIG.currency,
});
const loadStart = performance.now();
for (let i = 0; i < HISTORY; i++) history.add(makeOrder(i, now - DAY + (i * DAY) / HISTORY));
const loadMs = performance.now() - loadStart;
globalThis.gc?.();
const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;

const times: number[] = [];
let flagged = 0;
const byCode = new Map<string, number>();
for (let i = 0; i < ORDERS; i++) {
  const o = makeOrder(HISTORY + i, now + i);
  const t = performance.now();
  const flags = checkOrder(o, history, DEFAULT_RISK_CONFIG);
  times.push(performance.now() - t);
  if (flags.length) flagged++;
  for (const c of new Set(flags.map((f) => f.code))) byCode.set(c, (byCode.get(c) ?? 0) + 1);
}
times.sort((a, b) => a - b);
const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(3);
console.log(
  `bench:risk: ${HISTORY.toLocaleString('en')} orders of history (${history.size.toLocaleString('en')} kept), ${CUSTOMERS} customers, ${TERMINALS} terminals`,
);
console.log(`  history load: ${loadMs.toFixed(0)} ms, heap +${heapMb.toFixed(0)} MB`);
console.log(
  `  all checks on one order (${ORDERS.toLocaleString('en')} orders): p50 ${q(0.5)} ms, p99 ${q(0.99)} ms, max ${q(1)} ms  (target p99 < 2 ms)`,
);
console.log(
  `  orders flagged: ${flagged} of ${ORDERS} (${[...byCode].map(([c, k]) => `${c} ${k}`).join(', ') || 'none'}; default limits)`,
);

// ---- catch-up from the topic at start-up ----------------------------------------------------
if (CATCH_UP > 0) {
  const sandbox = await startSandboxCluster({
    brokers: 3,
    topics: [{ name: 'user-data', partitions: 3, replicationFactor: 3 }],
  });
  try {
    const producer = new Kafka({ brokers: sandbox.bootstrapServers, logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    const t0 = now - DAY / 2;
    for (let i = 0; i < CATCH_UP; i += 2_000) {
      const messages = [];
      for (let j = i; j < Math.min(CATCH_UP, i + 2_000); j++) {
        const o = makeOrder(j, t0 + j);
        const order = {
          orderId: randomUUID(),
          schemaVersion: 1,
          storeId: 'store-1',
          terminalId: o.terminalId,
          clerk: 'kim',
          createdAt: new Date(o.at).toISOString(),
          customerName: 'Bench',
          customerId: o.customerId,
          lines: o.lines.map((l) => ({ ...l, productName: l.sku })),
          currency: 'KRW',
          paymentMethod: 'card',
          total: o.total,
        };
        messages.push({ key: order.customerId, value: JSON.stringify(order), timestamp: String(o.at) });
      }
      await producer.send({ topic: 'user-data', acks: 1, messages });
    }
    await producer.disconnect();
    globalThis.gc?.();
    const before = process.memoryUsage().heapUsed;
    const fresh = new RiskHistory({ windowMs: DAY, maxOrders: 100_000, sampleSize: 1_000, currency: 'KRW' });
    const reader = new TopicHistoryReader({
      config: clusterConfig({ brokers: sandbox.bootstrapServers }),
      topic: 'user-data',
      onOrder: (o) => fresh.add(o),
    });
    const started = performance.now();
    await reader.catchUp();
    const catchUpMs = performance.now() - started;
    await reader.stop();
    const heap = (process.memoryUsage().heapUsed - before) / 1e6;
    console.log(
      `  catch-up at start-up: ${reader.status.ordersRead.toLocaleString('en')} orders read from the topic (3-broker sandbox) in ${(catchUpMs / 1000).toFixed(2)} s (${Math.round(reader.status.ordersRead / (catchUpMs / 1000)).toLocaleString('en')}/s), history ${fresh.size.toLocaleString('en')} orders, heap +${heap.toFixed(0)} MB`,
    );
  } finally {
    await sandbox.close();
  }
}
