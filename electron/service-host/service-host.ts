// The service host: the services (app core: settings, outbox, dispatcher, Diagnostics,
// benchmark, training sandbox) behind the contract, in a process of their own. It answers the
// relay's messages: `init` starts the core, each `request` goes through the request gate (the
// one place the renderer's input is validated) to its handler, events go back as they happen,
// `close` shuts the core down cleanly. Nothing here knows whether the carrier is Electron's
// utilityProcess or a Node child process.
import type { HostInit, HostStats, HostToRelay, RelayToHost } from '../../shared/host-protocol';
import type { AppCore } from '../app/app-core';
import type { MessageLink } from '../host-link/message-link';
import { createRequestDispatcher, type RequestDispatcher } from '../ipc/bind-requests';
import { LoopDelayWindows, ownLoad } from '../host-link/process-load';
import { isErrorCode } from '../../shared/error-codes';

export interface ServiceHostDeps {
  link: MessageLink<RelayToHost, HostToRelay>;
  startCore(init: HostInit): Promise<AppCore>;
  log(message: string): void;
  exit(code: number): void;
  /** How long closing the services may take before the host exits anyway. */
  closeTimeoutMs?: number;
}

export interface ServiceHost {
  /** Closes the services and exits (the relay asked, the relay is gone, or a signal). */
  shutdown(reason: string): Promise<void>;
}

const CLOSE_TIMEOUT_MS = 15_000;

export function runServiceHost(deps: ServiceHostDeps): ServiceHost {
  const { link, log } = deps;
  // Whatever is queued for the relay (a `failed` message, last answers) goes before the exit.
  const exit = (code: number) => {
    link.flush();
    deps.exit(code);
  };
  let core: AppCore | null = null;
  let starting: Promise<RequestDispatcher | null> | null = null;
  let stopping: Promise<void> | null = null;
  const loop = new LoopDelayWindows();

  const start = (init: HostInit) =>
    (starting ??= deps.startCore(init).then(
      (c) => {
        core = c;
        c.subscribe((event, payload) => link.send({ t: 'event', event, payload }));
        link.send({ t: 'ready' });
        return createRequestDispatcher(c.handlers, (channel, err) => log(`${channel} failed: ${String(err)}`));
      },
      (err: unknown) => {
        const message = err instanceof Error ? err.message : String(err);
        // A failure that names an error code (another instance owns the data directory) is one a
        // restart cannot mend; the relay shows it instead of retrying. It is expected, so its
        // stack would only bury the message (a second start:browser printed one above it).
        const coded = err as { code?: unknown; dataDir?: unknown };
        const stack = isErrorCode(coded.code) || !(err instanceof Error) ? null : err.stack;
        log(`the services could not start: ${stack ?? message}`);
        link.send({
          t: 'failed',
          message: message.slice(0, 300),
          ...(isErrorCode(coded.code)
            ? { code: coded.code, params: typeof coded.dataDir === 'string' ? { dataDir: coded.dataDir } : undefined }
            : {}),
        });
        exit(1);
        return null;
      },
    ));

  const stats = (reset: boolean, quiet: boolean): HostStats => {
    if (reset) loop.begin(quiet);
    // The same figures the relay reports of itself (process-load.ts), and the SQL run.
    const { role: _role, ...load } = ownLoad('host', reset ? null : loop.delay());
    return { ...load, sqlStatements: core?.stats().sqlStatements ?? 0 };
  };

  const shutdown = (reason: string): Promise<void> =>
    (stopping ??= (async () => {
      log(`service host closing (${reason})`);
      const timer = setTimeout(() => {
        log(`the services did not close in ${(deps.closeTimeoutMs ?? CLOSE_TIMEOUT_MS) / 1000} s; exiting anyway`);
        exit(1);
      }, deps.closeTimeoutMs ?? CLOSE_TIMEOUT_MS);
      timer.unref?.();
      // A start still under way finishes first, so its outbox and sandbox are closed too.
      await starting?.catch(() => null);
      await core?.close().catch((e: unknown) => log(`closing the services failed: ${String(e)}`));
      clearTimeout(timer);
      exit(0);
    })());

  link.onMessage((m) => {
    switch (m.t) {
      case 'init':
        void start(m.init);
        return;
      case 'request':
        if (!starting) return log(`request ${m.channel} before init: ignored`);
        void starting.then(async (dispatch) => {
          if (!dispatch) return;
          link.send({ t: 'response', id: m.id, result: await dispatch(m.channel, m.input) });
        });
        return;
      case 'command':
        void (starting ?? Promise.resolve(null)).then(async () => {
          const text = core ? await core.sandboxCommand(m.line) : 'error: the services are not running';
          link.send({ t: 'answer', id: m.id, text });
        });
        return;
      case 'stats':
        link.send({ t: 'stats', id: m.id, stats: stats(m.reset, m.quiet ?? false) });
        return;
      case 'secrets':
        // After a start under way: its init carried the older secrets.
        void (starting ?? Promise.resolve(null))
          .then(() => core?.setSecrets(m.secrets))
          .catch((e: unknown) => log(`applying new secrets failed: ${String(e)}`));
        return;
      case 'close':
        void shutdown('asked by the relay');
        return;
    }
  });
  link.onClose(() => void shutdown('the relay is gone'));
  return { shutdown };
}
