// The order producer must encode records exactly as kafkajs ships them (headers included).
// The benchmark replaces some kafkajs internals with faster, header-less versions by seeding
// Node's require cache (electron/bench/kafkajs-speedups.ts), which only works for modules not
// loaded yet. Loading kafkajs' record encoders here, before anything else in the app's
// process, keeps those replacements out of the order producer whatever is imported later.
// Imported first by order-producer.ts and app-core.ts; harmless if kafkajs' layout changes.
import { createRequire } from 'node:module';

function nodeRequire(): NodeJS.Require | null {
  try {
    if (typeof __filename === 'string') return createRequire(__filename);
  } catch {
    // ESM: fall through to import.meta
  }
  try {
    return createRequire(import.meta.url);
  } catch {
    return null;
  }
}

export const kafkajsEncoderPinned: boolean = (() => {
  try {
    const req = nodeRequire();
    if (!req) return false;
    // The produce request requires the record encoder, the batch encoder and its CRC-32C.
    req('kafkajs/src/protocol/requests/produce/v3/request.js');
    req('kafkajs/src/protocol/recordBatch/record/v0/index.js');
    return true;
  } catch {
    return false;
  }
})();
