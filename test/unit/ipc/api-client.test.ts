import { describe, expect, it } from 'vitest';
import { createApiClient } from '../../../shared/api-client';
import { requestList, type Result } from '../../../shared/contract';

function client() {
  const sent: Array<[string, unknown]> = [];
  const listening: string[] = [];
  const api = createApiClient({
    invoke: async (channel, input): Promise<Result<unknown>> => {
      sent.push([channel, input]);
      return { ok: true, value: null };
    },
    listen: (event) => {
      listening.push(event);
      return () => {};
    },
  });
  return { api, sent, listening };
}

describe('the renderer api object', () => {
  it('offers one named function per contract request and nothing generic', async () => {
    const { api, sent } = client();
    for (const { group, method, channel } of requestList()) {
      const fn = (api as unknown as Record<string, Record<string, (i?: unknown) => Promise<unknown>>>)[group][method];
      expect(fn.name).toBe(method);
      await fn({ probe: channel });
    }
    expect(sent.map(([c]) => c)).toEqual(requestList().map((r) => r.channel));
    expect(Object.keys(api).sort()).toEqual([...new Set(requestList().map((r) => r.group)), 'on'].sort());
    expect('invoke' in api).toBe(false);
  });

  it('subscribes to contract events only', () => {
    const { api, listening } = client();
    api.on('orders.changed', () => {});
    expect(listening).toEqual(['orders.changed']);
    expect(() => (api.on as (e: string, l: () => void) => void)('ipc-message', () => {})).toThrow(/Unknown event/);
    expect(() => (api.on as (e: string, l: () => void) => void)('__proto__', () => {})).toThrow(/Unknown event/);
  });
});
