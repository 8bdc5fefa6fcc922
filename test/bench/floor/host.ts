// The floor's service process (see ../floor.ts): takes the relay's batches of submits, saves each
// turn's submits in one transaction (a group commit, synchronous=FULL, as the app's Save) and
// answers them once it is on disk. Nothing else: no request gate, no risk checks, no delivery.
// argv: <database file> <none | sqlite | outbox>
//   none    answers without storing (the transports alone)
//   sqlite  one table shaped like the outbox's hot columns, with its unique and lookup indexes
//   outbox  the app's own OutboxStore.addMany (its five indexes, its JSON and records)
import Database from 'better-sqlite3';
import { OutboxStore } from '../../../electron/orders/outbox-store';
import { ORDER_SCHEMA_VERSION, orderTotal, type Order, type OrderSubmissionInput } from '../../../shared/order-schema';
import { newOrderId, newSubmissionId } from '../../../shared/order-ids';

export interface FloorSubmit {
  id: number;
  draft: OrderSubmissionInput;
}
export interface FloorAnswer {
  id: number;
  ok: boolean;
}

const [file, storage] = process.argv.slice(2);
const save = saver(storage);
let queued: FloorSubmit[] = [];

function saver(kind: string | undefined): (submits: FloorSubmit[]) => boolean[] {
  if (kind === 'none') return (submits) => submits.map(() => true);
  if (kind === 'sqlite') {
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec(`CREATE TABLE o (seq INTEGER PRIMARY KEY AUTOINCREMENT, order_id TEXT NOT NULL UNIQUE,
      submission_id TEXT UNIQUE, customer_id TEXT NOT NULL, state TEXT NOT NULL, order_json TEXT NOT NULL);
      CREATE INDEX o_customer ON o(customer_id); CREATE INDEX o_state ON o(state, seq);`);
    const insert = db.prepare(
      'INSERT INTO o (order_id, submission_id, customer_id, state, order_json) VALUES (?, ?, ?, ?, ?)',
    );
    const commit = db.transaction((submits: FloorSubmit[]) => {
      for (const s of submits)
        insert.run(newOrderId(), newSubmissionId(), s.draft.customerId ?? '', 'saved', JSON.stringify(s.draft));
    });
    return (submits) => {
      commit(submits);
      return submits.map(() => true);
    };
  }
  if (kind === 'outbox') {
    const store = OutboxStore.open(file);
    return (submits) =>
      store
        .addMany(
          submits.map((s): Order => {
            const d = s.draft as Order;
            return {
              ...d,
              orderId: newOrderId(),
              schemaVersion: ORDER_SCHEMA_VERSION,
              storeId: 'floor',
              terminalId: 'floor',
              clerk: 'floor',
              createdAt: new Date().toISOString(),
              total: orderTotal(d.lines),
            };
          }),
          submits.map(() => newSubmissionId()),
        )
        .map((r) => r.ok);
  }
  throw new Error(`storage must be none, sqlite or outbox, not ${kind}`);
}

process.on('message', (batch: FloorSubmit[]) => {
  // Submits arriving in one turn are saved together after it, as the app's group commit does.
  if (queued.length === 0) setImmediate(flush);
  queued.push(...batch);
});
process.on('disconnect', () => process.exit(0));

function flush(): void {
  const submits = queued;
  queued = [];
  const ok = save(submits);
  process.send!(submits.map((s, i): FloorAnswer => ({ id: s.id, ok: ok[i] })));
}

process.send!('ready');
