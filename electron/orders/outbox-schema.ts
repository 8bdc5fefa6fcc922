// The outbox's SQLite schema as an ordered list of migrations. A database is brought up to
// date on open; each step runs in its own transaction and is recorded in schema_version, so a
// newer app can open an older terminal's outbox without losing a row.
import type Database from 'better-sqlite3';

const MIGRATIONS: ReadonlyArray<{ version: number; sql: string }> = [
  {
    version: 1,
    sql: `
      CREATE TABLE outbox (
        seq             INTEGER PRIMARY KEY AUTOINCREMENT,
        order_id        TEXT    NOT NULL UNIQUE,
        customer_id     TEXT    NOT NULL,
        order_json      TEXT    NOT NULL,
        state           TEXT    NOT NULL CHECK (state IN ('saved', 'sending', 'delivered', 'failed')),
        attempts        INTEGER NOT NULL DEFAULT 0,
        partition       INTEGER,
        offset          TEXT,
        error_code      TEXT,
        error_params    TEXT,
        auto_retry      INTEGER NOT NULL DEFAULT 1,
        next_attempt_at INTEGER,
        saved_at        TEXT    NOT NULL,
        delivered_at    TEXT
      );
      -- The dispatcher's hot query: undelivered rows in insertion order.
      CREATE INDEX outbox_waiting ON outbox (seq) WHERE state <> 'delivered';
      -- "Repeat last order" looks up a customer's newest order.
      CREATE INDEX outbox_customer ON outbox (customer_id, seq);
    `,
  },
  {
    version: 2,
    sql: `
      -- The form's submission id: a submit repeated after a lost answer finds its order here.
      ALTER TABLE outbox ADD COLUMN submission_id TEXT;
      CREATE UNIQUE INDEX outbox_submission ON outbox (submission_id) WHERE submission_id IS NOT NULL;
    `,
  },
];

export const OUTBOX_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/** Applies every migration newer than the database; refuses a database from a newer app. */
export function migrateOutbox(db: Database.Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at TEXT NOT NULL)`);
  const row = db.prepare(`SELECT MAX(version) AS v FROM schema_version`).get() as { v: number | null };
  const current = row.v ?? 0;
  if (current > OUTBOX_SCHEMA_VERSION) {
    // Opening it would risk rewriting rows we do not understand; the caller reports this.
    throw new Error(`outbox schema version ${current} is newer than this app supports (${OUTBOX_SCHEMA_VERSION})`);
  }
  const record = db.prepare(`INSERT INTO schema_version (version, applied_at) VALUES (?, ?)`);
  for (const m of MIGRATIONS) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, new Date().toISOString());
    })();
  }
}
