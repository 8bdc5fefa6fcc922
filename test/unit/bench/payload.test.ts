import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import {
  payloadList,
  randomPayload,
  readPayloadFile,
  splitPayloads,
  unescapeDelimiter,
} from '../../../electron/bench/payload';

describe('payloads', () => {
  it('makes one record-size payload of capital letters, as perf-test does', () => {
    const p = randomPayload(1000);
    const v = p.next();
    expect(v.length).toBe(1000);
    expect(/^[A-Z]+$/.test(v.toString('latin1'))).toBe(true);
    expect(p.next()).toBe(v); // reused for every record
    expect(p.maxBytes).toBe(1000);
  });

  it('picks a random entry of the payload list for each record', () => {
    let i = 0;
    const seq = [0.1, 0.9, 0.5];
    const p = payloadList(['a', 'bb', 'ccc'], () => seq[i++ % 3]);
    expect([p.next(), p.next(), p.next()].map(String)).toEqual(['a', 'ccc', 'bb']);
    expect(p.maxBytes).toBe(3);
  });

  it('splits like Java String.split: the shell\'s "\\n" means newline, trailing empties dropped', () => {
    expect(unescapeDelimiter('\\n')).toBe('\n');
    expect(unescapeDelimiter('|')).toBe('|');
    expect(splitPayloads('a\nb\n\nc\n\n', '\\n')).toEqual(['a', 'b', '', 'c']);
    expect(splitPayloads('x|y|z', '|')).toEqual(['x', 'y', 'z']);
  });

  it('reads a payload file, and says clearly when it cannot', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'payload-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'ok.txt'), '{"a":1}\n{"b":2}\n');
    writeFileSync(join(dir, 'empty.txt'), '\n\n');
    expect(await readPayloadFile(join(dir, 'ok.txt'))).toEqual({ ok: true, entries: ['{"a":1}', '{"b":2}'] });
    expect(await readPayloadFile(join(dir, 'empty.txt'))).toEqual({
      ok: false,
      detail: 'the file contains no payloads',
    });
    expect(await readPayloadFile(join(dir, 'missing.txt'))).toEqual({ ok: false, detail: 'file not found' });
    const unreadable = await readPayloadFile(dir); // a directory
    expect(unreadable.ok).toBe(false);
  });
});
