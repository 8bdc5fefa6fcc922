import { describe, expect, it } from 'vitest';
import { fitsWithin } from '../../../electron/ipc/envelope-size';
import { validDraft } from './fake-handlers';

describe('the envelope size check', () => {
  it('lets an order through and stays close to its JSON size', () => {
    const size = JSON.stringify(validDraft()).length;
    expect(fitsWithin(validDraft(), size + 64)).toBe(true);
    expect(fitsWithin(validDraft(), Math.floor(size / 2))).toBe(false);
    expect(fitsWithin(undefined, 16)).toBe(true);
  });

  it('refuses long strings, long arrays, many keys and deep nesting past the limit', () => {
    expect(fitsWithin('x'.repeat(2000), 1000)).toBe(false);
    expect(
      fitsWithin(
        Array.from({ length: 2000 }, () => 0),
        1000,
      ),
    ).toBe(false);
    expect(fitsWithin(Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, 1])), 1000)).toBe(false);
    let deep: unknown = 'leaf';
    for (let i = 0; i < 2000; i++) deep = { d: deep };
    expect(fitsWithin(deep, 1000)).toBe(false);
  });

  it('stops early on a huge input instead of walking all of it', () => {
    const huge = Array.from({ length: 2_000_000 }, (_, i) => i);
    // The walk stops after ~100 elements: counted through a proxy, not timed.
    let reads = 0;
    const counting = new Proxy(huge, {
      get: (t, k, r) => ((reads += typeof k === 'string' && /^\d+$/.test(k) ? 1 : 0), Reflect.get(t, k, r)),
    });
    expect(fitsWithin(counting, 1024)).toBe(false);
    expect(reads).toBeLessThan(200);
  });
});
