// What the relay answers for logs.read / logs.open: the data directory's log folder, read by
// the process that owns the window (so the logs can be read even while the services restart).
import type { RelayLogs } from './relay-dispatch';
import { logDir, readLogTail } from '../logging/app-log';

export function relayLogs(dataDir: string, openFolder: ((dir: string) => Promise<boolean>) | null): RelayLogs {
  return {
    read: (maxLines) => readLogTail(dataDir, maxLines),
    async open() {
      const dir = logDir(dataDir);
      return { opened: openFolder ? await openFolder(dir) : false, dir };
    },
  };
}
