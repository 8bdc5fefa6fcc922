// The import rules between the layers (electron/'s capabilities, renderer/, shared/), checked
// on the import graph TypeScript's own parser reads (static imports, re-exports and dynamic
// import() alike). One definition for two users: the lint rule (tools/lint/eslint-plugin.ts,
// run by `npm run lint`) and test/unit/architecture/import-boundaries.test.ts.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export const REPO = path.resolve(import.meta.dirname, '../..');

export interface ImportEdge {
  /** Repository-relative path of the importing file, with forward slashes. */
  from: string;
  specifier: string;
  /** Repository-relative path of the imported file, or null for a package or built-in. */
  to: string | null;
}

const EXTENSIONS = ['.ts', '.tsx', '/index.ts', '/index.tsx'];

function resolve(fromFile: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), specifier));
  for (const ext of ['', ...EXTENSIONS]) {
    if (fs.existsSync(path.join(REPO, base + ext)) && fs.statSync(path.join(REPO, base + ext)).isFile())
      return base + ext;
  }
  // Not on disk (a synthetic edge in a test): take the .ts file it would be.
  return /\.[cm]?[jt]sx?$/.test(base) ? base : `${base}.ts`;
}

/** Every import of one source text (static, type-only, re-export, dynamic import()). */
export function importsOfSource(from: string, source: string): ImportEdge[] {
  const info = ts.preProcessFile(source, true, true);
  return info.importedFiles.map((f) => ({ from, specifier: f.fileName, to: resolve(from, f.fileName) }));
}

/** Every import of every .ts/.tsx file under `dir` (repository-relative). */
export function importsUnder(dir: string): ImportEdge[] {
  const out: ImportEdge[] = [];
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(REPO, rel), { withFileTypes: true })) {
      const child = `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
        out.push(...importsOfSource(child, fs.readFileSync(path.join(REPO, child), 'utf8')));
    }
  };
  walk(dir);
  return out;
}

const inside = (p: string | null, dir: string) => p !== null && (p === dir || p.startsWith(`${dir}/`));
const isBuiltin = (s: string) => s.startsWith('node:');

const SANDBOX = 'electron/sandbox';
const WIRE = 'electron/kafka-wire';
/** Training mode: the only product file that may start the sandbox, and only through its public entry. */
const TRAINING_MODE = 'electron/app/sandbox-target.ts';
const SANDBOX_ENTRY = 'electron/sandbox/index.ts';
const WIRE_PACKAGES = new Set(['@node-rs/crc32']);

/** The services: plain Node code the service process runs. They never know how requests reach them. */
const SERVICES = [
  'app',
  'orders',
  'settings',
  'diagnostics',
  'bench',
  'kafka',
  'cluster',
  'instance-lock',
  'risk',
  'counter',
].map((d) => `electron/${d}`);
/** The process that owns the window (Electron main, or browser mode's relay) and its transport. */
const WINDOW_SIDE = ['main', 'preload', 'relay', 'browser-mode', 'ipc', 'host-link', 'launcher', 'secrets'].map(
  (d) => `electron/${d}`,
);
/** What the window's process may never load: the services and everything they stand on. */
const SERVICE_SIDE = [...SERVICES, WIRE, SANDBOX, 'electron/service-host'];
/** The service process's entry: glue between the services and the link to the relay. */
const SERVICE_HOST = 'electron/service-host';
const SERVICE_HOST_MAY = [
  ...SERVICES,
  SERVICE_HOST,
  'electron/host-link',
  'electron/logging',
  'electron/ipc/bind-requests.ts',
  WIRE,
];

const isIn = (p: string | null, dirs: readonly string[]) => dirs.some((d) => inside(p, d));

/** One sentence per broken rule. */
export function boundaryViolations(edges: readonly ImportEdge[]): string[] {
  const out: string[] = [];
  for (const e of edges) {
    const what = `${e.from} imports '${e.specifier}'`;
    if (inside(e.to, 'tools') && ['electron', 'renderer', 'shared'].some((d) => inside(e.from, d))) {
      // The harness and the lint rules serve the tests and people; the app never depends on them.
      out.push(`${what}: the app never imports tools/ (the Apache Kafka harness, the lint rules)`);
      continue;
    }
    if (inside(e.from, WIRE)) {
      // The wire module stands on nothing but Node and its CRC: both sides use it, it uses neither.
      const ok = e.to === null ? isBuiltin(e.specifier) || WIRE_PACKAGES.has(e.specifier) : inside(e.to, WIRE);
      if (!ok) out.push(`${what}: electron/kafka-wire may import only Node built-ins, @node-rs/crc32 and itself`);
    } else if (inside(e.from, SANDBOX)) {
      // The sandbox is a product of its own and a test double: nothing of the app, nor the client it stands in for.
      if (e.to !== null && !inside(e.to, SANDBOX) && !inside(e.to, WIRE))
        out.push(`${what}: the sandbox imports nothing from the app except electron/kafka-wire`);
      if (e.to === null && (e.specifier === 'kafkajs' || e.specifier.startsWith('kafkajs/')))
        out.push(`${what}: the sandbox must not depend on a Kafka client`);
    } else if (inside(e.from, 'electron')) {
      if (e.from === TRAINING_MODE && e.to === SANDBOX_ENTRY) continue;
      if (inside(e.to, SANDBOX)) {
        out.push(
          `${what}: product code never imports the sandbox (training mode goes through ${SANDBOX_ENTRY}, from ${TRAINING_MODE} only)`,
        );
      } else if (
        isIn(e.from, SERVICES) &&
        e.to !== null &&
        inside(e.to, 'electron') &&
        !isIn(e.to, [...SERVICES, WIRE])
      ) {
        out.push(
          `${what}: services import only services, electron/kafka-wire and shared/, never the transport (the composition root wires them)`,
        );
      } else if (
        inside(e.from, SERVICE_HOST) &&
        e.to !== null &&
        inside(e.to, 'electron') &&
        !isIn(e.to, SERVICE_HOST_MAY)
      ) {
        out.push(`${what}: the service host imports the services, electron/host-link and the request gate only`);
      } else if (isIn(e.from, WINDOW_SIDE) && isIn(e.to, SERVICE_SIDE)) {
        out.push(
          `${what}: the window's process never loads the services (they run in the service process; talk to them through electron/relay)`,
        );
      }
    } else if (inside(e.from, 'renderer')) {
      if (e.to !== null && !inside(e.to, 'renderer') && !inside(e.to, 'shared'))
        out.push(`${what}: the renderer imports only renderer/ and shared/`);
      if (e.to === null && (e.specifier === 'electron' || isBuiltin(e.specifier)))
        out.push(`${what}: the renderer runs in a browser page: no Electron, no Node`);
    } else if (inside(e.from, 'shared')) {
      if (e.to !== null && !inside(e.to, 'shared'))
        out.push(`${what}: shared/ imports nothing of electron/ or renderer/`);
      if (e.to === null && (e.specifier === 'electron' || isBuiltin(e.specifier)))
        out.push(`${what}: shared/ runs on both sides: no Electron, no Node`);
    }
  }
  return out;
}
