// Benchmark: the service process killed with SIGKILL at random moments during 500-order
// bursts, many more times than the suite does (test/integration/service-host/kill-bursts.test.ts),
// restarted on the same data directory each time; the topic read back by a separate consumer.
// Prints, per run and in total: orders acknowledged as Saved, delivered (as the outbox says),
// in the topic, lost, duplicated, out of per-customer order, kills, outages (killed until the
// services answered again). Asserts nothing; exits 1 if anything was lost or duplicated.
//
//   npm run bench:faults -- [--runs 3] [--kills 20] [--burst 500]
//   KAFKA_TARGET=kafka npm run bench:faults   (real Apache Kafka 4.4.0, tools/apache-kafka)
import { parseArgs } from 'node:util';
import { kafkaCluster } from '../support/kafka-target';
import { runKillBursts, type KillBurstFigures } from '../support/kill-bursts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    kills: { type: 'string', default: '20' },
    burst: { type: 'string', default: '500' },
  },
});
const RUNS = Number(args.runs);
const KILLS = Number(args.kills);
const BURST = Number(args.burst);
if (![RUNS, KILLS, BURST].every((n) => Number.isInteger(n) && n > 0)) {
  console.error('usage: --runs N --kills N --burst N (whole numbers > 0)');
  process.exit(2);
}

const cluster = await kafkaCluster();
const rows: KillBurstFigures[] = [];
try {
  for (let run = 1; run <= RUNS; run++) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'order-desk-bench-kills-'));
    const f = await runKillBursts({
      cluster,
      dataDir,
      kills: KILLS,
      burst: BURST,
      log: (line) => console.error(`run ${run}: ${line}`),
    });
    fs.rmSync(dataDir, { recursive: true, force: true });
    rows.push(f);
    console.log(`run ${run}: ${JSON.stringify(f)}`);
  }
} finally {
  await cluster.close();
}

const sum = (k: keyof KillBurstFigures) => rows.reduce((n, r) => n + r[k], 0);
const cols = [
  'run',
  'acknowledged',
  'delivered',
  'in topic',
  'lost',
  'duplicated',
  'out of order',
  'kills',
  'outages',
  'outage avg ms',
  'outage max ms',
  'resubmits',
  's',
];
const line = (cells: Array<string | number>) =>
  cells.map((c, i) => String(c).padStart(i === 0 ? 5 : cols[i].length)).join('  ');
console.log(`\nSIGKILL of the service process during ${BURST}-order bursts, on ${cluster.kind}:`);
console.log(line(cols));
rows.forEach((r, i) =>
  console.log(
    line([
      i + 1,
      r.acknowledged,
      r.delivered,
      r.inTopic,
      r.lost,
      r.duplicated,
      r.outOfCustomerOrder,
      r.kills,
      r.outages,
      Math.round(r.outageMsTotal / Math.max(1, r.outages)),
      r.outageMsMax,
      r.resubmits,
      r.seconds.toFixed(1),
    ]),
  ),
);
console.log(
  line([
    'all',
    sum('acknowledged'),
    sum('delivered'),
    sum('inTopic'),
    sum('lost'),
    sum('duplicated'),
    sum('outOfCustomerOrder'),
    sum('kills'),
    sum('outages'),
    Math.round(sum('outageMsTotal') / Math.max(1, sum('outages'))),
    Math.max(...rows.map((r) => r.outageMsMax)),
    sum('resubmits'),
    sum('seconds').toFixed(1),
  ]),
);
process.exit(sum('lost') + sum('duplicated') > 0 ? 1 : 0);
