import { describe, expect, it } from 'vitest';
import { median, modifiedZ, spreadOf } from '../../../electron/risk/robust-stats';

// The definitions, by sorting: what the selection-based code must agree with.
const sortedMedian = (v: readonly number[]) => {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
function seeded(seed: number) {
  return () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

describe('robust statistics', () => {
  it('medians of odd, even and empty samples', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('modified z-score with the MAD: 0.6745·(x − median)/MAD', () => {
    // median 30, |deviations| 20,10,0,10,20 → MAD 10
    const z = modifiedZ(100, [10, 20, 30, 40, 50])!;
    expect(z).toMatchObject({ median: 30, form: 'mad', spread: 10 });
    expect(z.score).toBeCloseTo(4.7215, 4);
    expect(modifiedZ(0, [10, 20, 30, 40, 50])!.score).toBeCloseTo(-2.0235, 4);
  });

  it('falls back to (x − median)/(1.253314·MeanAD) when MAD is 0', () => {
    // median 10, |deviations| 0,0,0,0,40 → MAD 0, MeanAD 8
    const z = modifiedZ(60, [10, 10, 10, 10, 50])!;
    expect(z).toMatchObject({ median: 10, form: 'meanAD', spread: 8 });
    expect(z.score).toBeCloseTo(50 / (1.253314 * 8), 6);
  });

  it('has no score when every value is the same (MAD and MeanAD both 0) or there is no sample', () => {
    expect(modifiedZ(60, [10, 10, 10])).toBeNull();
    expect(modifiedZ(10, [10])).toBeNull();
    expect(modifiedZ(10, [])).toBeNull();
  });

  it('agrees with the sorted definitions on random, repetitive, ordered and adversarial samples, leaving them as they were', () => {
    const rnd = seeded(7);
    const samples: number[][] = [];
    for (const n of [1, 2, 3, 4, 5, 10, 99, 100, 999, 1000, 1001, 20_000]) {
      samples.push(Array.from({ length: n }, () => Math.round(rnd() * 50_000)));
      samples.push(Array.from({ length: n }, () => 1 + Math.floor(rnd() * 3)));
      samples.push(Array.from({ length: n }, (_, i) => i));
      samples.push(Array.from({ length: n }, (_, i) => n - i));
      // Organ pipe: the middle pivot meets the largest value every round.
      samples.push(Array.from({ length: n }, (_, i) => Math.min(i, n - 1 - i)));
    }
    for (const sample of samples) {
      const copy = [...sample];
      const med = sortedMedian(sample);
      const deviations = sample.map((v) => Math.abs(v - med));
      const got = spreadOf(sample)!;
      expect(got.median).toBe(med);
      expect(got.mad).toBe(sortedMedian(deviations));
      expect(got.meanAD).toBeCloseTo(deviations.reduce((a, b) => a + b, 0) / deviations.length, 9);
      expect(median(sample)).toBe(med);
      expect(sample).toEqual(copy);
    }
    expect(spreadOf([])).toBeNull();
  });
});
