// better-sqlite3 for Electron's ABI, built beside (never over) node_modules' Node build, which
// the tests and browser mode keep using. A copy of the module goes to .electron-native/ and
// @electron/rebuild compiles it there against Electron's headers; main then hands that file
// to better-sqlite3's `nativeBinding` option (see electron/main/native-binding.ts).
import fs from 'node:fs';
import path from 'node:path';
import { SQLITE_BINDING_FILE } from '../main/native-binding';

export const NATIVE_DIR = '.electron-native';

export function electronSqlitePath(projectDir: string): string {
  return path.join(projectDir, NATIVE_DIR, 'node_modules', 'better-sqlite3', 'build', 'Release', SQLITE_BINDING_FILE);
}

export async function ensureElectronSqlite(projectDir: string, electronVersion: string): Promise<string> {
  const dir = path.join(projectDir, NATIVE_DIR);
  const target = electronSqlitePath(projectDir);
  const source = path.join(projectDir, 'node_modules', 'better-sqlite3');
  const version = (JSON.parse(fs.readFileSync(path.join(source, 'package.json'), 'utf8')) as { version: string })
    .version;
  const stampFile = path.join(dir, 'built-for.txt');
  const stamp = `electron ${electronVersion} better-sqlite3 ${version} ${process.platform}-${process.arch}`;
  if (fs.existsSync(target) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp) return target;

  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'node_modules'), { recursive: true });
  fs.cpSync(source, path.join(dir, 'node_modules', 'better-sqlite3'), { recursive: true });
  // better-sqlite3's own runtime dependencies (bindings, file-uri-to-path) come along so the copy is complete.
  for (const dep of ['bindings', 'file-uri-to-path']) {
    const p = path.join(projectDir, 'node_modules', dep);
    if (fs.existsSync(p)) fs.cpSync(p, path.join(dir, 'node_modules', dep), { recursive: true });
  }
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify(
      { name: 'order-desk-electron-native', private: true, dependencies: { 'better-sqlite3': version } },
      null,
      2,
    ),
  );
  const { rebuild } = await import('@electron/rebuild');
  await rebuild({ buildPath: dir, electronVersion, onlyModules: ['better-sqlite3'], force: true });
  if (!fs.existsSync(target)) throw new Error(`@electron/rebuild finished but ${target} is missing`);
  fs.writeFileSync(stampFile, stamp);
  return target;
}
