// An order's note ("deliver at 3 pm") was shown nowhere once the order was saved: the receipt,
// the one place an order is shown whole, now carries it, in either language; an order without
// one has no empty Note line.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { i18next } from '../../../renderer/i18n/i18n';
import { unsentRecord } from '../../../shared/outbox-types';
import { order } from '../orders/fixtures';

vi.mock('../../../renderer/transport/api', () => ({ api: { on: () => () => {} }, onTransportStatus: () => () => {} }));
const { Receipt } = await import('../../../renderer/receipt/Receipt');

afterEach(() => i18next.changeLanguage('en'));

function receipt(note: string | undefined): string {
  // The fixture's order has a note: left out for an order without one.
  const { note: _fixture, ...without } = order();
  const o = note === undefined ? without : { ...without, note };
  return renderToStaticMarkup(
    createElement(Receipt, { record: unsentRecord(o, new Date().toISOString()), onClose: () => {} }),
  );
}

describe("the receipt's note", () => {
  it('shows the note the order was saved with, under its heading, in English and Korean', async () => {
    expect(receipt('office order, deliver 3pm')).toMatch(
      /<dt>Note<\/dt><dd data-testid="receipt-note"><bdi>office order, deliver 3pm<\/bdi><\/dd>/,
    );
    await i18next.changeLanguage('ko');
    expect(receipt('3시 배달')).toMatch(/<dt>메모<\/dt><dd data-testid="receipt-note"><bdi>3시 배달<\/bdi><\/dd>/);
  });

  it('has no Note line for an order without one', () => {
    expect(receipt(undefined)).not.toContain('receipt-note');
  });
});
