// Korean particles that depend on the word before them (이/가, 을/를, 은/는, 으로/로, 과/와):
// templates write {topic, josa(이/가)} instead of the placeholder "이(가)", and the word's
// last sound picks one, through es-hangul. Names in this app often end in a digit or a Latin
// letter ("C-1001", "user-data"), which es-hangul reads as having no final consonant; they are
// read as a Korean speaker says them (1 → 일, L → 엘) first.
import { josa } from 'es-hangul';

type JosaOption = Parameters<typeof josa.pick>[1];

const DIGITS = ['영', '일', '이', '삼', '사', '오', '육', '칠', '팔', '구'];
const LETTERS: Record<string, string> = {
  a: '에이',
  b: '비',
  c: '씨',
  d: '디',
  e: '이',
  f: '에프',
  g: '지',
  h: '에이치',
  i: '아이',
  j: '제이',
  k: '케이',
  l: '엘',
  m: '엠',
  n: '엔',
  o: '오',
  p: '피',
  q: '큐',
  r: '알',
  s: '에스',
  t: '티',
  u: '유',
  v: '브이',
  w: '더블유',
  x: '엑스',
  y: '와이',
  z: '지',
};

/** The last sound of a word as Korean reads it aloud, as a Hangul syllable (or the word itself). */
function spokenTail(word: string): string {
  const trimmed = word.replace(/[\s"'”’)\]}.,!?-]+$/u, '');
  const last = trimmed.slice(-1);
  if (/[0-9]/.test(last)) return DIGITS[Number(last)];
  if (/[a-z]/i.test(last)) return LETTERS[last.toLowerCase()];
  return trimmed || word;
}

/** The particle that goes after `word`, e.g. josaFor('주문', '이/가') === '이'. */
export function josaFor(word: string, option: string): string {
  return josa.pick(spokenTail(word), option as JosaOption);
}

/**
 * Fills {name} and {name, josa(이/가)} in a template. The one filler for the UI (through
 * i18next's formatter) and for logs (formatError), so both say the same sentence.
 */
export function fillTemplate(template: string, params: Record<string, string | number> | undefined): string {
  return template.replace(/\{(\w+)(?:,\s*josa\(([^)]+)\))?\}/g, (whole, k: string, option?: string) => {
    const v = params?.[k];
    if (v === undefined) return whole;
    return option ? `${v}${josaFor(String(v), option)}` : String(v);
  });
}
