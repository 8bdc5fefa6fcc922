// Training mode's console: when the app runs its own sandbox cluster, the terminal that started
// it takes the sandbox CLI's fault commands, one a line, so a trainer can take brokers down and
// bring them back while a clerk keeps entering orders. Each line is answered with one line.
// The relay reads the terminal; the commands go to the service host, which runs the sandbox.
import readline from 'node:readline';

export interface SandboxCommands {
  sandboxCommand(line: string): Promise<string>;
}

export function attachSandboxConsole(
  core: SandboxCommands,
  input: NodeJS.ReadableStream,
  write: (line: string) => void,
): () => void {
  const rl = readline.createInterface({ input, terminal: false });
  // One command at a time, in the order typed: `stop 2` then `start 2` must not overtake.
  let queue = Promise.resolve();
  rl.on('line', (line) => {
    if (line.trim() === '') return;
    queue = queue.then(async () => write(await core.sandboxCommand(line)));
  });
  return () => rl.close();
}
