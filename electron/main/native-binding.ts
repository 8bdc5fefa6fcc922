// better-sqlite3 is a native module and Electron has its own ABI. Tests and browser mode run
// under Node with node_modules' build; Electron loads a separate build, made by the launcher
// (electron/launcher/electron-native.ts) into .electron-native/, or shipped as an extra
// resource when packaged. Its path reaches the outbox through this environment variable,
// which the store passes to better-sqlite3's `nativeBinding` option.
import fs from 'node:fs';
import path from 'node:path';

export const SQLITE_BINDING_ENV = 'ORDER_DESK_SQLITE_BINDING';
export const SQLITE_BINDING_FILE = 'better_sqlite3.node';

export function electronSqliteBinding(opts: {
  packaged: boolean;
  resourcesPath: string;
  projectDir: string;
}): string | null {
  const candidates = opts.packaged
    ? [path.join(opts.resourcesPath, 'native', SQLITE_BINDING_FILE)]
    : [
        path.join(
          opts.projectDir,
          '.electron-native',
          'node_modules',
          'better-sqlite3',
          'build',
          'Release',
          SQLITE_BINDING_FILE,
        ),
      ];
  return candidates.find((p) => fs.existsSync(p)) ?? null;
}
