// `npm run kafka -- --nodes 3 --port 0 --topic user-data:3:3`
// stdout carries exactly one `ready host:port,...` line and then one answer per stdin command
// (the sandbox CLI's commands, run by the sandbox's own runFaultCommand); progress and
// warnings go to stderr. SIGINT, SIGTERM and the death of the parent process stop every JVM and
// remove the temporary directory; a SIGKILL of this process is covered by the watchdog.
import readline from 'node:readline';
import { runFaultCommand } from '../../electron/sandbox';
import { parseCliArgs, USAGE } from './cli-args';
import { HarnessError } from './harness-error';
import { ApacheKafkaCluster } from './kafka-cluster';
import { classArchiveOrWhy } from './make-class-archive';
import { checkJava } from './prerequisites';
import { resolveKafkaJars } from './resolve-jars';

const log = (line: string) => process.stderr.write(`[kafka] ${line}\n`);

function fail(err: unknown): number {
  if (err instanceof HarnessError) process.stderr.write(`kafka: ${err.message}\n`);
  else process.stderr.write(`kafka: ${(err as Error)?.stack ?? String(err)}\n`);
  return 1;
}

async function main(): Promise<number | null> {
  const parsed = parseCliArgs(process.argv.slice(2));
  if (parsed.kind === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (parsed.kind === 'error') {
    process.stderr.write(`kafka: ${parsed.message}\nRun with --help for the options.\n`);
    return 2;
  }
  if (parsed.kind === 'resolve') {
    try {
      checkJava();
      const jars = await resolveKafkaJars({ log });
      process.stdout.write(`Apache Kafka ${jars.version}: ${jars.libDir}\n`);
      // Made with the jars, so that no later cluster start pays for it.
      const archive = await classArchiveOrWhy(log);
      if ('file' in archive) process.stdout.write(`class-data archive: ${archive.file}\n`);
      else log(`warning: ${archive.why}; nodes start without a class-data archive`);
      return 0;
    } catch (err) {
      return fail(err);
    }
  }

  const cluster = new ApacheKafkaCluster({
    ...parsed.options,
    log: (level, line) => log(level === 'warn' ? `warning: ${line}` : line),
  });
  let stopping: Promise<void> | null = null;
  const shutdown = (why: string): Promise<void> => {
    stopping ??= (async () => {
      log(`${why}: stopping`);
      clearInterval(parentWatch);
      rl.close();
      ready();
      await commands.catch(() => undefined);
      await cluster.close();
    })();
    return stopping;
  };
  // One command at a time, answered in order; lines typed during start-up wait for the ready line.
  let ready!: () => void;
  let commands = new Promise<void>((r) => (ready = r));
  const rl = readline.createInterface({ input: process.stdin, terminal: false });
  rl.on('line', (line) => {
    if (line.trim() === '' || stopping) return;
    commands = commands.then(async () => {
      if (stopping) return;
      const answer = await runFaultCommand(cluster, line);
      process.stdout.write(`${answer}\n`);
    });
  });
  const exitAfterShutdown = (why: string) =>
    void shutdown(why).then(
      () => process.exit(0),
      (err) => {
        log(`close failed: ${(err as Error).message}`);
        process.exit(1);
      },
    );
  process.on('SIGINT', () => exitAfterShutdown('SIGINT'));
  process.on('SIGTERM', () => exitAfterShutdown('SIGTERM'));
  process.on('SIGHUP', () => exitAfterShutdown('SIGHUP'));
  // Whoever started us is gone (a test runner killed, a terminal closed): nobody will stop us.
  const parent = process.ppid;
  const parentWatch = setInterval(() => {
    if (process.ppid !== parent) exitAfterShutdown(`parent process ${parent} exited`);
  }, 500);

  log(`cluster in ${cluster.dir}`);
  try {
    await cluster.start();
  } catch (err) {
    if (stopping) return null; // a signal arrived during start-up; shutdown() exits
    await shutdown('start-up failed');
    return fail(err);
  }
  if (stopping) return null;
  log(`Apache Kafka ${cluster.version}: ${cluster.brokerIds.length} nodes, cluster id ${cluster.clusterId}`);
  process.stdout.write(`ready ${cluster.bootstrapServers.join(',')}\n`);
  ready();
  return null;
}

main().then(
  (code) => {
    if (code !== null) process.exit(code);
  },
  (err) => process.exit(fail(err)),
);
