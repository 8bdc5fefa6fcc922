// A scripted service process for the supervisor's tests: it answers init with ready (unless
// told to fail), answers requests with what the test says, and dies when the test says.
import type { Result } from '../../../shared/contract';
import type { HostToRelay, RelayToHost } from '../../../shared/host-protocol';
import type { MessageLink } from '../../../electron/host-link/message-link';
import type { HostProcess, LaunchHost } from '../../../electron/relay/service-supervisor';

export interface FakeHost extends HostProcess {
  received: RelayToHost[];
  /** Emits a message from the host. */
  say(m: HostToRelay): void;
  /** The process ends (crash, kill). */
  die(how?: string): void;
  killed: boolean;
}

export interface FakeBehaviour {
  /** Never answers init (a hung start); default false. */
  silent?: boolean;
  /** Answers init with `failed` and exits. */
  failStart?: string;
  /** With failStart: the failure's error code (one a restart cannot mend). */
  failCode?: import('../../../shared/error-codes').ErrorCode;
  /** Answer for a request; undefined = no answer (it stays in flight). */
  answer?: (channel: string, input: unknown) => Result<unknown> | undefined;
  /** Exits when asked to close; default true. */
  closes?: boolean;
}

export function fakeLauncher(
  behaviour: FakeBehaviour | (() => FakeBehaviour) = {},
): LaunchHost & { hosts: FakeHost[] } {
  const hosts: FakeHost[] = [];
  const launch = ((): FakeHost => {
    const b = typeof behaviour === 'function' ? behaviour() : behaviour;
    const listeners: Array<(m: HostToRelay) => void> = [];
    const closeListeners: Array<() => void> = [];
    const exitListeners: Array<(how: string) => void> = [];
    let exited: string | null = null;
    const counts = { in: 0, out: 0 };
    const host: FakeHost = {
      received: [],
      killed: false,
      pid: 1000 + hosts.length,
      link: {
        counts,
        send(m: RelayToHost) {
          if (exited) return;
          counts.out++;
          host.received.push(m);
          queueMicrotask(() => react(m));
        },
        flush() {},
        onMessage: (l) => void listeners.push(l),
        onClose: (l) => void closeListeners.push(l),
      } as MessageLink<HostToRelay, RelayToHost>,
      kill() {
        host.killed = true;
        host.die('signal SIGKILL');
      },
      onExit(l) {
        if (exited) l(exited);
        else exitListeners.push(l);
      },
      say(m) {
        if (exited) return;
        counts.in++;
        for (const l of listeners) l(m);
      },
      die(how = 'signal SIGKILL') {
        if (exited) return;
        exited = how;
        for (const l of closeListeners) l();
        for (const l of exitListeners) l(how);
      },
    };
    const react = (m: RelayToHost) => {
      if (m.t === 'init') {
        if (b.failStart) {
          host.say({
            t: 'failed',
            message: b.failStart,
            ...(b.failCode ? { code: b.failCode, params: { dataDir: '/tmp/x' } } : {}),
          });
          host.die('exit code 1');
        } else if (!b.silent) host.say({ t: 'ready' });
      } else if (m.t === 'request') {
        const r = b.answer
          ? b.answer(m.channel, m.input)
          : { ok: true as const, value: `${m.channel} answered by ${host.pid}` };
        if (r) host.say({ t: 'response', id: m.id, result: r });
      } else if (m.t === 'command') host.say({ t: 'answer', id: m.id, text: `ok ${m.line}` });
      else if (m.t === 'close' && b.closes !== false) host.die('exit code 0');
    };
    hosts.push(host);
    return host;
  }) as unknown as LaunchHost & { hosts: FakeHost[] };
  launch.hosts = hosts;
  return launch;
}
