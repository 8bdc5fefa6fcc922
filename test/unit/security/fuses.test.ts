// The packaged app's Electron fuses (flipped into the binary by electron-builder from
// build/electron-builder.json): no running as plain Node, no NODE_OPTIONS or --inspect,
// encrypted cookies, ASAR integrity, app code only from the ASAR, no extra file:// powers.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_DIR } from '../../support/child-process';

const config = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, 'build', 'electron-builder.json'), 'utf8')) as {
  asar?: boolean;
  electronFuses?: Record<string, boolean>;
};

describe('Electron fuses for packaged builds', () => {
  it('turns off every way to run the binary as something else, and turns on integrity and cookie encryption', () => {
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});
