import type { ApiHandler } from '../api-handler';
import { writeApiVersionList } from '../connection';
import { ApiKey } from '../protocol/api-keys';
import { KafkaError } from '../protocol/error-codes';
import { KafkaWriter } from '../protocol/kafka-writer';

/**
 * Only non-flexible versions (0-2). A v3+ request is answered by the connection in the v0
 * layout with UNSUPPORTED_VERSION, which is how librdkafka learns to fall back.
 */
export function apiVersionsHandler(table: () => ReadonlyMap<number, ApiHandler>): ApiHandler {
  return {
    apiKey: ApiKey.ApiVersions,
    name: 'ApiVersions',
    minVersion: 0,
    maxVersion: 2,
    allowedBeforeAuth: true,
    handle(ctx) {
      const w = new KafkaWriter().int16(KafkaError.NONE);
      writeApiVersionList(w, table());
      if (ctx.apiVersion >= 1) w.int32(0); // throttle_time_ms
      return w;
    },
  };
}
