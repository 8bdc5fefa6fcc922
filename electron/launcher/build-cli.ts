// `npm run build`: the renderer and Electron's main + preload.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildElectron, buildRenderer } from './build';

const projectDir = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
await buildRenderer(projectDir);
await buildElectron(projectDir);
process.stderr.write('[order-desk] built dist/renderer and dist-electron\n');
