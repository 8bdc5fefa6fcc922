// Metadata v1 over a raw connection: the oldest version whose empty topic list means "no
// topics" (v0 meant "all"), answered by every Kafka since 0.10. Used where kafkajs cannot help:
// probing one broker, finding one partition's leader, the benchmark's own producer.
import { KafkaWriter } from '../sandbox/protocol/kafka-writer';
import type { BrokerAddress, RawConnection } from './raw-connection';

const API_METADATA = 3;

export interface PartitionMetadata {
  error: number;
  index: number;
  leader: number;
  replicas: number[];
  isr: number[];
}

export interface TopicMetadata {
  error: number;
  name: string;
  partitions: PartitionMetadata[];
}

export interface MetadataV1 {
  brokers: Map<number, BrokerAddress>;
  controllerId: number;
  topics: TopicMetadata[];
}

/** `topics` null asks for every topic. */
export async function requestMetadataV1(conn: RawConnection, topics: readonly string[] | null): Promise<MetadataV1> {
  const r = await conn.request(API_METADATA, 1, new KafkaWriter().nullableArray(topics, (w, t) => w.string(t)));
  const brokers = new Map<number, BrokerAddress>();
  r.array((x) => {
    const id = x.int32();
    brokers.set(id, { host: x.string(), port: x.int32() });
    x.nullableString(); // rack
  });
  const controllerId = r.int32();
  const topicList = r.array((x) => {
    const error = x.int16();
    const name = x.string();
    x.boolean(); // is_internal
    const partitions = x.array((y) => ({
      error: y.int16(),
      index: y.int32(),
      leader: y.int32(),
      replicas: y.array((z) => z.int32()),
      isr: y.array((z) => z.int32()),
    }));
    return { error, name, partitions };
  });
  return { brokers, controllerId, topics: topicList };
}
