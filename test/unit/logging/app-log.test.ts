import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppLog, LOG_MAX_BYTES, readLogTail } from '../../../electron/logging/app-log';
import { tempDir } from '../orders/temp-dir';

function capture() {
  const lines: string[] = [];
  return { lines, stderr: { write: (l: string) => lines.push(l) } };
}

describe('the app log', () => {
  it('writes to the terminal from the start, and to <dataDir>/logs/<name>.log once attached', () => {
    const dir = tempDir('order-desk-log-');
    const { lines, stderr } = capture();
    const l = createAppLog(`unit-${Date.now()}`, stderr);
    l.log('before the data dir is known');
    expect(l.file).toBeNull();
    const file = l.attachFile(dir);
    l.log('after');
    expect(lines).toEqual(['[order-desk] before the data dir is known\n', '[order-desk] after\n']);
    expect(file).toBe(path.join(dir, 'logs', path.basename(file)));
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toMatch(/^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\] \[info\] +after\n$/);
    expect(text).not.toContain('before the data dir');
  });

  it('keeps each message on its own line: text it quotes cannot forge an entry, and a stack stays whole in Diagnostics', () => {
    const dir = tempDir('order-desk-log-');
    const { lines, stderr } = capture();
    const l = createAppLog(`oneline-${Date.now()}`, stderr);
    l.attachFile(dir);
    // A price cell of a dropped catalogue.csv, as the import's problem quotes it.
    l.log('catalogue.csv was not imported: line 2 price "12\n[2026-12-07 19:00:00.000] [info]  SECURITY AUDIT PASSED"');
    l.log('dispatcher cycle failed: Error: boom\r\n    at cycle (dispatcher.ts:1:1)\u2028\x1b[2Jcleared');
    const tail = readLogTail(dir, 10).tail;
    expect(tail).toHaveLength(2);
    expect(tail[0]).toMatch(
      /^oneline-\d+: \[2026-\d\d-\d\d [\d:.]+\] \[info\] +catalogue\.csv was not imported: line 2 price "12 ⏎ \[2026-12-07 19:00:00\.000\] \[info\] {2}SECURITY AUDIT PASSED"$/,
    );
    expect(tail[1]).toMatch(
      /dispatcher cycle failed: Error: boom ⏎ {5}at cycle \(dispatcher\.ts:1:1\) ⏎ ⟨U\+001B⟩\[2Jcleared$/,
    );
    // The terminal gets the same single lines, without the escape that would clear its screen.
    expect(lines.slice(-2).every((line) => line.split('\n').length === 2 && !line.includes('\x1b'))).toBe(true);
  });

  it('rotates at the size limit, keeping one older file', () => {
    const dir = tempDir('order-desk-log-');
    const l = createAppLog(`rotate-${Date.now()}`, { write: () => {} });
    const file = l.attachFile(dir);
    const line = 'x'.repeat(10_000);
    for (let written = 0; written < LOG_MAX_BYTES * 1.5; written += line.length) l.log(line);
    const names = fs.readdirSync(path.dirname(file)).sort();
    expect(names).toEqual([path.basename(file), path.basename(file).replace(/\.log$/, '.old.log')]);
    expect(fs.statSync(file).size).toBeLessThanOrEqual(LOG_MAX_BYTES);
  });

  it('reads the last lines of every current file, in time order across processes, and nothing when there is no folder', () => {
    const dir = tempDir('order-desk-log-');
    fs.mkdirSync(path.join(dir, 'logs'));
    fs.writeFileSync(
      path.join(dir, 'logs', 'app.log'),
      '[2026-01-01 10:00:00.000] [info]  a1\n[2026-01-01 10:00:02.000] [info]  a2\n',
    );
    fs.writeFileSync(path.join(dir, 'logs', 'services.log'), '[2026-01-01 10:00:01.000] [info]  s1\n');
    fs.writeFileSync(path.join(dir, 'logs', 'services.old.log'), '[2025-12-31 09:00:00.000] [info]  old\n');
    const view = readLogTail(dir, 2);
    expect(view.tail).toEqual([
      'services: [2026-01-01 10:00:01.000] [info]  s1',
      'app: [2026-01-01 10:00:02.000] [info]  a2',
    ]);
    expect(view.files.map((f) => f.name)).toEqual(['app.log', 'services.log', 'services.old.log']);
    expect(readLogTail(tempDir('order-desk-log-'), 5)).toMatchObject({ files: [], tail: [] });
  });
});
