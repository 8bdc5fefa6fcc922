// The checks Kafka makes before a consumer may read a partition (Fetch, ListOffsets): the
// partition exists, the client's leader epoch (KIP-320, -1 = not given) is the current one, and
// this broker leads it. Same order as Kafka 2.4's Partition.localLogWithEpochOrException.
import type { ClusterState, PartitionState, TopicState } from './cluster-state';
import { KafkaError, type KafkaErrorCode } from '../kafka-wire/error-codes';

export type PartitionReadCheck =
  { ok: true; topic: TopicState; partition: PartitionState } | { ok: false; error: KafkaErrorCode };

export function checkPartitionRead(
  state: ClusterState,
  brokerId: number,
  topicName: string,
  index: number,
  currentLeaderEpoch: number,
): PartitionReadCheck {
  const found = state.findPartition(topicName, index);
  if (!found) return { ok: false, error: KafkaError.UNKNOWN_TOPIC_OR_PARTITION };
  const p = found.partition;
  // A broker that holds no replica answers as Kafka does: it is not the leader.
  if (!p.replicas.includes(brokerId)) return { ok: false, error: KafkaError.NOT_LEADER_OR_FOLLOWER };
  if (currentLeaderEpoch !== -1) {
    // An older epoch means the client's metadata is stale; a newer one means ours is.
    if (currentLeaderEpoch < p.leaderEpoch) return { ok: false, error: KafkaError.FENCED_LEADER_EPOCH };
    if (currentLeaderEpoch > p.leaderEpoch) return { ok: false, error: KafkaError.UNKNOWN_LEADER_EPOCH };
  }
  if (p.leader !== brokerId) return { ok: false, error: KafkaError.NOT_LEADER_OR_FOLLOWER };
  return { ok: true, topic: found.topic, partition: p };
}
