import { describe, expect, it } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import { EVENT_CHANNEL_PREFIX, requestList, type EventName } from '../../../shared/contract';
import { createRequestDispatcher } from '../../../electron/ipc/bind-requests';
import { bindElectronIpc } from '../../../electron/ipc/electron-ipc';
import type { AppLocation } from '../../../electron/ipc/trusted-sender';
import { APP_HOST, APP_INDEX_URL, APP_SCHEME } from '../../../electron/main/app-protocol';
import { recordingHandlers, validDraft } from './fake-handlers';

const app: AppLocation = { scheme: APP_SCHEME, host: APP_HOST, devServerOrigin: null };
type Handler = (event: IpcMainInvokeEvent, input: unknown) => Promise<unknown>;

function setup() {
  const registered = new Map<string, Handler>();
  const ipcMain = {
    handle: (channel: string, h: Handler) => void registered.set(channel, h),
    removeHandler: (channel: string) => void registered.delete(channel),
  };
  const { handlers, calls } = recordingHandlers();
  let emit: (event: EventName, payload: unknown) => void = () => {};
  const sent: Array<[string, unknown]> = [];
  const dispose = bindElectronIpc({
    ipcMain: ipcMain as never,
    dispatch: createRequestDispatcher(handlers),
    app,
    subscribe: (l) => {
      emit = l;
      return () => (emit = () => {});
    },
    target: () => ({ send: (c: string, p: unknown) => void sent.push([c, p]), isDestroyed: () => false }) as never,
  });
  const call = (channel: string, frame: unknown, input: unknown) =>
    registered.get(channel)!({ senderFrame: frame } as IpcMainInvokeEvent, input);
  return { registered, calls, sent, emit: (e: EventName, p: unknown) => emit(e, p), dispose, call };
}

const mainFrame = { url: `${APP_INDEX_URL}#/`, parent: null };

describe('Electron IPC binding', () => {
  it('registers exactly the contract channels and removes them on dispose', () => {
    const s = setup();
    expect([...s.registered.keys()].sort()).toEqual(
      requestList()
        .map((r) => r.channel)
        .sort(),
    );
    s.dispose();
    expect(s.registered.size).toBe(0);
  });

  it('serves the app main frame', async () => {
    const s = setup();
    expect(await s.call('orders:submit', mainFrame, validDraft())).toEqual({ ok: true, value: 'done' });
    expect(s.calls).toHaveLength(1);
  });

  it.each([
    ['a sub-frame', { url: APP_INDEX_URL, parent: {} }],
    ['another page', { url: 'https://evil.example/', parent: null }],
    ['another local file', { url: 'file:///tmp/evil.html', parent: null }],
    ['a destroyed frame', null],
  ])('refuses %s with request.forbidden before any service sees it', async (_n, frame) => {
    const s = setup();
    expect(await s.call('orders:submit', frame, validDraft())).toEqual({
      ok: false,
      error: { code: 'request.forbidden' },
    });
    expect(s.calls).toHaveLength(0);
  });

  it('still validates input from the trusted frame', async () => {
    const s = setup();
    const r = await s.call('orders:submit', mainFrame, { ...validDraft(), total: 1 });
    expect(r).toMatchObject({ ok: false, error: { code: 'request.invalid' } });
    expect(s.calls).toHaveLength(0);
  });

  it('refuses an input larger than the request limit before any service sees it', async () => {
    const s = setup();
    const huge = { ...validDraft(), note: 'x'.repeat(2 * 1024 * 1024) };
    expect(await s.call('orders:submit', mainFrame, huge)).toEqual({
      ok: false,
      error: { code: 'request.tooLarge', params: { max: 1024 * 1024 } },
    });
    const wide = { ...validDraft(), lines: Array.from({ length: 200_000 }, () => ({ sku: 'a' })) };
    expect(await s.call('orders:submit', mainFrame, wide)).toMatchObject({
      ok: false,
      error: { code: 'request.tooLarge' },
    });
    expect(s.calls).toHaveLength(0);
  });

  it('forwards core events on their derived channels, and stops after dispose', () => {
    const s = setup();
    s.emit('connection.changed', { status: 'offline' });
    expect(s.sent).toEqual([[`${EVENT_CHANNEL_PREFIX}connection.changed`, { status: 'offline' }]]);
    s.dispose();
    s.emit('connection.changed', { status: 'connected' });
    expect(s.sent).toHaveLength(1);
  });

  it('accepts the dev server origin only when one is configured', async () => {
    const { isTrustedSender } = await import('../../../electron/ipc/trusted-sender');
    const frame = { url: 'http://127.0.0.1:5173/', parent: null };
    expect(isTrustedSender(frame, app)).toBe(false);
    expect(isTrustedSender(frame, { ...app, devServerOrigin: 'http://127.0.0.1:5173' })).toBe(true);
    expect(
      isTrustedSender(
        { url: 'http://127.0.0.1:5174/', parent: null },
        { ...app, devServerOrigin: 'http://127.0.0.1:5173' },
      ),
    ).toBe(false);
  });
});
