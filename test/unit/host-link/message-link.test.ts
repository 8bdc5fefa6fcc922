// The relay ↔ service host channel over each carrier: a real Node child process (browser
// mode), and Electron's utilityProcess / parentPort shapes (stand-ins with Electron's event
// shapes: the utility process emits the message itself, parentPort a MessageEvent).
import { fork } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  childProcessLink,
  parentPortLink,
  parentProcessLink,
  utilityProcessLink,
} from '../../../electron/host-link/message-link';

const here = path.dirname(fileURLToPath(import.meta.url));
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const children: Array<ReturnType<typeof fork>> = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

function startEcho() {
  const child = fork(path.join(here, 'echo-host.ts'), [], {
    execArgv: ['--import', tsx],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.push(child);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, link: childProcessLink<{ echo: unknown; received: number }, unknown>(child) };
}

function next<T>(link: { onMessage(l: (m: T) => void): void }): () => Promise<T> {
  const queue: T[] = [];
  const waiting: Array<(m: T) => void> = [];
  link.onMessage((m) => (waiting.length ? waiting.shift()!(m) : queue.push(m)));
  return () => (queue.length ? Promise.resolve(queue.shift()!) : new Promise((r) => waiting.push(r)));
}

describe('message link over a Node child process', () => {
  it('carries structured messages both ways, in order; what is sent in one turn travels as one carrier message', async () => {
    const { link } = startEcho();
    const read = next(link);
    link.send({ channel: 'orders:submit', input: { lines: [{ quantity: 2 }], note: '주문' } });
    link.send({ n: 2 });
    expect(await read()).toEqual({
      echo: { channel: 'orders:submit', input: { lines: [{ quantity: 2 }], note: '주문' } },
      received: 1,
    });
    expect(await read()).toEqual({ echo: { n: 2 }, received: 1 });
    expect(link.counts).toEqual({ in: 1, out: 1 });
    link.send({ n: 3 });
    expect(await read()).toEqual({ echo: { n: 3 }, received: 2 });
    expect(link.counts).toEqual({ in: 2, out: 2 });
  });

  it('tells the relay once when the child exits, and drops what is sent afterwards', async () => {
    const { link, exited } = startEcho();
    let closes = 0;
    link.onClose(() => closes++);
    link.send('exit');
    expect(await exited).toBe(7);
    await new Promise((r) => setTimeout(r, 50));
    expect(closes).toBe(1);
    link.send({ late: true });
    link.flush();
    expect(link.counts.out).toBe(1);
  });

  it('tells the child when the relay’s end goes away (the child exits on it)', async () => {
    const { child, link, exited } = startEcho();
    const read = next(link);
    link.send('hello');
    await read();
    child.disconnect();
    expect(await exited).toBe(3);
  });

  it('a batch sent to a child that has just died is dropped; the relay is not brought down (EPIPE)', async () => {
    const { child, link, exited } = startEcho();
    const read = next(link);
    link.send('hello');
    await read();
    const errors: Error[] = [];
    child.on('error', (e) => errors.push(e));
    let closes = 0;
    link.onClose(() => closes++);
    child.kill('SIGKILL');
    // Held without yielding, so the child is gone but its exit is not yet known here (still
    // `connected`): the moment a service process killed mid-burst leaves the relay in.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
    expect(child.connected).toBe(true);
    link.send({ n: 1 });
    link.flush();
    expect(await exited).toBe(null);
    await new Promise((r) => setTimeout(r, 50));
    // Node reports a failed send as the child's 'error' event, which nothing in the relay
    // listens to: it would be an uncaught exception there.
    expect(errors.map((e) => (e as NodeJS.ErrnoException).code)).toEqual([]);
    expect(closes).toBe(1);
  });

  it('the host’s end drops a batch its dead relay cannot take instead of failing on it', () => {
    // `process` in the host, as Node behaves when the relay has just died: the write fails, and
    // the error goes to the send's callback or, without one, to an 'error' event nobody handles.
    const proc = Object.assign(new EventEmitter(), {
      send(_message: unknown, callback?: (error: Error | null) => void): boolean {
        const epipe = Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
        if (typeof callback === 'function') callback(epipe);
        else proc.emit('error', epipe);
        return false;
      },
    });
    const errors: Error[] = [];
    proc.on('error', (e: Error) => errors.push(e));
    const link = parentProcessLink<unknown, unknown>(proc);
    link.send({ answer: 1 });
    expect(() => link.flush()).not.toThrow();
    expect(errors).toEqual([]);
    expect(link.counts.out).toBe(1);
  });
});

describe('message link over Electron’s utility process shapes', () => {
  function pair() {
    const child = new EventEmitter() as EventEmitter & { postMessage(m: unknown): void };
    const port = new EventEmitter() as EventEmitter & { postMessage(m: unknown): void };
    // Structured clone, as Electron's ports do: the other side never shares the sender's object.
    child.postMessage = (m) => setImmediate(() => port.emit('message', { data: structuredClone(m), ports: [] }));
    port.postMessage = (m) => setImmediate(() => child.emit('message', structuredClone(m)));
    return { child, port };
  }

  it('sends what is queued at once on flush (before a process exits)', () => {
    const { port } = pair();
    const posted: unknown[] = [];
    port.postMessage = (m) => void posted.push(m);
    const host = parentPortLink<unknown, unknown>(port);
    host.send({ t: 'failed', message: 'no disk' });
    host.flush();
    expect(posted).toEqual([[{ t: 'failed', message: 'no disk' }]]);
  });

  it('unwraps parentPort’s MessageEvents and posts both ways', async () => {
    const { child, port } = pair();
    const relay = utilityProcessLink<unknown, unknown>(child);
    const host = parentPortLink<unknown, unknown>(port);
    const sent = { t: 'request', id: 1, input: { a: [1, 2] } };
    host.onMessage((m) => host.send({ got: m }));
    const reply = new Promise((r) => relay.onMessage(r));
    relay.send(sent);
    expect(await reply).toEqual({ got: sent });
    expect(relay.counts).toEqual({ in: 1, out: 1 });
    expect(host.counts).toEqual({ in: 1, out: 1 });
  });

  it('closes the relay’s end when the utility process exits', () => {
    const { child } = pair();
    const relay = utilityProcessLink<unknown, unknown>(child);
    let closes = 0;
    relay.onClose(() => closes++);
    child.emit('exit', 0);
    child.emit('exit', 0);
    expect(closes).toBe(1);
  });
});

describe('when a queued batch leaves', () => {
  // Stand-ins that only record what is posted, and when, among the test's own events.
  function hostEnds(log: string[]) {
    const proc = Object.assign(new EventEmitter(), {
      send(message: unknown): boolean {
        log.push(`posted ${JSON.stringify(message)}`);
        return true;
      },
    });
    const port = Object.assign(new EventEmitter(), {
      postMessage: (message: unknown) => void log.push(`posted ${JSON.stringify(message)}`),
    });
    return {
      'Node’s process.send': parentProcessLink<unknown, unknown>(proc),
      'Electron’s parentPort': parentPortLink<unknown, unknown>(port),
    };
  }

  for (const name of ['Node’s process.send', 'Electron’s parentPort'] as const) {
    it(`the host’s end (${name}): answers queued inside a setImmediate callback, as the group commit's are, leave before the next turn's timers`, async () => {
      const log: string[] = [];
      const link = hostEnds(log)[name];
      await new Promise<void>((done) => {
        setImmediate(() => {
          setTimeout(() => {
            log.push('next turn');
            done();
          }, 0);
          // Held past the timer's 1 ms, so the next turn starts with it due.
          const until = performance.now() + 3;
          while (performance.now() < until);
          link.send({ answer: 1 });
          void Promise.resolve().then(() => link.send({ answer: 2 }));
        });
      });
      // One carrier message for the callback and its continuations, before the next turn.
      expect(log).toEqual(['posted [{"answer":1},{"answer":2}]', 'next turn']);
    });
  }

  it('the relay’s end gathers what every callback of one turn queued into one carrier message', async () => {
    const posted: unknown[] = [];
    const child = Object.assign(new EventEmitter(), {
      postMessage: (m: unknown) => void posted.push(m),
    });
    const link = utilityProcessLink<unknown, unknown>(child);
    await new Promise<void>((done) => {
      // Two requests read by two callbacks of the same turn (two sockets, say). Two immediates
      // queued together always run in one turn; two 0 ms timers need not: each reads the clock
      // when it is set, and on a loaded machine (CI) a millisecond between them puts the second
      // in the next turn.
      setImmediate(() => link.send({ id: 1 }));
      setImmediate(() => link.send({ id: 2 }));
      setTimeout(() => setImmediate(done), 5);
    });
    expect(posted).toEqual([[{ id: 1 }, { id: 2 }]]);
  });
});
