// The harness's watchdog: `node watchdog.mjs <cluster temp dir>`, started by the harness in its
// own process group, holding the read end of a pipe whose write end only the harness has.
// The harness tells it `watch <pid>` for every JVM it starts, `forget <pid>` for every JVM it
// stopped itself, and `done` after a clean shutdown. If the pipe closes without `done`, the
// harness died (even SIGKILL closes its end): the watchdog kills the JVMs it still watches and
// removes the temporary directory, so nothing outlives the harness.
// Plain JavaScript: it must start without the TypeScript loader.
import fs from 'node:fs';
import readline from 'node:readline';

const dir = process.argv[2];
const pids = new Set();
let done = false;

// Signals meant for the harness's terminal must not kill the clean-up.
for (const s of ['SIGINT', 'SIGHUP', 'SIGPIPE']) process.on(s, () => {});

const rl = readline.createInterface({ input: process.stdin, terminal: false });
rl.on('line', (line) => {
  const [word, arg] = line.trim().split(/\s+/);
  if (word === 'watch') pids.add(Number(arg));
  else if (word === 'forget') pids.delete(Number(arg));
  else if (word === 'done') done = true;
});

rl.on('close', () => {
  if (done) process.exit(0);
  for (const pid of pids) {
    for (const target of [-pid, pid]) {
      try {
        // Each JVM leads its own process group; killing the group also reaches anything it started.
        process.kill(target, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  }
  // The JVMs' files may still be closing; retry briefly rather than leave the directory behind.
  const removeDir = (attempt) => {
    try {
      if (dir && dir.length > 5) fs.rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    } catch {
      if (attempt < 20) setTimeout(() => removeDir(attempt + 1), 250);
      else process.exit(1);
    }
  };
  setTimeout(() => removeDir(0), 200);
});
