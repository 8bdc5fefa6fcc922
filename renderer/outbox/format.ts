import type { Lang } from '../../shared/error-codes';

const money = new Map<string, Intl.NumberFormat>();

export function formatMoney(amount: number, currency: string, lang: Lang): string {
  const key = `${lang}:${currency}`;
  let f = money.get(key);
  if (!f) {
    try {
      f = new Intl.NumberFormat(lang === 'ko' ? 'ko-KR' : 'en-US', { style: 'currency', currency });
    } catch {
      f = new Intl.NumberFormat(lang === 'ko' ? 'ko-KR' : 'en-US', { maximumFractionDigits: 2 });
    }
    money.set(key, f);
  }
  return f.format(amount);
}

export function formatTime(iso: string, lang: Lang): string {
  return new Date(iso).toLocaleTimeString(lang === 'ko' ? 'ko-KR' : 'en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}
