// The relay's side of the service process: starts it, forwards requests and sandbox commands
// to it, passes its events on, and restarts it when it dies. Requests that were in flight when
// it died are answered with `service.restarting` (the form keeps the order and its submission
// id, so submitting again cannot save it twice); requests made while it restarts wait for it.
// The page hears every change as the contract's `service.changed` event. Electron main and
// browser mode's process both run this; only the way the process is launched differs
// (host-launch.ts).
import { appError, type AppError } from '../../shared/error-codes';
import { channelOf, type EventName, type RequestChannel, type Result } from '../../shared/contract';
import type { HostInit, HostStats, HostToRelay, RelayToHost } from '../../shared/host-protocol';
import type { Secrets } from '../../shared/secret-types';
import type { ServiceState } from '../../shared/service-state';
import type { MessageLink } from '../host-link/message-link';
import { DEFAULT_RESTART_POLICY, restartDecision, type RestartPolicy } from './restart-policy';

const SUBMIT_CHANNEL = channelOf('orders', 'submit');

export interface HostProcess {
  link: MessageLink<HostToRelay, RelayToHost>;
  /** Undefined until the process has spawned. */
  readonly pid: number | undefined;
  /** Ends it at once (SIGKILL): only when it does not close in time. */
  kill(): void;
  /** Called once when it has exited, with how ("exit code 1", "signal SIGKILL"). */
  onExit(listener: (how: string) => void): void;
}

export type LaunchHost = () => HostProcess;
export type ServiceListener = (event: EventName, payload: unknown) => void;

export interface SupervisorOptions {
  launch: LaunchHost;
  init: HostInit;
  /** The connection secrets now (the relay's store), sent with every start of the process. */
  secrets?: () => Secrets;
  log(message: string): void;
  policy?: RestartPolicy;
  /** Requests held while the process restarts; beyond this they are answered at once. */
  maxQueued?: number;
  /** How long the services get to close before the process is killed. */
  closeTimeoutMs?: number;
  now?: () => number;
}

interface Queued {
  channel: RequestChannel;
  input: unknown;
  resolve(result: Result<unknown>): void;
}

const MAX_QUEUED = 1_000;
const CLOSE_TIMEOUT_MS = 20_000;

export class ServiceSupervisor {
  private readonly policy: RestartPolicy;
  private readonly now: () => number;
  private host: HostProcess | null = null;
  private ready = false;
  private startedAt = 0;
  private deathsInARow = 0;
  private lastFailure: string | null = null;
  /** A start failure with an error code: permanent (another instance owns the data directory). */
  private permanentFailure: AppError | null = null;
  private restartTimer: NodeJS.Timeout | null = null;
  private current: ServiceState = { status: 'starting', restarts: 0, error: null };
  private nextId = 1;
  private readonly inflight = new Map<number, (result: Result<unknown>) => void>();
  private readonly commands = new Map<number, (text: string) => void>();
  private readonly statsWaiters = new Map<number, (stats: HostStats | null) => void>();
  private queued: Queued[] = [];
  private readonly listeners = new Set<ServiceListener>();
  /** Messages carried by processes that have exited (the current one counts its own). */
  private readonly pastCounts = { hostIn: 0, hostOut: 0 };
  private closing: Promise<void> | null = null;
  private settleFirst: (() => void) | null = null;
  private readonly firstSettled: Promise<void>;

  constructor(private readonly opts: SupervisorOptions) {
    this.policy = opts.policy ?? DEFAULT_RESTART_POLICY;
    this.now = opts.now ?? Date.now;
    this.firstSettled = new Promise((resolve) => (this.settleFirst = resolve));
  }

  /** Starts the process; resolves once it is ready, or once it was given up on. */
  start(): Promise<void> {
    if (!this.host && !this.closing) this.spawn();
    return this.firstSettled;
  }

  state(): ServiceState {
    return this.current;
  }

  subscribe(listener: ServiceListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A contract request for the services: answered by them, or with why it could not be. */
  request(channel: RequestChannel, input: unknown): Promise<Result<unknown>> {
    return this.requestOnce(channel, input).then((r) =>
      // service.restarting's words are a submit's ("your order is still in the form"); a void
      // or a correction lost with the process gets its own.
      !r.ok && r.error.code === 'service.restarting' && channel !== SUBMIT_CHANNEL
        ? { ok: false, error: appError('service.restartingOther') }
        : r,
    );
  }

  private requestOnce(channel: RequestChannel, input: unknown): Promise<Result<unknown>> {
    const refusal = this.refusal();
    if (refusal) return Promise.resolve({ ok: false, error: refusal });
    return new Promise((resolve) => {
      if (this.host && this.ready) this.send(this.host, channel, input, resolve);
      else if (this.queued.length >= (this.opts.maxQueued ?? MAX_QUEUED))
        resolve({ ok: false, error: appError('service.restarting') });
      else this.queued.push({ channel, input, resolve });
    });
  }

  /** A training-mode fault command, answered `ok` or `error: …` like the sandbox CLI. */
  sandboxCommand(line: string): Promise<string> {
    const host = this.host;
    if (!host || !this.ready) {
      const why = {
        failed: 'is not running',
        starting: 'is starting',
        restarting: 'is restarting',
        running: 'is restarting',
      }[this.current.status];
      return Promise.resolve(
        `error: the order service ${why}${this.current.status === 'failed' ? '' : '; try again in a moment'}`,
      );
    }
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.commands.set(id, resolve);
      host.link.send({ t: 'command', id, line });
    });
  }

  /** The service process's own load (benchmarks); null when it is not running. quiet: see shared/host-protocol.ts. */
  hostStats(reset: boolean, quiet = false): Promise<HostStats | null> {
    const host = this.host;
    if (!host || !this.ready) return Promise.resolve(null);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.statsWaiters.set(id, resolve);
      host.link.send({ t: 'stats', id, reset, quiet });
    });
  }

  /** The secrets changed: the running process reconnects with them; a restarted one gets them with its init. */
  secretsChanged(): void {
    this.host?.link.send({ t: 'secrets', secrets: this.opts.secrets?.() ?? {} });
  }

  /** Messages between the relay and the service process since start, each way. */
  messageCounts(): { hostIn: number; hostOut: number } {
    const c = this.host?.link.counts ?? { in: 0, out: 0 };
    return { hostIn: this.pastCounts.hostIn + c.in, hostOut: this.pastCounts.hostOut + c.out };
  }

  /** Closes the services cleanly (outbox, producer, sandbox); kills the process if it hangs. */
  close(): Promise<void> {
    return (this.closing ??= (async () => {
      if (this.restartTimer) clearTimeout(this.restartTimer);
      this.restartTimer = null;
      this.answerQueued(appError('service.closing'));
      const host = this.host;
      if (host) {
        const exited = new Promise<void>((resolve) => host.onExit(() => resolve()));
        host.link.send({ t: 'close' });
        const inTime = await Promise.race([
          exited.then(() => true),
          new Promise<boolean>((r) => setTimeout(() => r(false), this.opts.closeTimeoutMs ?? CLOSE_TIMEOUT_MS).unref()),
        ]);
        if (!inTime) {
          this.opts.log(`the service process did not close in time; killing it`);
          host.kill();
          await exited;
        }
      }
      this.settleFirst?.();
    })());
  }

  // ---- the process ----------------------------------------------------------------------

  private spawn(): void {
    const host = this.opts.launch();
    this.host = host;
    this.ready = false;
    this.startedAt = this.now();
    host.link.onMessage((m) => this.onMessage(host, m));
    host.onExit((how) => this.onExit(host, how));
    host.link.send({ t: 'init', init: { ...this.opts.init, secrets: this.opts.secrets?.() ?? {} } });
  }

  private onMessage(host: HostProcess, m: HostToRelay): void {
    if (host !== this.host) return;
    switch (m.t) {
      case 'ready': {
        this.ready = true;
        this.lastFailure = null;
        this.opts.log(`services running (pid ${host.pid ?? '?'})`);
        this.setState({ status: 'running', restarts: this.current.restarts, error: null });
        const waiting = this.queued;
        this.queued = [];
        for (const q of waiting) this.send(host, q.channel, q.input, q.resolve);
        this.settleFirst?.();
        return;
      }
      case 'failed':
        this.lastFailure = m.message;
        if (m.code) this.permanentFailure = appError(m.code, m.params);
        return;
      case 'response': {
        const resolve = this.inflight.get(m.id);
        this.inflight.delete(m.id);
        resolve?.(m.result);
        return;
      }
      case 'event':
        this.emit(m.event, m.payload);
        return;
      case 'answer': {
        const resolve = this.commands.get(m.id);
        this.commands.delete(m.id);
        resolve?.(m.text);
        return;
      }
      case 'stats': {
        const resolve = this.statsWaiters.get(m.id);
        this.statsWaiters.delete(m.id);
        resolve?.(m.stats);
        return;
      }
    }
  }

  private onExit(host: HostProcess, how: string): void {
    if (host !== this.host) return;
    this.host = null;
    this.pastCounts.hostIn += host.link.counts.in;
    this.pastCounts.hostOut += host.link.counts.out;
    const wasReady = this.ready;
    this.ready = false;
    // Whatever it was doing is lost with it; a submit may or may not have been committed,
    // which the form's submission id makes safe to repeat.
    const error = this.closing ? appError('service.closing') : appError('service.restarting');
    for (const resolve of this.inflight.values()) resolve({ ok: false, error });
    this.inflight.clear();
    for (const resolve of this.commands.values()) resolve('error: the order service stopped; try again in a moment');
    this.commands.clear();
    for (const resolve of this.statsWaiters.values()) resolve(null);
    this.statsWaiters.clear();
    if (this.closing) return;

    const ranMs = this.now() - this.startedAt;
    const quick = !wasReady || ranMs < this.policy.quickRunMs;
    this.deathsInARow = quick ? this.deathsInARow + 1 : 1;
    const decision = restartDecision(this.policy, this.deathsInARow);
    const detail = this.lastFailure ?? how;
    if (this.permanentFailure) {
      // Restarting cannot help: say why once and stay stopped.
      this.opts.log(`the services did not start and will not be restarted: ${detail}`);
      this.setState({ status: 'failed', restarts: this.current.restarts, error: this.permanentFailure });
      this.answerQueued(this.permanentFailure);
      this.settleFirst?.();
      return;
    }
    if (decision.giveUp) {
      const failed = appError('service.failed', { count: this.deathsInARow, detail: detail.slice(0, 200) });
      this.opts.log(
        `the service process (pid ${host.pid ?? '?'}) stopped (${how}) ${this.deathsInARow} times in a row; not starting it again: ${detail}`,
      );
      this.setState({ status: 'failed', restarts: this.current.restarts, error: failed });
      this.answerQueued(failed);
      this.settleFirst?.();
      return;
    }
    this.opts.log(
      `the service process (pid ${host.pid ?? '?'}) stopped (${detail}); restarting it${decision.delayMs ? ` in ${decision.delayMs / 1000} s` : ''}`,
    );
    this.setState({ status: 'restarting', restarts: this.current.restarts + 1, error: null });
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (!this.closing) this.spawn();
    }, decision.delayMs);
  }

  private send(
    host: HostProcess,
    channel: RequestChannel,
    input: unknown,
    resolve: (r: Result<unknown>) => void,
  ): void {
    const id = this.nextId++;
    this.inflight.set(id, resolve);
    host.link.send({ t: 'request', id, channel, input });
  }

  private refusal(): AppError | null {
    if (this.closing) return appError('service.closing');
    if (this.current.status === 'failed') return this.current.error ?? appError('service.restarting');
    return null;
  }

  private answerQueued(error: AppError): void {
    const waiting = this.queued;
    this.queued = [];
    for (const q of waiting) q.resolve({ ok: false, error });
  }

  private setState(next: ServiceState): void {
    this.current = next;
    this.emit('service.changed', next);
  }

  private emit(event: EventName, payload: unknown): void {
    for (const l of this.listeners) {
      try {
        l(event, payload);
      } catch (e) {
        this.opts.log(`event listener failed on ${event}: ${String(e)}`);
      }
    }
  }
}
