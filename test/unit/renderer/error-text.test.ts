import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SettingsStore } from '../../../electron/settings/settings-store';
import { DEFAULT_SETTINGS } from '../../../shared/settings-schema';
import { createRequestDispatcher } from '../../../electron/ipc/bind-requests';
import { channelOf } from '../../../shared/contract';
import { ERROR_MESSAGES, formatError, type Lang } from '../../../shared/error-codes';
import { recordingHandlers } from '../ipc/fake-handlers';

let i18n: typeof import('../../../renderer/i18n/i18n');
beforeAll(async () => {
  i18n = await import('../../../renderer/i18n/i18n');
});
const shown = (lang: Lang, e: Parameters<typeof i18n.errorText>[1]) =>
  i18n.errorText(i18n.i18next.getFixedT(lang) as never, e);

describe('a request the gate refuses', () => {
  it('reads in the screen’s language when its schema says why (a new PIN of 12a4)', async () => {
    const r = await createRequestDispatcher(recordingHandlers().handlers)(channelOf('risk', 'setPin'), {
      currentPin: null,
      newPin: '12a4',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(shown('ko', r.error)).toBe('PIN은 숫자 4~12자리입니다');
    expect(shown('en', r.error)).toBe('The PIN is 4 to 12 digits');
  });

  it('names the field in Korean, never the schema’s English words; English keeps its detail', async () => {
    // A script's { limit: "five" } read "요청이 올바르지 않습니다: limit: Invalid input: expected number, received string".
    const r = await createRequestDispatcher(recordingHandlers().handlers)(channelOf('orders', 'recent'), {
      limit: 'five',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    for (const ko of [shown('ko', r.error), formatError(r.error, 'ko')])
      expect(ko).toBe('요청이 올바르지 않습니다 (문제가 있는 항목: limit)');
    expect(r.error.params).toMatchObject({
      field: 'limit',
      detail: 'limit: Invalid input: expected number, received string',
    });
    expect(formatError(r.error, 'en')).toBe(
      'The request was not valid: limit: Invalid input: expected number, received string',
    );
    // A value of the wrong kind altogether: the whole input.
    const whole = await createRequestDispatcher(recordingHandlers().handlers)(channelOf('orders', 'recent'), 'five');
    if (whole.ok) throw new Error('taken');
    expect(formatError(whole.error, 'ko')).toBe('요청이 올바르지 않습니다 (문제가 있는 항목: input)');
  });

  it('keeps its detail when no schema code says why', () => {
    expect(shown('en', { code: 'request.invalid', params: { detail: 'malformed message' } })).toBe(
      'The request was not valid: malformed message',
    );
  });
});

describe('settings the service refuses', () => {
  // Past the field's path and the Korean words of what it wants (an example such as kafka-1:9092),
  // no Latin word: zod's and perf-test's English stays in the English sentence.
  const latinBeside = (ko: string, ...own: string[]) =>
    own.reduce((rest, part) => rest.replace(part, ''), ko).match(/[A-Za-z]{2,}/g);
  it('names the field and what it wants in Korean; English keeps its detail', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'od-settings-'));
    try {
      // The field named is the schema's path, in Latin letters as the request gate's are.
      const saved = new SettingsStore(dir, {}).save({ ...DEFAULT_SETTINGS, brokers: ['kafka-:9092'] });
      if (saved.ok) throw new Error('taken');
      const hostRule = ERROR_MESSAGES['field.brokerHost'];
      for (const ko of [shown('ko', saved.error), formatError(saved.error, 'ko')]) {
        expect(ko).toBe(`설정이 올바르지 않습니다 (문제가 있는 항목: brokers.0): ${hostRule.ko}`);
        expect(latinBeside(ko, 'brokers.0', hostRule.ko)).toBeNull();
      }
      expect(shown('en', saved.error)).toBe(`Settings not valid: brokers.0: ${hostRule.en}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
