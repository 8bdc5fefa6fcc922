// What every API module in apis/ provides: for each version it knows, the request and the
// response, both encoded and decoded, so a broker (the sandbox) and a client (the app's raw
// connection) use the same code for the same bytes. Plus the framing around them: size
// prefix, request header v1/v2, response header v0/v1.
import { ProtocolError } from './protocol-error';
import type { KafkaReader } from './kafka-reader';
import { KafkaWriter } from './kafka-writer';
import {
  decodeResponseHeader,
  encodeRequestHeader,
  encodeResponseHeader,
  type RequestHeaderVersion,
  type ResponseHeaderVersion,
} from './headers';
import { sizePrefix } from './frames';

export interface KafkaApi<Req, Res> {
  readonly apiKey: number;
  readonly name: string;
  /** The versions this module encodes and decodes. */
  readonly minVersion: number;
  readonly maxVersion: number;
  /** First flexible version (compact fields, tagged fields, newer headers), or null when none here is. */
  readonly flexibleFrom: number | null;
  /** ApiVersions answers in response header v0 even when flexible, so a client can always read it. */
  readonly responseHeaderAlwaysV0?: boolean;
  encodeRequest(w: KafkaWriter, version: number, req: Req): void;
  decodeRequest(r: KafkaReader, version: number): Req;
  encodeResponse(w: KafkaWriter, version: number, res: Res): void;
  decodeResponse(r: KafkaReader, version: number): Res;
}

/** Wraps an API module so that a version it does not know is refused instead of misread. */
export function defineApi<Req, Res>(api: KafkaApi<Req, Res>): KafkaApi<Req, Res> {
  const check = (v: number) => {
    if (!Number.isInteger(v) || v < api.minVersion || v > api.maxVersion) {
      throw new ProtocolError(`${api.name} v${v} is not known here (v${api.minVersion}-${api.maxVersion})`);
    }
  };
  return {
    ...api,
    encodeRequest: (w, v, req) => (check(v), api.encodeRequest(w, v, req)),
    decodeRequest: (r, v) => (check(v), api.decodeRequest(r, v)),
    encodeResponse: (w, v, res) => (check(v), api.encodeResponse(w, v, res)),
    decodeResponse: (r, v) => (check(v), api.decodeResponse(r, v)),
  };
}

export function isFlexible(api: KafkaApi<unknown, unknown>, version: number): boolean {
  return api.flexibleFrom !== null && version >= api.flexibleFrom;
}

export function requestHeaderVersion(api: KafkaApi<unknown, unknown>, version: number): RequestHeaderVersion {
  return isFlexible(api, version) ? 2 : 1;
}

export function responseHeaderVersion(api: KafkaApi<unknown, unknown>, version: number): ResponseHeaderVersion {
  return isFlexible(api, version) && !api.responseHeaderAlwaysV0 ? 1 : 0;
}

/** A whole request frame (size prefix, header, body) as chunks for one socket write. */
export function encodeRequestFrame<Req>(
  api: KafkaApi<Req, unknown>,
  version: number,
  correlationId: number,
  clientId: string | null,
  req: Req,
): Buffer[] {
  const w = new KafkaWriter();
  encodeRequestHeader(
    w,
    { apiKey: api.apiKey, apiVersion: version, correlationId, clientId },
    requestHeaderVersion(api, version),
  );
  api.encodeRequest(w, version, req);
  return [sizePrefix(w.length), ...w.toChunks()];
}

/** A whole response frame (size prefix, header, body) as chunks; record batches stay their own chunks. */
export function encodeResponseFrame<Res>(
  api: KafkaApi<unknown, Res>,
  version: number,
  correlationId: number,
  res: Res,
): Buffer[] {
  const w = new KafkaWriter();
  encodeResponseHeader(w, correlationId, responseHeaderVersion(api, version));
  api.encodeResponse(w, version, res);
  return [sizePrefix(w.length), ...w.toChunks()];
}

/** Reads a response frame's header (the frame without its size prefix) and checks the correlation id. */
export function decodeResponseStart(
  api: KafkaApi<unknown, unknown>,
  version: number,
  r: KafkaReader,
  correlationId: number,
): void {
  const got = decodeResponseHeader(r, responseHeaderVersion(api, version)).correlationId;
  if (got !== correlationId)
    throw new ProtocolError(`answer to another request (correlation id ${got}, expected ${correlationId})`);
}
