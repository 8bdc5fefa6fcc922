import { describe, expect, it, vi } from 'vitest';
import { requestList } from '../../../shared/contract';

// Stand-ins for the two Electron objects the preload may touch.
const exposed = new Map<string, unknown>();
const invoked: Array<[string, unknown]> = [];
const rendererListeners = new Map<string, Set<(...a: unknown[]) => void>>();
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
  ipcRenderer: {
    invoke: async (channel: string, input: unknown) => {
      invoked.push([channel, input]);
      return { ok: true, value: channel };
    },
    on: (channel: string, fn: (...a: unknown[]) => void) => {
      const set = rendererListeners.get(channel) ?? new Set();
      set.add(fn);
      rendererListeners.set(channel, set);
    },
    removeListener: (channel: string, fn: (...a: unknown[]) => void) => rendererListeners.get(channel)?.delete(fn),
  },
}));

await import('../../../electron/preload/preload');
const api = exposed.get('orderDesk') as Record<string, unknown> & {
  on: (e: string, l: (p: unknown) => void) => () => void;
};

describe('preload', () => {
  it('exposes only window.orderDesk: the contract groups and `on`', () => {
    expect([...exposed.keys()]).toEqual(['orderDesk']);
    expect(Object.keys(api).sort()).toEqual([...new Set(requestList().map((r) => r.group)), 'on'].sort());
    for (const key of ['invoke', 'send', 'ipcRenderer', 'require']) expect(key in api).toBe(false);
  });

  it('maps each named function to its derived channel and nothing else', async () => {
    const orders = api.orders as Record<string, (i?: unknown) => Promise<unknown>>;
    expect(await orders.recent({ limit: 5 })).toEqual({ ok: true, value: 'orders:recent' });
    expect(invoked).toEqual([['orders:recent', { limit: 5 }]]);
  });

  it('passes event payloads without the IpcRendererEvent, and unsubscribes', () => {
    const seen: unknown[][] = [];
    const off = api.on('orders.changed', (...args: unknown[]) => seen.push(args));
    for (const fn of rendererListeners.get('event:orders.changed') ?? [])
      fn({ sender: 'ipcRenderer internals' }, { state: 'delivered' });
    expect(seen).toEqual([[{ state: 'delivered' }]]);
    off();
    expect(rendererListeners.get('event:orders.changed')?.size).toBe(0);
  });

  it('refuses event names outside the contract', () => {
    expect(() => api.on('ipc-internal', () => {})).toThrow(/Unknown event/);
    expect(rendererListeners.has('event:ipc-internal')).toBe(false);
  });
});
