// The Outbox's inline void reason (AttentionActions.tsx): its label, the field with its count
// ("12/200자", as the receipt's void form shows it), and what the required check says under it.
import { useId } from 'react';
import { VOID_REASON_MAX } from '../../shared/order-schema';
import { useT } from '../i18n/i18n';
import { LengthCount } from '../shell/LengthCount';
import type { useRequiredFields } from '../shell/required-fields';

export function VoidReasonField({
  reason,
  onReason,
  required,
}: {
  reason: string;
  onReason(reason: string): void;
  required: ReturnType<typeof useRequiredFields<'reason'>>;
}) {
  const { t } = useT();
  // One per order needing attention, so several panels' counts stay apart.
  const countId = `${useId()}-count`;
  return (
    <>
      <label>
        {t('orders.voidReason')}
        <input
          value={reason}
          maxLength={VOID_REASON_MAX}
          onChange={(e) => onReason(e.target.value)}
          {...required.input('reason', countId)}
        />
      </label>{' '}
      <LengthCount id={countId} text={reason} max={VOID_REASON_MAX} />
      {required.message('reason')}
    </>
  );
}
