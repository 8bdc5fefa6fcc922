import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from '../../../electron/main/window';

describe('main window options', () => {
  it('isolates the renderer: context isolation, sandbox, no Node, web security, no webview', () => {
    const o = mainWindowOptions('/app/dist-electron/preload.cjs');
    expect(o.webPreferences).toMatchObject({
      preload: '/app/dist-electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(o.show).toBe(false);
  });
});
