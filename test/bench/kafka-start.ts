// `npm run bench:kafka-start`: what starting a real 3-node Apache Kafka cluster (tools/apache-kafka)
// costs with the JVM settings the harness offers, in alternating rounds so that the machine's
// mood falls on each alike. Per setting: seconds until the cluster is ready (every node serves
// Metadata) and the CPU its JVMs used from start to close (the storage formatters included: they
// are this process's children, so their time lands in its children's counters). Asserts nothing.
//
//   npm run bench:kafka-start [-- --rounds 3]
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { median } from '../../electron/risk/robust-stats';
import { classArchiveFile } from '../../tools/apache-kafka/class-archive';
import { startApacheKafka, type ApacheKafkaOptions } from '../../tools/apache-kafka/kafka-cluster';
import { ensureClassArchive } from '../../tools/apache-kafka/make-class-archive';
import { checkJava } from '../../tools/apache-kafka/prerequisites';
import { resolveKafkaJars } from '../../tools/apache-kafka/resolve-jars';
import { cpuShares, cpuTicks } from './machine-context';

const { values: args } = parseArgs({ options: { rounds: { type: 'string', default: '3' } } });
const ROUNDS = Number(args.rounds);
if (!Number.isInteger(ROUNDS) || ROUNDS < 1) {
  console.error('usage: --rounds N (N >= 1)');
  process.exit(2);
}

const SETTINGS: Array<{ name: string; options: ApacheKafkaOptions }> = [
  { name: 'defaults, no class-data archive', options: { classArchive: null } },
  { name: 'defaults + class-data archive (the harness default)', options: {} },
  { name: 'quick start, no class-data archive', options: { quickStart: true, classArchive: null } },
  { name: 'quick start + class-data archive (the test legs)', options: { quickStart: true } },
];

/** CPU seconds of this process's reaped children (utime + stime of the JVMs it waited for). */
function childrenCpuSeconds(): number {
  const fields = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  // After the command: state is field 3, so cutime (16) and cstime (17) are at 13 and 14 here.
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

async function main(): Promise<void> {
  const java = checkJava();
  const jars = await resolveKafkaJars({ log: (l) => console.log(l) });
  await ensureClassArchive({ log: (l) => console.log(l) });
  console.log(
    `Apache Kafka ${jars.version} on Java ${java.build}, ${ROUNDS} rounds; archive ${classArchiveFile(jars.libDir, java.build)}`,
  );
  const ready = SETTINGS.map(() => [] as number[]);
  const cpu = SETTINGS.map(() => [] as number[]);
  const machine = cpuTicks();
  for (let round = 1; round <= ROUNDS; round++) {
    for (const [i, s] of SETTINGS.entries()) {
      const cpu0 = childrenCpuSeconds();
      const t0 = performance.now();
      const cluster = await startApacheKafka({ nodes: 3, port: 0, ...s.options });
      const seconds = (performance.now() - t0) / 1000;
      await cluster.close();
      const used = childrenCpuSeconds() - cpu0;
      ready[i].push(seconds);
      cpu[i].push(used);
      console.log(`round ${round}: ${s.name}: ready in ${seconds.toFixed(1)} s, JVM CPU ${used.toFixed(1)} s`);
    }
  }
  console.log(`\nmedians of ${ROUNDS} rounds (${cpuShares(machine, cpuTicks())})`);
  const [baseReady, baseCpu] = [median(ready[0]), median(cpu[0])];
  for (const [i, s] of SETTINGS.entries()) {
    const r = median(ready[i]);
    const c = median(cpu[i]);
    console.log(
      `  ${s.name.padEnd(52)} ready ${r.toFixed(1)} s (${(r / baseReady).toFixed(2)}x)  JVM CPU ${c.toFixed(1)} s (${(c / baseCpu).toFixed(2)}x)`,
    );
  }
}

main().catch((err) => {
  console.error(`bench:kafka-start: ${(err as Error).message}`);
  process.exit(1);
});
