// A bare TCP Kafka client for tests: sends exact bytes and reads exact responses, so tests can
// feed captured or deliberately broken frames to the sandbox.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { KafkaReader } from '../../electron/kafka-wire/kafka-reader';
import { KafkaWriter } from '../../electron/kafka-wire/kafka-writer';

export function requestFrame(
  apiKey: number,
  version: number,
  correlationId: number,
  body: Buffer,
  clientId: string | null = 'test',
): Buffer {
  const w = new KafkaWriter().int16(apiKey).int16(version).int32(correlationId).nullableString(clientId).raw(body);
  const payload = w.toBuffer();
  const size = Buffer.allocUnsafe(4);
  size.writeInt32BE(payload.length, 0);
  return Buffer.concat([size, payload]);
}

/** A captured frame (size prefix included) from test/fixtures/frames. */
export function capturedFrame(name: string): Buffer {
  return Buffer.from(
    fs.readFileSync(path.join(import.meta.dirname, '../fixtures/frames', `${name}.hex`), 'utf8').trim(),
    'hex',
  );
}

/** Header fields and body of a captured request frame. */
export function splitRequest(frame: Buffer): {
  apiKey: number;
  version: number;
  correlationId: number;
  clientId: string | null;
  body: Buffer;
} {
  const r = new KafkaReader(frame, 4);
  const apiKey = r.int16();
  const version = r.int16();
  const correlationId = r.int32();
  const clientId = r.nullableString();
  return { apiKey, version, correlationId, clientId, body: frame.subarray(r.pos) };
}

export class RawKafkaClient {
  private buf = Buffer.alloc(0);
  private waiters: Array<(frame: Buffer | null) => void> = [];
  private frames: Buffer[] = [];
  closed = false;
  readonly closedPromise: Promise<void>;

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (d) => {
      this.buf = Buffer.concat([this.buf, d]);
      while (this.buf.length >= 4 && this.buf.length >= 4 + this.buf.readInt32BE(0)) {
        const len = 4 + this.buf.readInt32BE(0);
        const frame = this.buf.subarray(4, len);
        this.buf = this.buf.subarray(len);
        const w = this.waiters.shift();
        if (w) w(frame);
        else this.frames.push(frame);
      }
    });
    this.closedPromise = new Promise((resolve) =>
      socket.on('close', () => {
        this.closed = true;
        for (const w of this.waiters.splice(0)) w(null);
        resolve();
      }),
    );
    socket.on('error', () => {});
  }

  static connect(hostPort: string): Promise<RawKafkaClient> {
    const [host, port] = hostPort.split(':');
    return new Promise((resolve, reject) => {
      const s = net.connect(Number(port), host, () => resolve(new RawKafkaClient(s)));
      s.once('error', reject);
    });
  }

  send(bytes: Buffer): void {
    this.socket.write(bytes);
  }

  /** The next response frame (after the size prefix), or null if the connection closed or nothing came in time. */
  next(timeoutMs = 2000): Promise<Buffer | null> {
    const ready = this.frames.shift();
    if (ready) return Promise.resolve(ready);
    if (this.closed) return Promise.resolve(null);
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== done);
        resolve(null);
      }, timeoutMs);
      const done = (f: Buffer | null) => {
        clearTimeout(t);
        resolve(f);
      };
      this.waiters.push(done);
    });
  }

  /** Sends a request and returns a reader positioned after the response's correlation id. */
  async request(apiKey: number, version: number, body: Buffer, correlationId = 7): Promise<KafkaReader> {
    this.send(requestFrame(apiKey, version, correlationId, body));
    const frame = await this.next();
    if (!frame) throw new Error('connection closed or no response');
    const r = new KafkaReader(frame);
    const cid = r.int32();
    if (cid !== correlationId) throw new Error(`correlation id ${cid}, expected ${correlationId}`);
    return r;
  }

  close(): void {
    this.socket.destroy();
  }
}
