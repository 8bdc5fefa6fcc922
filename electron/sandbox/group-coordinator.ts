// The consumer-group coordinator, following Kafka 2.4's GroupCoordinator where clients can tell:
// member ids handed out on a first join (v4+ answers MEMBER_ID_REQUIRED first, KIP-394), a
// rebalance that waits for every known member to rejoin (up to the longest rebalance timeout),
// the leader receiving the members' metadata and handing back assignments through SyncGroup,
// heartbeats that report REBALANCE_IN_PROGRESS, and members removed when their session times out.
//
// Each group has one coordinator: a live broker chosen by rendezvous hashing of the group id, so
// stopping a broker moves only its own groups. Requests that reach another broker get
// NOT_COORDINATOR. A group whose coordinator moved keeps its generation and committed offsets
// (all brokers share this process) but drops its members, which find the new coordinator and rejoin.
import { randomUUID } from 'node:crypto';
import type { SandboxServices } from './api-handler';
import type { BrokerNode } from './cluster-state';
import { GroupOffsets, type CommittedOffset } from './group-offsets';
import { KafkaError } from '../kafka-wire/error-codes';

export const GROUP_COORDINATOR = 'groupCoordinator';

export type GroupStateName = 'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable' | 'Dead';

export interface GroupProtocol {
  name: string;
  metadata: Buffer;
}

export interface JoinGroupRequest {
  groupId: string;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  memberId: string;
  groupInstanceId: string | null;
  protocolType: string;
  protocols: GroupProtocol[];
  clientId: string;
  clientHost: string;
  /** v4+: an unknown member first gets MEMBER_ID_REQUIRED and its id, then joins with it. */
  requireKnownMemberId: boolean;
}

export interface JoinGroupResult {
  error: number;
  generationId: number;
  protocolName: string;
  leaderId: string;
  memberId: string;
  members: Array<{ memberId: string; groupInstanceId: string | null; metadata: Buffer }>;
}

export interface SyncGroupResult {
  error: number;
  assignment: Buffer;
}

export interface OffsetCommitRequest {
  groupId: string;
  generationId: number;
  memberId: string;
  topics: Array<{
    name: string;
    partitions: Array<{ index: number; offset: number; leaderEpoch: number; metadata: string | null }>;
  }>;
}

export interface OffsetFetchResult {
  error: number;
  topics: Array<{
    name: string;
    partitions: Array<{ index: number; offset: number; leaderEpoch: number; metadata: string | null; error: number }>;
  }>;
}

export interface GroupDescription {
  error: number;
  groupId: string;
  state: GroupStateName;
  protocolType: string;
  protocolName: string;
  members: Array<{
    memberId: string;
    groupInstanceId: string | null;
    clientId: string;
    clientHost: string;
    metadata: Buffer;
    assignment: Buffer;
  }>;
}

export interface GroupCoordinatorConfig {
  minSessionTimeoutMs: number;
  maxSessionTimeoutMs: number;
  /** group.initial.rebalance.delay.ms: how long a new group waits for more members before its first generation. */
  initialRebalanceDelayMs: number;
  /** offset.metadata.max.bytes */
  maxMetadataBytes: number;
}

interface Member {
  groupId: string;
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  protocolType: string;
  protocols: GroupProtocol[];
  assignment: Buffer;
  awaitingJoin: ((r: JoinGroupResult) => void) | null;
  awaitingSync: ((r: SyncGroupResult) => void) | null;
  sessionTimer: NodeJS.Timeout | null;
}

interface Group {
  groupId: string;
  state: GroupStateName;
  generationId: number;
  protocolType: string | null;
  protocolName: string | null;
  leaderId: string | null;
  members: Map<string, Member>;
  /** Ids handed out with MEMBER_ID_REQUIRED that have not joined yet, with their expiry timers. */
  pending: Map<string, NodeJS.Timeout>;
  rebalanceTimer: NodeJS.Timeout | null;
  /** The new-group delay is running: joins do not complete the rebalance early. */
  initialDelay: boolean;
  /** The broker the group's state lives on; when the coordinator moves, members must rejoin. */
  coordinatorId: number;
}

type Route = { ok: true } | { ok: false; error: number };

const EMPTY = Buffer.alloc(0);

function unref(t: NodeJS.Timeout): NodeJS.Timeout {
  t.unref();
  return t;
}

/** 32-bit FNV-1a with a murmur3 finaliser: a stable, well-spread score for rendezvous hashing. */
function score(groupId: string, brokerId: number): number {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(`${groupId}\0${brokerId}`, 'utf8')) {
    h ^= byte;
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function sameProtocols(a: GroupProtocol[], b: GroupProtocol[]): boolean {
  return a.length === b.length && a.every((p, i) => p.name === b[i].name && p.metadata.equals(b[i].metadata));
}

export function coordinatorConfigFrom(get: (name: string) => string | undefined): GroupCoordinatorConfig {
  const num = (name: string, fallback: number) => {
    const v = Number(get(name));
    return Number.isFinite(v) && get(name) !== undefined ? v : fallback;
  };
  return {
    // Kafka 2.4's defaults, except the initial delay (3 s there) which would slow every test.
    minSessionTimeoutMs: num('group.min.session.timeout.ms', 6000),
    maxSessionTimeoutMs: num('group.max.session.timeout.ms', 1_800_000),
    initialRebalanceDelayMs: num('group.initial.rebalance.delay.ms', 100),
    maxMetadataBytes: num('offset.metadata.max.bytes', 4096),
  };
}

export class GroupCoordinator {
  private readonly groups = new Map<string, Group>();
  readonly offsets: GroupOffsets;
  private closed = false;
  private readonly onTopicDeleted = (topic: string) => this.offsets.forgetTopic(topic);

  constructor(
    private readonly services: SandboxServices,
    readonly config: GroupCoordinatorConfig = coordinatorConfigFrom((n) => services.state.config.get(n)),
  ) {
    this.offsets = new GroupOffsets(services.state.store);
    services.events.once('close', () => this.close());
    services.events.on('topic-deleted', this.onTopicDeleted);
  }

  /** The live broker that coordinates this group, or null when no broker is up. */
  coordinatorFor(groupId: string): BrokerNode | null {
    let best: BrokerNode | null = null;
    let bestScore = -1;
    for (const b of this.services.state.liveBrokers()) {
      const s = score(groupId, b.id);
      if (s > bestScore) {
        best = b;
        bestScore = s;
      }
    }
    return best;
  }

  /** NOT_COORDINATOR unless this broker coordinates the group; moves the group here if it lived elsewhere. */
  private route(groupId: string, brokerId: number): Route {
    if (this.closed) return { ok: false, error: KafkaError.COORDINATOR_NOT_AVAILABLE };
    const c = this.coordinatorFor(groupId);
    if (!c) return { ok: false, error: KafkaError.COORDINATOR_NOT_AVAILABLE };
    if (c.id !== brokerId) return { ok: false, error: KafkaError.NOT_COORDINATOR };
    const g = this.groups.get(groupId);
    if (g && g.coordinatorId !== brokerId) this.moveGroup(g, brokerId);
    return { ok: true };
  }

  private moveGroup(g: Group, brokerId: number): void {
    this.services.log(
      `group ${g.groupId}: coordinator moved from broker ${g.coordinatorId} to ${brokerId}; members must rejoin`,
    );
    g.coordinatorId = brokerId;
    for (const m of [...g.members.values()]) this.dropMember(g, m, KafkaError.NOT_COORDINATOR);
    for (const t of g.pending.values()) clearTimeout(t);
    g.pending.clear();
    this.clearRebalanceTimer(g);
    g.state = 'Empty';
    g.leaderId = null;
    g.protocolName = null;
  }

  private newGroup(groupId: string, brokerId: number): Group {
    const g: Group = {
      groupId,
      state: 'Empty',
      generationId: 0,
      protocolType: null,
      protocolName: null,
      leaderId: null,
      members: new Map(),
      pending: new Map(),
      rebalanceTimer: null,
      initialDelay: false,
      coordinatorId: brokerId,
    };
    this.groups.set(groupId, g);
    return g;
  }

  // ---- JoinGroup ------------------------------------------------------------------------------

  join(brokerId: number, req: JoinGroupRequest): JoinGroupResult | Promise<JoinGroupResult> {
    const fail = (error: number, memberId = req.memberId): JoinGroupResult => ({
      error,
      generationId: -1,
      protocolName: '',
      leaderId: '',
      memberId,
      members: [],
    });
    if (req.groupId === '') return fail(KafkaError.INVALID_GROUP_ID);
    const route = this.route(req.groupId, brokerId);
    if (!route.ok) return fail(route.error);
    if (
      req.sessionTimeoutMs < this.config.minSessionTimeoutMs ||
      req.sessionTimeoutMs > this.config.maxSessionTimeoutMs
    ) {
      return fail(KafkaError.INVALID_SESSION_TIMEOUT);
    }
    const unknownMember = req.memberId === '';
    let g = this.groups.get(req.groupId);
    if (!g) {
      if (!unknownMember) return fail(KafkaError.UNKNOWN_MEMBER_ID);
      g = this.newGroup(req.groupId, brokerId);
    }
    if (!this.supportsProtocols(g, req.protocolType, req.protocols))
      return fail(KafkaError.INCONSISTENT_GROUP_PROTOCOL);

    if (unknownMember) {
      const memberId = `${req.clientId}-${randomUUID()}`;
      if (req.requireKnownMemberId) {
        // KIP-394: hand out the id first; the member is only added when it joins with it.
        const group = g;
        g.pending.set(memberId, unref(setTimeout(() => this.expirePending(group, memberId), req.sessionTimeoutMs)));
        return fail(KafkaError.MEMBER_ID_REQUIRED, memberId);
      }
      return this.addMemberAndRebalance(g, memberId, req);
    }
    const pendingTimer = g.pending.get(req.memberId);
    if (pendingTimer) {
      clearTimeout(pendingTimer);
      g.pending.delete(req.memberId);
      return this.addMemberAndRebalance(g, req.memberId, req);
    }
    const m = g.members.get(req.memberId);
    if (!m) return fail(KafkaError.UNKNOWN_MEMBER_ID);
    switch (g.state) {
      case 'PreparingRebalance':
        return this.updateMemberAndRebalance(g, m, req);
      case 'CompletingRebalance':
        // The member did not see the join response (e.g. a retry): same protocols, same answer.
        if (sameProtocols(m.protocols, req.protocols)) return this.joinResult(g, m, true);
        return this.updateMemberAndRebalance(g, m, req);
      case 'Stable':
        if (m.memberId === g.leaderId || !sameProtocols(m.protocols, req.protocols))
          return this.updateMemberAndRebalance(g, m, req);
        this.touch(m);
        return this.joinResult(g, m, false);
      default:
        return fail(KafkaError.UNKNOWN_MEMBER_ID);
    }
  }

  private supportsProtocols(g: Group, protocolType: string, protocols: GroupProtocol[]): boolean {
    if (protocolType === '' || protocols.length === 0) return false;
    if (g.members.size === 0) return true;
    if (g.protocolType !== protocolType) return false;
    return protocols.some((p) => [...g.members.values()].every((m) => m.protocols.some((q) => q.name === p.name)));
  }

  private joinResult(g: Group, m: Member, withMembers: boolean): JoinGroupResult {
    const isLeader = m.memberId === g.leaderId;
    return {
      error: KafkaError.NONE,
      generationId: g.generationId,
      protocolName: g.protocolName ?? '',
      leaderId: g.leaderId ?? '',
      memberId: m.memberId,
      members:
        isLeader && withMembers
          ? [...g.members.values()].map((x) => ({
              memberId: x.memberId,
              groupInstanceId: x.groupInstanceId,
              metadata: x.protocols.find((p) => p.name === g.protocolName)?.metadata ?? EMPTY,
            }))
          : [],
    };
  }

  private addMemberAndRebalance(g: Group, memberId: string, req: JoinGroupRequest): Promise<JoinGroupResult> {
    const m: Member = {
      groupId: g.groupId,
      memberId,
      groupInstanceId: req.groupInstanceId,
      clientId: req.clientId,
      clientHost: req.clientHost,
      sessionTimeoutMs: req.sessionTimeoutMs,
      rebalanceTimeoutMs: req.rebalanceTimeoutMs,
      protocolType: req.protocolType,
      protocols: req.protocols,
      assignment: EMPTY,
      awaitingJoin: null,
      awaitingSync: null,
      sessionTimer: null,
    };
    if (g.members.size === 0) g.protocolType = req.protocolType;
    g.members.set(memberId, m);
    if (g.leaderId === null) g.leaderId = memberId;
    const result = new Promise<JoinGroupResult>((resolve) => {
      m.awaitingJoin = resolve;
    });
    this.services.log(`group ${g.groupId}: member ${memberId} joined`);
    this.prepareRebalance(g);
    this.tryCompleteJoin(g);
    return result;
  }

  private updateMemberAndRebalance(g: Group, m: Member, req: JoinGroupRequest): Promise<JoinGroupResult> {
    m.protocols = req.protocols;
    m.sessionTimeoutMs = req.sessionTimeoutMs;
    m.rebalanceTimeoutMs = req.rebalanceTimeoutMs;
    const result = new Promise<JoinGroupResult>((resolve) => {
      // A second join while one is waiting: the older request gets no answer worth reading.
      m.awaitingJoin?.({
        error: KafkaError.UNKNOWN_MEMBER_ID,
        generationId: -1,
        protocolName: '',
        leaderId: '',
        memberId: m.memberId,
        members: [],
      });
      m.awaitingJoin = resolve;
    });
    this.prepareRebalance(g);
    this.tryCompleteJoin(g);
    return result;
  }

  /** Moves the group to PreparingRebalance (once); members learn it from their heartbeats. */
  private prepareRebalance(g: Group): void {
    if (g.state === 'PreparingRebalance') return;
    if (g.state === 'CompletingRebalance') {
      for (const m of g.members.values()) {
        m.assignment = EMPTY;
        this.answerSync(m, { error: KafkaError.REBALANCE_IN_PROGRESS, assignment: EMPTY });
      }
    }
    const initial = g.state === 'Empty';
    g.state = 'PreparingRebalance';
    const rebalanceTimeout = Math.max(0, ...[...g.members.values()].map((m) => m.rebalanceTimeoutMs));
    this.clearRebalanceTimer(g);
    // A new group waits a little for more members so that they start in one generation; an
    // existing one waits for its members to rejoin, at most the longest rebalance timeout.
    const delay = initial ? Math.min(this.config.initialRebalanceDelayMs, rebalanceTimeout) : rebalanceTimeout;
    g.initialDelay = initial;
    g.rebalanceTimer = unref(
      setTimeout(() => {
        g.rebalanceTimer = null;
        g.initialDelay = false;
        this.completeJoin(g);
      }, delay),
    );
    this.services.log(`group ${g.groupId}: preparing rebalance (generation ${g.generationId})`);
  }

  private tryCompleteJoin(g: Group): void {
    if (g.state !== 'PreparingRebalance' || g.initialDelay) return;
    if (g.pending.size > 0) return;
    for (const m of g.members.values()) if (!m.awaitingJoin) return;
    this.completeJoin(g);
  }

  private completeJoin(g: Group): void {
    if (g.state !== 'PreparingRebalance') return;
    this.clearRebalanceTimer(g);
    // Members that did not rejoin in time are out.
    for (const m of [...g.members.values()]) if (!m.awaitingJoin) this.dropMember(g, m, KafkaError.UNKNOWN_MEMBER_ID);
    g.generationId++;
    if (g.members.size === 0) {
      g.state = 'Empty';
      g.leaderId = null;
      g.protocolName = null;
      this.services.log(`group ${g.groupId}: empty at generation ${g.generationId}`);
      return;
    }
    g.protocolName = this.selectProtocol(g);
    if (g.leaderId === null || !g.members.has(g.leaderId)) g.leaderId = g.members.keys().next().value ?? null;
    g.state = 'CompletingRebalance';
    this.services.log(
      `group ${g.groupId}: generation ${g.generationId} with ${g.members.size} member(s), protocol ${g.protocolName}`,
    );
    for (const m of g.members.values()) {
      const answer = m.awaitingJoin;
      m.awaitingJoin = null;
      this.touch(m);
      answer?.(this.joinResult(g, m, true));
    }
  }

  /** Among the protocols every member supports, the one most members list first (Kafka's vote). */
  private selectProtocol(g: Group): string {
    const members = [...g.members.values()];
    const candidates = members[0].protocols
      .map((p) => p.name)
      .filter((name) => members.every((m) => m.protocols.some((p) => p.name === name)));
    const votes = new Map<string, number>();
    for (const m of members) {
      const choice = m.protocols.find((p) => candidates.includes(p.name));
      if (choice) votes.set(choice.name, (votes.get(choice.name) ?? 0) + 1);
    }
    let best = candidates[0] ?? members[0].protocols[0].name;
    for (const [name, n] of votes) if (n > (votes.get(best) ?? 0)) best = name;
    return best;
  }

  // ---- SyncGroup ------------------------------------------------------------------------------

  sync(
    brokerId: number,
    req: {
      groupId: string;
      generationId: number;
      memberId: string;
      assignments: Array<{ memberId: string; assignment: Buffer }>;
    },
  ): SyncGroupResult | Promise<SyncGroupResult> {
    const fail = (error: number): SyncGroupResult => ({ error, assignment: EMPTY });
    if (req.groupId === '') return fail(KafkaError.INVALID_GROUP_ID);
    const route = this.route(req.groupId, brokerId);
    if (!route.ok) return fail(route.error);
    const g = this.groups.get(req.groupId);
    const m = g?.members.get(req.memberId);
    if (!g || !m) return fail(KafkaError.UNKNOWN_MEMBER_ID);
    if (req.generationId !== g.generationId) return fail(KafkaError.ILLEGAL_GENERATION);
    switch (g.state) {
      case 'PreparingRebalance':
        return fail(KafkaError.REBALANCE_IN_PROGRESS);
      case 'Stable':
        this.touch(m);
        return { error: KafkaError.NONE, assignment: m.assignment };
      case 'CompletingRebalance': {
        const result = new Promise<SyncGroupResult>((resolve) => {
          this.answerSync(m, { error: KafkaError.REBALANCE_IN_PROGRESS, assignment: EMPTY });
          m.awaitingSync = resolve;
        });
        if (m.memberId === g.leaderId) {
          const given = new Map(req.assignments.map((a) => [a.memberId, a.assignment]));
          for (const x of g.members.values()) x.assignment = given.get(x.memberId) ?? EMPTY;
          g.state = 'Stable';
          this.services.log(`group ${g.groupId}: stable at generation ${g.generationId}`);
          for (const x of g.members.values()) this.answerSync(x, { error: KafkaError.NONE, assignment: x.assignment });
        }
        return result;
      }
      default:
        return fail(KafkaError.UNKNOWN_MEMBER_ID);
    }
  }

  private answerSync(m: Member, r: SyncGroupResult): void {
    const answer = m.awaitingSync;
    m.awaitingSync = null;
    if (answer) {
      this.touch(m);
      answer(r);
    }
  }

  // ---- Heartbeat, LeaveGroup, session expiry ---------------------------------------------------

  heartbeat(brokerId: number, groupId: string, generationId: number, memberId: string): number {
    if (groupId === '') return KafkaError.INVALID_GROUP_ID;
    const route = this.route(groupId, brokerId);
    if (!route.ok) return route.error;
    const g = this.groups.get(groupId);
    const m = g?.members.get(memberId);
    if (!g || !m) return KafkaError.UNKNOWN_MEMBER_ID;
    if (generationId !== g.generationId) return KafkaError.ILLEGAL_GENERATION;
    switch (g.state) {
      case 'CompletingRebalance':
        return KafkaError.REBALANCE_IN_PROGRESS;
      case 'PreparingRebalance':
        this.touch(m);
        return KafkaError.REBALANCE_IN_PROGRESS;
      case 'Stable':
        this.touch(m);
        return KafkaError.NONE;
      default:
        return KafkaError.UNKNOWN_MEMBER_ID;
    }
  }

  /** Removes the given members; the top-level error and one error per member (LeaveGroup v3 batches them). */
  leave(
    brokerId: number,
    groupId: string,
    memberIds: string[],
  ): { error: number; members: Array<{ memberId: string; error: number }> } {
    if (groupId === '') return { error: KafkaError.INVALID_GROUP_ID, members: [] };
    const route = this.route(groupId, brokerId);
    if (!route.ok) return { error: route.error, members: [] };
    const g = this.groups.get(groupId);
    const members = memberIds.map((memberId) => {
      const m = g?.members.get(memberId);
      if (!g || !m) return { memberId, error: KafkaError.UNKNOWN_MEMBER_ID };
      this.services.log(`group ${groupId}: member ${memberId} left`);
      this.removeMemberAndUpdateGroup(g, m);
      return { memberId, error: KafkaError.NONE };
    });
    return { error: KafkaError.NONE, members };
  }

  /** Restarts a member's session timer: it has shown it is alive. */
  private touch(m: Member): void {
    if (m.sessionTimer) clearTimeout(m.sessionTimer);
    m.sessionTimer = unref(setTimeout(() => this.expireMember(m), m.sessionTimeoutMs));
  }

  private expireMember(m: Member): void {
    m.sessionTimer = null;
    const g = this.groups.get(m.groupId);
    if (!g || g.members.get(m.memberId) !== m) return;
    // A member waiting for its join or sync answer is alive by definition.
    if (m.awaitingJoin || m.awaitingSync) {
      this.touch(m);
      return;
    }
    this.services.log(`group ${g.groupId}: member ${m.memberId} session timed out after ${m.sessionTimeoutMs} ms`);
    this.removeMemberAndUpdateGroup(g, m);
  }

  private expirePending(g: Group, memberId: string): void {
    if (!g.pending.delete(memberId)) return;
    this.tryCompleteJoin(g);
  }

  private removeMemberAndUpdateGroup(g: Group, m: Member): void {
    this.dropMember(g, m, KafkaError.UNKNOWN_MEMBER_ID);
    if (g.state === 'Stable' || g.state === 'CompletingRebalance') this.prepareRebalance(g);
    this.tryCompleteJoin(g);
  }

  private dropMember(g: Group, m: Member, error: number): void {
    g.members.delete(m.memberId);
    if (m.sessionTimer) clearTimeout(m.sessionTimer);
    m.sessionTimer = null;
    const join = m.awaitingJoin;
    m.awaitingJoin = null;
    join?.({ error, generationId: -1, protocolName: '', leaderId: '', memberId: m.memberId, members: [] });
    const sync = m.awaitingSync;
    m.awaitingSync = null;
    sync?.({ error, assignment: EMPTY });
  }

  private clearRebalanceTimer(g: Group): void {
    if (g.rebalanceTimer) clearTimeout(g.rebalanceTimer);
    g.rebalanceTimer = null;
    g.initialDelay = false;
  }

  // ---- Offsets ---------------------------------------------------------------------------------

  /** Checks who may commit (Kafka 2.4's handleCommitOffsets) and stores the offsets; one error per partition. */
  commitOffsets(
    brokerId: number,
    req: OffsetCommitRequest,
    knownTopic: (topic: string, partition: number) => boolean,
  ): number[][] {
    const all = (error: number) => req.topics.map((t) => t.partitions.map(() => error));
    const route = this.route(req.groupId, brokerId);
    if (!route.ok) return all(route.error);
    let g = this.groups.get(req.groupId);
    let error: number = KafkaError.NONE;
    if (!g) {
      // No group: only a client that manages its own partitions (generation -1) may store offsets.
      if (req.generationId < 0) g = this.newGroup(req.groupId, brokerId);
      else error = KafkaError.ILLEGAL_GENERATION;
    } else if (req.generationId < 0 && g.state === 'Empty') {
      error = KafkaError.NONE;
    } else if (g.state === 'CompletingRebalance') {
      error = KafkaError.REBALANCE_IN_PROGRESS;
    } else if (!g.members.has(req.memberId)) {
      error = KafkaError.UNKNOWN_MEMBER_ID;
    } else if (req.generationId !== g.generationId) {
      error = KafkaError.ILLEGAL_GENERATION;
    }
    if (error !== KafkaError.NONE) return all(error);
    const member = g?.members.get(req.memberId);
    if (member) this.touch(member);
    const now = Date.now();
    const accepted: CommittedOffset[] = [];
    const errors = req.topics.map((t) =>
      t.partitions.map((p) => {
        if (!knownTopic(t.name, p.index)) return KafkaError.UNKNOWN_TOPIC_OR_PARTITION;
        if (p.metadata !== null && Buffer.byteLength(p.metadata, 'utf8') > this.config.maxMetadataBytes)
          return KafkaError.OFFSET_METADATA_TOO_LARGE;
        accepted.push({
          topic: t.name,
          partition: p.index,
          offset: p.offset,
          leaderEpoch: p.leaderEpoch,
          metadata: p.metadata,
          commitTimestamp: now,
        });
        return KafkaError.NONE;
      }),
    );
    this.offsets.commit(req.groupId, accepted);
    return errors;
  }

  /** Committed offsets of the listed partitions, or of every partition the group committed (topics null). */
  fetchOffsets(
    brokerId: number,
    groupId: string,
    topics: Array<{ name: string; partitions: number[] }> | null,
  ): OffsetFetchResult {
    const route = this.route(groupId, brokerId);
    if (!route.ok) {
      return {
        error: route.error,
        topics: (topics ?? []).map((t) => ({
          name: t.name,
          partitions: t.partitions.map((index) => ({
            index,
            offset: -1,
            leaderEpoch: -1,
            metadata: '',
            error: route.error,
          })),
        })),
      };
    }
    if (topics === null) {
      const byTopic = new Map<string, OffsetFetchResult['topics'][number]>();
      for (const o of this.offsets.all(groupId)) {
        let t = byTopic.get(o.topic);
        if (!t) {
          t = { name: o.topic, partitions: [] };
          byTopic.set(o.topic, t);
        }
        t.partitions.push({
          index: o.partition,
          offset: o.offset,
          leaderEpoch: o.leaderEpoch,
          metadata: o.metadata,
          error: KafkaError.NONE,
        });
      }
      return { error: KafkaError.NONE, topics: [...byTopic.values()] };
    }
    return {
      error: KafkaError.NONE,
      topics: topics.map((t) => ({
        name: t.name,
        partitions: t.partitions.map((index) => {
          const o = this.offsets.get(groupId, t.name, index);
          // Nothing committed: offset -1 and empty metadata, with no error, as Kafka answers.
          return o
            ? { index, offset: o.offset, leaderEpoch: o.leaderEpoch, metadata: o.metadata, error: KafkaError.NONE }
            : { index, offset: -1, leaderEpoch: -1, metadata: '', error: KafkaError.NONE };
        }),
      })),
    };
  }

  // ---- ListGroups, DescribeGroups ----------------------------------------------------------------

  /** Groups this broker coordinates, including ones that only hold committed offsets. */
  listGroups(brokerId: number): Array<{ groupId: string; protocolType: string }> {
    if (this.closed) return [];
    const ids = new Set([...this.groups.keys(), ...this.offsets.groupIds()]);
    return [...ids]
      .filter((id) => this.coordinatorFor(id)?.id === brokerId)
      .sort()
      .map((groupId) => ({ groupId, protocolType: this.groups.get(groupId)?.protocolType ?? '' }));
  }

  describeGroup(brokerId: number, groupId: string): GroupDescription {
    const route = this.route(groupId, brokerId);
    const dead = (error: number): GroupDescription => ({
      error,
      groupId,
      state: 'Dead',
      protocolType: '',
      protocolName: '',
      members: [],
    });
    if (!route.ok) return dead(route.error);
    const g = this.groups.get(groupId);
    if (!g) return this.offsets.has(groupId) ? { ...dead(KafkaError.NONE), state: 'Empty' } : dead(KafkaError.NONE);
    // Like Kafka, member metadata and assignments are only shown once the group is stable.
    const stable = g.state === 'Stable';
    return {
      error: KafkaError.NONE,
      groupId,
      state: g.state,
      protocolType: g.protocolType ?? '',
      protocolName: stable ? (g.protocolName ?? '') : '',
      members: [...g.members.values()].map((m) => ({
        memberId: m.memberId,
        groupInstanceId: m.groupInstanceId,
        clientId: m.clientId,
        clientHost: m.clientHost,
        metadata: stable ? (m.protocols.find((p) => p.name === g.protocolName)?.metadata ?? EMPTY) : EMPTY,
        assignment: stable ? m.assignment : EMPTY,
      })),
    };
  }

  /** Cluster closed: stop every timer and answer every waiting request so nothing hangs. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.services.events.off('topic-deleted', this.onTopicDeleted);
    for (const g of this.groups.values()) {
      this.clearRebalanceTimer(g);
      for (const t of g.pending.values()) clearTimeout(t);
      g.pending.clear();
      for (const m of [...g.members.values()]) this.dropMember(g, m, KafkaError.COORDINATOR_NOT_AVAILABLE);
    }
  }
}

/** The coordinator installed in a cluster's services (see extensions.ts). */
export function groupCoordinatorOf(services: SandboxServices): GroupCoordinator {
  const c = services.extensions.get(GROUP_COORDINATOR);
  if (!(c instanceof GroupCoordinator)) throw new Error('the group coordinator is not installed');
  return c;
}

export function installGroupCoordinator(services: SandboxServices): void {
  services.extensions.set(GROUP_COORDINATOR, new GroupCoordinator(services));
}

/** "/127.0.0.1", the way Kafka shows a member's host, from "127.0.0.1:53412". */
export function clientHostOf(remoteAddress: string): string {
  const i = remoteAddress.lastIndexOf(':');
  return `/${i > 0 ? remoteAddress.slice(0, i) : remoteAddress}`;
}
