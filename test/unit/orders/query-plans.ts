// Reading SQLite's EXPLAIN QUERY PLAN for full reads of a table, shared by the outbox's and the
// risk store's plan tests.
import Database from 'better-sqlite3';

/** Partial indexes hold only the rows their condition names, so walking one is not a full scan. */
export function partialIndexes(file: string): Set<string> {
  const db = new Database(file, { readonly: true });
  const rows = db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL`)
    .all() as Array<{ name: string; sql: string }>;
  db.close();
  return new Set(rows.filter((r) => / WHERE /i.test(r.sql)).map((r) => r.name));
}

/**
 * The plan lines that read one of `tables` whole: a SCAN of the table, or of one of its full
 * indexes. A SEARCH (by key or range) and a SCAN of a partial index are fine.
 */
export function fullScansOf(plan: string[], tables: readonly string[], partial: Set<string>): string[] {
  return plan.filter((line) => {
    const m = /^SCAN (\w+)(?: USING (?:COVERING )?INDEX (\w+))?/.exec(line);
    if (!m || !tables.includes(m[1])) return false;
    return !(m[2] && partial.has(m[2]));
  });
}
