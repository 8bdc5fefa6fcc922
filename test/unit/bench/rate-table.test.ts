// `npm run bench:pairs` reads the "Saved against the rate" table bench:orders prints and compares
// two trees' windows pair by pair. Read wrong, a comparison would report figures no run measured.
import { describe, expect, it } from 'vitest';
import { formatRateTable, parseRateTable, type RateWindow } from '../../bench/rate-table';
import { compareWindows, formatComparison } from '../../bench/paired-windows';
import { median } from '../../../electron/risk/robust-stats';

const window = (rate: number, savedP99: number, over: Partial<RateWindow> = {}): RateWindow => ({
  rate,
  savedP50: 2.5,
  savedP99,
  deliveredP99: 30,
  hostCpuUs: 900,
  hostBusyPct: 96,
  machine: 'machine CPU idle 22%, stolen by the hypervisor 0%',
  ...over,
});

// As bench:orders printed it on 2026-12-05 (the table's two rows, then the next phase's title).
const PRINTED = `paced at 1000 orders/s: 8000 orders
  submit→Saved      p50 2.95 ms  p99 16.70 ms  max 26.28 ms

Saved against the rate (8.0 s at each)
  rate/s   Saved p50   Saved p99   Delivered p99   host CPU/order   host loop busy
    1000     2.91 ms    22.23 ms        47.49 ms           919 µs              97%   machine CPU idle 22%, stolen by the hypervisor 0%
    1000     2.95 ms    16.70 ms        31.41 ms           858 µs              98%   machine CPU idle 29%, stolen by the hypervisor 0%

paced at 1000 orders/s with the cluster down (Save alone): 8000 orders
`;

describe("bench:orders's table of windows", () => {
  it('reads what bench:orders printed, row by row, and stops at the next phase', () => {
    const windows = parseRateTable(PRINTED);
    expect(windows).toEqual([
      window(1000, 22.23, { savedP50: 2.91, deliveredP99: 47.49, hostCpuUs: 919, hostBusyPct: 97 }),
      window(1000, 16.7, {
        savedP50: 2.95,
        deliveredP99: 31.41,
        hostCpuUs: 858,
        hostBusyPct: 98,
        machine: 'machine CPU idle 29%, stolen by the hypervisor 0%',
      }),
    ]);
  });

  it('reads back what it prints, a window without deliveries included', () => {
    const windows = [window(300, 7.25), window(1000, 14.5, { deliveredP99: null, hostCpuUs: 1043 })];
    const output = ['warm-up: 200 orders delivered', ...formatRateTable(8, windows), '', 'idle 10 s'].join('\n');
    expect(parseRateTable(output)).toEqual(windows);
  });

  it('says what is missing when there is no table, or a table without rows', () => {
    expect(() => parseRateTable('paced at 1000 orders/s: 8000 orders\n')).toThrow(
      /no "Saved against the rate" table.*--rates/,
    );
    expect(() => parseRateTable(formatRateTable(8, []).join('\n'))).toThrow(/has no rows/);
  });
});

describe('pairs of runs, window by window', () => {
  it('gives each figure the medians of the pairs, their ratio and in how many pairs this tree was lower', () => {
    const mine = [14, 12, 20, 11].map((p99, i) => [window(1000, 15), window(1000, p99, { hostCpuUs: 950 + i })]);
    const theirs = [16, 13, 15, 12].map((p99) => [window(1000, 15), window(1000, p99, { hostCpuUs: 900 })]);
    const [first, second] = compareWindows(mine, theirs);
    expect(first.figures.find((f) => f.figure === 'savedP99')).toMatchObject({ ratio: 1, lowerIn: 0 });
    const p99 = second.figures.find((f) => f.figure === 'savedP99')!;
    expect(p99).toMatchObject({ thisMedian: 13, otherMedian: 14, lowerIn: 3, thisTree: [14, 12, 20, 11] });
    expect(p99.ratio).toBeCloseTo(13 / 14, 10);
    const cpu = second.figures.find((f) => f.figure === 'hostCpuUs')!;
    expect(cpu).toMatchObject({ thisMedian: 951.5, otherMedian: 900, lowerIn: 0 });
    const text = formatComparison([second], 'main').join('\n');
    expect(text).toContain('window 2 at 1000/s, 4 pairs: this tree / main');
    expect(text).toMatch(/Saved p99 +medians 13\.00 \/ 14\.00 ms +ratio 0\.93× +lower in 3 of 4/);
  });

  it('leaves out a figure a window lacks, and refuses runs that do not pair up', () => {
    const noDelivery = [[window(1000, 10, { deliveredP99: null })]];
    const [c] = compareWindows(noDelivery, [[window(1000, 12)]]);
    expect(c.figures.map((f) => f.figure)).not.toContain('deliveredP99');
    expect(() => compareWindows([[window(1000, 10)]], [])).toThrow(/pairs do not match/);
    expect(() => compareWindows([[window(1000, 10)]], [[window(500, 10)]])).toThrow(/same windows at the same rates/);
    expect(() => compareWindows([[window(1000, 10)]], [[window(1000, 10), window(1000, 9)]])).toThrow(/same windows/);
  });

  it('takes the middle of an odd count and the mean of the two middles of an even one', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});
