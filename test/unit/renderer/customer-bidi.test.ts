// A customer's name written right to left (Arabic, Hebrew) beside a customer ID that starts
// with a digit: unisolated, the bidi algorithm took the ID into the name's right-to-left run and
// Chromium drew "(1001) محمد علي" on the receipt, the ID first, and on Review the same. Each is
// isolated (<bdi>), so the receipt reads name, then ID, as for any other name.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { unsentRecord } from '../../../shared/outbox-types';
import type { ReviewEntry } from '../../../shared/risk-types';
import { order } from '../orders/fixtures';

vi.mock('../../../renderer/transport/api', () => ({ api: { on: () => () => {} }, onTransportStatus: () => () => {} }));
const { Receipt } = await import('../../../renderer/receipt/Receipt');
const { CustomerCell } = await import('../../../renderer/review/ReviewCells');

const NAME = 'محمد علي';
const ID = '1001';

describe('a right-to-left name beside its customer ID', () => {
  it('is isolated from the ID on the receipt', () => {
    const record = unsentRecord(order({ customerName: NAME, customerId: ID }), new Date().toISOString());
    const html = renderToStaticMarkup(createElement(Receipt, { record, onClose: () => {} }));
    expect(html).toContain(`<bdi>${NAME}</bdi> (<bdi>${ID}</bdi>)`);
  });

  it('is isolated from the ID on the Review screen', () => {
    const entry = { customerName: NAME, customerId: ID } as ReviewEntry;
    const html = renderToStaticMarkup(createElement(CustomerCell, { entry }));
    expect(html).toMatch(new RegExp(`<bdi>${NAME}</bdi> <bdi[^>]*>${ID}</bdi>`));
  });
});
