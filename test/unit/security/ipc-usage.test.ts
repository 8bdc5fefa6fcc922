// The bridge's rules, checked over the source tree: requests are registered on ipcMain in
// one file only, and only the preload touches ipcRenderer or contextBridge.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

function sources(dir: string): string[] {
  return fs
    .readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|tsx)$/.test(e.name))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)));
}

const files = [...sources('electron'), ...sources('renderer'), ...sources('shared')];
const using = (re: RegExp) => files.filter((f) => re.test(fs.readFileSync(path.join(root, f), 'utf8'))).sort();

describe('IPC surface', () => {
  it('registers handlers on ipcMain only in electron/ipc/electron-ipc.ts', () => {
    expect(using(/ipcMain\s*\.\s*(handle|handleOnce|on|once|addListener)\s*\(/)).toEqual([
      'electron/ipc/electron-ipc.ts',
    ]);
  });

  it('uses ipcRenderer and contextBridge only in the preload', () => {
    expect(using(/\bipcRenderer\b/)).toEqual(['electron/preload/preload.ts']);
    expect(using(/\bcontextBridge\b/)).toEqual(['electron/preload/preload.ts']);
  });

  it('keeps Electron out of the renderer and the shared contract', () => {
    expect(using(/from ['"]electron['"]/).filter((f) => !f.startsWith('electron/'))).toEqual([]);
  });
});
