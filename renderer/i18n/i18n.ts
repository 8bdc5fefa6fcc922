// i18next resources built from the two tables: shared/error-codes.ts (namespace "errors",
// the same words main's formatError uses) and ui-strings.ts (namespace "ui").
import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { ERROR_MESSAGES, isErrorCode, sayWanted, type AppError, type Lang } from '../../shared/error-codes';
import { josaFor } from '../../shared/josa';
import { UI_STRINGS, type UiKey, type Words } from './ui-strings';

export type { Words };

/** One language's bundle of a table: `one` becomes i18next's key_one in English. */
export function bundleOf(table: Record<string, Words>, lang: Lang): Record<string, string> {
  return Object.fromEntries(
    Object.entries(table).flatMap(([k, v]): Array<[string, string]> => [
      [k, v[lang]],
      ...(lang === 'en' && v.one !== undefined ? [[`${k}_one`, v.one] as [string, string]] : []),
    ]),
  );
}

export const LANGS: readonly Lang[] = ['en', 'ko'];

// The terminal's language comes with its settings, which a page without its token never gets: on
// a Korean terminal the "Link no longer valid" page was in English. The page keeps the last
// language it was set to, for the first words it shows before (or without) the settings.
const LANG_KEY = 'order-desk.language';
function rememberedLanguage(): Lang | null {
  try {
    const lang = globalThis.localStorage?.getItem(LANG_KEY);
    return LANGS.find((l) => l === lang) ?? null;
  } catch {
    return null; // storage refused (a private window)
  }
}
/**
 * The languages a page without settings speaks: the one it last had, or (another address, a new
 * browser) both, English first, as the server's 421 page does.
 */
export const pageLanguages: readonly Lang[] = ((lang) => (lang ? [lang] : LANGS))(rememberedLanguage());
const firstLanguage = pageLanguages[0]!;
if (typeof document !== 'undefined') document.documentElement.lang = firstLanguage;

void i18next.use(initReactI18next).init({
  lng: firstLanguage,
  fallbackLng: 'en',
  ns: ['ui', 'errors'],
  defaultNS: 'ui',
  resources: Object.fromEntries(
    LANGS.map((lang) => [lang, { ui: bundleOf(UI_STRINGS, lang), errors: bundleOf(ERROR_MESSAGES, lang) }]),
  ),
  // Keys such as "field.required" are flat, and both tables write parameters as {name}.
  keySeparator: false,
  interpolation: { prefix: '{', suffix: '}', escapeValue: false },
  returnNull: false,
});

// {word, josa(이/가)} in a Korean sentence: the particle that fits the word (shared/josa.ts).
i18next.services.formatter?.add(
  'josa',
  (value: unknown, _lng: string | undefined, options: Record<string, unknown>) => {
    const option = Object.keys(options).find((k) => k.includes('/'));
    return option ? `${String(value)}${josaFor(String(value), option)}` : String(value);
  },
);

export function setLanguage(lang: Lang): void {
  if (i18next.language !== lang) void i18next.changeLanguage(lang);
  document.documentElement.lang = lang;
  try {
    globalThis.localStorage?.setItem(LANG_KEY, lang);
  } catch {
    // Not kept: the next page without settings starts in English.
  }
}

type Translate = (key: string, options: Record<string, unknown>) => string;

/**
 * An AppError or field-error code in the words of t's language. A refused request with a coded
 * reason says the reason (a PIN of "12a4": "PIN은 숫자 4~12자리입니다"), not its English detail.
 */
export function errorText(t: Translate, e: AppError | string | null | undefined): string {
  if (!e) return '';
  const code = typeof e === 'string' ? e : e.code;
  const params = typeof e === 'string' ? {} : (e.params ?? {});
  if (code === 'request.invalid' && isErrorCode(params.reason)) return t(params.reason, { ns: 'errors', ...params });
  if (!isErrorCode(code)) return t('field.invalid', { ns: 'errors' });
  return t(code, { ns: 'errors', ...sayWanted({ code, params }, (reason) => errorText(t, reason)) });
}

/** t() for UI strings plus err() for AppErrors and field-error codes, in the clerk's language. */
export function useT() {
  const { t } = useTranslation('ui');
  const tr = (key: UiKey, params?: Record<string, string | number>) => t(key, params ?? {});
  const err = (e: AppError | string | null | undefined): string => errorText(t, e);
  return { t: tr, err, lang: (i18next.language as Lang) ?? 'en' };
}

export { i18next };
