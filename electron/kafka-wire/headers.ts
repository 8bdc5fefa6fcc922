// Request and response headers. Request header v1 (classic versions): api key, api version,
// correlation id, client id (nullable string); v2 (flexible versions) adds tagged fields.
// Response header v0: correlation id; v1 (flexible versions) adds tagged fields. (v0 request
// headers, without a client id, only ever served ControlledShutdown v0.)
import type { KafkaReader, TaggedField } from './kafka-reader';
import type { KafkaWriter } from './kafka-writer';

export type RequestHeaderVersion = 1 | 2;
export type ResponseHeaderVersion = 0 | 1;

export interface RequestHeader {
  apiKey: number;
  apiVersion: number;
  correlationId: number;
  clientId: string | null;
  taggedFields?: TaggedField[];
}

export function encodeRequestHeader(w: KafkaWriter, h: RequestHeader, version: RequestHeaderVersion): void {
  w.int16(h.apiKey).int16(h.apiVersion).int32(h.correlationId).nullableString(h.clientId);
  if (version >= 2) w.taggedFields(h.taggedFields);
}

/**
 * The fields every request header starts with. A broker reads these first: the API key and
 * version decide whether it can read the rest at all.
 */
export function decodeRequestHeaderStart(r: KafkaReader): {
  apiKey: number;
  apiVersion: number;
  correlationId: number;
} {
  const apiKey = r.int16();
  const apiVersion = r.int16();
  const correlationId = r.int32();
  return { apiKey, apiVersion, correlationId };
}

/** The rest of the header after decodeRequestHeaderStart. The client id stays a classic nullable string in v2. */
export function decodeRequestHeaderRest(
  r: KafkaReader,
  version: RequestHeaderVersion,
): { clientId: string | null; taggedFields: TaggedField[] } {
  const clientId = r.nullableString();
  const taggedFields = version >= 2 ? r.taggedFields() : [];
  return { clientId, taggedFields };
}

export function decodeRequestHeader(r: KafkaReader, version: RequestHeaderVersion): RequestHeader {
  return { ...decodeRequestHeaderStart(r), ...decodeRequestHeaderRest(r, version) };
}

export function encodeResponseHeader(w: KafkaWriter, correlationId: number, version: ResponseHeaderVersion): void {
  w.int32(correlationId);
  if (version >= 1) w.taggedFields();
}

export function decodeResponseHeader(
  r: KafkaReader,
  version: ResponseHeaderVersion,
): { correlationId: number; taggedFields: TaggedField[] } {
  const correlationId = r.int32();
  return { correlationId, taggedFields: version >= 1 ? r.taggedFields() : [] };
}
