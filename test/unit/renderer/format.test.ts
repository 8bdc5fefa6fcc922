import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatMoney, formatTime } from '../../../renderer/outbox/format';
import { CHROMIUM_DIGITS, NODE_DIGITS, underRuntimeDigits } from '../../support/runtime-intl';

// 6 December 2026, 20:57:09 in the machine's zone: the screens show local time.
const at = new Date(2026, 11, 6, 20, 57, 9).toISOString();
const morning = new Date(2026, 11, 6, 8, 5, 0).toISOString();

describe('dates and times on the screens', () => {
  it('names the month in English, so a date reads one way only', () => {
    expect(formatDate(at, 'en')).toBe('6 Dec 2026');
    expect(formatDateTime(at, 'en')).toBe('6 Dec 2026, 20:57');
    expect(formatTime(morning, 'en')).toBe('08:05:00');
  });

  it('writes the Korean hour without a leading zero, as Korean clocks do', () => {
    // Node's ICU here has no Korean words for AM and PM (Chromium's has: 오전, 오후), so only
    // the digits are asserted.
    expect(formatTime(at, 'ko')).toMatch(/ 8:57:09$/);
    expect(formatTime(morning, 'ko')).toMatch(/ 8:05:00$/);
    expect(formatDate(at, 'ko')).toBe('2026. 12. 06.');
    expect(formatDateTime(at, 'ko')).toMatch(/^2026\. 12\. 06\. \S+ 8:57$/);
  });
});

describe('money on the screens', () => {
  it('shows a price with the decimals the form takes, whichever runtime formats it: RSD 100.5 as 100.50', async () => {
    // Chromium's Intl showed RSD 100.5 as "RSD 101" (0 decimals) while Node's showed "RSD 100.50".
    const shown = () =>
      import('../../../renderer/outbox/format').then(({ formatMoney: money }) => [
        money(100.5, 'RSD', 'en'),
        money(100.5, 'RSD', 'ko'),
      ]);
    const byChromium = await underRuntimeDigits(CHROMIUM_DIGITS, shown);
    expect(byChromium).toEqual(await underRuntimeDigits(NODE_DIGITS, shown));
    expect(byChromium[0]).toBe('RSD\u00a0100.50');
  });

  it('keeps won whole, "12,000원" in Korean and "₩12,000" in English, and cents where the currency has them', () => {
    expect(formatMoney(12000, 'KRW', 'ko')).toBe('12,000원');
    expect(formatMoney(12000, 'KRW', 'en')).toBe('₩12,000');
    expect(formatMoney(1200, 'JPY', 'en')).toBe('¥1,200');
    expect(formatMoney(19.5, 'USD', 'en')).toBe('$19.50');
    // ISO 4217 gives IDR two decimals (CLDR none); the form takes 1000.5, so the screen shows it.
    expect(formatMoney(1000.5, 'IDR', 'en')).toBe('IDR\u00a01,000.50');
  });
});
