import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../orders/temp-dir';
import { SettingsStore, SETTINGS_FILE, writeFileAtomic } from '../../../electron/settings/settings-store';
import {
  DEFAULT_RISK_SETTINGS,
  DEFAULT_SETTINGS,
  settingsSaveSchema,
  type Settings,
} from '../../../shared/settings-schema';
import { migrateSettings, SETTINGS_FILE_VERSION } from '../../../electron/settings/settings-migrations';
import { checkedForm, toForm } from '../../../renderer/settings/settings-form';
import { requestSpec } from '../../../shared/contract';
import { schemaProblem } from '../../../shared/describe-issues';
import { formatError } from '../../../shared/error-codes';
import { requiredText } from '../../../shared/order-schema';

const dir = () => tempDir('order-desk-settings-');
const mine: Settings = {
  ...DEFAULT_SETTINGS,
  brokers: ['kafka-1.store:9092'],
  topic: 'orders-gangnam',
  storeId: 'gangnam-3',
  terminalId: 'pos-7',
  clerk: 'Park',
};

/** Each address saved alone is refused with this message, and nothing is saved. */
function expectRefused(s: SettingsStore, addresses: string[], message: string): void {
  for (const address of addresses)
    expect(s.save({ ...mine, brokers: [address] })).toMatchObject({
      ok: false,
      error: { code: 'settings.invalid', params: { detail: `brokers.0: ${message}` } },
    });
  expect(s.get().brokers).toEqual([]);
}

describe('settings store', () => {
  it('starts from the defaults when there is no file, without an error', () => {
    const s = new SettingsStore(dir(), {});
    expect(s.get()).toEqual(DEFAULT_SETTINGS);
    expect(s.problem()).toBeNull();
  });

  it('saves to settings.json under the data dir and reads it back after a restart', () => {
    const d = dir();
    const r = new SettingsStore(d, {}).save(mine);
    expect(r).toEqual({ ok: true, value: mine });
    expect(JSON.parse(fs.readFileSync(path.join(d, SETTINGS_FILE), 'utf8'))).toEqual({
      version: SETTINGS_FILE_VERSION,
      ...mine,
    });
    expect(new SettingsStore(d, {}).get()).toEqual(mine);
  });

  it('a broken file gives the defaults and a clear error, and the file is kept, not overwritten, until a save', () => {
    const d = dir();
    const file = path.join(d, SETTINGS_FILE);
    fs.writeFileSync(file, '{"brokers": ["kafka:9092"], "topic": ');
    const s = new SettingsStore(d, {});
    expect(s.get()).toEqual(DEFAULT_SETTINGS);
    expect(s.problem()).toMatchObject({ code: 'settings.invalid' });
    expect(String(s.problem()?.params?.detail)).toMatch(/not valid JSON/);
    expect(fs.readFileSync(file, 'utf8')).toBe('{"brokers": ["kafka:9092"], "topic": ');
    // Saving moves the broken file aside instead of destroying it.
    expect(s.save(mine).ok).toBe(true);
    const aside = fs.readdirSync(d).filter((f) => f.startsWith(`${SETTINGS_FILE}.invalid-`));
    expect(aside).toHaveLength(1);
    expect(fs.readFileSync(path.join(d, aside[0]), 'utf8')).toBe('{"brokers": ["kafka:9092"], "topic": ');
    expect(s.problem()).toBeNull();
  });

  it('a file that fails the schema gives the defaults and names the bad field', () => {
    const d = dir();
    fs.writeFileSync(path.join(d, SETTINGS_FILE), JSON.stringify({ ...mine, brokers: ['no port here'] }));
    const s = new SettingsStore(d, {});
    expect(s.get()).toEqual(DEFAULT_SETTINGS);
    expect(String(s.problem()?.params?.detail)).toMatch(/brokers/);
  });

  it('refuses invalid settings with settings.invalid and keeps the previous ones on disk', () => {
    const d = dir();
    const s = new SettingsStore(d, {});
    s.save(mine);
    for (const bad of [
      { ...mine, topic: 'bad topic!' },
      // Names Kafka refuses though every character is allowed.
      { ...mine, topic: '.' },
      { ...mine, topic: '..' },
      { ...mine, extra: 1 },
      { ...mine, brokers: 'kafka:9092' },
      // Ports a socket cannot take (the pattern let them through).
      { ...mine, brokers: ['kafka:99999'] },
      { ...mine, brokers: ['kafka:0'] },
      // The history's retention: whole days, at least one.
      { ...mine, historyRetentionDays: 0 },
      { ...mine, historyRetentionDays: 2.5 },
      { ...mine, historyRetentionDays: '400' },
      null,
    ]) {
      const r = s.save(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('settings.invalid');
    }
    expect(s.get()).toEqual(mine);
    expect(new SettingsStore(d, {}).get()).toEqual(mine);
  });

  it('KAFKA_BROKERS overrides the brokers (and only the brokers) when set', () => {
    const d = dir();
    new SettingsStore(d, {}).save(mine);
    const s = new SettingsStore(d, { KAFKA_BROKERS: ' 10.0.0.1:9092, 10.0.0.2:9093 ' });
    expect(s.get()).toEqual({ ...mine, brokers: ['10.0.0.1:9092', '10.0.0.2:9093'] });
    expect(s.brokersFromEnvironment()).toBe(true);
    expect(new SettingsStore(d, { KAFKA_BROKERS: '' }).get()).toEqual(mine);
  });

  it('saving while KAFKA_BROKERS decides the brokers keeps the saved ones, for a start without it', () => {
    const d = dir();
    new SettingsStore(d, {}).save(mine);
    const s = new SettingsStore(d, { KAFKA_BROKERS: '10.0.0.1:9092' });
    // The window saves what it shows: the environment's brokers, or a list typed over them.
    expect(s.save({ ...s.get(), clerk: 'Park' }).ok).toBe(true);
    expect(s.save({ ...s.get(), brokers: ['10.9.9.9:9092'] }).ok).toBe(true);
    expect(s.get()).toEqual({ ...mine, clerk: 'Park', brokers: ['10.0.0.1:9092'] });
    expect(new SettingsStore(d, {}).get()).toEqual({ ...mine, clerk: 'Park' });
  });

  it('says a broker port past 65535 is one, in the settings and in KAFKA_BROKERS', () => {
    const s = new SettingsStore(dir(), {});
    const r = s.save({ ...mine, brokers: ['kafka-1:9092', 'kafka-2:99999'] });
    expect(r.ok ? null : String(r.error.params?.detail)).toMatch(/brokers\.1.*65535/);
    const env = new SettingsStore(dir(), { KAFKA_BROKERS: 'kafka-1:90920' });
    expect(env.get().brokers).toEqual([]);
    expect(String(env.problem()?.params?.detail)).toMatch(/KAFKA_BROKERS.*65535/);
  });

  it('keeps a broker listed twice once, in the settings saved and in a file saved so before', () => {
    const d = dir();
    const s = new SettingsStore(d, {});
    expect(s.save({ ...mine, brokers: ['kafka-1:9092', 'kafka-2:9092', 'kafka-1:9092'] }).ok).toBe(true);
    expect(s.get().brokers).toEqual(['kafka-1:9092', 'kafka-2:9092']);
    const file = JSON.parse(fs.readFileSync(path.join(d, SETTINGS_FILE), 'utf8')) as { brokers: string[] };
    expect(file.brokers).toEqual(['kafka-1:9092', 'kafka-2:9092']);
    fs.writeFileSync(path.join(d, SETTINGS_FILE), JSON.stringify({ ...file, brokers: ['k:1', 'k:1'] }));
    const again = new SettingsStore(d, {});
    expect(again.problem()).toBeNull();
    expect(again.get().brokers).toEqual(['k:1']);
  });

  it('says the range of the days delivered orders are kept', () => {
    const s = new SettingsStore(dir(), {});
    for (const days of [0, 2.5, 3651, '30'])
      expect(s.save({ ...mine, historyRetentionDays: days as number })).toMatchObject({
        ok: false,
        error: { params: { detail: 'historyRetentionDays: Whole days, from 1 to 3650' } },
      });
    expect(s.save({ ...mine, historyRetentionDays: 3650 }).ok).toBe(true);
  });

  it('says an IPv6 broker address cannot be used (the Kafka client splits host:port at its colon), in the settings and in KAFKA_BROKERS', () => {
    const s = new SettingsStore(dir(), {});
    expectRefused(
      s,
      ['[::1]:9092', '::1:9092', '[fe80::1]'],
      'An IPv6 address cannot be used: the Kafka client takes host:port. Give the broker’s host name or IPv4 address',
    );
    const env = new SettingsStore(dir(), { KAFKA_BROKERS: '[::1]:9092' });
    expect(env.get().brokers).toEqual([]);
    expect(String(env.problem()?.params?.detail)).toMatch(/KAFKA_BROKERS.*IPv6/);
  });

  it('refuses a host name no resolver takes (-x, .., a label starting or ending with a dash), and keeps one broker with its port written two ways once', () => {
    const s = new SettingsStore(dir(), {});
    expectRefused(
      s,
      ['-x:9092', '..:9092', 'a..b:9092', '.kafka:9092', 'kafka-:9092', 'kafka.:9092'],
      'The host name is letters, digits, dashes and underscores between dots, none at the start or end of a part, e.g. kafka-1:9092',
    );
    const saved = s.save({ ...mine, brokers: ['localhost:09092', 'localhost:9092', 'kafka_1.store-2.local:9093'] });
    expect(saved.ok && saved.value.brokers).toEqual(['localhost:9092', 'kafka_1.store-2.local:9093']);
  });

  it('an invalid KAFKA_BROKERS is reported, not used', () => {
    const s = new SettingsStore(dir(), { KAFKA_BROKERS: 'http://kafka:9092' });
    expect(s.get().brokers).toEqual([]);
    expect(s.problem()).toMatchObject({ code: 'settings.invalid' });
    expect(String(s.problem()?.params?.detail)).toMatch(/KAFKA_BROKERS/);
  });

  it('writes atomically: a reader sees the old or the new content, and no temp file is left', () => {
    const d = dir();
    const file = path.join(d, 'x.json');
    writeFileAtomic(file, 'old');
    writeFileAtomic(file, 'new');
    expect(fs.readFileSync(file, 'utf8')).toBe('new');
    expect(fs.readdirSync(d)).toEqual(['x.json']);
    // A failed write (the data dir is a plain file) is reported and leaves nothing behind.
    const notADir = path.join(d, 'not-a-dir');
    fs.writeFileSync(notADir, 'x');
    const r = new SettingsStore(notADir, {}).save(mine);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('settings.storeFailed');
    expect(fs.readdirSync(d).sort()).toEqual(['not-a-dir', 'x.json']);
    expect(fs.readFileSync(notADir, 'utf8')).toBe('x');
  });

  it('loads a settings file from before versions existed, and writes the version with the next save', () => {
    const d = dir();
    const file = path.join(d, SETTINGS_FILE);
    fs.writeFileSync(file, JSON.stringify(mine)); // today's file: no version field
    const s = new SettingsStore(d, {});
    expect(s.problem()).toBeNull();
    expect(s.get()).toEqual(mine);
    expect(s.save({ ...mine, clerk: 'Kim' }).ok).toBe(true);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({
      version: SETTINGS_FILE_VERSION,
      ...mine,
      clerk: 'Kim',
    });
  });

  it('a file from a newer app is used as defaults with a clear error, and never overwritten', () => {
    const d = dir();
    const file = path.join(d, SETTINGS_FILE);
    const newer = JSON.stringify({ version: SETTINGS_FILE_VERSION + 1, ...mine, someFutureField: true });
    fs.writeFileSync(file, newer);
    const s = new SettingsStore(d, {});
    expect(s.get()).toEqual(DEFAULT_SETTINGS);
    expect(s.problem()).toEqual({ code: 'settings.newer', params: { file } });
    expect(s.save(mine)).toEqual({ ok: false, error: { code: 'settings.newer', params: { file } } });
    expect(fs.readFileSync(file, 'utf8')).toBe(newer);
    expect(fs.readdirSync(d)).toEqual([SETTINGS_FILE]);
  });

  it('a version that is not a version number, or a file that is not an object, is a broken file', () => {
    for (const content of [
      JSON.stringify({ ...mine, version: 'two' }),
      JSON.stringify({ ...mine, version: -1 }),
      '[1,2]',
      '"x"',
    ]) {
      const d = dir();
      fs.writeFileSync(path.join(d, SETTINGS_FILE), content);
      const s = new SettingsStore(d, {});
      expect(s.get()).toEqual(DEFAULT_SETTINGS);
      expect(s.problem()).toMatchObject({ code: 'settings.invalid' });
    }
  });

  it('migrates step by step from version 0 to the newest', () => {
    expect(migrateSettings({ topic: 't' })).toEqual({
      ok: true,
      settings: {
        topic: 't',
        historyRetentionDays: 400,
        uiScale: 100,
        tls: { caFile: null, certFile: null, keyFile: null, checkServerName: true },
        sasl: undefined,
        risk: DEFAULT_RISK_SETTINGS,
      },
      from: 0,
    });
    // Version 1 (before the order history): the history's retention gets its default, 400 days.
    expect(migrateSettings({ version: 1, topic: 't' })).toEqual({
      ok: true,
      settings: {
        topic: 't',
        historyRetentionDays: 400,
        uiScale: 100,
        tls: { caFile: null, certFile: null, keyFile: null, checkServerName: true },
        sasl: undefined,
        risk: DEFAULT_RISK_SETTINGS,
      },
      from: 1,
    });
    // A value the clerk chose is kept.
    expect(migrateSettings({ version: 1, historyRetentionDays: 30 })).toMatchObject({
      settings: { historyRetentionDays: 30 },
    });
    // Version 2 files (before the display scale) get 100 %; a saved scale is kept.
    expect(migrateSettings({ version: 2, topic: 't' })).toEqual({
      ok: true,
      settings: {
        topic: 't',
        uiScale: 100,
        tls: { caFile: null, certFile: null, keyFile: null, checkServerName: true },
        sasl: undefined,
        risk: DEFAULT_RISK_SETTINGS,
      },
      from: 2,
    });
    expect(migrateSettings({ version: 2, uiScale: 150 })).toMatchObject({ settings: { uiScale: 150 } });
    // Version 3 files (SASL/PLAIN only, its password in the file): the password is dropped (the
    // relay has moved it to the secret store first), TLS gets its options with the name check on.
    expect(
      migrateSettings({ version: 3, ssl: true, sasl: { mechanism: 'plain', username: 'pos-7', password: 'hunter22' } }),
    ).toEqual({
      ok: true,
      settings: {
        ssl: true,
        sasl: { mechanism: 'plain', username: 'pos-7' },
        tls: { caFile: null, certFile: null, keyFile: null, checkServerName: true },
        risk: DEFAULT_RISK_SETTINGS,
      },
      from: 3,
    });
    expect(migrateSettings({ version: 3, sasl: null })).toMatchObject({ settings: { sasl: null } });
    // Version 4 files (before the risk checks) get every check on warn, nothing held.
    expect(migrateSettings({ version: 4, topic: 't' })).toEqual({
      ok: true,
      settings: { topic: 't', risk: DEFAULT_RISK_SETTINGS },
      from: 4,
    });
    expect(Object.values(DEFAULT_RISK_SETTINGS.policies)).toEqual(['warn', 'warn', 'warn', 'warn', 'warn']);
    // Version 5 files (policies, no limits): the issue's default windows and limits; a chosen policy is kept.
    const v5risk = { ...DEFAULT_RISK_SETTINGS, policies: { ...DEFAULT_RISK_SETTINGS.policies, duplicate: 'hold' } };
    delete (v5risk as Partial<typeof v5risk>).limits;
    expect(migrateSettings({ version: 5, risk: v5risk })).toMatchObject({
      settings: {
        risk: {
          policies: { duplicate: 'hold' },
          limits: { duplicateWindowMinutes: 10, velocityWindowsHours: [1, 24], customerMaxOrders: [3, 10] },
        },
      },
    });
    expect(migrateSettings({ version: SETTINGS_FILE_VERSION, topic: 't' })).toEqual({
      ok: true,
      settings: { topic: 't' },
      from: SETTINGS_FILE_VERSION,
    });
    expect(migrateSettings({ version: SETTINGS_FILE_VERSION + 1 })).toMatchObject({ ok: false, reason: 'newer' });
  });
});

describe('texts that go into every order', () => {
  it('are saved without control or invisible characters, each said at its field', () => {
    const r = settingsSaveSchema.safeParse({
      ...mine,
      terminalId: 'pos-7\r\nX-Injected: 1',
      storeId: 'gangnam-3\u200B',
      clerk: 'Lee\u202Eeviл',
      sasl: { mechanism: 'plain', username: 'pos\u0000' },
    });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]))).toEqual({
      terminalId: 'field.controlChars',
      storeId: 'field.invisibleChars',
      clerk: 'field.invisibleChars',
      'sasl.username': 'field.controlChars',
    });
    expect(settingsSaveSchema.safeParse({ ...mine, clerk: '박서준 Park' }).success).toBe(true);
  });

  const zalgo = `pos${'\u0301'.repeat(9)}`;

  it('refuse what the order form refuses, stacked marks and marks on no letter too, said at the field in both languages', () => {
    const form = toForm({
      ...mine,
      terminalId: zalgo,
      storeId: '\u0308',
      clientId: `od${'\u0334'.repeat(5)}`,
      sasl: { mechanism: 'plain', username: '\u0301pos' },
    });
    const r = checkedForm(form, mine.risk);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual({
      terminalId: { code: 'field.stackedMarks', params: { max: 4 } },
      storeId: { code: 'field.markOnNothing' },
      clientId: { code: 'field.stackedMarks', params: { max: 4 } },
      saslUser: { code: 'field.markOnNothing' },
    });
    expect(formatError(r.errors.terminalId, 'en')).toBe(
      'Has more than 4 marks stacked on one letter, often pasted: retype it',
    );
    expect(formatError(r.errors.terminalId, 'ko')).toBe(
      '한 글자에 덧붙인 기호가 4개를 넘습니다. 주로 붙여 넣을 때 들어옵니다. 직접 입력하세요',
    );
    expect(formatError(r.errors.storeId, 'ko')).toBe(
      '글자 없이 덧붙인 기호로 시작합니다. 주로 붙여 넣을 때 들어옵니다. 직접 입력하세요',
    );
    // The service's gate refuses what a script sends past the screen.
    const gate = requestSpec('settings', 'save')!.input.safeParse({ ...mine, terminalId: zalgo });
    expect(gate.success ? null : gate.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['terminalId', 'field.stackedMarks'],
    ]);
  });

  it.each([
    ['a line break', 'pos-7\nX'],
    ['a zero-width space', 'pos\u200B7'],
    ['a Hangul filler', '\u3164'],
    ['nine stacked accents', zalgo],
    ['an accent on no letter', '\u0301'],
    ['nothing but spaces', '   '],
  ])('say the order field’s own words for a terminal id with %s', (_, terminalId) => {
    const r = checkedForm(toForm({ ...mine, terminalId }), mine.risk);
    expect(r.ok ? {} : r.errors).toEqual({ terminalId: schemaProblem(requiredText(64), terminalId) });
  });

  it('still load from a file saved with stacked marks or a mark on no letter before those checks', () => {
    const d = dir();
    const saved = { ...mine, terminalId: zalgo, storeId: '\u0308' };
    writeFileAtomic(path.join(d, SETTINGS_FILE), JSON.stringify({ version: SETTINGS_FILE_VERSION, ...saved }));
    const s = new SettingsStore(d, {});
    expect(s.problem()).toBeNull();
    expect([s.get().terminalId, s.get().storeId]).toEqual([zalgo, '\u0308']);
  });

  it('still load from a file saved before the check, instead of falling back to the defaults', () => {
    const d = dir();
    writeFileAtomic(
      path.join(d, SETTINGS_FILE),
      JSON.stringify({ version: SETTINGS_FILE_VERSION, ...mine, clerk: 'Park\u200B' }),
    );
    const s = new SettingsStore(d, {});
    expect(s.problem()).toBeNull();
    expect(s.get().brokers).toEqual(mine.brokers);
  });
});
