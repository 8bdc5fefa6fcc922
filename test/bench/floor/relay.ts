// The floor's relay (see ../floor.ts): a WebSocket server on 127.0.0.1 for one client, holding the
// token in its URL as browser mode's does, and a forked service process (./host.ts) behind an IPC
// channel. Each turn's submits leave as one message, as the app's relay sends them; each answer
// goes back as its own WebSocket message. Prints "ready <port> <service pid>" once both ends are up.
// argv: <token> <database file> <storage>
import { fork } from 'node:child_process';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { FloorAnswer, FloorSubmit } from './host';

const [token, file, storage] = process.argv.slice(2);
const host = fork(path.join(import.meta.dirname, 'host.ts'), [file, storage], { execArgv: process.execArgv });
const server = new WebSocketServer({
  host: '127.0.0.1',
  port: 0,
  verifyClient: ({ req }: { req: IncomingMessage }) =>
    new URL(req.url ?? '/', 'http://x').searchParams.get('token') === token,
});
let client: WebSocket | null = null;
let outgoing: FloorSubmit[] = [];

server.on('connection', (ws) => {
  client = ws;
  ws.on('message', (data) => {
    if (outgoing.length === 0) setImmediate(forward);
    outgoing.push(JSON.parse(String(data)) as FloorSubmit);
  });
});
function forward(): void {
  host.send(outgoing);
  outgoing = [];
}
host.on('message', (m: 'ready' | FloorAnswer[]) => {
  if (m === 'ready') {
    const address = server.address();
    console.log(`ready ${typeof address === 'object' && address ? address.port : '?'} ${host.pid}`);
    return;
  }
  for (const answer of m) client?.send(JSON.stringify(answer));
});
host.on('exit', (code) => {
  console.error(`floor host exited with ${code}`);
  process.exit(1);
});
process.on('SIGTERM', () => {
  host.kill();
  process.exit(0);
});
