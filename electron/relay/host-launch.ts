// How the service process is started. Electron main: utilityProcess.fork of the bundled
// dist-electron/service-host.cjs. Browser mode (and the tests, and the benchmarks): Node's
// child_process.fork of electron/service-host/host-main.ts under tsx's loader, or of a
// bundled .cjs. Either way the result is the same HostProcess for the supervisor.
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { HostToRelay, RelayToHost } from '../../shared/host-protocol';
import { childProcessLink, utilityProcessLink, type UtilityProcessLike } from '../host-link/message-link';
import type { LaunchHost } from './service-supervisor';

/** The service host's entry in the source tree (browser mode runs from source). */
export function hostEntryFromSource(): string {
  return fileURLToPath(new URL('../service-host/host-main.ts', import.meta.url));
}

export interface NodeHostOptions {
  /** host-main.ts (run under tsx) or a bundled .cjs. */
  entry: string;
  env?: NodeJS.ProcessEnv;
}

export function nodeHostLauncher(opts: NodeHostOptions): LaunchHost {
  // tsx's loader, by absolute URL: the child may start from any working directory.
  const execArgv = opts.entry.endsWith('.ts')
    ? ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href]
    : [];
  // A CPU profile of the service process for the order benchmarks (test/bench/app-under-bench.ts).
  if (process.env.BENCH_HOST_PROFILE_DIR)
    execArgv.push('--cpu-prof', '--cpu-prof-dir', process.env.BENCH_HOST_PROFILE_DIR);
  return () => {
    const child = fork(opts.entry, [], {
      execArgv,
      env: opts.env ?? process.env,
      // No stdin (the relay's terminal takes the training-mode commands), and its stdout goes
      // to the relay's stderr: the relay's stdout carries only the ready line and the answers.
      stdio: ['ignore', 2, 'inherit', 'ipc'],
    });
    let exited: string | null = null;
    const exitListeners: Array<(how: string) => void> = [];
    child.on('exit', (code, signal) => {
      exited = signal ? `signal ${signal}` : `exit code ${code}`;
      for (const l of exitListeners) l(exited);
    });
    return {
      link: childProcessLink<HostToRelay, RelayToHost>(child),
      get pid() {
        return child.pid;
      },
      kill: () => void child.kill('SIGKILL'),
      onExit(listener) {
        if (exited !== null) listener(exited);
        else exitListeners.push(listener);
      },
    };
  };
}

/** The parts of Electron's utilityProcess module used here. */
export interface UtilityProcessApi {
  fork(
    modulePath: string,
    args?: string[],
    options?: { serviceName?: string; stdio?: 'inherit' | 'pipe' | 'ignore'; env?: NodeJS.ProcessEnv },
  ): UtilityProcessLike & { readonly pid: number | undefined; kill(): boolean };
}

export function utilityHostLauncher(utilityProcess: UtilityProcessApi, modulePath: string): LaunchHost {
  return () => {
    const child = utilityProcess.fork(modulePath, [], { serviceName: 'Order Desk services', stdio: 'inherit' });
    let exited: string | null = null;
    const exitListeners: Array<(how: string) => void> = [];
    child.on('exit', (code: number) => {
      exited = `exit code ${code}`;
      for (const l of exitListeners) l(exited);
    });
    return {
      link: utilityProcessLink<HostToRelay, RelayToHost>(child),
      get pid() {
        return child.pid;
      },
      kill() {
        // utilityProcess.kill() is SIGTERM, which a hung host may not act on.
        const pid = child.pid;
        if (pid) process.kill(pid, 'SIGKILL');
      },
      onExit(listener) {
        if (exited !== null) listener(exited);
        else exitListeners.push(listener);
      },
    };
  };
}
