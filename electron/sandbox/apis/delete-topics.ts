// DeleteTopics v1-3 (Kafka 4.x removed v0, KIP-896). Any broker accepts it, as Kafka 4.x's
// brokers forward it to the KRaft controller, and delete.topic.enable=false refuses every topic:
// with TOPIC_DELETION_DISABLED from v3 on, and with INVALID_REQUEST for v1-2, whose clients
// predate that code (measured on Kafka 4.4.0; Kafka 2.4 answered the same).
import { DeleteTopics } from '../../kafka-wire/apis/delete-topics';
import { KafkaError } from '../../kafka-wire/error-codes';
import { defineHandler } from '../api-handler';

export const deleteTopicsHandler = defineHandler({
  api: DeleteTopics,
  minVersion: 1,
  maxVersion: 3,
  handle(ctx, req) {
    // timeout_ms is not used: deletion is immediate here.
    const v = ctx.apiVersion;
    const state = ctx.services.state;
    const deletionEnabled = state.config.bool('delete.topic.enable');
    const responses = req.topicNames.map((name) => {
      if (!deletionEnabled)
        return { name, errorCode: v >= 3 ? KafkaError.TOPIC_DELETION_DISABLED : KafkaError.INVALID_REQUEST };
      if (!state.topics.has(name)) return { name, errorCode: KafkaError.UNKNOWN_TOPIC_OR_PARTITION };
      state.deleteTopic(name);
      ctx.services.log(`deleted topic ${name}`);
      // Services that keep per-topic state (committed offsets, waiting fetches) drop it.
      ctx.services.events.emit('topic-deleted', name);
      return { name, errorCode: KafkaError.NONE };
    });
    return { throttleTimeMs: 0, responses };
  },
});
