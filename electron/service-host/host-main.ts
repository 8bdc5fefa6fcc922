// Entry of the service process. Electron main starts it with utilityProcess.fork (bundled as
// dist-electron/service-host.cjs), browser mode with child_process.fork (this file, under
// tsx). It talks to its parent over whichever port it was given, and exits when the parent
// asks, sends SIGTERM, or is gone.
import { createAppCore } from '../app/app-core';
import type { HostToRelay, RelayToHost } from '../../shared/host-protocol';
import { parentPortLink, parentProcessLink, type MessageLink, type ParentPortLike } from '../host-link/message-link';
import { watchParent } from './parent-watch';
import { runServiceHost } from './service-host';
import { createAppLog } from '../logging/app-log';
import { setRedactedSecrets } from '../logging/redact';
import { describeHelperThreads, lowerHelperThreads } from '../host-link/helper-threads';

const appLog = createAppLog('services');
const log = appLog.log;
// Before the services start any thread of their own (electron/host-link/helper-threads.ts).
const helperThreads = lowerHelperThreads();

const parentPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
let link: MessageLink<RelayToHost, HostToRelay>;
if (parentPort) link = parentPortLink(parentPort);
else if (process.send) link = parentProcessLink(process);
else {
  log('service-host: start me from Order Desk (Electron main or browser mode); I have no parent to talk to');
  process.exit(2);
}

const host = runServiceHost({
  link,
  log,
  startCore: (init) => {
    appLog.attachFile(init.dataDir);
    log(describeHelperThreads(helperThreads));
    return createAppCore({ ...init, log, onSecrets: (s) => setRedactedSecrets(Object.values(s)) });
  },
  exit: (code) => process.exit(code),
});
watchParent(() => void host.shutdown('the parent process is gone'));
// Ctrl+C in a terminal reaches the whole process group: the relay decides, and sends `close`.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => void host.shutdown('SIGTERM'));
