// Money and times in the clerk's language. Korean stores write amounts as "59,500원"; English
// shows "₩59,500". KRW has no minor unit, so it never shows decimals.
import type { Lang } from '../../shared/error-codes';
import { currencyDecimals } from '../../shared/order-schema';

const money = new Map<string, Intl.NumberFormat>();

function formatterFor(currency: string, lang: Lang): Intl.NumberFormat {
  const key = `${lang}:${currency}`;
  let f = money.get(key);
  if (!f) {
    const locale = lang === 'ko' ? 'ko-KR' : 'en-US';
    // The decimals the price rule allows in the currency, not the runtime's Intl's (RSD: 0 in
    // Chromium, 2 in Node): what the clerk sees is what is sent.
    const digits = currencyDecimals(currency);
    const decimals = { minimumFractionDigits: digits, maximumFractionDigits: digits };
    try {
      f =
        lang === 'ko' && currency === 'KRW'
          ? new Intl.NumberFormat(locale, decimals)
          : new Intl.NumberFormat(locale, { style: 'currency', currency, ...decimals });
    } catch {
      f = new Intl.NumberFormat(locale, decimals);
    }
    money.set(key, f);
  }
  return f;
}

export function formatMoney(amount: number, currency: string, lang: Lang): string {
  const text = formatterFor(currency, lang).format(amount);
  return lang === 'ko' && currency === 'KRW' ? `${text}원` : text;
}

const numbers = new Map<string, Intl.NumberFormat>();

/**
 * A plain number in the clerk's language, digits grouped (1,000). `digits` fixes its decimals, for
 * a column of figures that line up ("9,966.0" beside "9,966.1"); else up to two, none shown for a
 * whole number.
 */
export function formatNumber(n: number, lang: Lang, digits?: number): string {
  const key = `${lang}:${digits ?? ''}`;
  let f = numbers.get(key);
  if (!f)
    numbers.set(
      key,
      (f = new Intl.NumberFormat(
        lang === 'ko' ? 'ko-KR' : 'en-US',
        digits === undefined
          ? { maximumFractionDigits: 2 }
          : { minimumFractionDigits: digits, maximumFractionDigits: digits },
      )),
    );
  return f.format(n);
}

// Korean clocks write the hour without a leading zero ("오후 8:57"); English uses the 24-hour
// clock with one ("20:57"). Dates name the month in English: "06/12/2026" reads as 12 June to
// a clerk used to month-first dates, "6 Dec 2026" reads one way only.
const TIME: Record<Lang, Intl.DateTimeFormatOptions> = {
  ko: { hour: 'numeric', minute: '2-digit' },
  en: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
};
const DATE: Record<Lang, Intl.DateTimeFormatOptions> = {
  ko: { year: 'numeric', month: '2-digit', day: '2-digit' },
  en: { year: 'numeric', month: 'short', day: 'numeric' },
};
const locale = (lang: Lang) => (lang === 'ko' ? 'ko-KR' : 'en-GB');

export function formatTime(iso: string, lang: Lang): string {
  return new Date(iso).toLocaleTimeString(locale(lang), { ...TIME[lang], second: '2-digit' });
}

/** Date and time, for history and receipts ("6 Dec 2026, 14:05"; "2026. 12. 06. 오후 2:05"). */
export function formatDateTime(iso: string, lang: Lang): string {
  return new Date(iso).toLocaleString(locale(lang), { ...DATE[lang], ...TIME[lang] });
}

/** A date alone, as formatDateTime writes it. */
export function formatDate(iso: string, lang: Lang): string {
  return new Date(iso).toLocaleDateString(locale(lang), DATE[lang]);
}
