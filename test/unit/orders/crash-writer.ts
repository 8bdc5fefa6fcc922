// Run in a child process by outbox-crash.test.ts: saves orders, starts "sending" one, then the
// process is killed with SIGKILL (no close, no cleanup), as a power cut or crash would.
import { OutboxStore } from '../../../electron/orders/outbox-store';
import { order } from './fixtures';

const [file, count] = process.argv.slice(2);
const outbox = OutboxStore.open(file);
const ids: string[] = [];
for (let i = 0; i < Number(count); i++) {
  const r = outbox.add(order({ customerId: `crash-${i}` }));
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  ids.push(r.value.order.orderId);
}
const [first, second] = outbox.candidates(2);
outbox.markDelivered([{ seq: first.seq, partition: 0, offset: '0' }]);
outbox.markSending([second.seq]);
// Tell the parent what was saved, then die without closing anything.
process.stdout.write(`${JSON.stringify(ids)}\n`, () => process.kill(process.pid, 'SIGKILL'));
