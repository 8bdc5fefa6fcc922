// A runtime's Intl as another ICU has it: the page's Chromium and the service's Node carry
// different CLDR data, and code that asks Intl decides differently in each.
import { vi } from 'vitest';

/**
 * Runs `use` with modules loaded afresh under an Intl.NumberFormat whose currencies default to
 * `digits`' decimals (as a runtime's CLDR gives them, RSD 0 in Debian's Chromium 156 and 2 in
 * Node 20.20) where the caller names none; everything else as this runtime's.
 */
export async function underRuntimeDigits<T>(digits: Record<string, number>, use: () => Promise<T>): Promise<T> {
  const Real = Intl.NumberFormat;
  const Runtime = function (locales?: string | string[], options?: Intl.NumberFormatOptions) {
    const d = options?.style === 'currency' && options.currency ? digits[options.currency] : undefined;
    const named = options?.minimumFractionDigits !== undefined || options?.maximumFractionDigits !== undefined;
    return new Real(
      locales,
      d === undefined || named ? options : { ...options, minimumFractionDigits: d, maximumFractionDigits: d },
    );
  } as unknown as typeof Intl.NumberFormat;
  vi.resetModules();
  Intl.NumberFormat = Runtime;
  try {
    return await use();
  } finally {
    Intl.NumberFormat = Real;
  }
}

/** RSD's decimals as the page's Chromium (Debian's 156) and the service's Node (20.20) give them. */
export const CHROMIUM_DIGITS = { RSD: 0 };
export const NODE_DIGITS = { RSD: 2 };
