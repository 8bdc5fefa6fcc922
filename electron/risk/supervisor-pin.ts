// The supervisor's PIN, which guards the risk policies and the confirm/void of held orders.
// Only a salted scrypt hash is kept (supervisor-pin.json in the data directory, apart from
// settings.json so settings.get never hands it to the renderer); a PIN is checked with
// timingSafeEqual. Five wrong PINs in a row lock checking for 30 s, so a 4-digit PIN cannot be
// tried through at the counter.
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { appError, type AppError } from '../../shared/error-codes';

export const PIN_FILE = 'supervisor-pin.json';
const KEY_BYTES = 32;
// scrypt's cost: ~50 ms a check on a store PC, far too slow to try 10^4 PINs a second offline.
const COST = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const MAX_FAILURES = 5;
const LOCK_MS = 30_000;

interface PinFile {
  algorithm: 'scrypt';
  salt: string;
  hash: string;
  N: number;
  r: number;
  p: number;
}

export function hashPin(pin: string, salt: Buffer = randomBytes(16)): PinFile {
  const hash = scryptSync(pin.normalize('NFKC'), salt, KEY_BYTES, COST);
  return {
    algorithm: 'scrypt',
    salt: salt.toString('base64'),
    hash: hash.toString('base64'),
    N: COST.N,
    r: COST.r,
    p: COST.p,
  };
}

export function pinMatches(pin: string, stored: PinFile): boolean {
  const expected = Buffer.from(stored.hash, 'base64');
  const actual = scryptSync(pin.normalize('NFKC'), Buffer.from(stored.salt, 'base64'), expected.length, {
    N: stored.N,
    r: stored.r,
    p: stored.p,
    maxmem: COST.maxmem,
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export class SupervisorPin {
  private failures = 0;
  private lockedUntil = 0;
  private readonly file: string;

  constructor(
    dataDir: string,
    private readonly now: () => number = Date.now,
  ) {
    this.file = path.join(dataDir, PIN_FILE);
  }

  isSet(): boolean {
    return this.read() !== null;
  }

  /** null when the PIN is right; else why not (not set, wrong, locked). */
  check(pin: string): AppError | null {
    const stored = this.read();
    if (!stored) return appError('risk.pinNotSet');
    const now = this.now();
    if (now < this.lockedUntil)
      return appError('risk.pinLocked', { seconds: Math.ceil((this.lockedUntil - now) / 1000) });
    if (pinMatches(pin, stored)) {
      this.failures = 0;
      return null;
    }
    if (++this.failures >= MAX_FAILURES) {
      this.failures = 0;
      this.lockedUntil = now + LOCK_MS;
    }
    return appError('risk.pinWrong');
  }

  /** Sets a new PIN: the current one is needed once one is set. */
  set(currentPin: string | null, newPin: string): AppError | null {
    if (this.isSet()) {
      const refused = this.check(currentPin ?? '');
      if (refused) return refused;
    }
    const tmp = `${this.file}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(hashPin(newPin)), { mode: 0o600 });
    fs.renameSync(tmp, this.file);
    return null;
  }

  private read(): PinFile | null {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch {
      return null;
    }
    const parsed = JSON.parse(text) as Partial<PinFile>;
    if (parsed.algorithm !== 'scrypt' || !parsed.salt || !parsed.hash)
      throw new Error(`${this.file} is not a PIN file`);
    return parsed as PinFile;
  }
}
