// Money and times in the clerk's language. Korean stores write amounts as "59,500원"; English
// shows "₩59,500". KRW has no minor unit, so it never shows decimals.
import type { Lang } from '../../shared/error-codes';

const money = new Map<string, Intl.NumberFormat>();

function formatterFor(currency: string, lang: Lang): Intl.NumberFormat {
  const key = `${lang}:${currency}`;
  let f = money.get(key);
  if (!f) {
    const locale = lang === 'ko' ? 'ko-KR' : 'en-US';
    try {
      f =
        lang === 'ko' && currency === 'KRW'
          ? new Intl.NumberFormat(locale, { maximumFractionDigits: 0 })
          : new Intl.NumberFormat(locale, { style: 'currency', currency });
    } catch {
      f = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
    }
    money.set(key, f);
  }
  return f;
}

export function formatMoney(amount: number, currency: string, lang: Lang): string {
  const text = formatterFor(currency, lang).format(amount);
  return lang === 'ko' && currency === 'KRW' ? `${text}원` : text;
}

export function formatTime(iso: string, lang: Lang): string {
  return new Date(iso).toLocaleTimeString(lang === 'ko' ? 'ko-KR' : 'en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

/** Date and time, for history and receipts ("2026-12-02 14:05" style per locale). */
export function formatDateTime(iso: string, lang: Lang): string {
  return new Date(iso).toLocaleString(lang === 'ko' ? 'ko-KR' : 'en-GB', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** A date alone, as formatDateTime writes it (day first in English, as everywhere in the app). */
export function formatDate(iso: string, lang: Lang): string {
  return new Date(iso).toLocaleDateString(lang === 'ko' ? 'ko-KR' : 'en-GB', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
}
