// `npm start`: build, then the desktop app when Electron can run here; otherwise one line
// saying why, and browser mode instead (which prints its ready URL). ORDER_DESK_DATA_DIR
// sets the data dir (Electron's userData by default, ./.order-desk-data in browser mode).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SQLITE_BINDING_ENV } from '../main/native-binding';
import { buildElectron, ensureRendererBuilt } from './build';
import { findElectron } from './electron-binary';
import { ensureElectronSqlite } from './electron-native';

const projectDir = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
const log = (m: string) => process.stderr.write(`[order-desk] ${m}\n`);

function run(command: string, args: string[], env: NodeJS.ProcessEnv): void {
  const child = spawn(command, args, { cwd: projectDir, env, stdio: 'inherit' });
  // The child owns shutdown; forward the signals and leave with its exit code.
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

async function main(): Promise<void> {
  await ensureRendererBuilt(projectDir);
  const electron = findElectron(projectDir, log);
  let why = electron.ok ? null : electron.why;
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (electron.ok) {
    try {
      await buildElectron(projectDir);
      env[SQLITE_BINDING_ENV] = await ensureElectronSqlite(projectDir, electron.version);
    } catch (err) {
      why = `better-sqlite3 could not be built for Electron ${electron.version} (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`;
    }
  }
  if (electron.ok && !why) {
    // Chromium refuses to start as root unless its OS sandbox is off; only then is it turned off.
    const rootArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
    run(electron.binary, [path.join(projectDir, 'dist-electron', 'main.cjs'), ...rootArgs], env);
    return;
  }
  process.stderr.write(
    `Order Desk: the desktop window cannot open because ${why}; starting browser mode instead, open the URL below.\n`,
  );
  run(
    path.join(projectDir, 'node_modules', '.bin', 'tsx'),
    [path.join(projectDir, 'electron', 'browser-mode', 'cli.ts'), ...process.argv.slice(2)],
    env,
  );
}

main().catch((err: unknown) => {
  log(`could not start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
});
