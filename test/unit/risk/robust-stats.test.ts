import { describe, expect, it } from 'vitest';
import { median, modifiedZ } from '../../../electron/risk/robust-stats';

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
});
