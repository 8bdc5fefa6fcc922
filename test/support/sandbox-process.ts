// The sandbox CLI as a child process, for tests and benchmarks that measure its memory: its
// resident set is its own, not blurred by the test's heap. Linux only (/proc/<pid>/status).
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';

export interface SandboxProcess {
  child: ChildProcess;
  pid: number;
  brokers: string[];
  /** Lines the sandbox logged on stderr so far. */
  log: string[];
  /** Resident set (VmRSS) and its peak (VmHWM) in MB. */
  memory(): { rssMb: number; peakMb: number };
  /** SIGTERM, then SIGKILL if it has not exited within 10 s. */
  stop(): Promise<void>;
}

export const canMeasureRss = process.platform === 'linux';

/** Starts `electron/sandbox/cli.ts` from `root` (default: this checkout) with `args`; resolves on its ready line. */
export async function startSandboxProcess(
  args: string[],
  root = path.resolve(import.meta.dirname, '../..'),
): Promise<SandboxProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/sandbox/cli.ts', ...args], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  readline.createInterface({ input: child.stderr! }).on('line', (l) => log.push(l));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(t);
  };
  try {
    const line = await new Promise<string>((resolve, reject) => {
      readline.createInterface({ input: child.stdout! }).once('line', resolve);
      child.once('exit', (code) =>
        reject(new Error(`sandbox exited with ${code} before it was ready: ${log.join('\n')}`)),
      );
    });
    if (!line.startsWith('ready ')) throw new Error(`unexpected first line: ${line}`);
    const memory = () => {
      const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const mb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) / 1024;
      return { rssMb: mb('VmRSS'), peakMb: mb('VmHWM') };
    };
    return { child, pid: child.pid!, brokers: line.slice('ready '.length).split(','), log, memory, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
