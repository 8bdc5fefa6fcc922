// The renderer is built by whoever needs it first: `npm start`, browser mode, Playwright, or a
// test run, where vitest has set NODE_ENV to "test". Whichever it was, the page served is the one
// that ships: React's production build, not its development build (whose StrictMode runs every
// effect twice, a different program from the clerks').
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildRenderer } from '../../../electron/launcher/build';

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'order-desk-renderer-'));
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

describe('the renderer built during a test run', () => {
  it("is React's production build, and the test run's NODE_ENV is left as it was", async () => {
    expect(process.env.NODE_ENV).toBe('test');
    await buildRenderer(projectDir, out);
    expect(process.env.NODE_ENV).toBe('test');
    const js = fs
      .readdirSync(path.join(out, 'assets'))
      .filter((f) => f.endsWith('.js'))
      .map((f) => fs.readFileSync(path.join(out, 'assets', f), 'utf8'))
      .join('\n');
    expect(js).toContain('react.dev/errors/'); // the production build's short error links
    expect(js).not.toContain('Download the React DevTools'); // said only by the development build
  }, 120_000);
});
