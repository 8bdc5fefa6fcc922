// The people the benchmarks' orders are for: Korean names (a family name, 김 a fifth, and a
// two-syllable given name; one in ten written in Latin letters) and mobile numbers. The order
// benchmarks and the search benchmark draw from here, so their orders look alike to the search
// indexes, which pay by the variety of names and numbers (a number's eight windows of four digits
// land at eight places in the phone index). No name has 서 in it, so "서준" matches nothing.
const FAMILY = ['김', '김', '이', '박', '최', '정', '강', '조', '윤', '임'];
export const GIVEN = [
  '민지',
  '지우',
  '하늘',
  '도윤',
  '예은',
  '현우',
  '수아',
  '지호',
  '유나',
  '건우',
  '하은',
  '시우',
  '다은',
  '은우',
  '채원',
  '우진',
  '지민',
  '민준',
  '소윤',
  '태윤',
];
const FAMILY_LATIN = ['Kim', 'Kim', 'Lee', 'Park', 'Choi', 'Jung', 'Kang', 'Jo', 'Yoon', 'Lim'];
const GIVEN_LATIN = [
  'Minji',
  'Jiwoo',
  'Haneul',
  'Doyun',
  'Yeeun',
  'Hyunwoo',
  'Sua',
  'Jiho',
  'Yuna',
  'Gunwoo',
  'Haeun',
  'Siwoo',
  'Daeun',
  'Eunwoo',
  'Chaewon',
  'Woojin',
  'Jimin',
  'Minjun',
  'Soyun',
  'Taeyun',
];

/** Person k's name (김민지 is one in a hundred). */
export function personName(k: number): string {
  const f = k % 10;
  const g = Math.floor(k / 10) % 20;
  const latin = Math.floor(k / 200) % 10 === 3;
  return latin ? `${FAMILY_LATIN[f]} ${GIVEN_LATIN[g]}` : FAMILY[f] + GIVEN[g];
}

export const four = (n: number) => String(n).padStart(4, '0');

/** Person k's mobile number, 010-(k mod 10,000)-(k mod 9,973): one of its own for each of the first 99,730,000. */
export const phoneOf = (k: number) => `010-${four(k % 10_000)}-${four(k % 9973)}`;
