// The search indexes' batches (outbox schema 13): filled every interval after Save, a backlog in
// consecutive batches without waiting an interval between them, nothing after stop(), and a
// failure said once in the log while the orders stay where they are.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OrderHistory } from '../../../electron/counter/order-history';
import { OutboxStore, SEARCH_INDEX_BATCH } from '../../../electron/orders/outbox-store';
import { startSearchIndexing, type SearchIndexing } from '../../../electron/orders/search-indexing';
import { until } from '../../support/until';
import { searchAll } from '../counter/history-search-oracle';
import { order } from './fixtures';
import { tempDir } from './temp-dir';

const open: Array<{ close(): void } | SearchIndexing> = [];
afterEach(() => {
  for (const s of open.splice(0).reverse()) {
    if ('stop' in s) s.stop();
    else s.close();
  }
});

describe('search indexing batches', () => {
  it('fills the indexes after Save, a backlog in back-to-back batches, and stops when told', async () => {
    const file = path.join(tempDir(), 'outbox.sqlite');
    const outbox = OutboxStore.open(file);
    open.push(outbox);
    const history = new OrderHistory(file);
    open.push(history);
    const start = outbox.searchIndexedUpTo();
    const backlog = Array.from({ length: SEARCH_INDEX_BATCH * 2 + 7 }, (_, i) =>
      order({ customerId: `C-${i}`, customerName: i === 0 ? '남궁옥분' : `Kim ${i}` }),
    );
    for (const r of outbox.addMany(backlog)) expect(r.ok).toBe(true);
    expect(outbox.searchIndexedUpTo()).toBe(start);
    // An interval far longer than the test: only the back-to-back batches can cover the backlog.
    const indexing = startSearchIndexing({ outbox, intervalMs: 60_000 });
    open.push(indexing);
    await until(() => outbox.searchIndexedUpTo() === start + backlog.length, 2_000, 'the backlog indexed');
    expect(searchAll(history, '옥분')).toEqual([backlog[0].orderId]);
    indexing.stop();
    const more = order({ customerId: 'C-x', customerName: '남궁옥분' });
    expect(outbox.add(more).ok).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
    expect(outbox.searchIndexedUpTo()).toBe(start + backlog.length);
    // Not in the indexes, found all the same.
    expect(searchAll(history, '옥분')).toEqual([more.orderId, backlog[0].orderId]);
  });

  it('fills new orders at its interval, and says a failure once while the orders stay', async () => {
    const file = path.join(tempDir(), 'outbox.sqlite');
    const outbox = OutboxStore.open(file);
    open.push(outbox);
    const lines: string[] = [];
    const indexing = startSearchIndexing({ outbox, intervalMs: 20, log: (l) => lines.push(l) });
    open.push(indexing);
    const start = outbox.searchIndexedUpTo();
    const first = order({ customerName: 'Seo Yuna' });
    expect(outbox.add(first).ok).toBe(true);
    await until(() => outbox.searchIndexedUpTo() === start + 1, 5_000, 'the new order indexed');
    // The database goes away under it (as at a shutdown in the wrong order): one line, no throw.
    outbox.close();
    await new Promise((r) => setTimeout(r, 120));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^search index: .*(not open|closed)/i);
    const again = OutboxStore.open(file);
    open.push(again);
    expect(again.get(first.orderId)?.order.customerName).toBe('Seo Yuna');
  });
});
