// A message's strings and arrays as its version writes them: classic (int16/int32 lengths)
// before the API's first flexible version, compact (unsigned varint length + 1) and followed
// by tagged fields from it on. An API module picks one of these once per call and writes its
// fields through it, so each field is written once for both encodings.
import type { KafkaReader, TaggedField } from './kafka-reader';
import type { KafkaWriter } from './kafka-writer';

/** Kafka's zero UUID: "no topic id" (Metadata before v10, or a topic the broker does not know). */
export const ZERO_UUID = 'AAAAAAAAAAAAAAAAAAAAAA';

export interface FieldReader {
  readonly flexible: boolean;
  string(): string;
  nullableString(): string | null;
  array<T>(readItem: (r: KafkaReader) => T): T[];
  nullableArray<T>(readItem: (r: KafkaReader) => T): T[] | null;
  /** A structure's tagged fields: read (and dropped) in flexible versions, nothing before. */
  endStruct(): void;
}

export interface FieldWriter {
  readonly flexible: boolean;
  string(v: string): void;
  nullableString(v: string | null): void;
  array<T>(items: readonly T[], writeItem: (w: KafkaWriter, item: T) => void): void;
  nullableArray<T>(items: readonly T[] | null, writeItem: (w: KafkaWriter, item: T) => void): void;
  /** A structure's tagged fields (none unless given) in flexible versions, nothing before. */
  endStruct(tagged?: readonly TaggedField[]): void;
}

export function fieldReader(r: KafkaReader, flexible: boolean): FieldReader {
  return flexible
    ? {
        flexible,
        string: () => r.compactString(),
        nullableString: () => r.compactNullableString(),
        array: (item) => r.compactArray(item),
        nullableArray: (item) => r.compactNullableArray(item),
        endStruct: () => void r.taggedFields(),
      }
    : {
        flexible,
        string: () => r.string(),
        nullableString: () => r.nullableString(),
        array: (item) => r.array(item),
        nullableArray: (item) => r.nullableArray(item),
        endStruct: () => {},
      };
}

export function fieldWriter(w: KafkaWriter, flexible: boolean): FieldWriter {
  return flexible
    ? {
        flexible,
        string: (v) => void w.compactString(v),
        nullableString: (v) => void w.compactNullableString(v),
        array: (items, item) => void w.compactArray(items, item),
        nullableArray: (items, item) => void w.compactNullableArray(items, item),
        endStruct: (tagged) => void w.taggedFields(tagged),
      }
    : {
        flexible,
        string: (v) => void w.string(v),
        nullableString: (v) => void w.nullableString(v),
        array: (items, item) => void w.array(items, item),
        nullableArray: (items, item) => void w.nullableArray(items, item),
        endStruct: () => {},
      };
}
