// Every API module, by API key: for code that reads frames of any API (the tests' captured
// frames, a frame logger). A broker or client that serves or sends an API imports its module.
import type { KafkaApi } from './api';
import { ApiVersions } from './apis/api-versions';
import { CreateTopics } from './apis/create-topics';
import { DeleteTopics } from './apis/delete-topics';
import { DescribeConfigs } from './apis/describe-configs';
import { DescribeGroups } from './apis/describe-groups';
import { DescribeQuorum } from './apis/describe-quorum';
import { Fetch } from './apis/fetch';
import { FindCoordinator } from './apis/find-coordinator';
import { Heartbeat } from './apis/heartbeat';
import { InitProducerId } from './apis/init-producer-id';
import { JoinGroup } from './apis/join-group';
import { LeaveGroup } from './apis/leave-group';
import { ListGroups } from './apis/list-groups';
import { ListOffsets } from './apis/list-offsets';
import { Metadata } from './apis/metadata';
import { OffsetCommit } from './apis/offset-commit';
import { OffsetFetch } from './apis/offset-fetch';
import { Produce } from './apis/produce';
import { SaslAuthenticate } from './apis/sasl-authenticate';
import { SaslHandshake } from './apis/sasl-handshake';
import { SyncGroup } from './apis/sync-group';

// Method parameters are bivariant, so every module is a KafkaApi<unknown, unknown>.
const modules: Array<KafkaApi<unknown, unknown>> = [
  ApiVersions,
  CreateTopics,
  DeleteTopics,
  DescribeConfigs,
  DescribeGroups,
  DescribeQuorum,
  Fetch,
  FindCoordinator,
  Heartbeat,
  InitProducerId,
  JoinGroup,
  LeaveGroup,
  ListGroups,
  ListOffsets,
  Metadata,
  OffsetCommit,
  OffsetFetch,
  Produce,
  SaslAuthenticate,
  SaslHandshake,
  SyncGroup,
];

export const API_MODULES: ReadonlyMap<number, KafkaApi<unknown, unknown>> = new Map(modules.map((m) => [m.apiKey, m]));
