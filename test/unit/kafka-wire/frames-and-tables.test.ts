// Framing, headers and the two tables (API keys, error codes) of the wire module.
import { describe, expect, it } from 'vitest';
import { encodeRequestFrame, requestHeaderVersion, responseHeaderVersion } from '../../../electron/kafka-wire/api';
import { apiKeyName, ApiKey } from '../../../electron/kafka-wire/api-keys';
import { ApiVersions } from '../../../electron/kafka-wire/apis/api-versions';
import { Metadata } from '../../../electron/kafka-wire/apis/metadata';
import {
  KafkaError,
  kafkaErrorCode,
  kafkaErrorInfo,
  KafkaResponseError,
} from '../../../electron/kafka-wire/error-codes';
import { FrameReader, sizePrefixed } from '../../../electron/kafka-wire/frames';
import { decodeRequestHeader, decodeResponseHeader, encodeResponseHeader } from '../../../electron/kafka-wire/headers';
import { KafkaReader } from '../../../electron/kafka-wire/kafka-reader';
import { KafkaWriter } from '../../../electron/kafka-wire/kafka-writer';
import { ProtocolError } from '../../../electron/kafka-wire/protocol-error';
import { capturedFrame } from '../../support/raw-kafka-client';

describe('FrameReader', () => {
  const frame = (body: number[]) => sizePrefixed(Buffer.from(body));

  it('cuts frames out of a stream however it arrives: byte by byte, or several in one chunk', () => {
    const stream = Buffer.concat([frame([1, 2, 3]), frame([]), frame([9])]);
    const oneByOne = new FrameReader();
    const got: number[][] = [];
    for (const b of stream) {
      oneByOne.push(Buffer.from([b]));
      for (let f = oneByOne.nextFrame(); f; f = oneByOne.nextFrame()) got.push([...f]);
    }
    expect(got).toEqual([[1, 2, 3], [], [9]]);
    const whole = new FrameReader();
    whole.push(stream);
    expect(
      [whole.nextFrame(), whole.nextFrame(), whole.nextFrame(), whole.nextFrame()].map((f) => f && [...f]),
    ).toEqual([[1, 2, 3], [], [9], null]);
    expect(whole.bufferedBytes).toBe(0);
  });

  it('hands a frame that arrived in one piece over as a view, not a copy', () => {
    const chunk = frame([4, 5, 6]);
    const r = new FrameReader();
    r.push(chunk);
    expect(r.nextFrame()!.buffer).toBe(chunk.buffer);
  });

  it('gathers a large frame into one buffer as it arrives, keeps the bytes after it, and cuts the next frame as before', () => {
    const big = Buffer.alloc(300_000);
    for (let i = 0; i < big.length; i++) big[i] = i % 251;
    const stream = Buffer.concat([sizePrefixed(big), frame([7, 8])]);
    const r = new FrameReader();
    r.push(stream.subarray(0, 1000));
    r.gather();
    expect(r.nextSize()).toBe(300_000);
    expect(r.bufferedBytes).toBe(1000);
    let pos = 1000;
    while (pos < stream.length) {
      expect(r.nextFrame()).toBeNull();
      r.push(stream.subarray(pos, pos + 65_536));
      pos += 65_536;
    }
    expect(r.bufferedBytes).toBe(stream.length);
    expect(r.nextFrame()!.equals(big)).toBe(true);
    expect([...r.nextFrame()!]).toEqual([7, 8]);
    expect(r.bufferedBytes).toBe(0);
    // nothing to gather when the frame is already whole or its size not yet known
    const whole = new FrameReader();
    whole.push(frame([1]));
    whole.gather();
    expect([...whole.nextFrame()!]).toEqual([1]);
  });

  it('reports the size before the body is in (so a broker can refuse a huge or negative one) and never takes a negative frame', () => {
    const r = new FrameReader();
    r.push(Buffer.from([0x7f, 0xff]));
    expect(r.nextSize()).toBeNull();
    r.push(Buffer.from([0xff, 0xff]));
    expect(r.nextSize()).toBe(0x7fffffff);
    expect(r.nextFrame()).toBeNull();
    const negative = new FrameReader();
    negative.push(Buffer.from([0xff, 0xff, 0xff, 0xfc, 1, 2, 3, 4]));
    expect(negative.nextSize()).toBe(-4);
    expect(negative.nextFrame()).toBeNull();
  });
});

describe('headers', () => {
  it("reads kcat's flexible ApiVersions v3 request: header v2 with tagged fields, compact body", () => {
    const frame = capturedFrame('kcat-key18-v3');
    const r = new KafkaReader(frame, 4);
    const h = decodeRequestHeader(r, requestHeaderVersion(ApiVersions, 3));
    expect(h).toMatchObject({ apiKey: ApiKey.ApiVersions, apiVersion: 3, clientId: 'rdkafka', taggedFields: [] });
    const body = ApiVersions.decodeRequest(r, 3);
    expect(body).toEqual({
      clientSoftwareName: 'librdkafka',
      clientSoftwareVersion: expect.stringMatching(/^\d+\.\d+\.\d+/),
    });
    expect(r.remaining()).toBe(0);
    // Written back byte for byte.
    expect(Buffer.concat(encodeRequestFrame(ApiVersions, 3, h.correlationId, h.clientId, body)).equals(frame)).toBe(
      true,
    );
  });

  it('derives header versions from the API: classic v1/v0, flexible v2/v1, ApiVersions always answering in v0', () => {
    expect([requestHeaderVersion(Metadata, 8), responseHeaderVersion(Metadata, 8)]).toEqual([1, 0]);
    expect([requestHeaderVersion(ApiVersions, 3), responseHeaderVersion(ApiVersions, 3)]).toEqual([2, 0]);
    expect([requestHeaderVersion(ApiVersions, 2), responseHeaderVersion(ApiVersions, 2)]).toEqual([1, 0]);
  });

  it('writes response header v1 with its tagged fields and reads both versions', () => {
    const w = new KafkaWriter();
    encodeResponseHeader(w, 42, 1);
    expect([...w.toBuffer()]).toEqual([0, 0, 0, 42, 0]);
    expect(decodeResponseHeader(new KafkaReader(Buffer.from([0, 0, 0, 42, 0])), 1).correlationId).toBe(42);
    expect(decodeResponseHeader(new KafkaReader(Buffer.from([0, 0, 0, 42])), 0).correlationId).toBe(42);
  });

  it('refuses a version an API module does not know instead of misreading it', () => {
    expect(() => Metadata.decodeResponse(new KafkaReader(Buffer.alloc(64)), 9)).toThrow(ProtocolError);
    expect(() => Metadata.encodeRequest(new KafkaWriter(), -1, { topics: null })).toThrow(
      /Metadata v-1 is not known here/,
    );
  });
});

describe('the API key and error code tables', () => {
  it('numbers APIs as Kafka does', () => {
    expect([ApiKey.Produce, ApiKey.Fetch, ApiKey.Metadata, ApiKey.ApiVersions, ApiKey.DescribeConfigs]).toEqual([
      0, 1, 3, 18, 32,
    ]);
    expect(apiKeyName(ApiKey.SaslAuthenticate)).toBe('SaslAuthenticate');
    expect(apiKeyName(999)).toBe('API key 999');
  });

  it("gives each error code its name, whether a client may retry, and Kafka's own sentence", () => {
    expect(KafkaError.UNKNOWN_TOPIC_OR_PARTITION).toBe(3);
    expect(kafkaErrorInfo(3)).toEqual({
      code: 3,
      name: 'UNKNOWN_TOPIC_OR_PARTITION',
      retriable: true,
      message: 'This server does not host this topic-partition.',
    });
    expect(kafkaErrorInfo(KafkaError.NOT_ENOUGH_REPLICAS)).toMatchObject({
      retriable: true,
      message: 'Messages are rejected since there are fewer in-sync replicas than required.',
    });
    expect(kafkaErrorInfo(KafkaError.TOPIC_AUTHORIZATION_FAILED).retriable).toBe(false);
    expect(kafkaErrorInfo(6).name).toBe('NOT_LEADER_OR_FOLLOWER');
    expect(kafkaErrorCode('SASL_AUTHENTICATION_FAILED')).toBe(58);
    expect(kafkaErrorInfo(0)).toMatchObject({ name: 'NONE', message: null });
  });

  it("names a code it does not know neutrally (a newer broker's)", () => {
    expect(kafkaErrorInfo(9999)).toEqual({
      code: 9999,
      name: 'UNKNOWN_ERROR_CODE_9999',
      retriable: false,
      message: 'Kafka error code 9999',
    });
  });

  it("turns a code into an Error carrying the fields the error mapper reads, preferring the broker's own message", () => {
    const e = new KafkaResponseError(KafkaError.SASL_AUTHENTICATION_FAILED, {
      context: 'SASL login refused',
      brokerMessage: 'Authentication failed: Invalid username or password',
    });
    expect(e).toMatchObject({ code: 58, type: 'SASL_AUTHENTICATION_FAILED', retriable: false });
    expect(e.message).toBe(
      'SASL login refused: SASL_AUTHENTICATION_FAILED: Authentication failed: Invalid username or password',
    );
    expect(new KafkaResponseError(19).message).toBe(
      'NOT_ENOUGH_REPLICAS: Messages are rejected since there are fewer in-sync replicas than required.',
    );
  });
});
