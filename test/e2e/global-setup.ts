// Builds once before any spec: the renderer when it is missing or older than its sources
// (browser mode serves it) and Electron's main + preload (for the electron project). Then says
// which leg this is and, in the kafka leg, starts the shared real cluster (test/support/shared-kafka.ts).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildElectron, ensureRendererBuilt } from '../../electron/launcher/build';
import { setUpLeg } from '../support/shared-kafka';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  await ensureRendererBuilt(projectDir);
  await buildElectron(projectDir);
  return setUpLeg('playwright');
}
