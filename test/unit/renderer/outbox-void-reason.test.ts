// The Outbox's inline void reason shows how much of its limit is used, as the receipt's void form
// and the order's Note do ("12/200자"), and the reason's field is described by that count.
import { createElement, useState } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { i18next } from '../../../renderer/i18n/i18n';
import { VoidReasonField } from '../../../renderer/outbox/VoidReasonField';
import { useRequiredFields } from '../../../renderer/shell/required-fields';
import { VOID_REASON_MAX } from '../../../shared/order-schema';

afterEach(() => i18next.changeLanguage('en'));

function Reason({ text }: { text: string }) {
  const required = useRequiredFields<'reason'>();
  const [reason, setReason] = useState(text);
  return createElement(VoidReasonField, { reason, onReason: setReason, required });
}
const field = (text: string) => renderToStaticMarkup(createElement(Reason, { text }));

describe("the Outbox's void reason shows its length against its limit", () => {
  it('in English and Korean, and tied to the field', async () => {
    expect(field('wrong table')).toContain(`>11 of at most ${VOID_REASON_MAX}<`);
    await i18next.changeLanguage('ko');
    expect(field('')).toContain(`>0/${VOID_REASON_MAX}자<`);
    const html = field('손님 변심');
    const countId = new RegExp(`id="([^"]+)"[^>]*>5/${VOID_REASON_MAX}자<`).exec(html)?.[1];
    expect(countId).toBeTruthy();
    expect(/<input[^>]*aria-describedby="([^"]+)"/.exec(html)?.[1].split(' ')).toContain(countId);
  });
});
