// The one dispatch table: API key → handler with the version range it implements.
// ApiVersions advertises exactly this table.
import type { ApiHandler } from './api-handler';
import { apiVersionsHandler } from './apis/api-versions';
import { createTopicsHandler } from './apis/create-topics';
import { initProducerIdHandler } from './apis/init-producer-id';
import { metadataHandler } from './apis/metadata';
import { produceHandler } from './apis/produce';

const table = new Map<number, ApiHandler>();

function register(h: ApiHandler): void {
  if (table.has(h.apiKey)) throw new Error(`API key ${h.apiKey} registered twice`);
  table.set(h.apiKey, h);
}

register(apiVersionsHandler(() => table));
register(metadataHandler);
register(produceHandler);
register(initProducerIdHandler);
register(createTopicsHandler);

export const API_TABLE: ReadonlyMap<number, ApiHandler> = table;
