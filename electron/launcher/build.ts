// Builds what the app runs: the renderer (Vite → dist/renderer) and Electron's main, the
// service host it runs in a utility process, and the preload (esbuild → dist-electron, CommonJS). Used by `npm run build`, `npm start`,
// browser mode (when the renderer is missing or older than its sources) and Playwright.
import fs from 'node:fs';
import path from 'node:path';

export const RENDERER_OUT = path.join('dist', 'renderer');
export const ELECTRON_OUT = 'dist-electron';

function newestMtime(dir: string): number {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const m = fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs;
    if (m > newest) newest = m;
  }
  return newest;
}

/** True when dist/renderer is missing or older than renderer/, shared/ or vite.config.ts. */
export function rendererIsStale(projectDir: string): boolean {
  const index = path.join(projectDir, RENDERER_OUT, 'index.html');
  if (!fs.existsSync(index)) return true;
  const built = fs.statSync(index).mtimeMs;
  const sources = Math.max(
    newestMtime(path.join(projectDir, 'renderer')),
    newestMtime(path.join(projectDir, 'shared')),
    fs.statSync(path.join(projectDir, 'vite.config.ts')).mtimeMs,
  );
  return sources > built;
}

export async function buildRenderer(projectDir: string, out = path.join(projectDir, RENDERER_OUT)): Promise<void> {
  const { build } = await import('vite');
  // vite.config.ts imports csp.ts extensionless (as the whole tree does); Vite's notice about its
  // future native config loader says nothing actionable for this build.
  process.env.VITE_CONFIG_NATIVE_IGNORE_WARNING ??= 'true';
  // logLevel 'warn': build chatter must not reach stdout, which carries browser mode's ready line.
  // Built aside and then swapped in, so a server already serving dist/renderer (or a second
  // build started at the same time) never sees a half-written directory.
  const staging = `${out}.build-${process.pid}`;
  // Vite takes NODE_ENV from the caller when it is set, and vitest sets it to "test": the
  // renderer built by a test run was React's development build (StrictMode running every
  // effect twice), which Playwright and `npm start` then served. What ships is the same
  // whoever builds it.
  const callerNodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: path.join(projectDir, 'vite.config.ts'),
      root: path.join(projectDir, 'renderer'),
      mode: 'production',
      logLevel: 'warn',
      build: { outDir: staging, emptyOutDir: true },
    });
  } finally {
    if (callerNodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = callerNodeEnv;
  }
  fs.rmSync(out, { recursive: true, force: true });
  fs.renameSync(staging, out);
}

export async function ensureRendererBuilt(projectDir: string): Promise<void> {
  if (!rendererIsStale(projectDir)) return;
  process.stderr.write('[order-desk] building the renderer…\n');
  await buildRenderer(projectDir);
}

export async function buildElectron(projectDir: string): Promise<void> {
  const esbuild = await import('esbuild');
  const out = path.join(projectDir, ELECTRON_OUT);
  // Main; the service host (main forks service-host.cjs beside itself, desktop.ts); and the
  // benchmark's worker thread, which bench-worker-client.ts looks for beside the service host.
  const nodeEntries: Record<string, string> = {
    main: 'electron/main/index.ts',
    'service-host': 'electron/service-host/host-main.ts',
    'bench-worker': 'electron/bench/bench-worker.ts',
  };
  const present = Object.entries(nodeEntries).filter(([, src]) => fs.existsSync(path.join(projectDir, src)));
  await Promise.all([
    esbuild.build({
      entryPoints: Object.fromEntries(present.map(([name, src]) => [name, path.join(projectDir, src)])),
      outdir: out,
      outExtension: { '.js': '.cjs' },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      sourcemap: true,
      // node_modules stay node_modules (better-sqlite3 is native; electron is the runtime).
      packages: 'external',
      // Services written as ESM may use import.meta.url; give them the CJS file's URL.
      banner: { js: "const __order_desk_import_meta_url = require('url').pathToFileURL(__filename).href;" },
      define: { 'import.meta.url': '__order_desk_import_meta_url' },
      logLevel: 'warning',
    }),
    esbuild.build({
      entryPoints: [path.join(projectDir, 'electron/preload/preload.ts')],
      outfile: path.join(out, 'preload.cjs'),
      // A sandboxed preload can require only 'electron': everything else is bundled in.
      bundle: true,
      platform: 'browser',
      format: 'cjs',
      target: 'chrome120',
      external: ['electron'],
      minify: true,
      logLevel: 'warning',
    }),
  ]);
}
