import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatTime } from '../../../renderer/outbox/format';

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
