// One broker's listener on 127.0.0.1. Stopping it closes the listener and every connection,
// which is what a client sees when a broker process dies.
import net from 'node:net';
import tls from 'node:tls';
import type { AnyApiHandler, SandboxServices } from './api-handler';
import type { BrokerNode } from './cluster-state';
import { Connection } from './connection';

export interface TlsOptions {
  key: string | Buffer;
  cert: string | Buffer;
}

export class BrokerServer {
  latencyMs = 0;
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();

  constructor(
    private readonly services: SandboxServices,
    readonly node: BrokerNode,
    private readonly table: ReadonlyMap<number, AnyApiHandler>,
    private readonly opts: { maxRequestBytes: number; tls: TlsOptions | null },
  ) {}

  get listening(): boolean {
    return this.server !== null;
  }

  /** Listens on node.host:node.port; port 0 picks a free port once and keeps it for restarts. */
  async start(): Promise<void> {
    if (this.server) return;
    const onSocket = (socket: net.Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      new Connection(socket, {
        services: this.services,
        broker: this.node,
        table: this.table,
        maxRequestBytes: this.opts.maxRequestBytes,
        latencyMs: () => this.latencyMs,
      });
    };
    const server = this.opts.tls
      ? tls.createServer({ key: this.opts.tls.key, cert: this.opts.tls.cert }, onSocket)
      : net.createServer(onSocket);
    // A TLS handshake failure is the client's problem; the listener must keep going.
    server.on('tlsClientError', () => {});
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: this.node.host, port: this.node.port, exclusive: true }, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.node.port = (server.address() as net.AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    await closed;
  }
}
