import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../../shared/contract';
import type { ServiceState } from '../../../shared/service-state';
import { ServiceSupervisor, type SupervisorOptions } from '../../../electron/relay/service-supervisor';
import { DEFAULT_RESTART_POLICY, restartDecision } from '../../../electron/relay/restart-policy';
import { fakeLauncher, type FakeBehaviour } from './fake-host';

const init = { mode: 'browser' as const, dataDir: '/tmp/x', sqliteBinding: null };
const supervisors: ServiceSupervisor[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const s of supervisors.splice(0)) await s.close();
});

function setup(behaviour: FakeBehaviour | (() => FakeBehaviour) = {}, extra: Partial<SupervisorOptions> = {}) {
  const launch = fakeLauncher(behaviour);
  const logs: string[] = [];
  const states: ServiceState[] = [];
  const events: Array<[string, unknown]> = [];
  const s = new ServiceSupervisor({
    launch,
    init,
    log: (m) => logs.push(m),
    policy: { quickRunMs: 1000, delaysMs: [0, 20, 40], maxQuickDeaths: 4 },
    ...extra,
  });
  s.subscribe((event, payload) =>
    event === 'service.changed' ? states.push(payload as ServiceState) : events.push([event, payload]),
  );
  supervisors.push(s);
  return { s, launch, logs, states, events };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('the restart policy', () => {
  it('restarts at once, then waits longer each time, and gives up at the limit', () => {
    const p = DEFAULT_RESTART_POLICY;
    expect(restartDecision(p, 1)).toEqual({ giveUp: false, delayMs: 0 });
    expect(restartDecision(p, 2)).toEqual({ giveUp: false, delayMs: 1000 });
    expect(restartDecision(p, 4)).toEqual({ giveUp: false, delayMs: 8000 });
    expect(restartDecision({ ...p, maxQuickDeaths: 9 }, 7)).toEqual({ giveUp: false, delayMs: 8000 });
    expect(restartDecision(p, p.maxQuickDeaths)).toEqual({ giveUp: true });
  });
});

describe('the service supervisor', () => {
  it('starts the process with init, holds requests until it is ready, then answers them', async () => {
    const { s, launch, states } = setup({ silent: true });
    const started = s.start();
    const answer = s.request('app:info', undefined);
    await tick();
    expect(launch.hosts[0].received).toEqual([{ t: 'init', init: { ...init, secrets: {} } }]);
    expect(s.state().status).toBe('starting');
    launch.hosts[0].say({ t: 'ready' });
    await started;
    expect(await answer).toEqual({ ok: true, value: 'app:info answered by 1000' });
    expect(states).toEqual([{ status: 'running', restarts: 0, error: null }]);
  });

  it('hands the process the secrets with its init, each change, and a restarted process the current ones', async () => {
    let secrets: Record<string, string> = { saslPassword: 'first' };
    const { s, launch } = setup({}, { secrets: () => secrets });
    await s.start();
    expect(launch.hosts[0].received[0]).toEqual({ t: 'init', init: { ...init, secrets: { saslPassword: 'first' } } });
    secrets = { saslPassword: 'second', tlsKeyPassphrase: 'pp' };
    s.secretsChanged();
    expect(launch.hosts[0].received.at(-1)).toEqual({ t: 'secrets', secrets });
    launch.hosts[0].die('signal SIGKILL');
    await vi.waitFor(() => expect(s.state().status).toBe('running'));
    expect(launch.hosts[1].received[0]).toEqual({ t: 'init', init: { ...init, secrets } });
  });

  it('answers requests in flight with service.restarting when the process dies, restarts it at once, and the page hears both', async () => {
    const { s, launch, states, logs } = setup({
      answer: (c) => (c === 'orders:submit' || c === 'orders:void' ? undefined : { ok: true, value: c }),
    });
    await s.start();
    const inFlight = s.request('orders:submit', { customerId: 'C-1' });
    const voidInFlight = s.request('orders:void', { orderId: 'x' });
    await tick();
    launch.hosts[0].die('signal SIGKILL');
    expect(await inFlight).toEqual({ ok: false, error: { code: 'service.restarting' } });
    // Not a submit: not told its order is still in the form.
    expect(await voidInFlight).toEqual({ ok: false, error: { code: 'service.restartingOther' } });
    expect(states.at(-1)).toEqual({ status: 'restarting', restarts: 1, error: null });
    // Asked while it restarts: waits for the new process instead of failing.
    const during = s.request('app:info', undefined);
    await vi.waitFor(() => expect(s.state().status).toBe('running'));
    expect(await during).toEqual({ ok: true, value: 'app:info' });
    expect(launch.hosts).toHaveLength(2);
    expect(states.map((x) => x.status)).toEqual(['running', 'restarting', 'running']);
    expect(logs.some((l) => /pid 1000\) stopped \(signal SIGKILL\); restarting it$/.test(l))).toBe(true);
  });

  it('gives up after too many quick deaths in a row, with the reason, and refuses requests from then on', async () => {
    const { s, launch, states, logs } = setup({
      failStart: 'outbox schema version 9 is newer than this app supports (2)',
    });
    const waiting = s.request('orders:recent', { limit: 5 });
    await s.start();
    expect(launch.hosts).toHaveLength(4);
    const failed = {
      code: 'service.failed',
      params: { count: 4, detail: 'outbox schema version 9 is newer than this app supports (2)' },
    };
    expect(states.at(-1)).toEqual({ status: 'failed', restarts: 3, error: failed });
    expect(states.map((x) => x.status)).toEqual(['restarting', 'restarting', 'restarting', 'failed']);
    expect(await waiting).toEqual({ ok: false, error: failed });
    expect(await s.request('app:info', undefined)).toEqual({ ok: false, error: failed });
    expect(await s.sandboxCommand('status')).toBe('error: the order service is not running');
    expect(logs.at(-1)).toMatch(/4 times in a row; not starting it again: outbox schema version 9/);
  });

  it('does not restart when another instance owns the data directory, and says so to every request', async () => {
    const { s, launch, states } = setup({
      failStart: 'another Order Desk is using /tmp/x',
      failCode: 'instance.running',
    });
    const waiting = s.request('orders:recent', { limit: 5 });
    await s.start();
    expect(launch.hosts).toHaveLength(1);
    const refused = { code: 'instance.running', params: { dataDir: '/tmp/x' } };
    expect(states).toEqual([{ status: 'failed', restarts: 0, error: refused }]);
    expect(s.state().error).toEqual(refused);
    expect(await waiting).toEqual({ ok: false, error: refused });
    expect(await s.request('app:info', undefined)).toEqual({ ok: false, error: refused });
  });

  it('waits longer before each quick restart, and starts a new series after a long run', async () => {
    let t = 0;
    const { s, launch } = setup({}, { now: () => t });
    await s.start();
    const realSetTimeout = globalThis.setTimeout;
    const delays: number[] = [];
    vi.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: () => void, ms?: number) => {
      delays.push(ms ?? 0);
      return realSetTimeout(fn, ms);
    }) as typeof setTimeout);
    for (let i = 0; i < 3; i++) {
      launch.hosts.at(-1)!.die();
      await vi.waitFor(() => expect(s.state().status).toBe('running'));
    }
    expect(delays.slice(0, 3)).toEqual([0, 20, 40]);
    // A long healthy run: the next death is the first of a new series, restarted at once.
    t += 5_000;
    launch.hosts.at(-1)!.die();
    await vi.waitFor(() => expect(s.state().status).toBe('running'));
    expect(delays[3]).toBe(0);
    expect(s.state().restarts).toBe(4);
    vi.restoreAllMocks();
  });

  it('forwards the host’s events and training-mode commands', async () => {
    const { s, launch, events } = setup();
    await s.start();
    launch.hosts[0].say({ t: 'event', event: 'connection.changed', payload: { status: 'offline' } });
    expect(events).toEqual([['connection.changed', { status: 'offline' }]]);
    expect(await s.sandboxCommand('stop 2')).toBe('ok stop 2');
    launch.hosts[0].die();
    expect(await s.sandboxCommand('stop 2')).toMatch(/^error: the order service is restarting/);
  });

  it('closes the services cleanly on close, answering what was waiting with service.closing', async () => {
    const { s, launch } = setup({ answer: () => undefined });
    await s.start();
    const inFlight = s.request('orders:submit', {});
    await tick();
    await s.close();
    expect(launch.hosts[0].received.at(-1)).toEqual({ t: 'close' });
    expect(launch.hosts[0].killed).toBe(false);
    expect(await inFlight).toEqual({ ok: false, error: { code: 'service.closing' } });
    expect(await s.request('app:info', undefined)).toEqual({ ok: false, error: { code: 'service.closing' } });
    expect(launch.hosts).toHaveLength(1);
  });

  it('kills a process that does not close in time', async () => {
    const { s, launch, logs } = setup({ closes: false }, { closeTimeoutMs: 50 });
    await s.start();
    await s.close();
    expect(launch.hosts[0].killed).toBe(true);
    expect(logs.at(-1)).toMatch(/did not close in time; killing it/);
    expect(launch.hosts).toHaveLength(1);
  });

  it('answers at once with service.restarting beyond the queue limit while restarting', async () => {
    let n = 0;
    const { s, launch } = setup(() => (n++ === 0 ? {} : { silent: true }), { maxQueued: 2 });
    await s.start();
    launch.hosts[0].die();
    const queued: Array<Promise<Result<unknown>>> = [1, 2, 3].map(() => s.request('app:info', undefined));
    expect(await queued[2]).toEqual({ ok: false, error: { code: 'service.restartingOther' } });
    await vi.waitFor(() => expect(launch.hosts).toHaveLength(2));
    launch.hosts[1].say({ t: 'ready' });
    expect((await queued[0]).ok).toBe(true);
    expect((await queued[1]).ok).toBe(true);
  });
});
