// The relay ↔ service host protocol, derived from the contract like ws-protocol.ts: a request
// names its contract channel and carries an id, the response carries the same id and the
// host's Result, events carry a contract event name. The relay (Electron main, or browser
// mode's own process) checks who calls and forwards; the service host validates the input
// against the contract (once) and runs the services. Messages travel over Electron's
// utilityProcess port or Node's child-process IPC (electron/host-link/message-link.ts).
import type { EventName, RequestChannel, Result } from './contract';
import type { AppError, ErrorCode } from './error-codes';
import type { Secrets } from './secret-types';

/** What the host needs to start the services; sent once, first. */
export interface HostInit {
  mode: 'electron' | 'browser';
  dataDir: string;
  /** Shown in app.info; the host's own npm_package_version when absent. */
  version?: string;
  /** better-sqlite3 built for Electron's ABI (null under Node). */
  sqliteBinding: string | null;
  /** The connection secrets the relay holds (its keychain or memory); the host keeps them in memory only. */
  secrets?: Secrets;
}

/** The host's own load, for the benchmarks (see electron/browser-mode/stats-port.ts). */
export interface HostStats {
  pid: number;
  cpuUserUs: number;
  cpuSystemUs: number;
  loopDelayMs: { p50: number; p99: number; max: number; mean: number; samples: number } | null;
  /** The main thread's event loop, busy since start (ms): electron/host-link/process-load.ts. */
  loopBusyMs: number;
  /** Its main thread on a core and waiting for one, since start (ms); null off Linux. */
  mainThread: { onCpuMs: number; waitingMs: number } | null;
  sqlStatements: number;
}

export type RelayToHost =
  | { t: 'init'; init: HostInit }
  | { t: 'request'; id: number; channel: RequestChannel; input: unknown }
  /** A training-mode fault command typed on the relay's terminal (`stop 2`, `start-all`, ...). */
  | { t: 'command'; id: number; line: string }
  /**
   * The host's load since the window began; reset: begin a new one, with the event-loop delay
   * monitor running, or with it stopped when quiet (its 5 ms timer is itself a cost worth leaving out).
   */
  | { t: 'stats'; id: number; reset: boolean; quiet?: boolean }
  /** The operator set or cleared a secret in Settings: all of them as they are now. */
  | { t: 'secrets'; secrets: Secrets }
  /** Close the services cleanly (outbox, producer, sandbox) and exit. */
  | { t: 'close' };

export type HostToRelay =
  | { t: 'ready' }
  /**
   * The services could not start; the host exits after sending this. `code` marks a failure
   * a restart cannot mend (another instance owns the data directory): the relay gives up at once.
   */
  | { t: 'failed'; message: string; code?: ErrorCode; params?: AppError['params'] }
  | { t: 'response'; id: number; result: Result<unknown> }
  | { t: 'event'; event: EventName; payload: unknown }
  | { t: 'answer'; id: number; text: string }
  | { t: 'stats'; id: number; stats: HostStats };
