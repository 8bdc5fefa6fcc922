import react from '@vitejs/plugin-react';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { withCspMeta } from './electron/main/csp';

const root = path.dirname(fileURLToPath(import.meta.url));

/** Writes the Electron CSP into the built index.html (browser mode swaps in its own). */
function cspMeta(): Plugin {
  return { name: 'order-desk-csp', apply: 'build', transformIndexHtml: (html) => withCspMeta(html, 'electron') };
}

export default defineConfig({
  root: path.join(root, 'renderer'),
  // Relative asset URLs, so the same build loads from file:// in Electron and from browser mode.
  base: './',
  plugins: [react(), cspMeta()],
  build: {
    outDir: path.join(root, 'dist', 'renderer'),
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: false,
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
});
