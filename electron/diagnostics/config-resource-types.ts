// kafkajs is CommonJS and Node's ESM loader does not see its ConfigResourceTypes export
// (`import { ConfigResourceTypes } from 'kafkajs'` fails at run time under tsx/Node), so it
// is taken from the module object, which works in Node ESM, vitest and esbuild bundles alike.
import * as kafkajs from 'kafkajs';

type Types = typeof kafkajs.ConfigResourceTypes;
const mod = kafkajs as unknown as { ConfigResourceTypes?: Types; default?: { ConfigResourceTypes: Types } };

export const ConfigResourceTypes: Types = (mod.ConfigResourceTypes ?? mod.default?.ConfigResourceTypes)!;
