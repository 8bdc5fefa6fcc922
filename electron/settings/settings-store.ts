// Settings live in one JSON file under the data directory, with a schema version (older files
// are migrated on load, see settings-migrations.ts). A missing file means defaults; a broken
// one means defaults plus a clear error, and the broken file is kept (renamed aside on the next
// save) so nothing the operator typed is lost. A file from a newer app is never overwritten.
// Writes are atomic: a temp file in the same directory, fsynced, then renamed over the old one.
import fs from 'node:fs';
import path from 'node:path';
import { brokerList, DEFAULT_SETTINGS, settingsSchema, type Settings } from '../../shared/settings-schema';
import { appError, type AppError } from '../../shared/error-codes';
import type { Result } from '../../shared/contract';
import { describeIssues, schemaRefusal } from '../../shared/describe-issues';
import { migrateSettings, versioned, type RawSettings } from './settings-migrations';

export const SETTINGS_FILE = 'settings.json';
export const BROKERS_ENV = 'KAFKA_BROKERS';

export interface SettingsLoad {
  /** What the user saved (or defaults). */
  saved: Settings;
  /** Why the file could not be used, when it could not. */
  error: AppError | null;
  /** The file was written by a newer app (its version is above this app's). */
  newer?: boolean;
}

/** Brokers from KAFKA_BROKERS ("host:port,host:port", as the Settings field reads them), or null when unset or empty. */
export function brokersFromEnv(env: NodeJS.ProcessEnv): Result<string[]> | null {
  const raw = env[BROKERS_ENV]?.trim();
  if (!raw) return null;
  const checked = settingsSchema.shape.brokers.safeParse(brokerList(raw));
  return checked.success
    ? { ok: true, value: checked.data }
    : {
        ok: false,
        error: schemaRefusal('settings.invalid', checked.error, {
          detail: `${BROKERS_ENV}: ${describeIssues(checked.error)}`,
          where: BROKERS_ENV,
        }),
      };
}

export class SettingsStore {
  readonly file: string;
  private saved: Settings;
  private loadError: AppError | null;
  private fileIsBroken: boolean;
  /** A newer app's file: kept as it is; saving is refused rather than downgrading it. */
  private fileIsNewer: boolean;
  private readonly envBrokers: string[] | null;
  private readonly envError: AppError | null;

  constructor(
    dataDir: string,
    env: NodeJS.ProcessEnv = process.env,
    /** Told each saved settings, whoever saved them, so every window can follow. */
    private readonly onSaved: (settings: Settings) => void = () => {},
  ) {
    this.file = path.join(dataDir, SETTINGS_FILE);
    const loaded = readSettingsFile(this.file);
    this.saved = loaded.saved;
    this.loadError = loaded.error;
    this.fileIsBroken = loaded.error !== null && !loaded.newer;
    this.fileIsNewer = loaded.newer === true;
    const fromEnv = brokersFromEnv(env);
    this.envBrokers = fromEnv?.ok ? fromEnv.value : null;
    this.envError = fromEnv && !fromEnv.ok ? fromEnv.error : null;
  }

  /** The settings in force: the saved ones, with KAFKA_BROKERS' brokers when it is set. */
  get(): Settings {
    return this.envBrokers ? { ...this.saved, brokers: [...this.envBrokers] } : this.saved;
  }

  /** True when KAFKA_BROKERS decides the brokers (a saved broker list is then kept but unused). */
  brokersFromEnvironment(): boolean {
    return this.envBrokers !== null;
  }

  /** A problem with the settings file or KAFKA_BROKERS found at start, for the UI or log. */
  problem(): AppError | null {
    return this.loadError ?? this.envError;
  }

  save(next: unknown): Result<Settings> {
    const checked = settingsSchema.safeParse(next);
    if (!checked.success) return { ok: false, error: schemaRefusal('settings.invalid', checked.error) };
    // The brokers a window shows while KAFKA_BROKERS decides them are its: saving the other
    // settings keeps the saved list, for a start without it.
    const data = this.envBrokers ? { ...checked.data, brokers: this.saved.brokers } : checked.data;
    if (this.fileIsNewer)
      return { ok: false, error: this.loadError ?? appError('settings.newer', { file: this.file }) };
    try {
      if (this.fileIsBroken && fs.existsSync(this.file)) {
        fs.renameSync(this.file, `${this.file}.invalid-${Date.now()}`);
      }
      writeFileAtomic(this.file, `${JSON.stringify(versioned(data), null, 2)}\n`);
    } catch (e) {
      return {
        ok: false,
        error: appError('settings.storeFailed', { detail: e instanceof Error ? e.message : String(e) }),
      };
    }
    this.saved = data;
    this.fileIsBroken = false;
    this.loadError = null;
    this.onSaved(this.get());
    return { ok: true, value: this.get() };
  }
}

export function readSettingsFile(file: string): SettingsLoad {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { saved: DEFAULT_SETTINGS, error: null };
    return {
      saved: DEFAULT_SETTINGS,
      error: appError('settings.invalid', { field: file, detail: `${file}: ${(e as Error).message}` }),
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return {
      saved: DEFAULT_SETTINGS,
      error: appError('settings.invalid', { field: file, detail: `${file} is not valid JSON; using defaults` }),
    };
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    return {
      saved: DEFAULT_SETTINGS,
      error: appError('settings.invalid', {
        field: file,
        detail: `${file} does not hold a settings object; using defaults`,
      }),
    };
  }
  const migrated = migrateSettings(json as RawSettings);
  if (!migrated.ok) {
    if (migrated.reason === 'newer')
      return { saved: DEFAULT_SETTINGS, error: appError('settings.newer', { file }), newer: true };
    return {
      saved: DEFAULT_SETTINGS,
      error: appError('settings.invalid', {
        field: file,
        detail: `${file}: version ${JSON.stringify(migrated.version)} is not a version number; using defaults`,
      }),
    };
  }
  const checked = settingsSchema.safeParse(migrated.settings);
  if (!checked.success) {
    return {
      saved: DEFAULT_SETTINGS,
      error: schemaRefusal('settings.invalid', checked.error, {
        detail: `${file}: ${describeIssues(checked.error)}; using defaults`,
      }),
    };
  }
  return { saved: checked.data, error: null };
}

/** Write to a temp file beside the target, fsync, rename: readers see the old or the new file, never half. */
export function writeFileAtomic(file: string, content: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    try {
      fs.writeFileSync(fd, content);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  } catch (e) {
    // A full disk fails the write itself: the part written would otherwise stay behind, one
    // more file at every retry, on the disk that has no room.
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
