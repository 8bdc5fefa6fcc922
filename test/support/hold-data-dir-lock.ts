// A process that takes a data directory's instance lock and holds it until killed (the lock
// tests kill it with SIGKILL, as a crash would) or, given a second argument, dies that many ms
// later without releasing it.
import { acquireDataDirLock } from '../../electron/instance-lock/data-dir-lock';

acquireDataDirLock(process.argv[2], { mode: 'test', waitMs: 0 });
process.stdout.write('locked\n');
setInterval(() => {}, 60_000);
if (process.argv[3]) setTimeout(() => process.kill(process.pid, 'SIGKILL'), Number(process.argv[3]));
