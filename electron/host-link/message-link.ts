// One small message channel between the relay and the service host, over whichever carrier
// the platform gives: Electron's utilityProcess (postMessage / process.parentPort) or Node's
// child-process IPC (child.send / process.send). Both sides see the same interface, so the
// relay and the host are written once and browser mode runs exactly the Electron split.
// The shapes below are the parts of Electron's and Node's objects used here, so nothing in
// this folder imports Electron and every carrier can be tested under Node.
//
// Messages queued together travel together, as one carrier message (an array): a group commit
// of fifty orders answers fifty requests and emits their events at once, and the relay then
// wakes once for them instead of a hundred times. When a batch leaves differs by end (`FlushAt`):
// the relay's requests come from the poll phase's socket reads, and leave at that turn's check
// phase, gathered from every read; the host's answers come from inside its group commit, itself a
// setImmediate callback, and leave as soon as that callback is done. A setImmediate queued there
// would wait a whole further turn of the loop (Node runs it in the next check phase), behind
// whatever that turn's poll brings: kafkajs answers, the dispatcher's commits, timers.

export interface MessageLink<In, Out> {
  /** Queues the message; it leaves in order, with the others queued with it (see `FlushAt`). */
  send(message: Out): void;
  /** Sends what is queued now (before the process exits, say). */
  flush(): void;
  onMessage(listener: (message: In) => void): void;
  /** The other side is gone: its process exited or the channel closed. Called once. */
  onClose(listener: () => void): void;
  /** Carrier messages so far, each way: what the platform's IPC actually carried (the benchmarks report them per order). */
  readonly counts: { in: number; out: number };
}

/**
 * When a queued batch leaves: 'turn' at this turn's check phase (setImmediate), gathering what
 * every I/O callback of the turn queued; 'callback' once the current callback and its promise
 * continuations have run, so nothing queued in a check phase waits for the next turn.
 */
type FlushAt = 'turn' | 'callback';

function linkOver<In, Out>(
  flushAt: FlushAt,
  post: (batch: Out[]) => void,
  subscribe: (deliver: (batch: unknown) => void) => void,
  watchClose: (closed: () => void) => void,
): MessageLink<In, Out> {
  const counts = { in: 0, out: 0 };
  const listeners: Array<(message: In) => void> = [];
  const closeListeners: Array<() => void> = [];
  let closed = false;
  let queued: Out[] | null = null;
  subscribe((batch) => {
    counts.in++;
    // Anything but an array is not from a link (a stray message on a shared channel): ignored.
    if (!Array.isArray(batch)) return;
    for (const message of batch as In[]) for (const l of listeners) l(message);
  });
  watchClose(() => {
    if (closed) return;
    closed = true;
    queued = null;
    for (const l of closeListeners) l();
  });
  const flush = () => {
    const batch = queued;
    queued = null;
    // After the other side is gone there is nobody to tell; the close listeners handle it.
    if (!batch || closed) return;
    counts.out++;
    post(batch);
  };
  return {
    counts,
    send(message) {
      if (closed) return;
      if (!queued) {
        queued = [];
        // A tick queued from a microtask runs once every microtask has: so the batch waits for the
        // callback's promise continuations (where the host's answers are sent) wherever the first
        // message was queued, and no longer.
        if (flushAt === 'callback') queueMicrotask(() => process.nextTick(flush));
        else setImmediate(flush);
      }
      queued.push(message);
    },
    flush,
    onMessage: (l) => void listeners.push(l),
    onClose: (l) => void closeListeners.push(l),
  };
}

/** Node's ChildProcess as forked with an IPC channel. */
export interface ChildProcessLike {
  readonly connected: boolean;
  send(message: unknown, callback: (error: Error | null) => void): boolean;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'disconnect', listener: () => void): unknown;
  on(event: 'exit', listener: () => void): unknown;
}

/** The relay's end of a Node child process. */
export function childProcessLink<In, Out>(child: ChildProcessLike): MessageLink<In, Out> {
  return linkOver<In, Out>(
    'turn',
    (batch) => {
      // A child killed a moment ago is still `connected` until its exit is read, and the write
      // fails (EPIPE). Without a callback Node emits that as the child's 'error' event, an
      // uncaught exception in the relay; with one, the batch is dropped, and the 'exit' that
      // follows tells the supervisor, which answers what was in flight.
      if (child.connected) child.send(batch, dropOnClosedChannel);
    },
    (deliver) => child.on('message', deliver),
    (closed) => {
      child.on('disconnect', closed);
      child.on('exit', closed);
    },
  );
}

/** A failed write to a channel whose other end has gone: its close listeners handle that. */
function dropOnClosedChannel(): void {}

/** Node's `process` in a child forked with an IPC channel. */
export interface ParentProcessLike {
  send?: (message: unknown, callback: (error: Error | null) => void) => boolean;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'disconnect', listener: () => void): unknown;
}

/** The service host's end when it runs as a Node child process (browser mode). */
export function parentProcessLink<In, Out>(proc: ParentProcessLike): MessageLink<In, Out> {
  const send = proc.send;
  if (!send) throw new Error('no IPC channel to a parent process');
  return linkOver<In, Out>(
    'callback',
    // The same for the host when the relay has just died: its 'disconnect' closes the services.
    (batch) => void send.call(proc, batch, dropOnClosedChannel),
    (deliver) => proc.on('message', deliver),
    (closed) => proc.on('disconnect', closed),
  );
}

/** Electron's UtilityProcess, seen from main. */
export interface UtilityProcessLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
}

/** The relay's end of an Electron utility process. */
export function utilityProcessLink<In, Out>(child: UtilityProcessLike): MessageLink<In, Out> {
  return linkOver<In, Out>(
    'turn',
    (batch) => child.postMessage(batch),
    (deliver) => child.on('message', deliver),
    (closed) => child.on('exit', closed),
  );
}

/** Electron's `process.parentPort` inside a utility process: messages arrive as MessageEvents. */
export interface ParentPortLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
}

/**
 * The service host's end inside an Electron utility process. The port has no close event;
 * the host notices a vanished main by its parent process id (service-host/parent-watch.ts).
 */
export function parentPortLink<In, Out>(port: ParentPortLike): MessageLink<In, Out> {
  return linkOver<In, Out>(
    'callback',
    (batch) => port.postMessage(batch),
    (deliver) => port.on('message', (e) => deliver(e.data)),
    () => {},
  );
}
