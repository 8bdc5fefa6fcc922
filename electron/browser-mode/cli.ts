// `npm run start:browser [-- --port N]`: browser mode. This process is the relay: it serves the
// renderer and the contract on 127.0.0.1 (HTTP + a token-checked WebSocket), reads training
// mode's fault commands from its terminal, and forwards requests to the service host, which
// it runs as a child process (the same split as Electron's main and utility process) and
// restarts when it dies. One stdout line `ready http://127.0.0.1:PORT/?token=...`; a clean
// exit, services closed, on SIGINT/SIGTERM.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { ensureRendererBuilt } from '../launcher/build';
import { resolveDataDir } from '../main/data-dir';
import { hostEntryFromSource, nodeHostLauncher } from '../relay/host-launch';
import { createRelayDispatch } from '../relay/relay-dispatch';
import { attachSandboxConsole } from '../relay/sandbox-console';
import { ServiceSupervisor } from '../relay/service-supervisor';
import { PortInUseError, startBrowserServer } from './server';
import { attachStatsPort } from './stats-port';
import { createAppLog } from '../logging/app-log';
import { relayLogs } from '../relay/relay-logs';
import { MemorySecretStore, withoutSecretEnv } from '../secrets/secret-store';
import { adoptLegacyPassword } from '../secrets/legacy-password';
import { setRedactedSecrets } from '../logging/redact';
import { formatErrorBoth } from '../../shared/error-codes';
import { describeHelperThreads, lowerHelperThreads } from '../host-link/helper-threads';

const projectDir = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
const appLog = createAppLog('app');
const log = appLog.log;

const USAGE =
  'usage: npm run start:browser -- [--port N] [--renderer-dir DIR]   (ORDER_DESK_DATA_DIR sets the data dir)';

class UsageError extends Error {}

function parseOptions(): { port: number; rendererDir: string | undefined } {
  let values: { port?: string; 'renderer-dir'?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string', default: '0' },
        'renderer-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (values.help) {
    // Asked for, so not an error (it said "Unknown option '--help'" and exited 2).
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port ?? '') || port > 65535)
    throw new UsageError(`--port must be 0..65535, got ${values.port}`);
  return { port, rendererDir: values['renderer-dir'] };
}

async function main(): Promise<void> {
  // First, so only the runtime's own threads are there to lower (electron/host-link/helper-threads.ts).
  const helperThreads = lowerHelperThreads();
  const opts = parseOptions();
  const rendererDir = path.resolve(opts.rendererDir ?? path.join(projectDir, 'dist', 'renderer'));
  // The default renderer is (re)built when missing or older than its sources; a given one is served as is.
  if (!opts.rendererDir) await ensureRendererBuilt(projectDir);

  const dataDir = resolveDataDir(process.env, path.join(process.cwd(), '.order-desk-data'));
  appLog.attachFile(dataDir);
  log(describeHelperThreads(helperThreads));
  // No keychain here: secrets from ORDER_DESK_SASL_PASSWORD / ORDER_DESK_TLS_KEY_PASSPHRASE, or
  // set in Settings for the life of this process (Settings says so).
  const secretStore = new MemorySecretStore(process.env);
  adoptLegacyPassword(dataDir, secretStore, log);
  const secretsChanged = () => {
    setRedactedSecrets(Object.values(secretStore.all()));
    services.secretsChanged();
  };
  setRedactedSecrets(Object.values(secretStore.all()));
  const services = new ServiceSupervisor({
    launch: nodeHostLauncher({ entry: hostEntryFromSource(), env: withoutSecretEnv(process.env) }),
    init: { mode: 'browser', dataDir, sqliteBinding: null },
    secrets: () => secretStore.all(),
    log,
  });
  let server: Awaited<ReturnType<typeof startBrowserServer>> | null = null;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) process.exit(1); // a second signal: do not wait any longer
    stopping = true;
    log(`${signal}: closing`);
    await server?.close();
    await services.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  // The port first: taken (a server the last test left running), nothing else has started. No
  // page can ask anything before the ready line gives it the token; requests then wait for the
  // services' start.
  server = await startBrowserServer({
    dispatch: createRelayDispatch(services, relayLogs(dataDir, null), {
      store: secretStore,
      changed: secretsChanged,
    }),
    subscribe: (l) => services.subscribe(l),
    rendererDir,
    port: opts.port,
    log,
  });
  await services.start();
  const state = services.state();
  if (state.status === 'failed' && state.error?.code === 'instance.running') {
    // The second instance serves nothing and changed nothing; the first one keeps the terminal.
    process.stderr.write(`start:browser: ${formatErrorBoth(state.error)}\n`);
    await server.close();
    await services.close();
    process.exit(3);
  }
  const counts = server.messageCounts;
  attachStatsPort({
    async collect() {
      const host = await services.hostStats(false);
      return {
        processes: host
          ? [
              {
                role: 'host',
                pid: host.pid,
                cpuUserUs: host.cpuUserUs,
                cpuSystemUs: host.cpuSystemUs,
                loopDelayMs: host.loopDelayMs,
                loopBusyMs: host.loopBusyMs,
                mainThread: host.mainThread,
              },
            ]
          : [],
        messages: { ...counts(), ...services.messageCounts() },
        sqlStatements: host?.sqlStatements ?? 0,
      };
    },
    reset: async (quiet) => void (await services.hostStats(true, quiet)),
  });

  log(`data dir ${dataDir}`);
  process.stdout.write(`ready ${server.url}\n`);
  // After the ready line: answers to sandbox fault commands typed on stdin (training mode).
  attachSandboxConsole(services, process.stdin, (line) => process.stdout.write(`${line}\n`));
}

main().catch((err: unknown) => {
  if (err instanceof UsageError) {
    process.stderr.write(`start:browser: ${err.message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (err instanceof PortInUseError) {
    process.stderr.write(`start:browser: ${err.message}\n`);
    process.exit(4);
  }
  log(`failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
});
