// Finding a runnable Electron: node_modules/electron's binary, fetched once by its own
// install script when missing (package.json's allowScripts keeps npm from running it).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const INSTALL_TIMEOUT_MS = 30_000;

export type ElectronLookup = { ok: true; binary: string; version: string } | { ok: false; why: string };

function installedBinary(projectDir: string): string | null {
  try {
    // node_modules/electron's index.js returns the binary path, or throws when it was never fetched.
    const p = createRequire(path.join(projectDir, 'package.json'))('electron') as unknown as string;
    return fs.existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

export function findElectron(projectDir: string, log: (m: string) => void): ElectronLookup {
  const pkgDir = path.join(projectDir, 'node_modules', 'electron');
  if (!fs.existsSync(pkgDir)) return { ok: false, why: 'the electron package is not installed' };
  const version = (JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as { version: string })
    .version;
  let binary = installedBinary(projectDir);
  if (!binary) {
    log(`fetching the Electron ${version} binary (one try, up to ${INSTALL_TIMEOUT_MS / 1000} s)…`);
    const r = spawnSync(process.execPath, [path.join(pkgDir, 'install.js')], {
      cwd: pkgDir,
      timeout: INSTALL_TIMEOUT_MS,
      encoding: 'utf8',
    });
    binary = installedBinary(projectDir);
    if (!binary) {
      const lines = (r.stderr || r.stdout || `exit ${r.status}`).trim().split('\n');
      const detail = r.error ? r.error.message : (lines.find((l) => /error/i.test(l)) ?? lines[0]).trim();
      return { ok: false, why: `the Electron ${version} binary could not be downloaded (${detail})` };
    }
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { ok: false, why: 'there is no display (DISPLAY/WAYLAND_DISPLAY unset) for a desktop window' };
  }
  const probe = spawnSync(binary, ['--version'], {
    timeout: 20_000,
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
  if (probe.status !== 0)
    return {
      ok: false,
      why: `the Electron binary does not run here (${(probe.stderr || String(probe.error)).trim().split('\n')[0]})`,
    };
  return { ok: true, binary, version };
}
