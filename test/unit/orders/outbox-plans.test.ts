// Every statement the outbox prepares finds its rows through an index: no statement reads the
// whole outbox or the whole history, so the cost of an order does not grow with the terminal's
// age (issue 9). The statements come from the store itself (statementSources), so a query added
// to it is checked here without being listed.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { HISTORY_INDEX_SQL } from '../../../electron/counter/order-history';
import { OutboxStore } from '../../../electron/orders/outbox-store';
import { SEARCH_INDEX_SQL } from '../../../electron/orders/outbox-schema';
import { tempDir } from './temp-dir';
import { fullScansOf, partialIndexes } from './query-plans';

// order_short_id (schema 15) has a row per time-ordered order id: read whole, it is as large as
// the orders themselves. The phone and name windows' indexes (order_phone_windows, schema 16;
// order_name_windows, schema 18) are FTS5's: checked below for MATCH or rowid in their plans.
const ORDER_TABLES = ['outbox', 'order_history', 'order_voided', 'order_short_id'];

const opened: OutboxStore[] = [];
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
});

const fullScans = (plan: string[], partial: Set<string>) => fullScansOf(plan, ORDER_TABLES, partial);

describe('outbox query plans', () => {
  it('the checker flags a full scan (the old waiting count) and accepts searches', () => {
    const file = path.join(tempDir(), 'outbox.sqlite');
    const store = OutboxStore.open(file);
    opened.push(store);
    const partial = partialIndexes(file);
    expect(fullScans(store.explain(`SELECT COUNT(*) FROM outbox WHERE state <> 'delivered'`), partial)).not.toEqual([]);
    expect(fullScans(store.explain(`SELECT * FROM order_history ORDER BY seq DESC LIMIT 5`), partial)).not.toEqual([]);
    expect(fullScans(store.explain(`SELECT * FROM order_history WHERE customer_id = 'x'`), partial)).toEqual([]);
    // The Orders search's customer ID in either case: still lookups of the index.
    expect(
      fullScans(store.explain(`SELECT * FROM order_history WHERE customer_id IN ('c-1', 'C-1', 'c-1')`), partial),
    ).toEqual([]);
  });

  it('no statement the store prepares reads the outbox or the history whole', () => {
    const file = path.join(tempDir(), 'outbox.sqlite');
    const store = OutboxStore.open(file);
    opened.push(store);
    const partial = partialIndexes(file);
    const sources = store.statementSources();
    // The dispatcher's path and the screens' reads are all among them.
    for (const name of [
      'candidates',
      'nextDue',
      'markSending',
      'moveToHistory',
      'markFailed',
      'recentWaiting',
      'recentHistory',
      'olderWaiting',
      'olderAttention',
      'olderOfCustomer',
      'historyCount',
      'pruneHistory',
    ])
      expect(Object.keys(sources)).toContain(name);
    const offenders: string[] = [];
    for (const [name, sql] of Object.entries(sources)) {
      const plan = store.explain(sql);
      const scans = fullScans(plan, partial);
      if (scans.length > 0) offenders.push(`${name}: ${scans.join('; ')}`);
    }
    expect(offenders).toEqual([]);
  });

  it('the Orders search reads its indexes by key: the names, the name and phone windows, and their upkeep', () => {
    const file = path.join(tempDir(), 'outbox.sqlite');
    const store = OutboxStore.open(file);
    opened.push(store);
    const partial = partialIndexes(file);
    const offenders: string[] = [];
    const plans: string[] = [];
    // Stricter than fullScans (these statements name their tables by alias): no SCAN at all but
    // of a virtual table (FTS5's index, json_each's list) or of a row source the plan builds itself.
    const check = (name: string, sql: string) => {
      const plan = store.explain(sql);
      plans.push(...plan);
      const built = plan.map((l) => /^(?:CO-ROUTINE|MATERIALIZE) (\S+)/.exec(l)?.[1]).filter(Boolean);
      const scans = [
        ...fullScans(plan, partial),
        ...plan.filter(
          (l) =>
            /^SCAN /.test(l) &&
            !/VIRTUAL TABLE|CONSTANT ROW|^SCAN \(subquery/.test(l) &&
            !built.includes(/^SCAN (\S+)/.exec(l)![1]),
        ),
      ];
      if (scans.length > 0) offenders.push(`${name}: ${scans.join('; ')}`);
    };
    for (const [name, sql] of Object.entries(HISTORY_INDEX_SQL)) check(name, sql);
    // What retention runs per deleted order (the trigger), with the old row's values as parameters.
    const db = new Database(file, { readonly: true });
    const triggerSql = (name: string) =>
      db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?`).pluck().get(name) as string;
    const trigger = triggerSql('order_search_forgotten');
    const forget = /DELETE FROM order_phone_windows[^;]+/.exec(trigger)?.[0];
    expect(forget).toBeDefined();
    check('order_search_forgotten', forget!.replace(/old\.(\w+)/g, '@$1'));
    // A correction's upkeep of the phone index (schema 16) and of the names' trigram index (a
    // Korean name closed up as well, schema 25).
    const corrected = triggerSql('order_search_corrected');
    const upkeep = corrected.match(/(?:DELETE FROM|INSERT INTO) order_(?:phone_windows|search)\b[^;]+/g) ?? [];
    expect(upkeep).toHaveLength(4);
    for (const statement of upkeep) check('order_search_corrected', statement.replace(/(?:old|new)\.(\w+)/g, '@$1'));
    // The name windows' upkeep (schemas 12, 18): every statement of its triggers (schema 13
    // dropped the one at Save), the trigger's row as parameters.
    let nameStatements = 0;
    for (const name of ['order_name_corrected', 'order_name_forgotten']) {
      const body = /\bBEGIN\b([\s\S]*)\bEND\s*$/.exec(triggerSql(name))?.[1] ?? '';
      for (const statement of body.split(';').filter((x) => x.trim() !== '')) {
        check(name, statement.replace(/(?:old|new)\.(\w+)/g, '@$1'));
        nameStatements++;
      }
    }
    // The short ids' upkeep (schema 15): its trigger's one statement.
    const shortBody = /\bBEGIN\b([\s\S]*)\bEND\s*$/.exec(triggerSql('order_short_id_forgotten'))?.[1] ?? '';
    expect(shortBody).toContain('DELETE FROM order_short_id');
    check('order_short_id_forgotten', shortBody.replace(/;\s*$/, '').replace(/old\.(\w+)/g, '@$1'));
    db.close();
    expect(nameStatements).toBe(3);
    // The batches that fill the four indexes since Save no longer does (schemas 13 and 15).
    for (const [name, sql] of Object.entries(SEARCH_INDEX_SQL)) check(name, sql);
    expect(offenders).toEqual([]);
    // The phone and name windows' statements read their index by a MATCH (FTS5's plan says M)
    // or by rowid (=), never through the whole of it (INDEX n: with neither); a plan that never
    // touched it would pass above.
    const phonePlans = plans.filter((l) => /^SCAN order_phone_windows VIRTUAL TABLE/.test(l));
    expect(phonePlans.filter((l) => /INDEX \d+:M/.test(l)).length).toBeGreaterThanOrEqual(2);
    expect(phonePlans.filter((l) => /INDEX \d+:=/.test(l)).length).toBeGreaterThanOrEqual(4);
    expect(phonePlans.filter((l) => !/INDEX \d+:[M=]/.test(l))).toEqual([]);
    // The walk (M); the batch's check for a row a correction put there first, and the
    // correction's and retention's deletes (=).
    const namePlans = plans.filter((l) => /^SCAN order_name_windows VIRTUAL TABLE/.test(l));
    expect(namePlans.filter((l) => /INDEX \d+:M/.test(l)).length).toBeGreaterThanOrEqual(1);
    expect(namePlans.filter((l) => /INDEX \d+:=/.test(l)).length).toBeGreaterThanOrEqual(3);
    expect(namePlans.filter((l) => !/INDEX \d+:[M=]/.test(l))).toEqual([]);
    // The short ids' walk and the delete of their upkeep search order_short_id by its key.
    expect(
      plans.filter((l) => /^SEARCH order_short_id USING PRIMARY KEY \(k[=>]/.test(l)).length,
    ).toBeGreaterThanOrEqual(2);
  });
});

describe('the top of a partition (asked after every delivered batch)', () => {
  it('is found by key among the rows still believed delivered, past any number of older topics’ and other clusters’ rows', () => {
    const file = path.join(tempDir(), 'outbox.sqlite');
    const store = OutboxStore.open(file);
    opened.push(store);
    // A full-index walk would pass over every row of another topic or one found gone (rows from
    // before schema 5 have no topic; a re-created topic's old rows sit at higher offsets; another
    // cluster's orders at any offset): a SEARCH on all four columns of the partial index meets the
    // answer first.
    const plan = store.explain(store.statementSources().topDelivered);
    expect(plan).toEqual([
      expect.stringMatching(
        /^SEARCH order_history USING INDEX history_live_offset \(topic=\? AND cluster_id=\? AND partition=\? AND offset<\?\)$/,
      ),
    ]);
    const db = new Database(file);
    const rows = db.prepare(`SELECT sql FROM sqlite_master WHERE name = 'history_live_offset'`).pluck().get() as string;
    db.close();
    expect(rows).toMatch(/\(topic, cluster_id, partition, offset\)\s+WHERE previous_topic_ms IS NULL/);
  });
});
