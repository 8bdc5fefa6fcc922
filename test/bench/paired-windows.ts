// What `npm run bench:pairs` prints: the paced windows of this tree and of another checkout, run
// in alternating pairs, compared window by window. The medians of the pairs, their ratio (this
// tree / other) and in how many pairs this tree's Saved p99 was the lower: on a shared 2-core
// machine one run of each says little (README, "Saved at 1,000 orders/s").
import type { RateWindow } from './rate-table';
// The app's own median (NaN for none, the mean of the two middles of an even count).
import { median } from '../../electron/risk/robust-stats';

type Figure = 'savedP50' | 'savedP99' | 'deliveredP99' | 'hostCpuUs' | 'hostBusyPct';
const FIGURES: ReadonlyArray<[Figure, string, string]> = [
  ['savedP99', 'Saved p99', 'ms'],
  ['savedP50', 'Saved p50', 'ms'],
  ['deliveredP99', 'Delivered p99', 'ms'],
  ['hostCpuUs', 'service process CPU/order', 'µs'],
  ['hostBusyPct', 'its loop busy', '%'],
];

export interface FigureComparison {
  figure: Figure;
  label: string;
  unit: string;
  thisTree: number[];
  other: number[];
  thisMedian: number;
  otherMedian: number;
  /** this tree's median / the other's. */
  ratio: number;
  /** Pairs in which this tree's figure was lower than the other's. */
  lowerIn: number;
}

export interface WindowComparison {
  window: number;
  rate: number;
  pairs: number;
  figures: FigureComparison[];
}

/** Window k of pair i of this tree against window k of pair i of the other. */
export function compareWindows(thisRuns: RateWindow[][], otherRuns: RateWindow[][]): WindowComparison[] {
  if (thisRuns.length === 0 || thisRuns.length !== otherRuns.length)
    throw new Error(`pairs do not match: ${thisRuns.length} runs of this tree, ${otherRuns.length} of the other`);
  const windows = thisRuns[0].length;
  for (const run of [...thisRuns, ...otherRuns])
    if (run.length !== windows || run.some((w, k) => w.rate !== thisRuns[0][k].rate))
      throw new Error('every run must have the same windows at the same rates (the same --rates)');
  return Array.from({ length: windows }, (_, k) => ({
    window: k + 1,
    rate: thisRuns[0][k].rate,
    pairs: thisRuns.length,
    figures: FIGURES.flatMap(([figure, label, unit]): FigureComparison[] => {
      const a = thisRuns.map((r) => r[k][figure]);
      const b = otherRuns.map((r) => r[k][figure]);
      if (a.some((v) => v === null) || b.some((v) => v === null)) return [];
      const thisTree = a as number[];
      const other = b as number[];
      const thisMedian = median(thisTree);
      const otherMedian = median(other);
      return [
        {
          figure,
          label,
          unit,
          thisTree,
          other,
          thisMedian,
          otherMedian,
          ratio: thisMedian / otherMedian,
          lowerIn: thisTree.filter((v, i) => v < other[i]).length,
        },
      ];
    }),
  }));
}

const num = (v: number, unit: string) => (unit === 'ms' ? v.toFixed(2) : v.toFixed(0));

export function formatComparison(comparisons: readonly WindowComparison[], otherLabel: string): string[] {
  const lines: string[] = [];
  for (const c of comparisons) {
    lines.push(`\nwindow ${c.window} at ${c.rate}/s, ${c.pairs} pairs: this tree / ${otherLabel}`);
    for (const f of c.figures)
      lines.push(
        `  ${f.label.padEnd(26)} medians ${num(f.thisMedian, f.unit)} / ${num(f.otherMedian, f.unit)} ${f.unit}` +
          `  ratio ${f.ratio.toFixed(2)}×  lower in ${f.lowerIn} of ${c.pairs}` +
          `  (${f.thisTree.map((v) => num(v, f.unit)).join(' ')} / ${f.other.map((v) => num(v, f.unit)).join(' ')})`,
      );
  }
  return lines;
}
