// The app:// protocol handler over a renderer folder: files with their types and the CSP;
// nothing outside the folder, no other host, no other method.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appProtocolHandler } from '../../../electron/main/app-protocol';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'order-desk-proto-'));
fs.mkdirSync(path.join(root, 'renderer', 'assets'), { recursive: true });
fs.writeFileSync(path.join(root, 'renderer', 'index.html'), '<html><body><div id="root"></div></body></html>');
fs.writeFileSync(path.join(root, 'renderer', 'assets', 'main.js'), 'console.log(1)');
fs.writeFileSync(path.join(root, 'secret.txt'), 'not for the page');
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const serve = appProtocolHandler(path.join(root, 'renderer'), "default-src 'self'");

describe('app:// protocol', () => {
  it('serves the index and assets with their content types, the CSP and nosniff', async () => {
    const index = await serve({ url: 'app://order-desk/' });
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('<div id="root">');
    expect(index.headers.get('content-security-policy')).toBe("default-src 'self'");
    const js = await serve({ url: 'app://order-desk/assets/main.js' });
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it.each([
    'app://order-desk/../secret.txt',
    'app://order-desk/%2e%2e/secret.txt',
    'app://order-desk/..%2fsecret.txt',
    'app://order-desk/missing.js',
    'app://other-host/index.html',
    'app://order-desk/%00',
  ])('answers 404 for %s', async (url) => {
    const r = await serve({ url });
    expect(r.status).toBe(404);
    expect(await r.text()).not.toContain('not for the page');
  });

  it('answers 405 to anything but GET and HEAD', async () => {
    expect((await serve({ url: 'app://order-desk/index.html', method: 'POST' })).status).toBe(405);
    const head = await serve({ url: 'app://order-desk/index.html', method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});
