// Records which Kafka request versions this process sends to a set of brokers, whoever sends
// them (the app's raw cluster client, kafkajs inside the app's own producer and admin): it reads
// the size prefix and request header (api key, api version) of every frame written to a socket
// whose remote end is one of the brokers. Server-side sockets of an in-process sandbox are left
// out, since their remote end is a client's ephemeral port.
import net from 'node:net';

export interface SentRequest {
  apiKey: number;
  apiVersion: number;
}

export class RequestRecorder {
  private readonly seen = new Map<string, SentRequest>();
  /** Bytes of a frame already seen, whose header is not complete yet. */
  private readonly pending = new WeakMap<net.Socket, Buffer>();
  /** Bytes of a frame whose header was seen, still to come. */
  private readonly skip = new WeakMap<net.Socket, number>();
  private original: typeof net.Socket.prototype.write | null = null;

  constructor(private readonly brokers: readonly string[]) {}

  /** Every distinct (api key, version) seen so far. */
  get requests(): SentRequest[] {
    return [...this.seen.values()].sort((a, b) => a.apiKey - b.apiKey || a.apiVersion - b.apiVersion);
  }

  start(): void {
    if (this.original) return;
    const original = net.Socket.prototype.write;
    this.original = original;
    const ports = new Set(this.brokers.map((b) => Number(b.slice(b.lastIndexOf(':') + 1))));
    const observe = (socket: net.Socket, chunk: unknown) => {
      if (!ports.has(socket.remotePort ?? -1) || !Buffer.isBuffer(chunk)) return;
      this.take(socket, chunk);
    };
    net.Socket.prototype.write = function (this: net.Socket, chunk: unknown, ...rest: unknown[]) {
      observe(this, chunk);
      return (original as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
    } as typeof original;
  }

  stop(): void {
    if (this.original) net.Socket.prototype.write = this.original;
    this.original = null;
  }

  private take(socket: net.Socket, chunk: Buffer): void {
    const skip = this.skip.get(socket) ?? 0;
    if (skip >= chunk.length) {
      this.skip.set(socket, skip - chunk.length);
      return;
    }
    this.skip.set(socket, 0);
    let buf = Buffer.concat([this.pending.get(socket) ?? Buffer.alloc(0), chunk.subarray(skip)]);
    while (buf.length >= 8) {
      const size = buf.readInt32BE(0);
      if (size < 4) return; // not a Kafka frame: stop looking at this socket's bytes
      this.note(buf.readInt16BE(4), buf.readInt16BE(6));
      if (buf.length < 4 + size) {
        // The rest of this frame is still to come: remember how much to skip.
        this.pending.set(socket, Buffer.alloc(0));
        this.skip.set(socket, 4 + size - buf.length);
        return;
      }
      buf = buf.subarray(4 + size);
    }
    this.pending.set(socket, buf);
  }

  private note(apiKey: number, apiVersion: number): void {
    this.seen.set(`${apiKey}:${apiVersion}`, { apiKey, apiVersion });
  }
}
