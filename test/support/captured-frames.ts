// Captured frames (test/fixtures/frames/*.hex, size prefix included) read with the wire
// module, for the wire module's, the sandbox's and the cluster client's tests alike.
import fs from 'node:fs';
import path from 'node:path';
import { requestHeaderVersion, responseHeaderVersion, type KafkaApi } from '../../electron/kafka-wire/api';
import { API_MODULES } from '../../electron/kafka-wire/api-modules';
import { decodeRequestHeader, decodeResponseHeader, type RequestHeader } from '../../electron/kafka-wire/headers';
import { KafkaReader } from '../../electron/kafka-wire/kafka-reader';

export const FRAMES_DIR = path.join(import.meta.dirname, '../fixtures/frames');

export function frameFile(name: string): Buffer {
  return Buffer.from(fs.readFileSync(path.join(FRAMES_DIR, `${name}.hex`), 'utf8').trim(), 'hex');
}

/** Labels of the request/response pairs captured from a real Apache Kafka 4.4.0 broker. */
export function kafka440Labels(): string[] {
  return fs
    .readdirSync(FRAMES_DIR)
    .filter((f) => f.startsWith('kafka440-') && f.endsWith('-request.hex'))
    .map((f) => f.slice('kafka440-'.length, -'-request.hex'.length))
    .sort();
}

export function kafka440Pair(label: string): { request: Buffer; response: Buffer } {
  return { request: frameFile(`kafka440-${label}-request`), response: frameFile(`kafka440-${label}-response`) };
}

export interface DecodedRequest {
  header: RequestHeader;
  api: KafkaApi<unknown, unknown>;
  version: number;
  body: unknown;
  /** Bytes the decoder did not read (0 when it read the frame exactly). */
  left: number;
}

/** A whole request frame (size prefix included) decoded with the API module its key names. */
export function decodeRequestFrame(frame: Buffer): DecodedRequest {
  if (frame.readInt32BE(0) !== frame.length - 4)
    throw new Error(`size prefix ${frame.readInt32BE(0)} does not match ${frame.length - 4} bytes`);
  const apiKey = frame.readInt16BE(4);
  const version = frame.readInt16BE(6);
  const api = API_MODULES.get(apiKey);
  if (!api) throw new Error(`no wire module for API key ${apiKey}`);
  const r = new KafkaReader(frame, 4);
  const header = decodeRequestHeader(r, requestHeaderVersion(api, version));
  const body = api.decodeRequest(r, version);
  return { header, api, version, body, left: r.remaining() };
}

/** A whole response frame decoded as the answer to `api` at `version`. */
export function decodeResponseFrame<Res>(
  frame: Buffer,
  api: KafkaApi<unknown, Res>,
  version: number,
): { correlationId: number; body: Res; left: number } {
  if (frame.readInt32BE(0) !== frame.length - 4)
    throw new Error(`size prefix ${frame.readInt32BE(0)} does not match ${frame.length - 4} bytes`);
  const r = new KafkaReader(frame, 4);
  const { correlationId } = decodeResponseHeader(r, responseHeaderVersion(api, version));
  const body = api.decodeResponse(r, version);
  return { correlationId, body, left: r.remaining() };
}
