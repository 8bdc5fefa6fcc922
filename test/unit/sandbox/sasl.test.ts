// SaslHandshake v0-1 and SaslAuthenticate v0-1 on frames kafkajs encodes, and the SASL gate.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { checkPlainToken } from '../../../electron/sandbox/apis/sasl-authenticate';
import { ApiKey } from '../../../electron/kafka-wire/api-keys';
import { KafkaError } from '../../../electron/kafka-wire/error-codes';
import { KafkaReader } from '../../../electron/kafka-wire/kafka-reader';
import { FrameClient, kafkajsDecode, kafkajsRoundTrip, offlineCluster, requestFrame } from './frames-harness';

const users = { alice: 'wonder:land', bob: 'builder' };
const sasl = () => offlineCluster({ sasl: { users } });
const require = createRequire(import.meta.url);
async function kafkajsPlainToken(username: string, password: string): Promise<Buffer> {
  const plainRequest = require('kafkajs/src/protocol/sasl/plain/request') as (a: object) => {
    encode(): Promise<Buffer>;
  };
  return plainRequest({ username, password }).encode();
}
const plain = (user: string, pass: string, authzid = '') => Buffer.from(`${authzid}\0${user}\0${pass}`);

async function handshake(client: FrameClient, v: number, mechanism: string) {
  const r = await client.request(ApiKey.SaslHandshake, v, (w) => w.string(mechanism));
  return { error: r.int16(), mechanisms: r.array((x) => x.string()) };
}

async function authenticate(client: FrameClient, v: number, token: Buffer) {
  const r = await client.request(ApiKey.SaslAuthenticate, v, (w) => w.nullableBytes(token), 9);
  const out = {
    error: r.int16(),
    message: r.nullableString(),
    bytes: r.bytes(),
    lifetime: v >= 1 ? Number(r.int64()) : null,
  };
  expect(r.remaining()).toBe(0);
  return out;
}

async function metadataWorks(client: FrameClient): Promise<boolean> {
  try {
    const r = await client.request(ApiKey.Metadata, 1, (w) => w.int32(-1), 11);
    const brokers = r.array((x) => ({ id: x.int32(), host: x.string(), port: x.int32(), rack: x.nullableString() }));
    return brokers.length === 3;
  } catch {
    return false;
  }
}

describe('PLAIN token check', () => {
  it.each([
    [plain('alice', 'wonder:land'), null],
    [plain('alice', 'wonder:land', 'alice'), null],
    [plain('alice', 'wrong'), 'Authentication failed: Invalid username or password'],
    [plain('carol', 'x'), 'Authentication failed: Invalid username or password'],
    [plain('', 'x'), 'Authentication failed: username not specified'],
    [
      plain('bob', 'builder', 'alice'),
      'Authentication failed: Client requested an authorization id that is different from username',
    ],
    [Buffer.from('bob\0builder'), 'Invalid SASL/PLAIN response: expected 3 tokens, got 2'],
  ])('%s → %s', (token, message) => {
    const res = checkPlainToken(token, new Map(Object.entries(users)));
    expect(res.ok ? null : res.message).toBe(message);
  });
});

describe('SASL/PLAIN over the wire', () => {
  it("kafkajs's handshake v1 + authenticate v1 frames authenticate; then other APIs work", async () => {
    const client = new FrameClient(sasl());
    const hs = await kafkajsDecode(
      'saslHandshake/v1',
      await kafkajsRoundTrip(client, 'saslHandshake/v1', { mechanism: 'PLAIN' }),
    );
    expect(hs.decoded).toMatchObject({ errorCode: 0, enabledMechanisms: ['PLAIN'] });
    const au = await kafkajsDecode(
      'saslAuthenticate/v1',
      // kafkajs hands SaslAuthenticate the PLAIN message it encodes itself (a length-prefixed token)
      await kafkajsRoundTrip(client, 'saslAuthenticate/v1', {
        authBytes: await kafkajsPlainToken('alice', 'wonder:land'),
      }),
    );
    expect(au.decoded).toMatchObject({ errorCode: 0 });
    expect(client.connection.authenticatedUser).toBe('alice');
    expect(await metadataWorks(client)).toBe(true);
  });

  it('wrong password → SASL_AUTHENTICATION_FAILED with a message, then the connection is closed; another connection authenticates', async () => {
    const c = sasl();
    const bad = new FrameClient(c);
    expect(await handshake(bad, 1, 'PLAIN')).toEqual({ error: 0, mechanisms: ['PLAIN'] });
    const res = await authenticate(bad, 1, plain('alice', 'nope'));
    expect(res).toMatchObject({
      error: KafkaError.SASL_AUTHENTICATION_FAILED,
      message: 'Authentication failed: Invalid username or password',
    });
    expect(bad.closed).toBe(true);
    const good = new FrameClient(c);
    await handshake(good, 1, 'PLAIN');
    expect(await authenticate(good, 0, plain('bob', 'builder'))).toMatchObject({
      error: 0,
      message: null,
      lifetime: null,
    });
  });

  it('an unsupported mechanism → UNSUPPORTED_SASL_MECHANISM listing PLAIN, then close', async () => {
    const client = new FrameClient(sasl());
    expect(await handshake(client, 1, 'SCRAM-SHA-256')).toEqual({
      error: KafkaError.UNSUPPORTED_SASL_MECHANISM,
      mechanisms: ['PLAIN'],
    });
    expect(client.closed).toBe(true);
  });

  it('any other API before authentication closes the connection; ApiVersions is allowed', async () => {
    const c = sasl();
    const client = new FrameClient(c);
    const av = await client.request(ApiKey.ApiVersions, 2, () => {});
    expect(av.int16()).toBe(0);
    expect(await metadataWorks(client)).toBe(false);
    expect(client.closed).toBe(true);
    // after the handshake but before the token, too
    const half = new FrameClient(c);
    await handshake(half, 1, 'PLAIN');
    expect(await metadataWorks(half)).toBe(false);
    expect(half.closed).toBe(true);
  });

  it('SaslAuthenticate before SaslHandshake closes the connection', async () => {
    const client = new FrameClient(sasl());
    await expect(authenticate(client, 1, plain('bob', 'builder'))).rejects.toThrow(/no response/);
    expect(client.closed).toBe(true);
  });

  it('handshake v0 then a bare token (the pre-KIP-152 flow) authenticates; a bad bare token closes', async () => {
    const c = sasl();
    const client = new FrameClient(c);
    await handshake(client, 0, 'PLAIN');
    const token = plain('bob', 'builder');
    const size = Buffer.alloc(4);
    size.writeInt32BE(token.length);
    const before = Buffer.concat(client.socket.written).length;
    client.send(Buffer.concat([size, token]));
    await client.settle();
    // the reply is an empty bare token: just a zero size
    expect(Buffer.concat(client.socket.written).subarray(before)).toEqual(Buffer.from([0, 0, 0, 0]));
    expect(client.connection.authenticatedUser).toBe('bob');
    expect(await metadataWorks(client)).toBe(true);

    const bad = new FrameClient(c);
    await handshake(bad, 0, 'PLAIN');
    bad.send(Buffer.concat([size, Buffer.from(token).fill(0x41, 5)]));
    await bad.settle();
    expect(bad.closed).toBe(true);
  });

  it('without SASL configured, or after authenticating, handshake and authenticate answer ILLEGAL_SASL_STATE and keep the connection', async () => {
    const open = new FrameClient(offlineCluster());
    expect(await handshake(open, 1, 'PLAIN')).toEqual({ error: KafkaError.ILLEGAL_SASL_STATE, mechanisms: [] });
    expect((await authenticate(open, 1, plain('a', 'b'))).error).toBe(KafkaError.ILLEGAL_SASL_STATE);
    expect(open.closed).toBe(false);

    const client = new FrameClient(sasl());
    await handshake(client, 1, 'PLAIN');
    await authenticate(client, 1, plain('bob', 'builder'));
    expect((await handshake(client, 1, 'PLAIN')).error).toBe(KafkaError.ILLEGAL_SASL_STATE);
    expect((await authenticate(client, 1, plain('bob', 'builder'))).error).toBe(KafkaError.ILLEGAL_SASL_STATE);
    expect(await metadataWorks(client)).toBe(true);
  });

  it('ApiVersions advertises SaslHandshake 0-1 and SaslAuthenticate 0-1', async () => {
    const client = new FrameClient(sasl());
    client.send(requestFrame(ApiKey.ApiVersions, 0, 1, () => {}));
    await client.settle();
    const r: KafkaReader = client.responses()[0].body;
    expect(r.int16()).toBe(0);
    const apis = new Map(r.array((x) => [x.int16(), [x.int16(), x.int16()]] as const));
    expect(apis.get(ApiKey.SaslHandshake)).toEqual([0, 1]);
    expect(apis.get(ApiKey.SaslAuthenticate)).toEqual([0, 1]);
  });
});
