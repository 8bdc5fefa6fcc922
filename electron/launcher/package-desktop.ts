// `npm run package:desktop`: installers with electron-builder (build/electron-builder.json).
// The Electron-ABI better-sqlite3 is built first into .electron-native/ and shipped as an
// extra resource; node_modules keeps its Node build (npmRebuild is off).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildElectron, buildRenderer } from './build';
import { ensureElectronSqlite } from './electron-native';

const projectDir = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
const electronVersion = (
  JSON.parse(fs.readFileSync(path.join(projectDir, 'node_modules/electron/package.json'), 'utf8')) as {
    version: string;
  }
).version;
await buildRenderer(projectDir);
await buildElectron(projectDir);
await ensureElectronSqlite(projectDir, electronVersion);
const r = spawnSync(
  path.join(projectDir, 'node_modules/.bin/electron-builder'),
  ['--config', 'build/electron-builder.json', ...process.argv.slice(2)],
  {
    cwd: projectDir,
    stdio: 'inherit',
  },
);
process.exit(r.status ?? 1);
