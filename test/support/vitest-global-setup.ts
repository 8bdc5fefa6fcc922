import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureRendererBuilt } from '../../electron/launcher/build';
import { setUpLeg } from './shared-kafka';

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export default async function setup(): Promise<() => Promise<void>> {
  // Built once, before any worker starts: the Electron main bundle's test serves its index.html
  // over app://, and browser mode's tests would otherwise race to build it on a fresh clone.
  await ensureRendererBuilt(projectDir);
  return setUpLeg('vitest');
}
