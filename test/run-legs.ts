// `npm test`: `npm run lint`, then every test in two legs, one after the other (test/support/test-legs.ts):
//   sandbox  vitest (unit + integration) and Playwright against the sandbox cluster
//            (or against KAFKA_BROKERS's cluster when that is set);
//   kafka    vitest (integration) and Playwright again, against real Apache Kafka 3-node
//            clusters (KAFKA_TARGET=kafka).
// ORDER_DESK_TEST_LEG=sandbox|kafka, or `npm test -- --leg kafka`, runs one leg. Both legs run
// even when the first fails; the exit code is non-zero when any suite failed. The end of the
// output says how long each suite took and names every failed test with its error's first lines
// (from each suite's JSON report under test-results/legs/), since CI keeps only the tail, and
// every test that passed only when retried (the kafka leg retries a failed test once).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { HarnessError } from '../tools/apache-kafka/harness-error';
import { classArchiveOrWhy } from '../tools/apache-kafka/make-class-archive';
import { checkJava } from '../tools/apache-kafka/prerequisites';
import { resolveKafkaJars } from '../tools/apache-kafka/resolve-jars';
import { PROJECT_DIR } from './support/child-process';
import { type FailedTest, outcomesInReportFile } from './support/failed-tests';
import { externalBrokers } from './support/target-kind';
import type { Leg } from './support/test-legs';

interface Result {
  leg: string;
  suite: string;
  seconds: number;
  ok: boolean;
  failed: FailedTest[];
  passedOnRetry: FailedTest[];
}

const REPORTS_DIR = path.join(PROJECT_DIR, 'test-results', 'legs');

function legsToRun(): Leg[] {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { leg: { type: 'string' } }, strict: true });
  const chosen = values.leg ?? process.env.ORDER_DESK_TEST_LEG;
  if (chosen === undefined || chosen === '' || chosen === 'all') return ['sandbox', 'kafka'];
  if (chosen === 'sandbox' || chosen === 'kafka') return [chosen];
  throw new Error(`the leg must be sandbox, kafka or all, got "${chosen}" (--leg or ORDER_DESK_TEST_LEG)`);
}

function run(bin: string, args: string[], env: NodeJS.ProcessEnv): Promise<boolean> {
  return new Promise((resolve) => {
    const command = bin === 'npm' ? 'npm' : path.join(PROJECT_DIR, 'node_modules', '.bin', bin);
    const child = spawn(command, args, {
      cwd: PROJECT_DIR,
      env,
      stdio: 'inherit',
    });
    // Ctrl-C reaches the suite through the terminal; a SIGTERM to this runner is passed on.
    const forward = () => child.kill('SIGTERM');
    process.once('SIGTERM', forward);
    child.on('close', (code) => {
      process.off('SIGTERM', forward);
      resolve(code === 0);
    });
  });
}

async function suite(
  results: Result[],
  leg: string,
  name: string,
  bin: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<void> {
  console.log(`\n=== ${leg}: ${name} ===`);
  const started = Date.now();
  const ok = await run(bin, args, env);
  results.push({ leg, suite: name, seconds: (Date.now() - started) / 1000, ok, failed: [], passedOnRetry: [] });
}

/** A test suite that writes a JSON report, read back for the tests it names at the end. */
async function testSuite(
  results: Result[],
  leg: Leg,
  legName: string,
  kind: 'vitest' | 'playwright',
  name: string,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  fs.mkdirSync(REPORTS_DIR, { recursive: true });
  const report = path.join(REPORTS_DIR, `${leg}-${kind}.json`);
  fs.rmSync(report, { force: true });
  const [args, suiteEnv] =
    kind === 'vitest'
      ? [['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], env]
      : [['test', '--reporter=list,json'], { ...env, PLAYWRIGHT_JSON_OUTPUT_FILE: report }];
  await suite(results, legName, name, kind, args, suiteEnv);
  const result = results[results.length - 1];
  const outcomes = outcomesInReportFile(report, kind, PROJECT_DIR);
  result.passedOnRetry = outcomes.passedOnRetry;
  // A suite that passed has no failures to name, whatever its report (or its absence) says.
  if (!result.ok) result.failed = outcomes.failed;
}

async function main(): Promise<number> {
  const legs = legsToRun();
  const results: Result[] = [];
  const started = Date.now();
  // The lint first: it is the quickest to fail, and the layering rules are part of the proof.
  await suite(results, 'lint', 'eslint + prettier (npm run lint)', 'npm', ['run', '--silent', 'lint'], process.env);
  for (const leg of legs) {
    if (leg === 'sandbox') {
      const external = externalBrokers();
      const name =
        external.length > 0
          ? `sandbox leg, with KAFKA_BROKERS=${external.join(',')} for the cluster tests`
          : 'sandbox leg';
      const env = { ...process.env };
      delete env.KAFKA_TARGET;
      await testSuite(results, leg, name, 'vitest', 'vitest (unit + integration)', env);
      await testSuite(results, leg, name, 'playwright', 'playwright', env);
    } else {
      let name = 'kafka leg';
      try {
        checkJava();
        const jars = await resolveKafkaJars({ log: (l) => console.log(l) });
        name = `kafka leg (Apache Kafka ${jars.version})`;
        console.log(`\n${name}: real 3-node KRaft clusters from ${jars.libDir}`);
        // The leg starts dozens of clusters: their nodes start on less CPU with the archive.
        const archive = await classArchiveOrWhy((l) => console.log(l));
        console.log(
          'file' in archive
            ? `kafka leg: nodes map the class-data archive ${archive.file}`
            : `kafka leg: nodes start without a class-data archive: ${archive.why}`,
        );
      } catch (err) {
        // Never fall back to the sandbox and call it Kafka: the leg fails, saying why.
        console.error(`\nkafka leg cannot run: ${err instanceof HarnessError ? err.message : (err as Error).stack}`);
        results.push({ leg: name, suite: 'Apache Kafka', seconds: 0, ok: false, failed: [], passedOnRetry: [] });
        continue;
      }
      const env = { ...process.env, KAFKA_TARGET: 'kafka' };
      await testSuite(results, leg, name, 'vitest', 'vitest (integration)', env);
      await testSuite(results, leg, name, 'playwright', 'playwright', env);
    }
  }
  console.log('\n=== test legs ===');
  for (const r of results)
    console.log(`${r.ok ? 'passed' : 'FAILED'}  ${r.leg}: ${r.suite} in ${Math.round(r.seconds)} s`);
  console.log(`total ${Math.round((Date.now() - started) / 1000)} s`);
  const say = (heading: string, pick: (r: Result) => FailedTest[]) => {
    if (results.every((r) => pick(r).length === 0)) return;
    console.log(`\n=== ${heading} ===`);
    for (const r of results)
      for (const t of pick(r)) console.log(`${r.leg}: ${r.suite}: ${t.file} › ${t.title}\n    ${t.error}`);
  };
  say('passed only when retried (the kafka leg retries a failed test once)', (r) => r.passedOnRetry);
  say('failed tests', (r) => r.failed);
  return results.every((r) => r.ok) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`npm test: ${(err as Error).message}`);
    process.exit(2);
  },
);
