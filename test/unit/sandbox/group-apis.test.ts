// Consumer-group APIs over real connections, with request frames laid out as kafkajs 2.2.4
// (JoinGroup v5, SyncGroup v3, Heartbeat v3, LeaveGroup v3, OffsetCommit v5, OffsetFetch v4,
// FindCoordinator v2, ListGroups v2, DescribeGroups v2) and librdkafka (LeaveGroup v1) send them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandboxCluster, type SandboxCluster, type SandboxOptions } from '../../../electron/sandbox';
import { groupCoordinatorOf } from '../../../electron/sandbox/group-coordinator';
import { ApiKey } from '../../../electron/kafka-wire/api-keys';
import { KafkaError } from '../../../electron/kafka-wire/error-codes';
import type { KafkaReader } from '../../../electron/kafka-wire/kafka-reader';
import { KafkaWriter } from '../../../electron/kafka-wire/kafka-writer';
import { RawKafkaClient, requestFrame } from '../../support/raw-kafka-client';

let cluster: SandboxCluster | null = null;
const clients: RawKafkaClient[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await cluster?.close();
  cluster = null;
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function start(opts: SandboxOptions = {}): Promise<SandboxCluster> {
  cluster = await startSandboxCluster({
    brokers: 3,
    topics: [{ name: 'orders', partitions: 3, replicationFactor: 3 }],
    brokerConfig: { 'group.min.session.timeout.ms': '100', 'group.initial.rebalance.delay.ms': '50' },
    ...opts,
  });
  return cluster;
}

async function connect(c: SandboxCluster, brokerId: number): Promise<RawKafkaClient> {
  const client = await RawKafkaClient.connect(c.bootstrapServers[brokerId - 1]);
  clients.push(client);
  return client;
}

const coordinatorId = (c: SandboxCluster, groupId: string) =>
  groupCoordinatorOf(c.services).coordinatorFor(groupId)!.id;
const otherBroker = (c: SandboxCluster, groupId: string) => (coordinatorId(c, groupId) % 3) + 1;

let correlation = 100;
async function call(client: RawKafkaClient, apiKey: number, v: number, body: Buffer): Promise<KafkaReader> {
  return client.request(apiKey, v, body, correlation++);
}

// ---- request bodies and response readers -------------------------------------------------------

const METADATA = Buffer.from('consumer-metadata');

function joinBody(
  v: number,
  groupId: string,
  memberId: string,
  o: { session?: number; rebalance?: number; protocols?: string[]; type?: string } = {},
): Buffer {
  const w = new KafkaWriter().string(groupId).int32(o.session ?? 10_000);
  if (v >= 1) w.int32(o.rebalance ?? 5000);
  w.string(memberId);
  if (v >= 5) w.nullableString(null);
  w.string(o.type ?? 'consumer');
  return w
    .array(o.protocols ?? ['RoundRobinAssigner'], (w2, name) =>
      w2.string(name).nullableBytes(Buffer.concat([METADATA, Buffer.from(name)])),
    )
    .toBuffer();
}

function readJoin(r: KafkaReader, v: number) {
  if (v >= 2) r.int32();
  const res = {
    error: r.int16(),
    generationId: r.int32(),
    protocolName: r.string(),
    leaderId: r.string(),
    memberId: r.string(),
    members: r.array((x) => ({
      memberId: x.string(),
      groupInstanceId: v >= 5 ? x.nullableString() : null,
      metadata: x.bytes().toString(),
    })),
  };
  expect(r.remaining()).toBe(0);
  return res;
}

async function join(
  client: RawKafkaClient,
  v: number,
  groupId: string,
  memberId: string,
  o: Parameters<typeof joinBody>[3] = {},
) {
  return readJoin(await call(client, ApiKey.JoinGroup, v, joinBody(v, groupId, memberId, o)), v);
}

/** The kafkajs dance at v4+: join without an id, get MEMBER_ID_REQUIRED and an id, join again with it. */
async function joinNew(client: RawKafkaClient, groupId: string, o: Parameters<typeof joinBody>[3] = {}) {
  const first = await join(client, 5, groupId, '', o);
  expect(first.error).toBe(KafkaError.MEMBER_ID_REQUIRED);
  return join(client, 5, groupId, first.memberId, o);
}

function syncBody(
  v: number,
  groupId: string,
  generationId: number,
  memberId: string,
  assignments: Array<[string, string]>,
): Buffer {
  const w = new KafkaWriter().string(groupId).int32(generationId).string(memberId);
  if (v >= 3) w.nullableString(null);
  return w.array(assignments, (w2, [m, a]) => w2.string(m).nullableBytes(Buffer.from(a))).toBuffer();
}

async function sync(
  client: RawKafkaClient,
  v: number,
  groupId: string,
  generationId: number,
  memberId: string,
  assignments: Array<[string, string]> = [],
) {
  const r = await call(client, ApiKey.SyncGroup, v, syncBody(v, groupId, generationId, memberId, assignments));
  if (v >= 1) r.int32();
  const res = { error: r.int16(), assignment: r.bytes().toString() };
  expect(r.remaining()).toBe(0);
  return res;
}

async function heartbeat(
  client: RawKafkaClient,
  v: number,
  groupId: string,
  generationId: number,
  memberId: string,
): Promise<number> {
  const w = new KafkaWriter().string(groupId).int32(generationId).string(memberId);
  if (v >= 3) w.nullableString(null);
  const r = await call(client, ApiKey.Heartbeat, v, w.toBuffer());
  if (v >= 1) r.int32();
  const error = r.int16();
  expect(r.remaining()).toBe(0);
  return error;
}

async function leave(client: RawKafkaClient, v: number, groupId: string, memberIds: string[]) {
  const w = new KafkaWriter().string(groupId);
  if (v >= 3) w.array(memberIds, (w2, m) => w2.string(m).nullableString(null));
  else w.string(memberIds[0]);
  const r = await call(client, ApiKey.LeaveGroup, v, w.toBuffer());
  if (v >= 1) r.int32();
  const error = r.int16();
  const members =
    v >= 3 ? r.array((x) => ({ memberId: x.string(), groupInstanceId: x.nullableString(), error: x.int16() })) : [];
  expect(r.remaining()).toBe(0);
  return { error, members };
}

type Commit = { topic?: string; partition: number; offset: number; metadata?: string | null };

async function commit(
  client: RawKafkaClient,
  v: number,
  groupId: string,
  generationId: number,
  memberId: string,
  commits: Commit[],
) {
  const w = new KafkaWriter().string(groupId).int32(generationId).string(memberId);
  if (v >= 7) w.nullableString(null);
  if (v <= 4) w.int64(-1);
  const byTopic = new Map<string, Commit[]>();
  for (const c of commits) byTopic.set(c.topic ?? 'orders', [...(byTopic.get(c.topic ?? 'orders') ?? []), c]);
  w.array([...byTopic], (w2, [topic, cs]) =>
    w2.string(topic).array(cs, (w3, c) => {
      w3.int32(c.partition).int64(c.offset);
      if (v >= 6) w3.int32(-1);
      w3.nullableString(c.metadata === undefined ? '' : c.metadata);
    }),
  );
  const r = await call(client, ApiKey.OffsetCommit, v, w.toBuffer());
  if (v >= 3) r.int32();
  const res = r.array((x) => ({
    name: x.string(),
    partitions: x.array((y) => ({ partition: y.int32(), error: y.int16() })),
  }));
  expect(r.remaining()).toBe(0);
  return res.flatMap((t) => t.partitions.map((p) => ({ topic: t.name, ...p })));
}

async function fetchOffsets(
  client: RawKafkaClient,
  v: number,
  groupId: string,
  topics: Array<[string, number[]]> | null,
) {
  const w = new KafkaWriter().string(groupId);
  w.nullableArray(topics, (w2, [name, ps]) => w2.string(name).array(ps, (w3, p) => w3.int32(p)));
  const r = await call(client, ApiKey.OffsetFetch, v, w.toBuffer());
  if (v >= 3) r.int32();
  const parts = r
    .array((x) => ({
      name: x.string(),
      partitions: x.array((y) => ({
        partition: y.int32(),
        offset: Number(y.int64()),
        leaderEpoch: v >= 5 ? y.int32() : undefined,
        metadata: y.nullableString(),
        error: y.int16(),
      })),
    }))
    .flatMap((t) => t.partitions.map((p) => ({ topic: t.name, ...p })));
  const error = v >= 2 ? r.int16() : 0;
  expect(r.remaining()).toBe(0);
  return { error, partitions: parts };
}

async function findCoordinator(client: RawKafkaClient, v: number, key: string, keyType = 0) {
  const w = new KafkaWriter().string(key);
  if (v >= 1) w.int8(keyType);
  const r = await call(client, ApiKey.FindCoordinator, v, w.toBuffer());
  if (v >= 1) r.int32();
  const error = r.int16();
  const message = v >= 1 ? r.nullableString() : null;
  const res = { error, message, nodeId: r.int32(), host: r.string(), port: r.int32() };
  expect(r.remaining()).toBe(0);
  return res;
}

async function listGroups(client: RawKafkaClient, v: number) {
  const r = await call(client, ApiKey.ListGroups, v, Buffer.alloc(0));
  if (v >= 1) r.int32();
  const res = { error: r.int16(), groups: r.array((x) => ({ groupId: x.string(), protocolType: x.string() })) };
  expect(r.remaining()).toBe(0);
  return res;
}

async function describeGroups(client: RawKafkaClient, v: number, groupIds: string[]) {
  const w = new KafkaWriter().array(groupIds, (w2, g) => w2.string(g));
  if (v >= 3) w.boolean(false);
  const r = await call(client, ApiKey.DescribeGroups, v, w.toBuffer());
  if (v >= 1) r.int32();
  const groups = r.array((x) => {
    const g = {
      error: x.int16(),
      groupId: x.string(),
      state: x.string(),
      protocolType: x.string(),
      protocol: x.string(),
      members: x.array((y) => ({
        memberId: y.string(),
        groupInstanceId: v >= 4 ? y.nullableString() : null,
        clientId: y.string(),
        clientHost: y.string(),
        metadata: y.bytes().toString(),
        assignment: y.bytes().toString(),
      })),
      authorizedOperations: 0,
    };
    if (v >= 3) g.authorizedOperations = x.int32();
    return g;
  });
  expect(r.remaining()).toBe(0);
  return groups;
}

/** One member in a stable group (generation 1, leader, assignment 'P0,P1,P2'). */
async function stableGroup(c: SandboxCluster, groupId: string, o: Parameters<typeof joinBody>[3] = {}) {
  const client = await connect(c, coordinatorId(c, groupId));
  const joined = await joinNew(client, groupId, o);
  expect(joined.error).toBe(0);
  const synced = await sync(client, 3, groupId, joined.generationId, joined.memberId, [[joined.memberId, 'P0,P1,P2']]);
  expect(synced).toEqual({ error: 0, assignment: 'P0,P1,P2' });
  return { client, memberId: joined.memberId, generationId: joined.generationId };
}

// ---- tests --------------------------------------------------------------------------------------

describe('FindCoordinator', () => {
  it('names the same live broker from every broker, at v0, v1 and v2', async () => {
    const c = await start();
    const expected = coordinatorId(c, 'billing');
    for (const id of [1, 2, 3]) {
      const client = await connect(c, id);
      for (const v of [0, 1, 2]) {
        const res = await findCoordinator(client, v, 'billing');
        expect(res).toMatchObject({
          error: 0,
          nodeId: expected,
          host: '127.0.0.1',
          port: Number(c.bootstrapServers[expected - 1].split(':')[1]),
        });
      }
    }
  });

  it('spreads groups over the brokers and moves only the stopped broker’s groups', async () => {
    const c = await start();
    const groups = Array.from({ length: 60 }, (_, i) => `group-${i}`);
    const before = new Map(groups.map((g) => [g, coordinatorId(c, g)]));
    expect(new Set(before.values())).toEqual(new Set([1, 2, 3]));
    await c.stopBroker(2);
    for (const g of groups) {
      const now = coordinatorId(c, g);
      expect(now).not.toBe(2);
      if (before.get(g) !== 2) expect(now).toBe(before.get(g));
    }
    const client = await connect(c, 1);
    const moved = groups.find((g) => before.get(g) === 2)!;
    expect((await findCoordinator(client, 2, moved)).nodeId).toBe(coordinatorId(c, moved));
  });

  it('refuses transaction coordinators (key type 1) with INVALID_REQUEST and a message', async () => {
    const c = await start();
    const client = await connect(c, 1);
    const res = await findCoordinator(client, 2, 'txn-1', 1);
    expect(res).toMatchObject({ error: KafkaError.INVALID_REQUEST, nodeId: -1, host: '', port: -1 });
    expect(res.message).toMatch(/consumer groups/);
  });
});

describe('JoinGroup and SyncGroup', () => {
  it('v5: MEMBER_ID_REQUIRED first, then generation 1 with this member as leader holding every member’s metadata', async () => {
    const c = await start();
    const client = await connect(c, coordinatorId(c, 'g1'));
    const first = await join(client, 5, 'g1', '');
    expect(first).toMatchObject({ error: KafkaError.MEMBER_ID_REQUIRED, generationId: -1, members: [] });
    expect(first.memberId).toMatch(/^test-[0-9a-f-]{36}$/);
    const second = await join(client, 5, 'g1', first.memberId);
    expect(second).toEqual({
      error: 0,
      generationId: 1,
      protocolName: 'RoundRobinAssigner',
      leaderId: first.memberId,
      memberId: first.memberId,
      members: [{ memberId: first.memberId, groupInstanceId: null, metadata: 'consumer-metadataRoundRobinAssigner' }],
    });
    expect(await sync(client, 3, 'g1', 1, first.memberId, [[first.memberId, 'all of it']])).toEqual({
      error: 0,
      assignment: 'all of it',
    });
    expect(await heartbeat(client, 3, 'g1', 1, first.memberId)).toBe(KafkaError.NONE);
  });

  it('v0-v3 hand out the member id on the first join', async () => {
    const c = await start();
    const client = await connect(c, coordinatorId(c, 'old'));
    for (const v of [0, 1, 2, 3]) {
      const res = await join(client, v, `old`, '');
      expect(res.error).toBe(0);
      expect(res.memberId).toMatch(/^test-/);
      // Each leave empties the group, which also ends a generation.
      expect(res.generationId).toBe(2 * v + 1);
      expect(await sync(client, v, 'old', res.generationId, res.memberId, [[res.memberId, `a${v}`]])).toEqual({
        error: 0,
        assignment: `a${v}`,
      });
      expect((await leave(client, v <= 2 ? v : 3, 'old', [res.memberId])).error).toBe(0);
    }
  });

  it('rebalances when a second member joins: the first learns it from its heartbeat, rejoins, and both get generation 2', async () => {
    const c = await start();
    const a = await stableGroup(c, 'g2');
    const bClient = await connect(c, coordinatorId(c, 'g2'));
    const bId = (await join(bClient, 5, 'g2', '')).memberId;
    const bJoin = join(bClient, 5, 'g2', bId); // waits for the rebalance
    await expect.poll(() => heartbeat(a.client, 3, 'g2', 1, a.memberId)).toBe(KafkaError.REBALANCE_IN_PROGRESS);
    // Offsets may still be committed while the group prepares its rebalance.
    expect((await commit(a.client, 5, 'g2', 1, a.memberId, [{ partition: 0, offset: 4 }]))[0].error).toBe(0);
    const aJoin = await join(a.client, 5, 'g2', a.memberId);
    const bJoined = await bJoin;
    expect(aJoin).toMatchObject({ error: 0, generationId: 2, leaderId: a.memberId });
    expect(aJoin.members.map((m) => m.memberId).sort()).toEqual([a.memberId, bId].sort());
    expect(bJoined).toMatchObject({ error: 0, generationId: 2, leaderId: a.memberId, members: [] });
    // During CompletingRebalance: heartbeats say so; the follower's sync waits for the leader's.
    expect(await heartbeat(bClient, 3, 'g2', 2, bId)).toBe(KafkaError.REBALANCE_IN_PROGRESS);
    expect((await commit(bClient, 5, 'g2', 2, bId, [{ partition: 1, offset: 1 }]))[0].error).toBe(
      KafkaError.REBALANCE_IN_PROGRESS,
    );
    const bSync = sync(bClient, 3, 'g2', 2, bId);
    const aSync = await sync(a.client, 3, 'g2', 2, a.memberId, [
      [a.memberId, 'P0,P1'],
      [bId, 'P2'],
    ]);
    expect(aSync).toEqual({ error: 0, assignment: 'P0,P1' });
    expect(await bSync).toEqual({ error: 0, assignment: 'P2' });
    expect(await heartbeat(bClient, 3, 'g2', 2, bId)).toBe(KafkaError.NONE);
    expect(await heartbeat(a.client, 3, 'g2', 1, a.memberId)).toBe(KafkaError.ILLEGAL_GENERATION);
  });

  it('answers errors: NOT_COORDINATOR elsewhere, UNKNOWN_MEMBER_ID, INVALID_SESSION_TIMEOUT, INCONSISTENT_GROUP_PROTOCOL, INVALID_GROUP_ID', async () => {
    const c = await start();
    const elsewhere = await connect(c, otherBroker(c, 'g3'));
    expect((await join(elsewhere, 5, 'g3', '')).error).toBe(KafkaError.NOT_COORDINATOR);
    expect(await heartbeat(elsewhere, 3, 'g3', 1, 'x')).toBe(KafkaError.NOT_COORDINATOR);
    expect((await sync(elsewhere, 3, 'g3', 1, 'x')).error).toBe(KafkaError.NOT_COORDINATOR);
    const client = await connect(c, coordinatorId(c, 'g3'));
    expect((await join(client, 5, 'g3', 'made-up-id')).error).toBe(KafkaError.UNKNOWN_MEMBER_ID);
    expect((await join(client, 5, 'g3', '', { session: 50 })).error).toBe(KafkaError.INVALID_SESSION_TIMEOUT);
    expect((await join(client, 5, 'g3', '', { session: 4_000_000 })).error).toBe(KafkaError.INVALID_SESSION_TIMEOUT);
    expect((await join(client, 5, 'g3', '', { protocols: [] })).error).toBe(KafkaError.INCONSISTENT_GROUP_PROTOCOL);
    const emptyId = await connect(c, 1);
    expect((await join(emptyId, 5, '', '')).error).toBe(KafkaError.INVALID_GROUP_ID);
    await stableGroup(c, 'g3', { protocols: ['range'] });
    const stranger = await connect(c, coordinatorId(c, 'g3'));
    expect((await join(stranger, 5, 'g3', '', { protocols: ['sticky'] })).error).toBe(
      KafkaError.INCONSISTENT_GROUP_PROTOCOL,
    );
    expect((await join(stranger, 5, 'g3', '', { type: 'connect' })).error).toBe(KafkaError.INCONSISTENT_GROUP_PROTOCOL);
    expect((await sync(stranger, 3, 'g3', 1, 'who')).error).toBe(KafkaError.UNKNOWN_MEMBER_ID);
    expect(await heartbeat(stranger, 3, 'nothing-here', 1, 'who')).toBe(KafkaError.UNKNOWN_MEMBER_ID);
  });

  it('picks the protocol every member supports that most of them prefer', async () => {
    const c = await start();
    const client = await connect(c, coordinatorId(c, 'vote'));
    const other = await connect(c, coordinatorId(c, 'vote'));
    const a = (await join(client, 5, 'vote', '', { protocols: ['sticky', 'range'] })).memberId;
    const b = (await join(other, 5, 'vote', '', { protocols: ['range', 'roundrobin'] })).memberId;
    const [ja, jb] = await Promise.all([
      join(client, 5, 'vote', a, { protocols: ['sticky', 'range'] }),
      join(other, 5, 'vote', b, { protocols: ['range', 'roundrobin'] }),
    ]);
    expect([ja.protocolName, jb.protocolName]).toEqual(['range', 'range']);
    expect(ja.generationId).toBe(1);
    expect(jb.generationId).toBe(1);
  });

  it('removes a member whose session times out and rebalances the rest', async () => {
    const c = await start();
    const a = await stableGroup(c, 'g4', { session: 300 });
    const coordinator = groupCoordinatorOf(c.services);
    expect(coordinator.describeGroup(coordinatorId(c, 'g4'), 'g4').members).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 600));
    expect(coordinator.describeGroup(coordinatorId(c, 'g4'), 'g4')).toMatchObject({ state: 'Empty', members: [] });
    expect(await heartbeat(a.client, 3, 'g4', 1, a.memberId)).toBe(KafkaError.UNKNOWN_MEMBER_ID);
  });
});

describe('LeaveGroup', () => {
  it('v3 removes a batch of members with an error per member; v1 answers UNKNOWN_MEMBER_ID for a stranger', async () => {
    const c = await start();
    const a = await stableGroup(c, 'g5');
    const res = await leave(a.client, 3, 'g5', [a.memberId, 'nobody']);
    expect(res).toEqual({
      error: 0,
      members: [
        { memberId: a.memberId, groupInstanceId: null, error: 0 },
        { memberId: 'nobody', groupInstanceId: null, error: KafkaError.UNKNOWN_MEMBER_ID },
      ],
    });
    expect(await describeGroups(a.client, 2, ['g5'])).toMatchObject([{ state: 'Empty', members: [] }]);
    expect((await leave(a.client, 1, 'g5', ['nobody'])).error).toBe(KafkaError.UNKNOWN_MEMBER_ID);
    const elsewhere = await connect(c, otherBroker(c, 'g5'));
    expect((await leave(elsewhere, 0, 'g5', [a.memberId])).error).toBe(KafkaError.NOT_COORDINATOR);
  });
});

describe('OffsetCommit and OffsetFetch', () => {
  it('stores offsets of a client without group management (generation -1) and reads them back at v1-v5', async () => {
    const c = await start();
    const client = await connect(c, coordinatorId(c, 'tools'));
    for (const v of [2, 3, 4, 5, 6, 7]) {
      const res = await commit(client, v, 'tools', -1, '', [
        { partition: 0, offset: 10 + v, metadata: `v${v}` },
        { partition: 2, offset: 20, metadata: null },
      ]);
      expect(res.map((p) => p.error)).toEqual([0, 0]);
    }
    for (const v of [1, 2, 3, 4, 5]) {
      const res = await fetchOffsets(client, v, 'tools', [['orders', [0, 1, 2]]]);
      expect(res.error).toBe(0);
      expect(res.partitions.map((p) => [p.partition, p.offset, p.metadata, p.error])).toEqual([
        [0, 17, 'v7', 0],
        [1, -1, '', 0],
        [2, 20, null, 0],
      ]);
      if (v >= 5) expect(res.partitions[0].leaderEpoch).toBe(-1);
    }
  });

  it('v2+ with null topics returns every committed partition; an unknown group reads as nothing committed', async () => {
    const c = await start();
    const client = await connect(c, coordinatorId(c, 'all'));
    await commit(client, 5, 'all', -1, '', [
      { partition: 1, offset: 3 },
      { partition: 0, offset: 5 },
    ]);
    const all = await fetchOffsets(client, 4, 'all', null);
    expect(all.partitions.map((p) => [p.topic, p.partition, p.offset])).toEqual([
      ['orders', 0, 5],
      ['orders', 1, 3],
    ]);
    const none = await connect(c, coordinatorId(c, 'never-committed'));
    expect((await fetchOffsets(none, 4, 'never-committed', [['orders', [0]]])).partitions[0]).toMatchObject({
      offset: -1,
      error: 0,
    });
    expect((await fetchOffsets(none, 4, 'never-committed', null)).partitions).toEqual([]);
  });

  it('checks members and generations, unknown topics and metadata size, and the coordinator', async () => {
    const c = await start();
    const a = await stableGroup(c, 'g6');
    expect((await commit(a.client, 5, 'g6', 1, a.memberId, [{ partition: 0, offset: 1 }]))[0].error).toBe(0);
    expect((await commit(a.client, 5, 'g6', 7, a.memberId, [{ partition: 0, offset: 1 }]))[0].error).toBe(
      KafkaError.ILLEGAL_GENERATION,
    );
    expect((await commit(a.client, 5, 'g6', 1, 'nobody', [{ partition: 0, offset: 1 }]))[0].error).toBe(
      KafkaError.UNKNOWN_MEMBER_ID,
    );
    // Generation -1 is only for groups nobody manages.
    expect((await commit(a.client, 5, 'g6', -1, '', [{ partition: 0, offset: 1 }]))[0].error).toBe(
      KafkaError.UNKNOWN_MEMBER_ID,
    );
    const res = await commit(a.client, 5, 'g6', 1, a.memberId, [
      { topic: 'missing', partition: 0, offset: 1 },
      { partition: 9, offset: 1 },
      { partition: 1, offset: 1, metadata: 'm'.repeat(5000) },
      { partition: 2, offset: 8 },
    ]);
    expect(res.map((p) => p.error)).toEqual([
      KafkaError.UNKNOWN_TOPIC_OR_PARTITION,
      KafkaError.UNKNOWN_TOPIC_OR_PARTITION,
      KafkaError.OFFSET_METADATA_TOO_LARGE,
      KafkaError.NONE,
    ]);
    const noGroup = await connect(c, coordinatorId(c, 'no-such-group'));
    expect((await commit(noGroup, 5, 'no-such-group', 3, 'x', [{ partition: 0, offset: 1 }]))[0].error).toBe(
      KafkaError.ILLEGAL_GENERATION,
    );
    const elsewhere = await connect(c, otherBroker(c, 'g6'));
    expect((await commit(elsewhere, 5, 'g6', 1, a.memberId, [{ partition: 0, offset: 1 }]))[0].error).toBe(
      KafkaError.NOT_COORDINATOR,
    );
    const fetched = await fetchOffsets(elsewhere, 4, 'g6', [['orders', [0]]]);
    expect(fetched.error).toBe(KafkaError.NOT_COORDINATOR);
    expect(fetched.partitions[0]).toMatchObject({ offset: -1, error: KafkaError.NOT_COORDINATOR });
    expect((await fetchOffsets(elsewhere, 1, 'g6', [['orders', [0]]])).partitions[0].error).toBe(
      KafkaError.NOT_COORDINATOR,
    );
  });

  it('drops a deleted topic’s committed offsets, so a re-created topic starts with none', async () => {
    const c = await start();
    const client = await connect(c, coordinatorId(c, 'recreate'));
    await commit(client, 5, 'recreate', -1, '', [{ partition: 0, offset: 7 }]);
    const controller = await connect(c, c.state.controllerId);
    await call(
      controller,
      ApiKey.DeleteTopics,
      1,
      new KafkaWriter()
        .array(['orders'], (w, t) => w.string(t))
        .int32(5000)
        .toBuffer(),
    );
    c.createTopic({ name: 'orders', partitions: 3, replicationFactor: 3 });
    expect((await fetchOffsets(client, 4, 'recreate', [['orders', [0]]])).partitions[0]).toMatchObject({
      offset: -1,
      error: 0,
    });
    expect((await fetchOffsets(client, 4, 'recreate', null)).partitions).toEqual([]);
  });

  it('keeps committed offsets across a cluster restart with a data directory', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-offsets-'));
    dirs.push(dataDir);
    const c = await start({ dataDir });
    const client = await connect(c, coordinatorId(c, 'durable'));
    await commit(client, 5, 'durable', -1, '', [{ partition: 1, offset: 42, metadata: 'kept' }]);
    await c.close();
    cluster = null;
    const again = await start({ dataDir, topics: [] });
    const client2 = await connect(again, coordinatorId(again, 'durable'));
    expect((await fetchOffsets(client2, 4, 'durable', [['orders', [1]]])).partitions[0]).toMatchObject({
      offset: 42,
      metadata: 'kept',
      error: 0,
    });
    expect((await listGroups(client2, 2)).groups).toContainEqual({ groupId: 'durable', protocolType: '' });
  });
});

describe('committed offsets file', () => {
  it('starts with the valid entries of a damaged group-offsets.json and ignores a file that is not JSON', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-offsets-'));
    dirs.push(dataDir);
    const good = { topic: 'orders', partition: 0, offset: 5, leaderEpoch: -1, metadata: null, commitTimestamp: 1 };
    fs.writeFileSync(
      path.join(dataDir, 'group-offsets.json'),
      JSON.stringify({
        version: 1,
        groups: { g: [good, { topic: 7 }, null, { ...good, partition: 'x' }], h: 'nonsense' },
      }),
    );
    const c = await start({ dataDir });
    const client = await connect(c, coordinatorId(c, 'g'));
    expect((await fetchOffsets(client, 4, 'g', null)).partitions).toEqual([
      { topic: 'orders', partition: 0, offset: 5, leaderEpoch: undefined, metadata: null, error: 0 },
    ]);
    await c.close();
    cluster = null;
    fs.writeFileSync(path.join(dataDir, 'group-offsets.json'), '{"version":1,"gro');
    const again = await start({ dataDir, topics: [] });
    const client2 = await connect(again, coordinatorId(again, 'g'));
    expect((await fetchOffsets(client2, 4, 'g', null)).partitions).toEqual([]);
  });
});

describe('ListGroups and DescribeGroups', () => {
  it('each broker lists the groups it coordinates; DescribeGroups shows state, protocol, members and assignments', async () => {
    const c = await start();
    const a = await stableGroup(c, 'g7');
    const lists = await Promise.all([1, 2, 3].map(async (id) => listGroups(await connect(c, id), 2)));
    for (const [i, l] of lists.entries()) {
      expect(l.error).toBe(0);
      expect(l.groups.some((g) => g.groupId === 'g7')).toBe(i + 1 === coordinatorId(c, 'g7'));
    }
    expect((await listGroups(a.client, 0)).groups).toContainEqual({ groupId: 'g7', protocolType: 'consumer' });
    for (const v of [0, 1, 2, 3, 4]) {
      const [g] = await describeGroups(a.client, v, ['g7']);
      const [missing] = await describeGroups(await connect(c, coordinatorId(c, 'unknown-group')), v, ['unknown-group']);
      expect(g).toMatchObject({
        error: 0,
        groupId: 'g7',
        state: 'Stable',
        protocolType: 'consumer',
        protocol: 'RoundRobinAssigner',
      });
      expect(g.members).toEqual([
        {
          memberId: a.memberId,
          groupInstanceId: null,
          clientId: 'test',
          clientHost: '/127.0.0.1',
          metadata: 'consumer-metadataRoundRobinAssigner',
          assignment: 'P0,P1,P2',
        },
      ]);
      if (v >= 3) expect(g.authorizedOperations).toBe(-2147483648);
      expect(missing).toMatchObject({
        error: 0,
        groupId: 'unknown-group',
        state: 'Dead',
        protocolType: '',
        members: [],
      });
    }
    const elsewhere = await connect(c, otherBroker(c, 'g7'));
    expect((await describeGroups(elsewhere, 2, ['g7']))[0]).toMatchObject({
      error: KafkaError.NOT_COORDINATOR,
      state: 'Dead',
    });
  });
});

describe('coordinator failover', () => {
  it('moves the group when its coordinator stops: members must rejoin at the new one, committed offsets stay', async () => {
    const c = await start();
    const a = await stableGroup(c, 'g8');
    await commit(a.client, 5, 'g8', 1, a.memberId, [{ partition: 0, offset: 9 }]);
    const old = coordinatorId(c, 'g8');
    await c.stopBroker(old);
    await a.client.closedPromise;
    const now = coordinatorId(c, 'g8');
    expect(now).not.toBe(old);
    const client = await connect(c, now);
    expect((await findCoordinator(client, 2, 'g8')).nodeId).toBe(now);
    expect(await heartbeat(client, 3, 'g8', 1, a.memberId)).toBe(KafkaError.UNKNOWN_MEMBER_ID);
    expect((await fetchOffsets(client, 4, 'g8', [['orders', [0]]])).partitions[0].offset).toBe(9);
    const rejoined = await joinNew(client, 'g8');
    expect(rejoined).toMatchObject({ error: 0, generationId: 2 });
    // The old coordinator comes back: the group goes home, and its members rejoin there.
    await c.startBroker(old);
    expect(await heartbeat(client, 3, 'g8', 2, rejoined.memberId)).toBe(KafkaError.NOT_COORDINATOR);
  });
});

describe('bad input', () => {
  it('closes the connection on truncated group requests, and other connections keep working', async () => {
    const c = await start();
    const coordinator = coordinatorId(c, 'g9');
    const bodies: Array<[number, number, Buffer]> = [
      [ApiKey.JoinGroup, 5, joinBody(5, 'g9', '')],
      [ApiKey.SyncGroup, 3, syncBody(3, 'g9', 1, 'm', [['m', 'x']])],
      [
        ApiKey.OffsetCommit,
        5,
        new KafkaWriter()
          .string('g9')
          .int32(-1)
          .string('')
          .array(['orders'], (w, t) => w.string(t).array([0], (w2) => w2.int32(0).int64(1)))
          .toBuffer(),
      ],
      [ApiKey.OffsetFetch, 4, new KafkaWriter().string('g9').int32(1).string('orders').int32(3).int32(0).toBuffer()],
      [ApiKey.DescribeGroups, 2, new KafkaWriter().int32(2).string('g9').toBuffer()],
      [ApiKey.FindCoordinator, 2, new KafkaWriter().string('g9').toBuffer()],
      [ApiKey.Heartbeat, 3, new KafkaWriter().string('g9').int32(1).toBuffer()],
      [ApiKey.LeaveGroup, 3, new KafkaWriter().string('g9').int32(5).toBuffer()],
    ];
    for (const [key, v, body] of bodies) {
      const bad = await connect(c, coordinator);
      bad.send(
        requestFrame(
          key,
          v,
          1,
          key === ApiKey.JoinGroup || key === ApiKey.SyncGroup ? body.subarray(0, body.length - 4) : body,
        ),
      );
      expect(await bad.next(2000), `API ${key} v${v}`).toBeNull();
      expect(bad.closed).toBe(true);
    }
    const good = await connect(c, coordinator);
    expect((await joinNew(good, 'g9')).error).toBe(0);
  });

  it('closes the connection for flexible versions it does not implement', async () => {
    const c = await start();
    for (const [key, v] of [
      [ApiKey.JoinGroup, 6],
      [ApiKey.OffsetFetch, 6],
      [ApiKey.OffsetCommit, 8],
      [ApiKey.Heartbeat, 4],
    ]) {
      const client = await connect(c, 1);
      client.send(requestFrame(key, v, 1, joinBody(5, 'x', '')));
      expect(await client.next(2000)).toBeNull();
    }
  });
});

describe('coordinator close', () => {
  it('answers a JoinGroup still waiting when the cluster closes, without leaving timers behind', async () => {
    const c = await start({
      brokerConfig: { 'group.initial.rebalance.delay.ms': '60000', 'group.min.session.timeout.ms': '100' },
    });
    const client = await connect(c, coordinatorId(c, 'slow'));
    const id = (await join(client, 5, 'slow', '')).memberId;
    client.send(requestFrame(ApiKey.JoinGroup, 5, 1, joinBody(5, 'slow', id)));
    await expect
      .poll(() => groupCoordinatorOf(c.services).describeGroup(coordinatorId(c, 'slow'), 'slow').state)
      .toBe('PreparingRebalance');
    const started = Date.now();
    await c.close();
    cluster = null;
    expect(Date.now() - started).toBeLessThan(2000);
    expect(groupCoordinatorOf(c.services).describeGroup(1, 'slow').error).toBe(KafkaError.COORDINATOR_NOT_AVAILABLE);
  });
});
