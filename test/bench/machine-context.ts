// What the machine itself was doing while a benchmark phase ran, so figures from different
// days can be read side by side: the share of both cores that was idle and that the
// hypervisor took (steal), from /proc/stat, and how long this disk takes to fdatasync a page
// in the app's data directory (Save waits for one per commit). Linux only; elsewhere null.
import { closeSync, fdatasyncSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

export interface CpuTicks {
  total: number;
  idle: number;
  steal: number;
}

export function cpuTicks(): CpuTicks | null {
  try {
    // cpu  user nice system idle iowait irq softirq steal guest guest_nice
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const total = f.slice(0, 8).reduce((a, b) => a + b, 0);
    return { total, idle: f[3] + f[4], steal: f[7] };
  } catch {
    return null;
  }
}

export function cpuShares(a: CpuTicks | null, b: CpuTicks | null): string {
  if (!a || !b || b.total <= a.total) return 'machine CPU n/a';
  const d = b.total - a.total;
  const pct = (x: number) => `${((100 * x) / d).toFixed(0)}%`;
  return `machine CPU idle ${pct(b.idle - a.idle)}, stolen by the hypervisor ${pct(b.steal - a.steal)}`;
}

/** p50 and p99 of `count` fdatasync calls after a 4 KB write each, in `dir`. */
export function fsyncProbe(dir: string, count = 200): string {
  const file = path.join(dir, `fsync-probe-${process.pid}`);
  const times: number[] = [];
  const fd = openSync(file, 'w');
  try {
    const page = Buffer.alloc(4096, 1);
    for (let i = 0; i < count; i++) {
      writeSync(fd, page, 0, page.length, 0);
      const t = performance.now();
      fdatasyncSync(fd);
      times.push(performance.now() - t);
    }
  } finally {
    closeSync(fd);
    rmSync(file, { force: true });
  }
  times.sort((x, y) => x - y);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))].toFixed(2);
  return `this disk's fdatasync p50 ${at(50)} ms, p99 ${at(99)} ms`;
}

/**
 * Bytes this process has caused to be written to storage (/proc/<pid>/io write_bytes: pages it
 * dirtied in files, counted once per page until written back), or null off Linux. For Save, the
 * outbox's write-ahead log and its checkpoints into the database file.
 */
export function storageWrittenBytes(pid: number): number | null {
  try {
    const line = readFileSync(`/proc/${pid}/io`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('write_bytes:'));
    return line ? Number(line.split(/\s+/)[1]) : null;
  } catch {
    return null;
  }
}
