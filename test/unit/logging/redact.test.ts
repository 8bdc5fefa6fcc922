// Log lines keep what an operator needs (offsets, counts, times, order ids) and lose secrets
// and customers' phone numbers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { redactLogText, setRedactedSecrets } from '../../../electron/logging/redact';
import { createAppLog } from '../../../electron/logging/app-log';

describe('log redaction', () => {
  it.each([
    ['sasl {"mechanism":"scram-sha-256","username":"clerk","password":"hunter2!"}', 'hunter2!'],
    ["password='s3cr3t' user=clerk", 's3cr3t'],
    ['ssl key passphrase: open-sesame', 'open-sesame'],
    ['ready http://127.0.0.1:5000/?token=abcdef123456', 'abcdef123456'],
    ['connecting to sasl_ssl://clerk:pa55word@kafka-0:9093', 'pa55word'],
  ])('hides the secret in %s', (line, secret) => {
    const out = redactLogText(line);
    expect(out).not.toContain(secret);
    expect(out).toContain('***');
  });

  it.each([
    ['order o-1 for 010-1234-5678 saved', '010-1234-5678'],
    ['customer phone 01012345678', '01012345678'],
    ['call +82 10-9876-5432 back', '10-9876-5432'],
    ['store line (02) 123 4567', '123 4567'],
    ['{"customerId":"c-7","phone":"+1 (415) 555-0100","lines":[]}', '555-0100'],
  ])('masks the phone number in %s', (line, phone) => {
    const out = redactLogText(line);
    expect(out).not.toContain(phone);
    expect(out).toMatch(/\[phone …\d\d\]/);
  });

  it('leaves offsets, counts, timestamps, order ids and broker addresses alone', () => {
    const line =
      '[2026-12-02 13:54:26.012] delivered order 0b7c4e1a-2f3d-4c5e-9a8b-123456789012 to user-data-2 at offset 10234567890 via 127.0.0.1:9092 after 1500 ms (3 waiting)';
    expect(redactLogText(line)).toBe(line);
  });

  it('is applied to every line the app log writes, on the terminal and in the file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'order-desk-redact-'));
    try {
      const terminal: string[] = [];
      const log = createAppLog(`redact-${process.pid}`, { write: (l: string) => terminal.push(l) });
      const file = log.attachFile(dir);
      log.log('retrying with password=hunter2 for 010-2222-3333');
      const until = Date.now() + 5000;
      while (!(fs.existsSync(file) && fs.readFileSync(file, 'utf8').includes('retrying')) && Date.now() < until)
        await new Promise((r) => setTimeout(r, 20));
      for (const text of [terminal.join(''), fs.readFileSync(file, 'utf8')]) {
        expect(text).toContain('retrying with password=***');
        expect(text).not.toContain('hunter2');
        expect(text).not.toContain('2222-3333');
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the secrets this process holds, by value', () => {
  afterEach(() => setRedactedSecrets([]));

  it('are masked wherever they appear, in whatever words, and short values are left alone', () => {
    setRedactedSecrets(['correct horse battery', 'pp', undefined]);
    expect(redactLogText('SASL failed for pos-7 with correct horse battery (broker said no)')).toBe(
      'SASL failed for pos-7 with *** (broker said no)',
    );
    expect(redactLogText('offset pp-42')).toBe('offset pp-42');
    setRedactedSecrets([]);
    expect(redactLogText('correct horse battery')).toBe('correct horse battery');
  });
});
