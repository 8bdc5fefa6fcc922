// The composition root of the services, run by the service host (electron/service-host) in
// Electron's utility process and in browser mode's child process alike: settings, outbox,
// dispatcher, order service, the sandbox cluster when no broker is configured, and the request
// handlers for every group of the contract the services answer. No Electron import here or
// below, and no transport: the host wires these handlers to the relay.
import path from 'node:path';
import type { EventName, HostRequestHandlers } from '../../shared/contract';
import type { Settings } from '../../shared/settings-schema';
import { formatError } from '../../shared/error-codes';
import { SettingsStore } from '../settings/settings-store';
import { OutboxStore } from '../orders/outbox-store';
import { Dispatcher, type DispatchTarget } from '../orders/dispatcher';
import { OrderService } from '../orders/order-service';
import { AttentionDesk } from '../orders/attention-desk';
import { startHistoryRetention } from '../orders/history-retention';
import { startSearchIndexing } from '../orders/search-indexing';
import { clusterConfigFromSettings, type ClusterConfigResult } from '../cluster/cluster-config';
import type { Secrets } from '../../shared/secret-types';
import { ORDER_PRODUCER_SAFETY } from '../kafka/order-producer';
import { createDiagnosticsHandlers } from '../diagnostics/handlers';
import { createBenchHandlers } from '../bench/handlers';
import { createCounterHandlers } from '../counter/handlers';
import { DraftStore } from '../counter/draft-store';
import { CatalogueStore } from '../counter/catalogue-store';
import { OrderHistory } from '../counter/order-history';
import { guardHandlers } from './guard-handlers';
import { createAppHandlers } from './app-handlers';
import { startSandboxFor, type RunningSandbox } from './sandbox-target';
import { acquireDataDirLock } from '../instance-lock/data-dir-lock';
import { RiskService } from '../risk/risk-service';
import { createRiskHandlers } from '../risk/handlers';
import type { RiskConfig } from '../risk/risk-config';
import { makeDataDirPrivate } from './private-data-dir';

export type AppEventListener = (event: EventName, payload: unknown) => void;

export interface AppCore {
  /** Every request but the relay's own (service.*), each answering with a Result. */
  handlers: HostRequestHandlers;
  subscribe(listener: AppEventListener): () => void;
  /**
   * Training mode: a fault command for the app's own sandbox cluster (the sandbox CLI's
   * `stop 2`, `start 2`, `latency 2 200`, `stop-all`, `start-all`, `status`, `help`).
   */
  sandboxCommand(line: string): Promise<string>;
  /** The connection secrets changed in the relay's store: reconnect with them (no restart). */
  setSecrets(secrets: Secrets): Promise<void>;
  /** Work counters for the benchmarks (SQL statements run by the outbox). */
  stats(): { sqlStatements: number };
  close(): Promise<void>;
}

export interface AppCoreOptions {
  dataDir: string;
  mode: 'electron' | 'browser';
  /** The app version shown in app.info; defaults to npm's package version when run by npm. */
  version?: string;
  env?: NodeJS.ProcessEnv;
  /** Start the sandbox cluster when no broker is configured (default true). */
  sandbox?: { start: boolean };
  /**
   * The better-sqlite3 build to load instead of node_modules' one: Electron's ABI differs from
   * Node's, so Electron main finds that build (electron/main/native-binding.ts) and passes it.
   */
  sqliteBinding?: string | null;
  log?: (message: string) => void;
  /** Risk checks' limits other than the defaults (tests), and how often the order topic is polled. */
  risk?: { config?: Partial<RiskConfig>; pollMs?: number };
  /** The SASL password and client key passphrase, from the relay's secret store (never from a file here). */
  secrets?: Secrets;
  /** Told the secrets in force, at start and on each change, so the process's log can mask them. */
  onSecrets?: (secrets: Secrets) => void;
}

export const OUTBOX_FILE = 'outbox.sqlite';
/** Training mode's sandbox cluster keeps its topics and records here. */
export const SANDBOX_DIR = 'sandbox';

export async function createAppCore(opts: AppCoreOptions): Promise<AppCore> {
  const env = opts.env ?? process.env;
  const log = opts.log ?? ((m: string) => console.error(`[order-desk] ${m}`));
  makeDataDirPrivate(opts.dataDir);
  // Before anything in the data directory is read or written: a second instance touches nothing.
  const lock = acquireDataDirLock(opts.dataDir, { mode: opts.mode, nativeBinding: opts.sqliteBinding ?? undefined });

  let settings: SettingsStore;
  let outbox: OutboxStore;
  try {
    settings = new SettingsStore(opts.dataDir, env, (saved) => emit('settings.changed', saved));
    outbox = OutboxStore.open(path.join(opts.dataDir, OUTBOX_FILE), opts.sqliteBinding ?? undefined);
  } catch (e) {
    lock.release();
    throw e;
  }
  const problem = settings.problem();
  if (problem) log(formatError(problem));

  if (outbox.recoveredSetAside > 0)
    log(
      `${outbox.recoveredSetAside} order(s) were being sent to the other cluster when the app stopped, Settings having changed it; set aside for a person`,
    );
  if (outbox.recoveredFromSending > 0) {
    log(
      `${outbox.recoveredFromSending} order(s) were being sent when the app stopped; sending them again (at-least-once, see outbox-store.ts)`,
    );
  }

  const listeners = new Set<AppEventListener>();
  const emit = (event: EventName, payload: unknown) => {
    for (const l of listeners) {
      try {
        l(event, payload);
      } catch (e) {
        log(`event listener failed on ${event}: ${String(e)}`);
      }
    }
  };

  let secrets: Secrets = { ...opts.secrets };
  opts.onSecrets?.(secrets);
  let sandbox: RunningSandbox | null = null;
  const wantSandbox = opts.sandbox?.start ?? true;
  /** Brokers from settings, else the sandbox (started once, on first need), else none. */
  const resolveTarget = async (s: Settings): Promise<DispatchTarget> => {
    if (s.brokers.length > 0) {
      const c = clusterConfigFromSettings(s, s.brokers, secrets);
      return c.ok
        ? { brokers: s.brokers, topic: s.topic, sandbox: false, cluster: c.config }
        : { brokers: s.brokers, topic: s.topic, sandbox: false, cluster: null, problem: c.problem };
    }
    if (wantSandbox) {
      try {
        sandbox ??= await startSandboxFor(s.topic, path.join(opts.dataDir, SANDBOX_DIR));
        // The sandbox speaks plain TCP without SASL, whatever the settings say.
        const plain = clusterConfigFromSettings({ ...s, sasl: null, ssl: false }, sandbox.brokers);
        if (!plain.ok) throw new Error('unreachable: a plaintext config reads no file');
        return { brokers: sandbox.brokers, topic: s.topic, sandbox: true, cluster: plain.config };
      } catch (e) {
        log(`the sandbox cluster could not start: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    return { brokers: [], topic: s.topic, sandbox: false, cluster: null };
  };

  // Anything failing from here on must not leave the sandbox or the outbox open behind it.
  let risk: RiskService | null = null;
  try {
    let target = await resolveTarget(settings.get());
    /**
     * Practice orders never reach the store's cluster, nor store orders the practice one: what
     * waits when the app changes between them (in Settings, or across a restart) needs a person.
     */
    const clusterOf = (t: DispatchTarget) => (t.sandbox ? 'training' : t.brokers.length > 0 ? 'store' : null);
    const setAsideFor = (t: DispatchTarget): boolean => {
      const { switched, setAside, sentAgain } = outbox.sendsTo(clusterOf(t));
      if (setAside.length > 0)
        log(`${setAside.length} waiting row(s) set aside: saved for the ${t.sandbox ? "store's" : 'training'} cluster`);
      if (sentAgain.length > 0) log(`${sentAgain.length} waiting row(s) set aside for this cluster sent again`);
      if (setAside.length + sentAgain.length > 0) emit('orders.changed', { changes: [...setAside, ...sentAgain] });
      return switched;
    };
    /**
     * And the routed orders not yet sent to the review topic wait for a supervisor; those held so
     * for this cluster are routed again.
     */
    const routedAtSwitch = (r: RiskService, t: DispatchTarget) => {
      const { held, routedAgain } = r.store.switchedTo({
        training: t.sandbox,
        reviewTopic: settings.get().risk.reviewTopic,
      });
      if (held > 0) log(`${held} routed order(s) held for a supervisor: routed for the other cluster`);
      if (routedAgain > 0) log(`${routedAgain} routed order(s) held at a change of cluster routed again`);
    };
    setAsideFor(target);
    let lastConnectionLine = '';
    let dispatcherRef: Dispatcher | null = null;
    risk = new RiskService({
      dataDir: opts.dataDir,
      outbox,
      settings: () => settings.get(),
      saveSettings: (next) => settings.save(next),
      onChanges: (changes) => emit('orders.changed', { changes }),
      nudge: () => dispatcherRef?.nudge(),
      log,
      onHeld: (held) => emit('risk.held', { held }),
      ...(opts.risk?.config ? { config: opts.risk.config } : {}),
      ...(opts.risk?.pollMs ? { pollMs: opts.risk.pollMs } : {}),
    });
    const riskService = risk;
    // At every start, not only at a switch seen now: a change is two commits (the outbox's, then
    // these), and the app killed between them came back switched with practice orders still
    // routed for the store's review topic. Where nothing changed, nothing is held or routed again.
    if (clusterOf(target)) routedAtSwitch(riskService, target);
    const dispatcher = new Dispatcher({
      extraHeaders: (orderId) => riskService.store.headersFor(orderId),
      outbox,
      target,
      onChanges: (changes) => {
        // A delivered order's headers are not asked for again.
        riskService.store.forget(changes.filter((c) => c.state === 'delivered').map((c) => c.orderId));
        emit('orders.changed', { changes });
      },
      onConnection: (c) => {
        // One log line per change of status or reason (not per waiting count), for the operator's terminal.
        // The operator's line keeps what the clerk's words leave out (broker addresses, Kafka's text).
        const facts = c.error?.params ? ` ${JSON.stringify(c.error.params)}` : '';
        const line = `connection ${c.status}${c.sandbox ? ' (sandbox)' : ''}${c.error ? `: ${formatError(c.error)}${facts}` : ''}`;
        if (line !== lastConnectionLine) log((lastConnectionLine = line));
        emit('connection.changed', c);
      },
      log,
    });
    dispatcherRef = dispatcher;
    const orders = new OrderService({
      outbox,
      risk: riskService,
      settings: () => settings.get(),
      onChanges: (changes) => emit('orders.changed', { changes }),
      nudge: () => dispatcher.nudge(),
      maxMessageBytes: () => dispatcher.maxMessageBytes(),
    });
    const attention = new AttentionDesk({
      outbox,
      dataDir: opts.dataDir,
      maxMessageBytes: () => dispatcher.maxMessageBytes(),
      onChanges: (changes) => emit('orders.changed', { changes }),
      nudge: () => dispatcher.nudge(),
      settings: () => settings.get(),
      checkPin: (pin) => riskService.pin.check(pin),
      voided: (orderId) => riskService.voided(orderId),
      corrected: (order) => riskService.corrected(order),
    });

    const retention = startHistoryRetention({
      outbox,
      retentionDays: () => settings.get().historyRetentionDays,
      log,
    });
    const searchIndexing = startSearchIndexing({ outbox, log });

    const sandboxCommand = (line: string): Promise<string> => {
      // Only while the app runs its own sandbox: never on brokers from Settings or KAFKA_BROKERS.
      if (!sandbox || !target.sandbox)
        return Promise.resolve('error: no sandbox cluster is running here (the app uses the configured brokers)');
      return sandbox.faultCommand(line).then((reply) => {
        if (reply === 'ok') dispatcher.probeNow();
        return reply;
      });
    };
    const history = new OrderHistory(path.join(opts.dataDir, OUTBOX_FILE), opts.sqliteBinding ?? undefined);
    let applying: Promise<void> = Promise.resolve();
    const currentClusterConfig = (): ClusterConfigResult =>
      target.cluster
        ? { ok: true, config: target.cluster }
        : target.problem
          ? { ok: false, problem: target.problem }
          : clusterConfigFromSettings(settings.get(), [], secrets);
    // Settings saves and secret changes reconnect one after another, never out of order.
    const reconnect = (s: Settings): Promise<void> => {
      const run = applying.then(async () => {
        target = await resolveTarget(s);
        // Before anything else is saved or sent, so orders saved from now on go where they are meant to.
        if (setAsideFor(target)) routedAtSwitch(riskService, target);
        dispatcher.setTarget(target);
        await riskService.setTarget({ cluster: target.cluster, topic: target.topic, training: target.sandbox });
      });
      applying = run.catch(() => {});
      return run;
    };
    const handlers: HostRequestHandlers = {
      ...createAppHandlers({
        info: () => ({
          version: opts.version ?? env.npm_package_version ?? '0.0.0-dev',
          mode: opts.mode,
          sandbox: target.sandbox,
          dataDir: opts.dataDir,
          brokersFromEnvironment: settings.brokersFromEnvironment(),
        }),
        outbox,
        orders,
        dispatcher,
        attention,
        settings,
        retentionChanged: () => retention.runNow(),
        applySettings: reconnect,
      }),
      ...createCounterHandlers({
        drafts: new DraftStore(opts.dataDir),
        catalogue: new CatalogueStore(opts.dataDir, log),
        history,
        cluster: () => ({ config: currentClusterConfig(), topic: settings.get().topic }),
        deliveredTopic: (orderId) => outbox.deliveredTopic(orderId),
        submitted: (id) => outbox.hasSubmission(id) || riskService.store.bySubmission(id) !== null,
        onClaimed: (windowId) => emit('draft.claimed', { windowId }),
      }),
      training: {
        async command({ command }) {
          return { ok: true, value: { reply: await sandboxCommand(command) } };
        },
      },
      risk: createRiskHandlers(riskService),
      diagnostics: createDiagnosticsHandlers({
        getSettings: () => settings.get(),
        clusterConfig: currentClusterConfig,
        producerConfig: () => ORDER_PRODUCER_SAFETY,
      }),
      bench: createBenchHandlers({
        dataDir: opts.dataDir,
        getSettings: () => settings.get(),
        clusterConfig: currentClusterConfig,
        emit: (event, payload) => emit(event, payload),
      }),
    };

    dispatcher.start();
    await riskService.setTarget({ cluster: target.cluster, topic: target.topic, training: target.sandbox });

    let closed: Promise<void> | null = null;
    return {
      handlers: guardHandlers(handlers, (channel, e) =>
        log(`${channel} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`),
      ),
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      sandboxCommand,
      setSecrets(next) {
        if (JSON.stringify(next) === JSON.stringify(secrets)) return Promise.resolve();
        secrets = { ...next };
        opts.onSecrets?.(secrets);
        return reconnect(settings.get());
      },
      stats: () => ({ sqlStatements: outbox.statementsRun }),
      close() {
        closed ??= (async () => {
          // A benchmark still running in its worker is stopped rather than left behind.
          await handlers.bench.cancel(undefined).catch(() => {});
          listeners.clear();
          retention.stop();
          searchIndexing.stop();
          await dispatcher.close();
          await riskService.close();
          history.close();
          outbox.close();
          if (sandbox) await sandbox.close().catch(() => {});
          lock.release();
        })();
        return closed;
      },
    };
  } catch (e) {
    await risk?.close().catch(() => {});
    outbox.close();
    if (sandbox) await (sandbox as RunningSandbox).close().catch(() => {});
    lock.release();
    throw e;
  }
}
