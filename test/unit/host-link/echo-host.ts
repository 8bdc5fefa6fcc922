// Forked by message-link.test.ts: answers each message over the host's end of the link and
// exits when told to, or when its parent's end closes.
import { parentProcessLink } from '../../../electron/host-link/message-link';

const link = parentProcessLink<unknown, unknown>(process);
link.onMessage((m) => {
  if (m === 'exit') process.exit(7);
  link.send({ echo: m, received: link.counts.in });
});
link.onClose(() => process.exit(3));
