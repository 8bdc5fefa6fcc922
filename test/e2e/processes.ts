// Child processes the specs run: browser mode (`start:browser`) and, for outage tests, a
// standalone sandbox cluster (`npm run sandbox`) whose brokers the test stops and starts
// through the sandbox CLI's own stdin commands.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

export const PROJECT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TSX = path.join(PROJECT_DIR, 'node_modules', '.bin', 'tsx');

export interface Child {
  proc: ChildProcessWithoutNullStreams;
  /** Lines seen on stdout and stderr so far (for failure messages). */
  output: string[];
  /** Resolves with the next stdout line that matches. */
  nextLine(match: RegExp, timeoutMs?: number): Promise<string>;
  stop(): Promise<void>;
}

export function startTsx(script: string, args: string[], env: NodeJS.ProcessEnv): Child {
  const proc = spawn(TSX, [path.join(PROJECT_DIR, script), ...args], { cwd: PROJECT_DIR, env, stdio: 'pipe' });
  const output: string[] = [];
  const waiters: Array<{ match: RegExp; resolve: (l: string) => void }> = [];
  readline.createInterface({ input: proc.stdout }).on('line', (line) => {
    output.push(line);
    const i = waiters.findIndex((w) => w.match.test(line));
    if (i >= 0) waiters.splice(i, 1)[0].resolve(line);
  });
  readline.createInterface({ input: proc.stderr }).on('line', (line) => output.push(`stderr: ${line}`));
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  return {
    proc,
    output,
    nextLine(match, timeoutMs = 90_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${script}: no line matching ${match} in ${timeoutMs} ms:\n${output.join('\n')}`)), timeoutMs);
        const onExit = () => reject(new Error(`${script} exited (${proc.exitCode}) before ${match}:\n${output.join('\n')}`));
        proc.once('exit', onExit);
        waiters.push({
          match,
          resolve: (l) => {
            clearTimeout(timer);
            proc.off('exit', onExit);
            resolve(l);
          },
        });
      });
    },
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill('SIGTERM');
      const killed = setTimeout(() => proc.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killed);
    },
  };
}

/** A standalone sandbox cluster (user-data:3:3, min.insync.replicas 2) with its fault commands. */
export async function startSandboxProcess(): Promise<{ brokers: string[]; command(line: string): Promise<string>; stop(): Promise<void> }> {
  const child = startTsx('electron/sandbox/cli.ts', ['--brokers', '3', '--port', '0', '--topic', 'user-data:3:3', '--min-insync-replicas', '2'], process.env);
  const ready = await child.nextLine(/^ready /);
  return {
    brokers: ready.slice('ready '.length).split(','),
    async command(line) {
      const answer = child.nextLine(/^(ok|error)/);
      child.proc.stdin.write(`${line}\n`);
      return answer;
    },
    stop: () => child.stop(),
  };
}
