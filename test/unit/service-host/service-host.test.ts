// The service host's message handling, with an in-memory link and a stand-in core: requests
// pass the contract's gate before any handler, events go back as they happen, and it closes
// the services before exiting, whether the relay asks or disappears.
import { describe, expect, it } from 'vitest';
import type { HostToRelay, RelayToHost } from '../../../shared/host-protocol';
import type { AppCore } from '../../../electron/app/app-core';
import type { MessageLink } from '../../../electron/host-link/message-link';
import { runServiceHost } from '../../../electron/service-host/service-host';
import { recordingHandlers, validDraft } from '../ipc/fake-handlers';

function setup(startFails?: string) {
  const sent: HostToRelay[] = [];
  let deliver: (m: RelayToHost) => void = () => {};
  let closeLink: () => void = () => {};
  const link: MessageLink<RelayToHost, HostToRelay> = {
    counts: { in: 0, out: 0 },
    send: (m) => void sent.push(m),
    flush: () => {},
    onMessage: (l) => void (deliver = l),
    onClose: (l) => void (closeLink = l),
  };
  const { handlers, calls } = recordingHandlers();
  let emit: (event: 'connection.changed', payload: unknown) => void = () => {};
  const closed: string[] = [];
  const secretsApplied: unknown[] = [];
  const core = {
    handlers,
    subscribe: (l: typeof emit) => ((emit = l), () => {}),
    sandboxCommand: async (line: string) => `ok ${line}`,
    stats: () => ({ sqlStatements: 42 }),
    setSecrets: async (s: unknown) => void secretsApplied.push(s),
    close: async () => void closed.push('core'),
  } as unknown as AppCore;
  const exits: number[] = [];
  const inits: unknown[] = [];
  runServiceHost({
    link,
    log: () => {},
    startCore: async (init) => {
      inits.push(init);
      if (startFails) throw new Error(startFails);
      return core;
    },
    exit: (code) => void exits.push(code),
  });
  const settle = () => new Promise((r) => setTimeout(r, 10));
  return {
    sent,
    deliver: (m: RelayToHost) => deliver(m),
    closeLink: () => closeLink(),
    calls,
    emit: (p: unknown) => emit('connection.changed', p),
    closed,
    exits,
    inits,
    secretsApplied,
    settle,
  };
}

const init = { mode: 'electron' as const, dataDir: '/d', version: '1.2.3', sqliteBinding: '/x/better_sqlite3.node' };

describe('the service host', () => {
  it('gives the core new secrets, also when they arrive while it is still starting', async () => {
    const h = setup();
    h.deliver({ t: 'init', init: { ...init, secrets: { saslPassword: 'one' } } });
    h.deliver({ t: 'secrets', secrets: { saslPassword: 'two' } });
    await h.settle();
    expect(h.inits).toEqual([{ ...init, secrets: { saslPassword: 'one' } }]);
    expect(h.secretsApplied).toEqual([{ saslPassword: 'two' }]);
  });

  it('starts the core from init, says ready, and answers requests through the contract gate', async () => {
    const h = setup();
    h.deliver({ t: 'init', init });
    h.deliver({ t: 'request', id: 7, channel: 'orders:submit', input: { ...validDraft(), total: 1 } });
    h.deliver({ t: 'request', id: 8, channel: 'orders:submit', input: validDraft() });
    await h.settle();
    expect(h.inits).toEqual([init]);
    expect(h.sent[0]).toEqual({ t: 'ready' });
    expect(h.sent.find((m) => m.t === 'response' && m.id === 7)).toMatchObject({
      result: { ok: false, error: { code: 'request.invalid' } },
    });
    expect(h.sent.find((m) => m.t === 'response' && m.id === 8)).toEqual({
      t: 'response',
      id: 8,
      result: { ok: true, value: 'done' },
    });
    // The handler got the parsed draft (trimmed, currency defaulted): validated here, once.
    expect(h.calls).toEqual([
      { channel: 'orders:submit', input: expect.objectContaining({ customerName: 'Kim Minji', currency: 'KRW' }) },
    ]);
  });

  it('passes events on, answers commands and stats', async () => {
    const h = setup();
    h.deliver({ t: 'init', init });
    await h.settle();
    h.emit({ status: 'offline' });
    h.deliver({ t: 'command', id: 1, line: 'stop 2' });
    h.deliver({ t: 'stats', id: 2, reset: false });
    await h.settle();
    expect(h.sent).toContainEqual({ t: 'event', event: 'connection.changed', payload: { status: 'offline' } });
    expect(h.sent).toContainEqual({ t: 'answer', id: 1, text: 'ok stop 2' });
    expect(h.sent.find((m) => m.t === 'stats')).toMatchObject({
      t: 'stats',
      id: 2,
      stats: { pid: process.pid, sqlStatements: 42 },
    });
  });

  it('measures event-loop delay only in windows that ask for it: a quiet window reports none', async () => {
    const h = setup();
    h.deliver({ t: 'init', init });
    await h.settle();
    const statsOf = (id: number) =>
      (h.sent.find((m) => m.t === 'stats' && m.id === id) as Extract<HostToRelay, { t: 'stats' }>).stats;
    h.deliver({ t: 'stats', id: 1, reset: true });
    await new Promise((r) => setTimeout(r, 30));
    h.deliver({ t: 'stats', id: 2, reset: false });
    h.deliver({ t: 'stats', id: 3, reset: true, quiet: true });
    await new Promise((r) => setTimeout(r, 30));
    h.deliver({ t: 'stats', id: 4, reset: false });
    await h.settle();
    expect(statsOf(1).loopDelayMs).toBeNull();
    expect(statsOf(2).loopDelayMs?.samples).toBeGreaterThan(0);
    expect(statsOf(4).loopDelayMs).toBeNull();
    // CPU and the loop's busy time are there either way, and only grow.
    expect(statsOf(4).loopBusyMs).toBeGreaterThanOrEqual(statsOf(2).loopBusyMs);
    expect(statsOf(4).cpuUserUs).toBeGreaterThanOrEqual(statsOf(2).cpuUserUs);
    if (process.platform === 'linux')
      expect(statsOf(4).mainThread!.onCpuMs).toBeGreaterThanOrEqual(statsOf(2).mainThread!.onCpuMs);
    else expect(statsOf(4).mainThread).toBeNull();
  });

  it('closes the services, then exits 0, when the relay asks', async () => {
    const h = setup();
    h.deliver({ t: 'init', init });
    await h.settle();
    h.deliver({ t: 'close' });
    await h.settle();
    expect(h.closed).toEqual(['core']);
    expect(h.exits).toEqual([0]);
  });

  it('closes the services and exits when the relay is gone', async () => {
    const h = setup();
    h.deliver({ t: 'init', init });
    await h.settle();
    h.closeLink();
    await h.settle();
    expect(h.closed).toEqual(['core']);
    expect(h.exits).toEqual([0]);
  });

  it('says why when the services cannot start, and exits 1', async () => {
    const h = setup('outbox schema version 9 is newer than this app supports (2)');
    h.deliver({ t: 'init', init });
    await h.settle();
    expect(h.sent).toEqual([{ t: 'failed', message: 'outbox schema version 9 is newer than this app supports (2)' }]);
    expect(h.exits).toEqual([1]);
  });
});
