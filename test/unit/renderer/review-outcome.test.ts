// Review's outcome cell says what is true of a flagged order: "Sent" only once it is delivered;
// before that, waiting, needing attention on the Outbox, or voided, in English and Korean.
import { describe, expect, it } from 'vitest';
import { i18next } from '../../../renderer/i18n/i18n';
import { outcomeLabel } from '../../../renderer/review/outcome-label';
import type { ReviewEntry } from '../../../shared/risk-types';

const words = (outcome: ReviewEntry['outcome'], delivery: ReviewEntry['delivery']) =>
  (['en', 'ko'] as const).map((lng) => i18next.t(outcomeLabel({ outcome, delivery }), { ns: 'ui', lng }));

describe('Review outcome', () => {
  it('says sent only once a warned or confirmed order is delivered, and what else became of it', () => {
    expect(words('sent', 'waiting')).toEqual([
      'Saved, flagged; waiting to be sent',
      '표시와 함께 저장함, 전송 대기 중',
    ]);
    expect(words('sent', 'delivered')).toEqual(['Sent, flagged', '표시와 함께 보냄']);
    expect(words('sent', 'attention')).toEqual([
      'Flagged, not sent: needs attention on the Outbox',
      '표시됨, 보내지 못함: 보낼 목록에서 확인 필요',
    ]);
    expect(words('sent', 'voided')).toEqual(['Flagged, voided: never sent', '표시됨, 보내지 않고 취소함']);
    expect(words('confirmed', 'waiting')).toEqual(['Confirmed; waiting to be sent', '확인함, 전송 대기 중']);
    expect(words('confirmed', 'delivered')).toEqual(['Confirmed and sent', '확인 후 보냄']);
    expect(words('confirmed', 'attention')).toEqual([
      'Confirmed, not sent: needs attention on the Outbox',
      '확인했지만 보내지 못함: 보낼 목록에서 확인 필요',
    ]);
    expect(words('confirmed', 'cancelled')).toEqual(['Confirmed and sent, then voided', '확인 후 보낸 뒤 취소함']);
    expect(words('routed', 'waiting')).toEqual(['For review; waiting to be sent', '검토 토픽 전송 대기 중']);
    expect(words('routed', 'delivered')).toEqual(['Sent to review', '검토 토픽으로 보냄']);
    expect(words('held', null)).toEqual(['Held for a supervisor', '감독자 확인 대기']);
    expect(words('voided', null)).toEqual(['Voided', '취소됨']);
  });
});
