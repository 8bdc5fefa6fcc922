// DeleteTopics v0-3. Like Kafka 2.4, only the controller accepts it, and delete.topic.enable=false
// refuses every topic: with TOPIC_DELETION_DISABLED from v3 on, and with INVALID_REQUEST for
// v0-2, whose clients predate that code (KafkaApis.handleDeleteTopicsRequest does the same).
import type { ApiHandler } from '../api-handler';
import { ApiKey } from '../protocol/api-keys';
import { KafkaError } from '../protocol/error-codes';
import { KafkaWriter } from '../protocol/kafka-writer';

export const deleteTopicsHandler: ApiHandler = {
  apiKey: ApiKey.DeleteTopics,
  name: 'DeleteTopics',
  minVersion: 0,
  maxVersion: 3,
  handle(ctx, r) {
    const v = ctx.apiVersion;
    const names = r.array((x) => x.string());
    r.int32(); // timeout_ms: deletion is immediate here
    const state = ctx.services.state;
    const deletionEnabled = state.config.bool('delete.topic.enable');
    const results = names.map((name) => {
      if (ctx.broker.id !== state.controllerId) return { name, error: KafkaError.NOT_CONTROLLER };
      if (!deletionEnabled) return { name, error: v >= 3 ? KafkaError.TOPIC_DELETION_DISABLED : KafkaError.INVALID_REQUEST };
      if (!state.topics.has(name)) return { name, error: KafkaError.UNKNOWN_TOPIC_OR_PARTITION };
      state.deleteTopic(name);
      ctx.services.log(`deleted topic ${name}`);
      // Services that keep per-topic state (committed offsets, waiting fetches) drop it.
      ctx.services.events.emit('topic-deleted', name);
      return { name, error: KafkaError.NONE };
    });
    const w = new KafkaWriter();
    if (v >= 1) w.int32(0); // throttle_time_ms
    return w.array(results, (w2, t) => w2.string(t.name).int16(t.error));
  },
};
