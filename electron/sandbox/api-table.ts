// The one dispatch table: API key → handler with the version range it implements.
// ApiVersions advertises exactly this table.
import type { AnyApiHandler, ApiHandler } from './api-handler';
import { apiVersionsHandler } from './apis/api-versions';
import { createTopicsHandler } from './apis/create-topics';
import { deleteTopicsHandler } from './apis/delete-topics';
import { describeConfigsHandler } from './apis/describe-configs';
import { describeQuorumHandler } from './apis/describe-quorum';
import { initProducerIdHandler } from './apis/init-producer-id';
import { metadataHandler } from './apis/metadata';
import { produceHandler } from './apis/produce';
import { saslAuthenticateHandler } from './apis/sasl-authenticate';
import { saslHandshakeHandler } from './apis/sasl-handshake';

// Consumer side: fetching and consumer groups.
import { describeGroupsHandler } from './apis/describe-groups';
import { fetchHandler } from './apis/fetch';
import { findCoordinatorHandler } from './apis/find-coordinator';
import { heartbeatHandler } from './apis/heartbeat';
import { joinGroupHandler } from './apis/join-group';
import { leaveGroupHandler } from './apis/leave-group';
import { listGroupsHandler } from './apis/list-groups';
import { listOffsetsHandler } from './apis/list-offsets';
import { offsetCommitHandler } from './apis/offset-commit';
import { offsetFetchHandler } from './apis/offset-fetch';
import { syncGroupHandler } from './apis/sync-group';

const table = new Map<number, AnyApiHandler>();

function register<Req, Res>(h: ApiHandler<Req, Res>): void {
  const key = h.api.apiKey;
  if (table.has(key)) throw new Error(`API key ${key} registered twice`);
  table.set(key, h as AnyApiHandler);
}

register(apiVersionsHandler(() => table));
register(metadataHandler);
register(produceHandler);
register(initProducerIdHandler);
register(createTopicsHandler);
register(deleteTopicsHandler);
register(describeConfigsHandler);
register(describeQuorumHandler);
register(saslHandshakeHandler);
register(saslAuthenticateHandler);

register(fetchHandler);
register(listOffsetsHandler);
register(findCoordinatorHandler);
register(joinGroupHandler);
register(syncGroupHandler);
register(heartbeatHandler);
register(leaveGroupHandler);
register(offsetCommitHandler);
register(offsetFetchHandler);
register(listGroupsHandler);
register(describeGroupsHandler);

export const API_TABLE: ReadonlyMap<number, AnyApiHandler> = table;
