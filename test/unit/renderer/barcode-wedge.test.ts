import { describe, expect, it } from 'vitest';
import { BarcodeWedge, WEDGE } from '../../../renderer/catalogue/barcode-wedge';

const feed = (w: BarcodeWedge, keys: string[], start: number, gap: number) =>
  keys.map((k, i) => w.key(k, start + i * gap));

describe('barcode scanner (keyboard wedge) detection', () => {
  it('takes fast digits ending in Enter as a scan, with when it started', () => {
    const w = new BarcodeWedge();
    const results = feed(w, [...'8801234567890', 'Enter'], 1000, 5);
    expect(results.slice(0, -1).every((r) => r === null)).toBe(true);
    expect(results.at(-1)).toEqual({ code: '8801234567890', startedAt: 1000 });
  });

  it('leaves a person typing digits alone, however many', () => {
    const w = new BarcodeWedge();
    expect(feed(w, [...'8801234567890', 'Enter'], 0, WEDGE.maxGapMs + 40).at(-1)).toBeNull();
  });

  it('needs at least the minimum digits, and a slow Enter ends nothing', () => {
    const w = new BarcodeWedge();
    expect(feed(w, [...'12345'.slice(0, WEDGE.minDigits - 1), 'Enter'], 0, 5).at(-1)).toBeNull();
    const digits = feed(w, [...'123456789'], 1000, 5);
    expect(digits.every((r) => r === null)).toBe(true);
    expect(w.key('Enter', 1000 + 8 * 5 + WEDGE.maxGapMs + 1)).toBeNull();
  });

  it('starts again after a pause or a letter in the middle', () => {
    const w = new BarcodeWedge();
    feed(w, [...'999'], 0, 5);
    expect(w.key('x', 16)).toBeNull();
    expect(feed(w, [...'12345678', 'Enter'], 5000, 3).at(-1)).toEqual({ code: '12345678', startedAt: 5000 });
  });
});
