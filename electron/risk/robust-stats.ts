// The robust statistics the outlier checks use: the median, the median absolute deviation and
// Iglewicz and Hoaglin's modified z-score, M = 0.6745·(x − median)/MAD. When more than half the
// values are equal, MAD is 0 and the score falls back to the mean absolute deviation form,
// (x − median)/(1.253314·MeanAD). When every value is equal (MeanAD = 0 too) no spread can be
// measured and there is no score: a customer who always spends the same is not "infinitely
// unusual" the first time they spend something else.

export const MAD_SCALE = 0.6745;
export const MEAN_AD_SCALE = 1.253314;

/** The median of values (not modified); NaN for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  // A typed array sorts numerically without a comparator call per step: about 5× faster on the
  // 1,000 values a busy SKU's sample holds, and every order is screened against several.
  const s = Float64Array.from(values).sort();
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export interface ModifiedZ {
  score: number;
  median: number;
  /** Which spread the score divides by. */
  form: 'mad' | 'meanAD';
  spread: number;
}

/** What a sample contributes to every score against it (computed once per sample). */
export interface Spread {
  median: number;
  mad: number;
  meanAD: number;
}

export function spreadOf(sample: readonly number[]): Spread | null {
  if (sample.length === 0) return null;
  const med = median(sample);
  const deviations = sample.map((v) => Math.abs(v - med));
  return { median: med, mad: median(deviations), meanAD: deviations.reduce((a, b) => a + b, 0) / deviations.length };
}

/** x's modified z-score against a sample's spread; null when the sample has no spread at all. */
export function scoreAgainst(x: number, s: Spread | null): ModifiedZ | null {
  if (!s) return null;
  if (s.mad > 0) return { score: (MAD_SCALE * (x - s.median)) / s.mad, median: s.median, form: 'mad', spread: s.mad };
  if (s.meanAD > 0)
    return { score: (x - s.median) / (MEAN_AD_SCALE * s.meanAD), median: s.median, form: 'meanAD', spread: s.meanAD };
  return null;
}

/** x's modified z-score against sample; null when the sample has no spread at all. */
export function modifiedZ(x: number, sample: readonly number[]): ModifiedZ | null {
  return scoreAgainst(x, spreadOf(sample));
}
