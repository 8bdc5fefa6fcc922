// kcat (librdkafka), the second, independent Kafka client the tests check the sandbox with.
// It runs as a child process without blocking this process's event loop, on which the sandbox
// brokers of a test live.
import { spawn, spawnSync } from 'node:child_process';

const probe = spawnSync('kcat', ['-V']);
export const kcatInstalled = probe.error === undefined && probe.status === 0;

/** Prints why the caller's kcat tests skip, when they do; true when they must. */
export function skipWithoutKcat(what: string): boolean {
  if (!kcatInstalled)
    console.log(`skipping ${what}: kcat not installed (apt-get install -y kcat; .ci/run installs it)`);
  return !kcatInstalled;
}

export interface KcatResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs kcat with `input` on its stdin (closed at once when none), failing after timeoutMs. */
export function runKcat(args: string[], opts: { input?: string; timeoutMs?: number } = {}): Promise<KcatResult> {
  const timeoutMs = opts.timeoutMs ?? 60_000;
  return new Promise((resolve, reject) => {
    const child = spawn('kcat', args);
    let stdout = '';
    let stderr = '';
    // Decoded as a stream, so a multi-byte character split across chunks stays whole.
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (d: string) => (stdout += d));
    child.stderr.on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`kcat ${args.join(' ')} did not finish in ${timeoutMs} ms; stderr: ${stderr.slice(-2000)}`));
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.on('error', () => {});
    child.stdin.end(opts.input ?? '');
  });
}
