// ApiVersions v0-2: exactly the dispatch table. A v3+ request is answered by the connection in
// the v0 layout with UNSUPPORTED_VERSION, which is how librdkafka learns to fall back.
import { ApiVersions } from '../../kafka-wire/apis/api-versions';
import { KafkaError } from '../../kafka-wire/error-codes';
import { defineHandler, type AnyApiHandler } from '../api-handler';
import { apiVersionRanges } from '../connection';

export function apiVersionsHandler(table: () => ReadonlyMap<number, AnyApiHandler>) {
  return defineHandler({
    api: ApiVersions,
    minVersion: 0,
    maxVersion: 2,
    allowedBeforeAuth: true,
    handle: () => ({ errorCode: KafkaError.NONE, apiKeys: apiVersionRanges(table()), throttleTimeMs: 0 }),
  });
}
