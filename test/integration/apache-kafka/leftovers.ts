// What a harness run may leave behind: processes (JVMs, the watchdog) whose command line
// names its temporary directory, and the directory itself. Linux /proc; the harness tests
// assert both are gone.
import fs from 'node:fs';

export function processesMentioning(text: string): Array<{ pid: number; cmd: string }> {
  const out: Array<{ pid: number; cmd: string }> = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      if (cmd.includes(text)) out.push({ pid: Number(entry), cmd });
    } catch {
      // Gone meanwhile.
    }
  }
  return out;
}

/** Waits until nothing mentions `dir` and the directory is gone; returns what is left after `timeoutMs`. */
export async function leftoversOf(
  dir: string,
  timeoutMs = 15_000,
): Promise<{ processes: string[]; dirExists: boolean }> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const processes = processesMentioning(dir).map((p) => `${p.pid} ${p.cmd.slice(0, 200)}`);
    const dirExists = fs.existsSync(dir);
    if ((processes.length === 0 && !dirExists) || Date.now() > end) return { processes, dirExists };
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Whether the process is alive: a zombie (dead, not yet reaped by whoever adopted it) is not. */
export function isAlive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}
