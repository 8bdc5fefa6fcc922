// DescribeQuorum v0: the sandbox's controller is its metadata quorum's leader, and every broker
// a voter (as Apache Kafka's combined broker+controller nodes are). Apache Kafka answers only
// for partition 0 of __cluster_metadata, with UNKNOWN_TOPIC_OR_PARTITION for anything else
// (KafkaRaftClient.handleDescribeQuorumRequest); so does the sandbox. It keeps no metadata log,
// so offsets are unknown (-1) and the high watermark 0.
import { CLUSTER_METADATA_TOPIC, DescribeQuorum } from '../../kafka-wire/apis/describe-quorum';
import { KafkaError } from '../../kafka-wire/error-codes';
import { defineHandler } from '../api-handler';

export const describeQuorumHandler = defineHandler({
  api: DescribeQuorum,
  minVersion: 0,
  maxVersion: 0,
  handle(ctx, req) {
    const state = ctx.services.state;
    const only = req.topics.length === 1 ? req.topics[0] : null;
    if (!only || only.topicName !== CLUSTER_METADATA_TOPIC || only.partitions.length !== 1 || only.partitions[0] !== 0)
      return { errorCode: KafkaError.UNKNOWN_TOPIC_OR_PARTITION, topics: [] };
    const voters = [...state.brokers.keys()].sort((a, b) => a - b).map((id) => ({ replicaId: id, logEndOffset: -1n }));
    return {
      errorCode: KafkaError.NONE,
      topics: [
        {
          topicName: CLUSTER_METADATA_TOPIC,
          partitions: [
            {
              partitionIndex: 0,
              errorCode: KafkaError.NONE,
              leaderId: state.controllerId,
              leaderEpoch: state.controllerEpoch,
              highWatermark: 0n,
              currentVoters: voters,
              observers: [],
            },
          ],
        },
      ],
    };
  },
});
