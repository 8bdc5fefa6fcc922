// The sandbox CLI as a child process, for tests and benchmarks that measure its memory: its
// resident set is its own, not blurred by the test's heap. Linux only (/proc/<pid>/status).
// Started through spawnTsx, so stopAllChildren() stops it too.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_DIR, spawnTsx } from './child-process';

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
export async function startSandboxProcess(args: string[], root = PROJECT_DIR): Promise<SandboxProcess> {
  const child = spawnTsx(path.join(root, 'electron/sandbox/cli.ts'), args, { cwd: root });
  const stop = async () => {
    await child.stop();
  };
  try {
    const line = await child.nextLine();
    if (!line.startsWith('ready ')) throw new Error(`unexpected first line: ${line}`);
    const memory = () => {
      const status = fs.readFileSync(`/proc/${child.proc.pid}/status`, 'utf8');
      const mb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) / 1024;
      return { rssMb: mb('VmRSS'), peakMb: mb('VmHWM') };
    };
    return {
      child: child.proc,
      pid: child.proc.pid!,
      brokers: line.slice('ready '.length).split(','),
      log: child.stderrLines,
      memory,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
