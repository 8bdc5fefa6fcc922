// Which node is the cluster's active controller, from the one place that knows: the KRaft
// metadata quorum's leader, asked with DescribeQuorum (any broker forwards it to the quorum).
// Metadata's controller_id cannot be used under KRaft: Kafka answers a live broker picked at
// random there (3 answers in 10 s named 2, 3, 1), and with the quorum lost it still names one.
import { ApiKey } from '../kafka-wire/api-keys';
import { CLUSTER_METADATA_TOPIC, DescribeQuorum } from '../kafka-wire/apis/describe-quorum';
import { KafkaError } from '../kafka-wire/error-codes';
import { bootstrapAddresses, type ClusterConfig } from './cluster-config';
import { openAnyBroker, type RawConnection } from './raw-connection';

/** DescribeQuorum v0: what every KRaft Kafka (2.8+, 4.x still) answers; later versions add nothing we read. */
export const DESCRIBE_QUORUM_VERSION = 0;

export type ActiveController =
  /** The quorum's leader. */
  | { kind: 'leader'; nodeId: number }
  /** The brokers do not serve DescribeQuorum: a ZooKeeper-mode cluster, whose Metadata names its real controller. */
  | { kind: 'noQuorum' }
  /** The quorum could not be asked, did not answer in time, or knows no leader: nobody may be named. */
  | { kind: 'unknown'; reason: string };

/**
 * Asks on a connection of its own: a quorum that has lost its majority may leave the question
 * unanswered until the config's request timeout, which poisons the connection it was asked on.
 * Never throws.
 */
export async function activeController(config: ClusterConfig): Promise<ActiveController> {
  let conn: RawConnection | null = null;
  try {
    conn = await openAnyBroker(bootstrapAddresses(config), config);
    const versions = await conn.apiVersions();
    const range = versions?.get(ApiKey.DescribeQuorum);
    if (versions && !range) return { kind: 'noQuorum' };
    if (range && (range.minVersion > DESCRIBE_QUORUM_VERSION || range.maxVersion < DESCRIBE_QUORUM_VERSION))
      return { kind: 'unknown', reason: `DescribeQuorum v${range.minVersion}-${range.maxVersion} only` };
    const res = await conn.request(DescribeQuorum, DESCRIBE_QUORUM_VERSION, {
      topics: [{ topicName: CLUSTER_METADATA_TOPIC, partitions: [0] }],
    });
    const p = res.topics.find((t) => t.topicName === CLUSTER_METADATA_TOPIC)?.partitions[0];
    const code = res.errorCode !== KafkaError.NONE ? res.errorCode : (p?.errorCode ?? KafkaError.NONE);
    if (code !== KafkaError.NONE) return { kind: 'unknown', reason: `DescribeQuorum error ${code}` };
    if (!p || p.leaderId < 0) return { kind: 'unknown', reason: 'the quorum has no leader' };
    return { kind: 'leader', nodeId: p.leaderId };
  } catch (e) {
    return { kind: 'unknown', reason: (e as Error).message };
  } finally {
    conn?.close();
  }
}
