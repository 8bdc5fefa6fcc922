// Review's rows as the supervisor reads them: the total an order has now (a correction on the
// Outbox may have removed lines since Save, and the row says so), and a search on an outcome
// word finds the rows whose shown outcome says it, in English and Korean. The same for the
// customer's name a correction changed: shown as it is now, marked, and found by either name.
import path from 'node:path';
import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { OutboxStore } from '../../../electron/orders/outbox-store';
import { RiskService } from '../../../electron/risk/risk-service';
import { createRiskHandlers } from '../../../electron/risk/handlers';
import { DEFAULT_SETTINGS } from '../../../shared/settings-schema';
import { orderTotal, type Order } from '../../../shared/order-schema';
import type { RiskFlag } from '../../../shared/risk-flags';
import { i18next } from '../../../renderer/i18n/i18n';
import { outcomeLabel } from '../../../renderer/review/outcome-label';
import { reviewCsv } from '../../../renderer/review/review-csv';
import { order, refuseAsTooLarge } from '../orders/fixtures';
import { tempDir } from '../orders/temp-dir';
import { formatError } from '../../../shared/error-codes';
import { CustomerCell, TotalCell } from '../../../renderer/review/ReviewCells';
import { RiskFlagList } from '../../../renderer/review/RiskFlags';
import type { ReviewEntry } from '../../../shared/risk-types';

const opened: Array<{ close(): unknown }> = [];
afterEach(async () => {
  for (const s of opened.splice(0).reverse()) await s.close();
  await i18next.changeLanguage('en');
});

/** A row's cell as the supervisor reads it (its text, tags dropped), in English and in Korean. */
async function cellText(cell: (p: { entry: ReviewEntry }) => ReactElement, entry: ReviewEntry): Promise<string[]> {
  const texts: string[] = [];
  for (const lng of ['en', 'ko']) {
    await i18next.changeLanguage(lng);
    const html = renderToStaticMarkup(
      createElement(
        'table',
        null,
        createElement('tbody', null, createElement('tr', null, createElement(cell, { entry }))),
      ),
    );
    texts.push(html.replace(/<[^>]+>/g, ''));
  }
  return texts;
}

const duplicate: RiskFlag = {
  code: 'duplicate',
  severity: 'warning',
  params: { customerId: 'kim', minutesAgo: 2, terminalId: 'terminal-1', windowMinutes: 10 },
};

/** The risk service over an outbox file (another start of the app, when the file was opened before). */
function riskService(dir: string, outbox: OutboxStore, onHeld?: (held: number) => void) {
  return new RiskService({
    dataDir: dir,
    outbox,
    settings: () => DEFAULT_SETTINGS,
    saveSettings: (s) => ({ ok: true, value: s }),
    onChanges: () => {},
    nudge: () => {},
    log: () => {},
    ...(onHeld ? { onHeld } : {}),
  });
}

function setup() {
  const dir = tempDir();
  const outbox = OutboxStore.open(path.join(dir, 'outbox.sqlite'));
  const heard: number[] = [];
  const risk = riskService(dir, outbox, (n) => heard.push(n));
  opened.push(outbox, risk);
  const seqOf = (id: string) => outbox.candidates(100).find((r) => r.order.orderId === id)!.seq;
  /** A warned order (flagged, sent as it is), saved to the outbox with its review row. */
  const warned = (o: Order, flags: RiskFlag[] = [duplicate], training = false) => {
    risk.store.add({
      order: o,
      submissionId: null,
      flags,
      policy: 'warn',
      outcome: 'sent',
      topic: 'user-data',
      headers: {},
      training,
    });
    outbox.addMany([o], [], () => risk.beforeSave());
    return o.orderId;
  };
  const delivered = (id: string) => {
    const seq = seqOf(id);
    outbox.markSending([seq]);
    outbox.markDelivered([{ seq, partition: 0, offset: '7' }]);
  };
  const refusedAsTooLarge = (id: string) => refuseAsTooLarge(outbox, seqOf(id));
  /** An order held for a supervisor by its policy. */
  const held = (o: Order) => {
    risk.store.add({
      order: o,
      submissionId: null,
      flags: [duplicate],
      policy: 'hold',
      outcome: 'held',
      topic: null,
      headers: {},
      training: false,
    });
    return o.orderId;
  };
  return { dir, outbox, risk, warned, delivered, refusedAsTooLarge, heard, held };
}

describe('Review rows', () => {
  it('show the total an order has after a correction on the Outbox, with the total it was saved with', async () => {
    const { outbox, risk, warned, refusedAsTooLarge } = setup();
    const o = order({ customerId: 'kim' }); // 3 × 1,200 + 2,450 = 6,050
    warned(o);
    refusedAsTooLarge(o.orderId);
    const lines = o.lines.slice(0, 1);
    const fixed = outbox.correct(o.orderId, { ...o, lines, total: orderTotal(lines) });
    if (!fixed.ok) throw new Error(JSON.stringify(fixed.error));

    const [row] = risk.review('', 0);
    expect(row).toMatchObject({ total: 3600, currency: 'KRW', savedTotal: { total: 6050, currency: 'KRW' } });
    expect(await cellText(TotalCell, row)).toEqual([
      '₩3,600Corrected; saved as ₩6,050',
      '3,600원수정됨, 저장 당시 6,050원',
    ]);
    const csv = reviewCsv([row], 'en').split('\r\n');
    expect(csv[0]).toMatch(/,total,currency,.*,saved_total,saved_currency,saved_customer_name,practice,checks$/);
    expect(csv[1]).toMatch(/,3600,KRW,.*,6050,KRW,,false,[^,]+$/);

    // An order nobody corrected has no saved total apart.
    const other = order({ customerId: 'lee' });
    warned(other);
    const plain = risk.review(other.orderId, 0)[0];
    expect(plain.total).toBe(6050);
    expect(plain.savedTotal).toBeUndefined();
    expect(reviewCsv([plain], 'en').split('\r\n')[1]).toMatch(/,6050,KRW,.*,,,false,[^,]+$/);
  });

  it('show the name an order has after a correction on the Outbox, and find it by that name and by the saved one', async () => {
    const { outbox, risk, warned, refusedAsTooLarge } = setup();
    const o = order({ customerId: 'kim', customerName: '김민수' });
    warned(o);
    refusedAsTooLarge(o.orderId);
    const fixed = outbox.correct(o.orderId, { ...o, customerName: '박지영' });
    if (!fixed.ok) throw new Error(JSON.stringify(fixed.error));

    const [row] = risk.review('', 0);
    expect(row).toMatchObject({ customerName: '박지영', savedCustomerName: '김민수', total: 6050 });
    expect(row.savedTotal).toBeUndefined();
    expect(await cellText(CustomerCell, row)).toEqual([
      '박지영 kimCorrected; saved as 김민수',
      '박지영 kim수정됨, 저장 당시 이름 김민수',
    ]);
    expect(await cellText(TotalCell, row)).toEqual(['₩6,050', '6,050원']);
    // Found by the name it carries now, and by the one it was flagged with.
    const found = (q: string) => risk.review(q, 0).map((e) => e.orderId);
    expect(found('박지영')).toEqual([o.orderId]);
    expect(found('김민수')).toEqual([o.orderId]);
    const csv = reviewCsv([row], 'en').split('\r\n');
    expect(csv[1]).toMatch(/,kim,박지영,.*,6050,KRW,.*,,,김민수,false,[^,]+$/);

    // An order nobody renamed is shown and found by its one name.
    const other = order({ customerId: 'lee', customerName: '이서연' });
    warned(other);
    expect(risk.review('이서연', 0)).toEqual([expect.objectContaining({ customerName: '이서연' })]);
    expect(risk.review('이서연', 0)[0].savedCustomerName).toBeUndefined();
    expect(await cellText(CustomerCell, risk.review('이서연', 0)[0])).toEqual(['이서연 lee', '이서연 lee']);
    // By the customer ID in either case, and typed full-width as in a Korean IME's full-width mode.
    expect(found('LEE')).toEqual([other.orderId]);
    expect(found('ｌｅｅ')).toEqual([other.orderId]);
  });

  it('a search on an outcome word finds the rows whose outcome says it, not orders still waiting', () => {
    const { risk, warned, delivered, refusedAsTooLarge } = setup();
    const sent = warned(order({ customerId: 'a' }));
    delivered(sent);
    const waiting = warned(order({ customerId: 'b' }));
    const attention = warned(order({ customerId: 'c' }));
    refusedAsTooLarge(attention);

    const shown = (id: string) =>
      (['en', 'ko'] as const).map((lng) => i18next.t(outcomeLabel(risk.review(id, 0)[0]), { ns: 'ui', lng }));
    expect(shown(sent)).toEqual(['Sent, flagged', '표시와 함께 보냄']);
    expect(shown(waiting)).toEqual(['Saved, flagged; waiting to be sent', '표시와 함께 저장함, 전송 대기 중']);

    const found = (q: string) => risk.review(q, 0).map((e) => e.orderId);
    expect(found('sent')).toEqual([sent]);
    expect(found('Sent')).toEqual([sent]);
    expect(found('보냄')).toEqual([sent]);
    expect(found('waiting')).toEqual([waiting]);
    expect(found('대기')).toEqual([waiting]);
    expect(found('attention')).toEqual([attention]);
    expect(found('확인 필요')).toEqual([attention]);
  });

  it('a search on a check’s name or the Practice badge, as the row shows them, finds those rows in English and Korean', async () => {
    const { risk, warned } = setup();
    const large: RiskFlag = {
      code: 'new-customer-large',
      severity: 'high',
      params: { customerId: 'b', total: 900_000, limit: 500_000, currency: 'KRW' },
    };
    const twice = warned(order({ customerId: 'a' }));
    const practice = warned(order({ customerId: 'b' }), [large], true);

    // What the row shows: each flag's check by name, and the badge of an order flagged in training.
    const shown = async (el: ReactElement) => {
      const texts: string[] = [];
      for (const lng of ['en', 'ko']) {
        await i18next.changeLanguage(lng);
        texts.push(renderToStaticMarkup(el).replace(/<[^>]+>/g, ''));
      }
      return texts;
    };
    const [en, ko] = await shown(createElement(RiskFlagList, { flags: [duplicate] }));
    expect(en).toContain('Duplicate order');
    expect(ko).toContain('중복 주문');
    // The Practice badge's word (renderer/outbox/RecentOrders.tsx, PracticeBadge).
    expect((['en', 'ko'] as const).map((lng) => i18next.t('orders.practice', { ns: 'ui', lng }))).toEqual([
      'Practice',
      '연습',
    ]);

    const found = (q: string) => risk.review(q, 0).map((e) => e.orderId);
    for (const q of ['중복', '중복 주문', 'Duplicate order', 'duplicate', 'dup']) expect(found(q), q).toEqual([twice]);
    for (const q of ['새 고객', '큰 주문', 'new customer', 'Large total', '연습', 'Practice', 'practice'])
      expect(found(q), q).toEqual([practice]);
    expect(found('주문').sort()).toEqual([twice, practice].sort());
    expect(found('ate')).toEqual([]);
  });

  it('counts the orders held for a supervisor, as the Review tab shows them, and says so when one is held or decided', async () => {
    const { dir, outbox, risk, heard, held } = setup();
    expect(risk.setPin(null, '2468').ok).toBe(true);
    const hold = (customerId: string) => held(order({ customerId }));
    const status = async () => {
      const r = await createRiskHandlers(risk).status(undefined as never);
      return r.ok ? r.value.held : null;
    };
    expect(await status()).toBe(0);
    const [a, b] = [hold('kim'), hold('lee')];
    expect(heard).toEqual([1, 2]);
    expect(await status()).toBe(2);
    const decide = (orderId: string, decision: 'confirm' | 'void') =>
      risk.decide({ orderId, decision, supervisor: 'Lee Sujin', pin: '2468' }).ok;
    expect(decide(a, 'confirm')).toBe(true);
    expect(decide(a, 'void')).toBe(false); // decided already: nothing changes, nothing said
    expect(heard).toEqual([1, 2, 1]);
    // Another start of the app counts what waits in the file.
    const again = riskService(dir, outbox);
    expect(again.store.held).toBe(1);
    await again.close();
    expect(decide(b, 'void')).toBe(true);
    expect(heard).toEqual([1, 2, 1, 0]);
    expect(await status()).toBe(0);
  });

  it('a decision made first in another window tells the second supervisor who decided and what became of the order', () => {
    const { risk, held } = setup();
    expect(risk.setPin(null, '2468').ok).toBe(true);
    const confirmed = held(order({ customerId: 'kim', orderId: '01a2521b-7bd0-765f-a35c-fb2a01d70001' }));
    const voided = held(order({ customerId: 'lee', orderId: '01a2521b-7bd0-765f-a35c-fb2a01d70002' }));
    const decide = (orderId: string, decision: 'confirm' | 'void', supervisor: string) =>
      risk.decide({ orderId, decision, supervisor, pin: '2468' });
    expect(decide(confirmed, 'confirm', 'Lee Sujin').ok).toBe(true);
    expect(decide(voided, 'void', '박지훈').ok).toBe(true);

    // The second window's press, on the form it still shows: both languages, the short id the row shows.
    const said = (r: ReturnType<typeof decide>) =>
      r.ok ? 'decided again' : (['en', 'ko'] as const).map((lng) => formatError(r.error, lng));
    expect(said(decide(confirmed, 'confirm', 'Choi Jiwoo'))).toEqual([
      'Already decided: Lee Sujin confirmed order 01d70001, and it is sent once. Nothing was changed.',
      '이미 결정된 주문입니다. Lee Sujin 님이 주문 01d70001을 확인했고, 주문은 한 번만 전송됩니다. 아무것도 바꾸지 않았습니다.',
    ]);
    expect(said(decide(confirmed, 'void', 'Choi Jiwoo'))).toEqual(said(decide(confirmed, 'confirm', 'Choi Jiwoo')));
    expect(said(decide(voided, 'confirm', 'Lee Sujin'))).toEqual([
      'Already decided: 박지훈 voided order 01d70002, and it is never sent. Nothing was changed.',
      '이미 결정된 주문입니다. 박지훈 님이 주문 01d70002를 취소했고, 주문은 전송되지 않습니다. 아무것도 바꾸지 않았습니다.',
    ]);
  });
});
