// Benchmark: how responsive the process that owns the window stays. Browser mode's own
// process (the one holding the page's WebSocket) stands in for Electron's main; its
// event-loop delay (perf_hooks.monitorEventLoopDelay, 1 ms resolution) is read, as p50 / p99 /
// max, in three phases, with the app in training mode (its own sandbox cluster, as `npm start`
// with no brokers):
//   1. idle;
//   2. orders submitted over the WebSocket at a steady rate (default 1,000/s);
//   3. the Diagnostics acks benchmark (acks=1, unthrottled, 1 KB records) against that sandbox.
// Target: p99 under 16 ms (one frame) in each. Prints figures; asserts nothing.
//
//   npm run bench:relay -- [--idle-s 10] [--rate 1000] [--orders-s 10] [--acks-records 300000]
import { parseArgs } from 'node:util';
import type { AppStats, LoopDelay } from '../../electron/browser-mode/stats-port';
import { BENCH_TOPIC } from '../../shared/bench-types';
import { benchDraft, cpuBetween, ms, pct, sleep, startApp, type AppUnderBench } from './app-under-bench';
import { newSubmissionId } from '../../shared/order-ids';

const { values: args } = parseArgs({
  options: {
    'idle-s': { type: 'string', default: '10' },
    rate: { type: 'string', default: '1000' },
    'orders-s': { type: 'string', default: '10' },
    'acks-records': { type: 'string', default: '300000' },
  },
});
const IDLE_S = Number(args['idle-s']);
const RATE = Number(args.rate);
const ORDERS_S = Number(args['orders-s']);
const ACKS_RECORDS = Number(args['acks-records']);
if (!(IDLE_S > 0 && RATE > 0 && ORDERS_S > 0 && ACKS_RECORDS > 0)) {
  console.error('usage: --idle-s S --rate R --orders-s S --acks-records N (all > 0)');
  process.exit(2);
}

interface PhaseResult {
  label: string;
  relay: LoopDelay;
  host: LoopDelay | null;
  cpu: Record<string, number>;
  seconds: number;
  note: string;
}
const results: PhaseResult[] = [];

async function phase(app: AppUnderBench, label: string, run: () => Promise<string>): Promise<void> {
  const before = await app.stats('reset');
  const t0 = performance.now();
  const note = await run();
  const after: AppStats = await app.stats('read');
  const seconds = (performance.now() - t0) / 1000;
  const relay = after.processes.find((p) => p.role === 'relay')!.loopDelayMs!;
  const host = after.processes.find((p) => p.role === 'host')?.loopDelayMs ?? null;
  results.push({ label, relay, host, cpu: cpuBetween(before, after), seconds, note });
  console.log(`${label}: relay loop p50 ${relay.p50} ms, p99 ${relay.p99} ms, max ${relay.max} ms (${note})`);
}

let app: AppUnderBench | null = null;
try {
  app = await startApp();
  const { api } = app.client();
  for (let t = 0; ; t++) {
    const c = await api.connection.state();
    if (c.ok && c.value.status === 'connected') break;
    if (t > 600) throw new Error('the app did not connect to its sandbox in 60 s');
    await sleep(100);
  }
  console.log('app in training mode (its own sandbox), connected');

  await phase(app, 'idle', async () => {
    await sleep(IDLE_S * 1000);
    return `${IDLE_S} s`;
  });

  const delivered = new Map<string, number>();
  let onDelivered: (() => void) | null = null;
  api.on('orders.changed', ({ changes }) => {
    for (const r of changes) {
      if (r.state === 'delivered' && !delivered.has(r.orderId)) {
        delivered.set(r.orderId, performance.now());
        onDelivered?.();
      }
    }
  });
  await phase(app, `orders at ${RATE}/s`, async () => {
    const n = Math.round(RATE * ORDERS_S);
    const t0 = performance.now();
    const pending: Array<Promise<{ start: number; saved: number; id: string }>> = [];
    for (let i = 0; i < n; i++) {
      const wait = t0 + (i * 1000) / RATE - performance.now();
      if (wait > 1) await sleep(wait);
      const start = performance.now();
      pending.push(
        api.orders.submit({ ...benchDraft(i), submissionId: newSubmissionId() }).then((r) => {
          if (!r.ok) throw new Error(`submit refused: ${JSON.stringify(r.error)}`);
          return { start, saved: performance.now(), id: r.value.order.orderId };
        }),
      );
    }
    const samples = await Promise.all(pending);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('orders not delivered in 120 s')), 120_000);
      onDelivered = () => {
        if (samples.every((s) => delivered.has(s.id))) {
          clearTimeout(timer);
          resolve();
        }
      };
      onDelivered();
    });
    const saved = samples.map((s) => s.saved - s.start).sort((a, b) => a - b);
    const dlv = samples.map((s) => delivered.get(s.id)! - s.start).sort((a, b) => a - b);
    return `${n} orders; Saved p99 ${ms(pct(saved, 99))}, Delivered p99 ${ms(pct(dlv, 99))}`;
  });

  const created = await api.diagnostics.createTopic({ name: BENCH_TOPIC, partitions: 3, replicationFactor: 3 });
  if (!created.ok && created.error.code !== 'topic.exists')
    throw new Error(`bench topic: ${JSON.stringify(created.error)}`);
  await phase(app, 'acks benchmark against the training sandbox', async () => {
    const finished = new Promise<string>((resolve) => {
      api.on('bench.finished', (f) => {
        const s = f.results[0]?.summary;
        resolve(
          f.error
            ? `failed: ${JSON.stringify(f.error)}`
            : `${s?.records} records of 1,000 bytes, acks=1, ${Math.round(s?.recordsPerSec ?? 0)} records/s`,
        );
      });
    });
    const started = await api.bench.start({
      params: {
        topic: BENCH_TOPIC,
        numRecords: ACKS_RECORDS,
        recordSize: 1000,
        payloads: null,
        throughput: -1,
        acks: 1,
        warmupRecords: 0,
        batchSize: null,
        lingerMs: null,
        compression: 'none',
      },
      compareAcks: false,
      repetitions: 1,
      allowOrderTopic: false,
    });
    if (!started.ok) throw new Error(`bench.start: ${JSON.stringify(started.error)}`);
    return finished;
  });

  console.log('\nEvent-loop delay of the process that owns the page (ms; target p99 < 16):');
  console.log(
    'phase'.padEnd(46) + 'p50'.padStart(8) + 'p99'.padStart(8) + 'max'.padStart(9) + '   CPU (% of one core)',
  );
  for (const r of results) {
    const cpu = Object.entries(r.cpu)
      .map(([role, us]) => `${role} ${((us / 1e6 / r.seconds) * 100).toFixed(0)}%`)
      .join(', ');
    console.log(
      r.label.padEnd(46) +
        String(r.relay.p50).padStart(8) +
        String(r.relay.p99).padStart(8) +
        String(r.relay.max).padStart(9) +
        `   ${cpu}`,
    );
  }
  const hosts = results.filter((r) => r.host);
  if (hosts.length) {
    console.log('\nFor reference, the service host process:');
    for (const r of hosts)
      console.log(
        r.label.padEnd(46) +
          String(r.host!.p50).padStart(8) +
          String(r.host!.p99).padStart(8) +
          String(r.host!.max).padStart(9),
      );
  }
} finally {
  await app?.stop();
}
