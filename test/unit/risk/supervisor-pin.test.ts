// The supervisor PIN: only a salted scrypt hash is stored, a wrong PIN is refused, five wrong
// ones lock checking for 30 s, and changing it needs the current one.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashPin, pinMatches, PIN_FILE, SupervisorPin } from '../../../electron/risk/supervisor-pin';
import { tempDir } from '../orders/temp-dir';
import { formatError } from '../../../shared/error-codes';

describe('supervisor PIN', () => {
  it('stores a salted scrypt hash, never the PIN, and the same PIN hashes differently each time', () => {
    const dir = tempDir('pin-');
    const pin = new SupervisorPin(dir);
    expect(pin.isSet()).toBe(false);
    expect(pin.check('1234')?.code).toBe('risk.pinNotSet');
    expect(pin.set(null, '482913')).toBeNull();
    const text = fs.readFileSync(path.join(dir, PIN_FILE), 'utf8');
    expect(text).not.toContain('482913');
    expect(JSON.parse(text)).toMatchObject({ algorithm: 'scrypt' });
    expect(hashPin('482913').hash).not.toBe(hashPin('482913').hash);
    expect(pinMatches('482913', JSON.parse(text))).toBe(true);
    expect(pinMatches('482914', JSON.parse(text))).toBe(false);
  });

  it('accepts the right PIN, refuses a wrong one, and locks after five wrong ones in a row', () => {
    let now = 1_000_000;
    const pin = new SupervisorPin(tempDir('pin-'), () => now);
    pin.set(null, '2468');
    expect(pin.check('2468')).toBeNull();
    for (let i = 0; i < 4; i++) expect(pin.check('0000')?.code).toBe('risk.pinWrong');
    expect(pin.check('0000')?.code).toBe('risk.pinWrong');
    // Locked: even the right PIN waits.
    expect(pin.check('2468')).toEqual({ code: 'risk.pinLocked', params: { seconds: 30 } });
    now += 30_000;
    expect(pin.check('2468')).toBeNull();
  });

  it('says a wrong PIN is wrong and to enter it again, in English and Korean', () => {
    const pin = new SupervisorPin(tempDir('pin-'));
    pin.set(null, '2468');
    const wrong = pin.check('0000');
    expect(wrong && formatError(wrong, 'en')).toBe('Wrong supervisor PIN. Enter it again.');
    expect(wrong && formatError(wrong, 'ko')).toBe('감독자 PIN이 맞지 않습니다. 다시 입력하세요.');
  });

  it('changes the PIN only with the current one', () => {
    const pin = new SupervisorPin(tempDir('pin-'));
    pin.set(null, '2468');
    expect(pin.set(null, '1357')?.code).toBe('risk.pinWrong');
    expect(pin.set('9999', '1357')?.code).toBe('risk.pinWrong');
    expect(pin.set('2468', '1357')).toBeNull();
    expect(pin.check('1357')).toBeNull();
    expect(pin.check('2468')?.code).toBe('risk.pinWrong');
  });

  it('refuses a PIN file that is not one, rather than treating the PIN as unset', () => {
    const dir = tempDir('pin-');
    fs.writeFileSync(path.join(dir, PIN_FILE), '{"algorithm":"md5"}');
    expect(() => new SupervisorPin(dir).isSet()).toThrow(/not a PIN file/);
  });
});
