// What Review says became of a flagged order, decided once for both sides: the renderer shows it
// (risk.outcome.<shown> in renderer/i18n/ui-strings.ts) and the service's search matches its
// words. The search matched the stored outcome code, so "sent" found warned orders still waiting
// to be sent, or never sent, whose row says "waiting" or "not sent"; and a Korean word found nothing.
import type { ReviewEntry } from './risk-types';
import { RISK_CHECK_NAMES } from './risk-flags';

export type ShownOutcome =
  | ReviewEntry['outcome']
  | `${'sent' | 'confirmed'}.${'waiting' | 'attention' | 'voided' | 'cancelled'}`
  | 'routed.waiting';

/** An outcome and, for one that goes to a topic, where it stands ("Sent" only once delivered). */
export function shownOutcome(e: Pick<ReviewEntry, 'outcome' | 'delivery'>): ShownOutcome {
  const { outcome, delivery } = e;
  if (delivery === null || delivery === 'delivered') return outcome;
  if (outcome === 'sent' || outcome === 'confirmed') return `${outcome}.${delivery}`;
  // Routed: the review sender retries until the review topic takes it, so it only ever waits.
  return 'routed.waiting';
}

/**
 * The words of each shown outcome a search finds it by, in English and Korean: those its words
 * say of it, not those they deny ("never sent", "보내지 않고"), so "sent" finds what went.
 */
const WORDS: Record<ShownOutcome, readonly string[]> = {
  sent: ['sent', '보냄'],
  held: ['held', 'supervisor', '대기', '감독자'],
  confirmed: ['confirmed', 'sent', '확인', '보냄'],
  voided: ['voided', '취소'],
  routed: ['sent', 'review', '검토', '보냄'],
  'sent.waiting': ['saved', 'waiting', '저장', '대기'],
  'sent.attention': ['attention', '확인 필요'],
  'sent.voided': ['voided', '취소'],
  'sent.cancelled': ['sent', 'voided', '보냄', '취소'],
  'confirmed.waiting': ['confirmed', 'waiting', '확인', '대기'],
  'confirmed.attention': ['confirmed', 'attention', '확인', '확인 필요'],
  'confirmed.voided': ['confirmed', 'voided', '확인', '취소'],
  'confirmed.cancelled': ['confirmed', 'sent', 'voided', '확인', '보냄', '취소'],
  'routed.waiting': ['review', 'waiting', '검토', '대기'],
};

/** Whether a search (trimmed, lower case) is a word of the entry's shown outcome. */
export function outcomeSaysIt(e: Pick<ReviewEntry, 'outcome' | 'delivery'>, q: string): boolean {
  return WORDS[shownOutcome(e)].includes(q.normalize('NFC'));
}

/** The badge of an order flagged in training (Review, and the recent orders), in both languages. */
export const PRACTICE_WORD = { en: 'Practice', ko: '연습' } as const;

/**
 * Whether a search (trimmed, lower case) starts a word of a name the row shows, in either
 * language: a flag's check ("중복" finds 중복 주문, "unusual" both outlier checks) or the Practice
 * badge. A word's start, not anywhere in it: "ate" is in no name a supervisor reads.
 */
export function namesSayIt(e: Pick<ReviewEntry, 'flags' | 'practice'>, q: string): boolean {
  const names = e.flags.flatMap((f) => Object.values(RISK_CHECK_NAMES[f.code]));
  if (e.practice) names.push(...Object.values(PRACTICE_WORD));
  const query = q.normalize('NFC');
  return names.some((name) => ` ${name.toLowerCase()}`.includes(` ${query}`));
}
