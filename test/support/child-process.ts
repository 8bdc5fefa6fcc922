// Programs the tests run as child processes (browser mode, the sandbox and Apache Kafka CLIs).
// Each runs as ONE node process with the tsx loader (not the tsx wrapper, whose SIGKILL would
// orphan the real program), is tracked, and is stopped by stopAllChildren() in the test file's
// afterEach/afterAll or the fixture's finally: SIGTERM, then SIGKILL after a grace period. So a
// failing test leaves nothing running.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

export const PROJECT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface TestChild {
  proc: ChildProcessWithoutNullStreams;
  /** Lines seen on stdout so far. */
  stdout: string[];
  /** Lines seen on stdout and stderr so far, stderr marked (for failure messages). */
  output: string[];
  /** Lines seen on stderr so far. */
  stderrLines: string[];
  stderr(): string;
  /** Resolves with the next stdout line (not read before) that matches; rejects on exit or timeout. */
  nextLine(match?: RegExp, timeoutMs?: number): Promise<string>;
  /** Writes a line to stdin and resolves with the next stdout line. */
  command(line: string, timeoutMs?: number): Promise<string>;
  exited: Promise<ChildExit>;
  /** SIGTERM (or `signal`), then SIGKILL if still running after graceMs. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<ChildExit>;
}

const running = new Set<TestChild>();

export function spawnTsx(
  script: string,
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
): TestChild {
  const proc = spawn(process.execPath, ['--import', 'tsx', path.resolve(PROJECT_DIR, script), ...args], {
    cwd: opts.cwd ?? PROJECT_DIR,
    env: opts.env ?? process.env,
    stdio: 'pipe',
  });
  const stdout: string[] = [];
  const output: string[] = [];
  const stderrLines: string[] = [];
  let consumed = 0;
  const waiters: Array<{ match: RegExp; resolve: (l: string) => void }> = [];
  // 'close', not 'exit': by then everything the program wrote to stdout and stderr has arrived.
  const exited = new Promise<ChildExit>((resolve) => proc.once('close', (code, signal) => resolve({ code, signal })));
  readline.createInterface({ input: proc.stdout }).on('line', (line) => {
    stdout.push(line);
    output.push(line);
    const i = waiters.findIndex((w) => w.match.test(line));
    if (i >= 0) {
      consumed = stdout.length;
      waiters.splice(i, 1)[0].resolve(line);
    }
  });
  // Whole lines: a chunk of stderr can end in the middle of one.
  readline.createInterface({ input: proc.stderr }).on('line', (line) => {
    stderrLines.push(line);
    output.push(`stderr: ${line}`);
  });
  proc.stdin.on('error', () => {});

  const child: TestChild = {
    proc,
    stdout,
    output,
    stderrLines,
    stderr: () => stderrLines.map((l) => `${l}\n`).join(''),
    nextLine(match = /.*/, timeoutMs = 90_000) {
      const earlier = stdout.slice(consumed).findIndex((l) => match.test(l));
      if (earlier >= 0) {
        consumed += earlier + 1;
        return Promise.resolve(stdout[consumed - 1]);
      }
      return new Promise((resolve, reject) => {
        const waiter = { match, resolve: (l: string) => (clearTimeout(timer), resolve(l)) };
        const fail = (why: string) => {
          const i = waiters.indexOf(waiter);
          if (i >= 0) waiters.splice(i, 1);
          reject(new Error(`${script}: ${why} waiting for a line matching ${match}:\n${output.slice(-40).join('\n')}`));
        };
        const timer = setTimeout(() => fail(`no line in ${timeoutMs} ms`), timeoutMs);
        void exited.then((e) => {
          clearTimeout(timer);
          fail(`exited (${e.code ?? e.signal})`);
        });
        waiters.push(waiter);
      });
    },
    command(line, timeoutMs = 90_000) {
      const answer = child.nextLine(/.*/, timeoutMs);
      proc.stdin.write(`${line}\n`);
      return answer;
    },
    exited,
    async stop(signal = 'SIGTERM', graceMs = 10_000) {
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill(signal);
        const killer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(killer);
      }
      running.delete(child);
      return exited;
    },
  };
  running.add(child);
  void exited.then(() => running.delete(child));
  return child;
}

/** Stops every child still running (for afterEach/afterAll and fixtures' finally blocks). */
export async function stopAllChildren(graceMs = 10_000): Promise<void> {
  await Promise.all([...running].map((c) => c.stop('SIGTERM', graceMs)));
}
