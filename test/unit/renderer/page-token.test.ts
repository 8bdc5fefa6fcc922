import { describe, expect, it } from 'vitest';
import { readPageToken } from '../../../renderer/transport/page-token';

describe("browser mode's page token", () => {
  it.each([
    ['the only parameter', 'http://127.0.0.1:5183/?token=abc', '/'],
    ['with a path and a hash', 'http://127.0.0.1:5183/app/?token=abc#outbox', '/app/#outbox'],
    ['among others, kept as written', 'http://127.0.0.1:5183/?lang=ko&token=abc&q=a%20b+c', '/?lang=ko&q=a%20b+c'],
    ['written escaped', 'http://127.0.0.1:5183/?%74oken=abc&x=1', '/?x=1'],
  ])('is taken out of the address when it is %s', (_n, href, address) => {
    expect(readPageToken(href, null)).toEqual({ token: 'abc', address });
  });

  it('leaves an address without a token as it is, and connects with the one this tab kept', () => {
    expect(readPageToken('http://127.0.0.1:5183/?lang=ko#x', 'kept')).toEqual({ token: 'kept', address: null });
    expect(readPageToken('http://127.0.0.1:5183/', 'kept')).toEqual({ token: 'kept', address: null });
  });

  it('prefers the address’s token to the kept one (a restarted server prints a new one)', () => {
    expect(readPageToken('http://127.0.0.1:5183/?token=new', 'old')).toEqual({ token: 'new', address: '/' });
  });

  it('has no token for a bare address in a tab that kept none', () => {
    expect(readPageToken('http://127.0.0.1:5183/', null)).toEqual({ token: null, address: null });
  });

  it('takes an empty or malformed token parameter out too, and connects with none for it', () => {
    expect(readPageToken('http://127.0.0.1:5183/?token=', null)).toEqual({ token: null, address: '/' });
    expect(readPageToken('http://127.0.0.1:5183/?token', 'kept')).toEqual({ token: 'kept', address: '/' });
    expect(readPageToken('http://127.0.0.1:5183/?%E0%A4%A=1&token=abc', null)).toEqual({
      token: 'abc',
      address: '/?%E0%A4%A=1',
    });
  });
});
