// settings.json carries a schema version, and every older file is brought up to date on load,
// one step at a time, as Mattermost's versioned config validators do: an old terminal's
// settings always load. A file from a newer app is refused (never rewritten) so downgrading
// cannot silently drop what the newer version saved.
//
// How to add a version: append a step whose `to` is the next number and whose `up` turns the
// previous version's object into the new one (add a field with its default, rename, split);
// bump nothing else. The settings schema (shared/settings-schema.ts) describes the newest
// version; the file's `version` field is written by the store, never by the UI.

import { DEFAULT_RISK_SETTINGS } from '../../shared/settings-schema';
import { DEFAULT_RISK_LIMITS } from '../../shared/risk-types';

/** A settings file's object as read from JSON, before the schema checks it. */
export type RawSettings = Record<string, unknown>;

interface Migration {
  to: number;
  up(previous: RawSettings): RawSettings;
}

const MIGRATIONS: readonly Migration[] = [
  // Version 0 is every file written before versions existed (no `version` field); version 1
  // holds the same fields and records its version.
  { to: 1, up: (s) => ({ ...s }) },
  // Version 2: delivered orders move to a history kept this many days (issue 9).
  { to: 2, up: (s) => ({ historyRetentionDays: 400, ...s }) },
  // Version 3 adds the display scale (issue 11: larger text and targets at a counter).
  { to: 3, up: (s) => ({ uiScale: 100, ...s }) },
  // Version 4 (issue 13): SCRAM beside PLAIN, TLS with the store's CA and client certificates;
  // the SASL password leaves the file. The relay moves an old file's password into the secret
  // store before the services read it (electron/secrets/legacy-password.ts); here it is dropped.
  {
    to: 4,
    up: ({ sasl, ...s }) => ({
      tls: { caFile: null, certFile: null, keyFile: null, checkServerName: true },
      ...s,
      sasl: withoutPassword(sasl),
    }),
  },
  // Version 5: risk checks' policies (every check warns), review topic and history bounds (issue 12).
  { to: 5, up: (s) => ({ risk: DEFAULT_RISK_SETTINGS, ...s }) },
  // Version 6: the risk checks' windows and limits, set by a supervisor (issue 12).
  {
    to: 6,
    up: (s) => ({ ...s, risk: { limits: DEFAULT_RISK_LIMITS, ...(s.risk as Record<string, unknown>) } }),
  },
];

function withoutPassword(sasl: unknown): unknown {
  if (!sasl || typeof sasl !== 'object') return sasl;
  const { password: _password, ...rest } = sasl as Record<string, unknown>;
  return rest;
}

export const SETTINGS_FILE_VERSION = MIGRATIONS[MIGRATIONS.length - 1].to;

export type MigrationResult =
  { ok: true; settings: RawSettings; from: number } | { ok: false; reason: 'newer' | 'badVersion'; version: unknown };

/** The file's object brought to SETTINGS_FILE_VERSION, without its `version` field. */
export function migrateSettings(file: RawSettings): MigrationResult {
  const { version = 0, ...rest } = file;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0)
    return { ok: false, reason: 'badVersion', version };
  if (version > SETTINGS_FILE_VERSION) return { ok: false, reason: 'newer', version };
  let settings: RawSettings = rest;
  for (const m of MIGRATIONS) if (m.to > version) settings = m.up(settings);
  return { ok: true, settings, from: version };
}

/** What the store writes: the settings with the version they follow. */
export function versioned<T extends object>(settings: T): { version: number } & T {
  return { version: SETTINGS_FILE_VERSION, ...settings };
}
