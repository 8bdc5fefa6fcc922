// DeleteTopics v0-3. Like Kafka 2.4, only the controller accepts it, and delete.topic.enable=false
// refuses every topic: with TOPIC_DELETION_DISABLED from v3 on, and with INVALID_REQUEST for
// v0-2, whose clients predate that code (KafkaApis.handleDeleteTopicsRequest does the same).
import { DeleteTopics } from '../../kafka-wire/apis/delete-topics';
import { KafkaError } from '../../kafka-wire/error-codes';
import { defineHandler } from '../api-handler';

export const deleteTopicsHandler = defineHandler({
  api: DeleteTopics,
  minVersion: 0,
  maxVersion: 3,
  handle(ctx, req) {
    // timeout_ms is not used: deletion is immediate here.
    const v = ctx.apiVersion;
    const state = ctx.services.state;
    const deletionEnabled = state.config.bool('delete.topic.enable');
    const responses = req.topicNames.map((name) => {
      if (ctx.broker.id !== state.controllerId) return { name, errorCode: KafkaError.NOT_CONTROLLER };
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
