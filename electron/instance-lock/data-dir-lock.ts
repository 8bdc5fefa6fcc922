// One Order Desk per data directory. Two processes writing one outbox send orders twice, so the
// process that owns the outbox holds an exclusive SQLite lock on `instance.lock` for as long as
// it runs. The lock is the operating system's (fcntl on POSIX, LockFileEx on Windows): it goes
// away with the process, also after SIGKILL or a power cut, so a killed instance never leaves a
// stale lock behind, unlike a pid file. `instance.json` beside it only says who holds it, for
// the message the second instance shows; it is never trusted for the decision.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export const LOCK_FILE = 'instance.lock';
export const HOLDER_FILE = 'instance.json';

/** How long a start waits for a previous instance that is still closing (its host exits after its relay). */
export const DEFAULT_LOCK_WAIT_MS = 3_000;

export interface LockHolder {
  pid: number;
  mode: string;
  since: string;
}

export class DataDirInUseError extends Error {
  readonly code = 'instance.running' as const;
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder | null,
  ) {
    super(
      `another Order Desk is using the data directory ${dataDir}` +
        (holder ? ` (pid ${holder.pid}, ${holder.mode} mode, since ${holder.since})` : ''),
    );
    this.name = 'DataDirInUseError';
  }
}

export interface DataDirLock {
  release(): void;
}

export interface LockOptions {
  mode: string;
  waitMs?: number;
  /** better-sqlite3 built for Electron's ABI (see electron/main/native-binding.ts). */
  nativeBinding?: string;
}

export function readLockHolder(dataDir: string): LockHolder | null {
  try {
    const h = JSON.parse(fs.readFileSync(path.join(dataDir, HOLDER_FILE), 'utf8')) as Partial<LockHolder>;
    return typeof h.pid === 'number' ? { pid: h.pid, mode: String(h.mode), since: String(h.since) } : null;
  } catch {
    return null;
  }
}

/** Takes the data directory's lock, waiting up to `waitMs`; throws DataDirInUseError when another process keeps it. */
export function acquireDataDirLock(dataDir: string, opts: LockOptions): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, LOCK_FILE), {
    timeout: opts.waitMs ?? DEFAULT_LOCK_WAIT_MS,
    ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
  });
  try {
    // In exclusive locking mode the lock taken by the first write is kept until close.
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER NOT NULL, since TEXT NOT NULL)');
    db.exec('DELETE FROM holder');
    db.prepare('INSERT INTO holder (pid, since) VALUES (?, ?)').run(process.pid, new Date().toISOString());
    db.exec('COMMIT');
  } catch (err) {
    db.close();
    if ((err as { code?: string }).code === 'SQLITE_BUSY')
      throw new DataDirInUseError(dataDir, readLockHolder(dataDir));
    throw err;
  }
  const holder: LockHolder = { pid: process.pid, mode: opts.mode, since: new Date().toISOString() };
  fs.writeFileSync(path.join(dataDir, HOLDER_FILE), `${JSON.stringify(holder)}\n`);
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      fs.rmSync(path.join(dataDir, HOLDER_FILE), { force: true });
      db.close();
    },
  };
}
