import { describe, expect, it } from 'vitest';
import { channelOf, requestList } from '../../../shared/contract';
import { createRequestDispatcher } from '../../../electron/ipc/bind-requests';
import { recordingHandlers, validDraft } from './fake-handlers';

const submit = channelOf('orders', 'submit');

describe('the request gate', () => {
  it('passes a valid request to its handler with the parsed input (trimmed, defaults applied)', async () => {
    const { handlers, calls } = recordingHandlers();
    const dispatch = createRequestDispatcher(handlers);
    const r = await dispatch(submit, validDraft());
    expect(r).toEqual({ ok: true, value: 'done' });
    expect(calls).toHaveLength(1);
    expect(calls[0].input).toMatchObject({ customerName: 'Kim Minji', currency: 'KRW' });
  });

  it.each([
    ['a missing field', { ...validDraft(), customerName: undefined }],
    ['a wrong type', { ...validDraft(), lines: 'many' }],
    ['an extra field', { ...validDraft(), total: 0 }],
    ['a negative quantity', { ...validDraft(), lines: [{ sku: 'a', productName: 'b', quantity: -1, unitPrice: 1 }] }],
    [
      'a fractional quantity',
      { ...validDraft(), lines: [{ sku: 'a', productName: 'b', quantity: 1.5, unitPrice: 1 }] },
    ],
    ['a huge string', { ...validDraft(), customerName: 'x'.repeat(1_000_000) }],
    ['a prototype-pollution key', { ...JSON.parse('{"__proto__":{"polluted":true}}'), ...validDraft() }],
    ['no input at all', undefined],
  ])('refuses %s with request.invalid and never calls the service', async (_name, input) => {
    const { handlers, calls } = recordingHandlers();
    const dispatch = createRequestDispatcher(handlers);
    const r = await dispatch(submit, input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('request.invalid');
    expect(String(r.error.params?.detail).length).toBeLessThanOrEqual(200);
    expect(calls).toHaveLength(0);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("gives a refused field's code as the reason, so the clerk reads it in the screen's language", async () => {
    // A new PIN of "12a4" read "요청이 올바르지 않습니다: newPin: The PIN is 4 to 12 digits" on a Korean screen.
    const { handlers, calls } = recordingHandlers();
    const r = await createRequestDispatcher(handlers)(channelOf('risk', 'setPin'), {
      currentPin: null,
      newPin: '12a4',
    });
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'request.invalid',
        params: { reason: 'risk.pinFormat', field: 'newPin', detail: 'newPin: The PIN is 4 to 12 digits' },
      },
    });
    expect(calls).toHaveLength(0);
  });

  it('refuses input on a request that takes none', async () => {
    const { handlers, calls } = recordingHandlers();
    const r = await createRequestDispatcher(handlers)(channelOf('app', 'info'), { sneaky: true });
    expect(r).toMatchObject({ ok: false, error: { code: 'request.invalid' } });
    expect(calls).toHaveLength(0);
  });

  it.each(['orders:delete', 'orders', '__proto__:toString', 'constructor:constructor', 'orders:hasOwnProperty', ''])(
    'answers the unknown channel %j with request.unknown',
    async (channel) => {
      const { handlers, calls } = recordingHandlers();
      const r = await createRequestDispatcher(handlers)(channel, {});
      expect(r).toMatchObject({ ok: false, error: { code: 'request.unknown' } });
      expect(calls).toHaveLength(0);
    },
  );

  it('turns a throwing handler into an internal error value and reports it', async () => {
    const { handlers } = recordingHandlers(() => {
      throw new Error('disk on fire');
    });
    const seen: string[] = [];
    const r = await createRequestDispatcher(handlers, (channel) => seen.push(channel))(
      channelOf('app', 'info'),
      undefined,
    );
    expect(r).toEqual({ ok: false, error: { code: 'internal', params: { detail: 'disk on fire' } } });
    expect(seen).toEqual(['app:info']);
  });

  it('routes every contract request to its own handler', async () => {
    const { handlers, calls } = recordingHandlers();
    const dispatch = createRequestDispatcher(handlers);
    // Requests without input are the ones whose schema accepts undefined.
    for (const { channel } of requestList()) await dispatch(channel, undefined);
    const reached = new Set(calls.map((c) => c.channel));
    expect(reached.has('app:info')).toBe(true);
    expect(reached.has('connection:state')).toBe(true);
    expect(reached.has('orders:submit')).toBe(false);
    for (const c of calls) expect(c.input).toBeUndefined();
  });
});
