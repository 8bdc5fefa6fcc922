// The "Saved against the rate" table that `npm run bench:orders -- --rates R1,R2,…` prints: one
// row per paced window. Printed and read back here, so `npm run bench:pairs` reads exactly what
// bench:orders prints (also from an older checkout, whose rows have the same columns).

export interface RateWindow {
  rate: number;
  savedP50: number;
  savedP99: number;
  deliveredP99: number | null;
  /** The service process's CPU time (all threads) per order, µs. */
  hostCpuUs: number;
  /** Its event loop's busy share, %. */
  hostBusyPct: number;
  /** "machine CPU idle 22%, stolen by the hypervisor 0%" (machine-context.ts). */
  machine: string;
}

const HEADER = '  rate/s   Saved p50   Saved p99   Delivered p99   host CPU/order   host loop busy';
const TITLE = /^Saved against the rate \(/m;
const ROW = /^\s+(\d+)\s+([\d.]+) ms\s+([\d.]+) ms\s+(?:([\d.]+) ms|-)\s+(\d+) µs\s+(\d+)%\s+(machine .*)$/;

const msText = (v: number) => `${v.toFixed(2)} ms`;

/** The table's lines: its title (with each window's length), header and one row per window. */
export function formatRateTable(secondsEach: number, windows: readonly RateWindow[]): string[] {
  return [
    `\nSaved against the rate (${secondsEach.toFixed(1)} s at each)`,
    HEADER,
    ...windows.map(
      (w) =>
        `  ${String(w.rate).padStart(6)} ${msText(w.savedP50).padStart(11)} ${msText(w.savedP99).padStart(11)} ${(w.deliveredP99 === null ? '-' : msText(w.deliveredP99)).padStart(15)} ${`${w.hostCpuUs.toFixed(0)} µs`.padStart(16)} ${`${w.hostBusyPct.toFixed(0)}%`.padStart(16)}   ${w.machine}`,
    ),
  ];
}

/** The windows of the table in a bench:orders output; an error saying what is missing otherwise. */
export function parseRateTable(output: string): RateWindow[] {
  const title = TITLE.exec(output);
  if (!title)
    throw new Error(
      `no "Saved against the rate" table in the output (bench:orders prints it with --rates R1,R2,…, two windows or more):\n${output.slice(-1500)}`,
    );
  const windows: RateWindow[] = [];
  for (const line of output.slice(title.index).split('\n').slice(2)) {
    const m = ROW.exec(line);
    if (!m) break;
    windows.push({
      rate: Number(m[1]),
      savedP50: Number(m[2]),
      savedP99: Number(m[3]),
      deliveredP99: m[4] === undefined ? null : Number(m[4]),
      hostCpuUs: Number(m[5]),
      hostBusyPct: Number(m[6]),
      machine: m[7],
    });
  }
  if (windows.length === 0)
    throw new Error(
      `the "Saved against the rate" table has no rows:\n${output.slice(title.index, title.index + 1500)}`,
    );
  return windows;
}
