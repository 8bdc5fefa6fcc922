// `npm run sandbox -- --brokers 3 --port 9092 --topic user-data:3:3`
// stdout carries exactly one `ready host:port,...` line and then one answer per stdin command;
// logs go to stderr. SIGINT/SIGTERM close the listeners and the data dir, then exit 0.
import fs from 'node:fs';
import readline from 'node:readline';
import { parseCliArgs, USAGE } from './cli-args';
import { runFaultCommand } from './fault-commands';
import { type SandboxCluster, startSandboxCluster } from './sandbox-cluster';

const log = (line: string) => process.stderr.write(`[sandbox] ${line}\n`);

async function main(): Promise<number | null> {
  const parsed = parseCliArgs(process.argv.slice(2));
  if (parsed.kind === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (parsed.kind === 'error') {
    process.stderr.write(`sandbox: ${parsed.message}\nRun with --help for the options.\n`);
    return 2;
  }
  const { options, tls } = parsed.config;
  let tlsOptions;
  if (tls) {
    try {
      tlsOptions = { key: fs.readFileSync(tls.keyFile), cert: fs.readFileSync(tls.certFile) };
    } catch (err) {
      process.stderr.write(`sandbox: cannot read the TLS key or certificate: ${(err as Error).message}\n`);
      return 2;
    }
  }

  let cluster: SandboxCluster;
  try {
    cluster = await startSandboxCluster({ ...options, tls: tlsOptions, log });
  } catch (err) {
    process.stderr.write(`sandbox: could not start: ${(err as Error).message}\n`);
    return 1;
  }
  log(
    `cluster ${cluster.clusterId}: ${cluster.brokerIds.length} brokers${tlsOptions ? ', TLS' : ''}${options.sasl ? ', SASL/PLAIN' : ''}`,
  );
  process.stdout.write(`ready ${cluster.bootstrapServers.join(',')}\n`);

  // One command at a time, answered in order.
  const latencies = new Map<number, number>();
  let commands = Promise.resolve();
  const rl = readline.createInterface({ input: process.stdin, terminal: false });
  rl.on('line', (line) => {
    if (line.trim() === '') return;
    commands = commands.then(async () => {
      const answer = await runFaultCommand(cluster, line, latencies);
      process.stdout.write(`${answer}\n`);
    });
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: closing`);
    rl.close();
    commands
      .then(() => cluster.close())
      .then(
        () => process.exit(0),
        (err) => {
          log(`close failed: ${(err as Error).message}`);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  return null;
}

main().then(
  (code) => {
    if (code !== null) process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`sandbox: ${(err as Error)?.stack ?? err}\n`);
    process.exitCode = 1;
  },
);
