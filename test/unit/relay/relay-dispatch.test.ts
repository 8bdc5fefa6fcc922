import { describe, expect, it } from 'vitest';
import { requestList } from '../../../shared/contract';
import { createRelayDispatch } from '../../../electron/relay/relay-dispatch';
import type { ServiceState } from '../../../shared/service-state';

function setup() {
  const forwarded: Array<[string, unknown]> = [];
  const state: ServiceState = { status: 'restarting', restarts: 2, error: null };
  const dispatch = createRelayDispatch(
    {
      request: async (channel, input) => {
        forwarded.push([channel, input]);
        return { ok: true, value: 'from the host' };
      },
      state: () => state,
    },
    {
      read: (maxLines) => ({ dir: '/data/logs', files: [], tail: [`asked for ${maxLines}`] }),
      open: async () => ({ opened: false, dir: '/data/logs' }),
    },
  );
  return { dispatch, forwarded, state };
}

describe('the relay’s request path', () => {
  it('forwards every service request unchanged (the host validates it) and answers its own groups itself', async () => {
    const { dispatch, forwarded, state } = setup();
    for (const { channel } of requestList()) await dispatch(channel, { any: 'input' });
    const own = ['service:state', 'logs:read', 'logs:open'];
    expect(forwarded.map(([c]) => c).sort()).toEqual(
      requestList()
        .map((r) => r.channel)
        .filter((c) => !own.includes(c))
        .sort(),
    );
    expect(forwarded.every(([, input]) => (input as { any: string }).any === 'input')).toBe(true);
    expect(await dispatch('service:state', undefined)).toEqual({ ok: true, value: state });
    expect(await dispatch('service:state', { sneaky: 1 })).toMatchObject({
      ok: false,
      error: { code: 'request.invalid' },
    });
    expect(await dispatch('logs:read', { maxLines: 20 })).toEqual({
      ok: true,
      value: { dir: '/data/logs', files: [], tail: ['asked for 20'] },
    });
    expect(await dispatch('logs:read', { maxLines: 1e9 })).toMatchObject({
      ok: false,
      error: { code: 'request.invalid' },
    });
    expect(await dispatch('logs:open', undefined)).toEqual({ ok: true, value: { opened: false, dir: '/data/logs' } });
  });

  it.each(['orders:delete', '', '__proto__:toString', 'constructor', 42])(
    'answers the unknown channel %j without a hop',
    async (channel) => {
      const { dispatch, forwarded } = setup();
      expect(await dispatch(channel as string, {})).toMatchObject({ ok: false, error: { code: 'request.unknown' } });
      expect(forwarded).toEqual([]);
    },
  );
});
