// Cluster health for the Diagnostics screen: which brokers answer and how fast, who is the
// controller (the metadata quorum's leader, never Metadata's controller_id: see
// cluster/active-controller.ts), the state of the order topic's partitions, and every other topic that has a
// problem. One Metadata request (the wire module's, through the cluster client) carries an
// error per topic and per partition, so an offline partition of some unrelated topic is
// reported for that topic and the rest of the page still shows. (kafkajs's metadata call
// threw for the whole cluster in that case, and the page went blank.) Never throws: a cluster
// that cannot be reached is reported as such, with the reason.
import type { ClusterHealth, TopicProblem } from '../../shared/diagnostics-types';
import { appError, type AppError } from '../../shared/error-codes';
import {
  bootstrapAddresses,
  DIAGNOSTIC_TIMEOUTS,
  withTimeouts,
  type BrokerAddress,
  type ClusterConfig,
} from '../cluster/cluster-config';
import { ClusterClient, type ClusterMetadata } from '../cluster/cluster-client';
import { activeController, type ActiveController } from '../cluster/active-controller';
import { endpointMatcher } from '../cluster/broker-endpoint';
import { probeBroker, PROBE_TIMEOUTS, refusedAt, type ProbeResult } from '../cluster/broker-probe';
import { clusterErrorToAppError } from '../cluster/error-mapper';
import type { MetadataPartition, MetadataTopic } from '../kafka-wire/apis/metadata';
import { KafkaError, kafkaErrorInfo } from '../kafka-wire/error-codes';

type Health = ClusterHealth;
type BrokerRow = Health['brokers'][number];
type PartitionRow = Health['topic']['partitions'][number];

/**
 * Brokers seen in earlier looks, by node id. Kafka's metadata lists live brokers only, so a
 * stopped broker would simply vanish from the table; remembering it lets the screen show it
 * as unreachable instead.
 */
export type BrokerMemory = Map<number, BrokerAddress>;

const errorName = (code: number): string | null => (code === KafkaError.NONE ? null : kafkaErrorInfo(code).name);

export async function checkClusterHealth(
  config: ClusterConfig,
  topic: string,
  memory: BrokerMemory = new Map(),
): Promise<ClusterHealth> {
  const checkedAt = new Date().toISOString();
  const unreachable = (error: Health['error'], brokers: BrokerRow[]): ClusterHealth => ({
    checkedAt,
    reachable: false,
    clusterId: null,
    controllerId: null,
    brokers,
    topic: { name: topic, exists: false, error: null, minInsyncReplicas: null, partitions: [] },
    otherTopics: [],
    error,
  });
  if (config.brokers.length === 0) return unreachable(appError('cluster.noBrokers'), []);
  try {
    const client = new ClusterClient(withTimeouts(config, DIAGNOSTIC_TIMEOUTS));
    let meta: ClusterMetadata;
    let orderTopic: MetadataTopic | undefined;
    let minIsr: number | null = null;
    const otherMinIsr = new Map<string, number | null>();
    try {
      meta = await client.metadata(null);
      // Asking for every topic lists only those the credentials may see; ask for the order
      // topic by name when it is not there, to tell "missing" from "not allowed".
      orderTopic =
        meta.topics.find((t) => t.name === topic) ??
        (await client.metadata([topic])).topics.find((t) => t.name === topic);
      // The bar below which acks=all writes are refused; unknown (null) if not allowed to ask.
      const minIsrOf = (name: string) =>
        client
          .topicConfigs(name, ['min.insync.replicas'])
          .then((c) => numberOrNull(c.get('min.insync.replicas')))
          .catch(() => null);
      // Another topic's in-sync count means nothing without its own bar (a topic may set its
      // own min.insync.replicas): asked only of topics with a partition short of replicas, so a
      // healthy cluster costs no extra request. Asked together with the order topic's.
      const short = meta.topics.filter(
        (t) =>
          t.name !== topic &&
          t.errorCode === KafkaError.NONE &&
          t.partitions.some((p) => p.isrNodes.length < p.replicaNodes.length),
      );
      const ownBar = orderTopic && orderTopic.errorCode === KafkaError.NONE ? minIsrOf(topic) : null;
      await Promise.all(short.map(async (t) => otherMinIsr.set(t.name, await minIsrOf(t.name))));
      minIsr = await ownBar;
    } catch (e) {
      // Still probe what we know, so the operator sees which addresses answer at all.
      const probed = await probeKnown(config, [], memory, bootstrapAddresses(config));
      return unreachable(refusedAt(probed, clusterErrorToAppError(e, config.brokers)), probed);
    } finally {
      client.close();
    }

    // Asked beside the probes: a quorum without a majority may take the whole request timeout.
    const asked = activeController(withTimeouts(config, DIAGNOSTIC_TIMEOUTS));
    for (const b of meta.brokers) memory.set(b.nodeId, { host: b.host, port: b.port });
    const live = new Set(meta.brokers.map((b) => b.nodeId));
    const code = orderTopic?.errorCode ?? KafkaError.UNKNOWN_TOPIC_OR_PARTITION;
    // Not allowed to describe it: whether it exists is unknown, and the error says why.
    const exists = code !== KafkaError.UNKNOWN_TOPIC_OR_PARTITION && code !== KafkaError.TOPIC_AUTHORIZATION_FAILED;
    const topicError = code === KafkaError.UNKNOWN_TOPIC_OR_PARTITION ? null : errorName(code);
    const partitions = exists
      ? orderTopic!.partitions.map((p) => partitionHealth(p, live, minIsr)).sort((a, b) => a.partition - b.partition)
      : [];
    const replicaIds = new Set(exists ? orderTopic!.partitions.flatMap((p) => p.replicaNodes) : []);
    // The configured addresses too: a broker down since before this terminal's first look is in
    // no metadata and no memory, and its address is what the operator typed (it showed as a node
    // id with "address unknown").
    const [probed, controller] = await Promise.all([
      probeKnown(config, meta.brokers, memory, bootstrapAddresses(config), replicaIds),
      asked,
    ]);
    const controllerId = controllerIdOf(controller, meta.controllerId);
    const brokers = probed.map((b) => ({ ...b, isController: controllerId !== null && b.nodeId === controllerId }));
    return {
      checkedAt,
      reachable: true,
      clusterId: meta.clusterId,
      controllerId,
      brokers,
      topic: { name: topic, exists, error: topicError, minInsyncReplicas: minIsr, partitions },
      otherTopics: topicProblems(
        meta.topics.filter((t) => t.name !== topic),
        live,
        otherMinIsr,
      ),
      error: null,
    };
  } catch (e) {
    // The client and the probes catch their own failures; this is the last guard of "never throws".
    return unreachable(appError('internal', { detail: (e as Error).message }), []);
  }
}

/**
 * The controller to show, or null (unknown) when the quorum could not be asked or knows no
 * leader. Only a ZooKeeper-mode cluster (no DescribeQuorum) is taken at Metadata's word, which
 * there names the real controller.
 */
export function controllerIdOf(controller: ActiveController, metadataControllerId: number): number | null {
  if (controller.kind === 'leader') return controller.nodeId;
  if (controller.kind === 'noQuorum') return metadataControllerId >= 0 ? metadataControllerId : null;
  return null;
}

function numberOrNull(v: string | null | undefined): number | null {
  return v != null && /^\d+$/.test(v) ? Number(v) : null;
}

/** `minIsr`: the topic's min.insync.replicas, when known; below it, writes are blocked. */
export function partitionHealth(
  p: MetadataPartition,
  liveBrokers: Set<number>,
  minIsr: number | null = null,
): PartitionRow {
  const offlineReplicas = [
    ...new Set([...p.offlineReplicas, ...p.replicaNodes.filter((r) => !liveBrokers.has(r))]),
  ].sort((a, b) => a - b);
  const offline = p.leaderId < 0 || !liveBrokers.has(p.leaderId);
  return {
    partition: p.partitionIndex,
    leader: p.leaderId,
    replicas: p.replicaNodes,
    isr: p.isrNodes,
    offlineReplicas,
    underReplicated: p.isrNodes.length < p.replicaNodes.length,
    writesBlocked: !offline && minIsr !== null && p.isrNodes.length < minIsr,
    offline,
    error: errorName(p.errorCode),
  };
}

/**
 * The other topics with their own error or a partition that is offline, in error or
 * under-replicated; only those partitions. `minIsrOf`: each topic's effective
 * min.insync.replicas, when known, judged by partitionHealth as the order topic's are.
 */
export function topicProblems(
  topics: MetadataTopic[],
  liveBrokers: Set<number>,
  minIsrOf: ReadonlyMap<string, number | null> = new Map(),
): TopicProblem[] {
  const out: TopicProblem[] = [];
  for (const t of topics) {
    const minInsyncReplicas = minIsrOf.get(t.name) ?? null;
    const partitions = t.partitions
      .map((p) => partitionHealth(p, liveBrokers, minInsyncReplicas))
      .filter((p) => p.offline || p.underReplicated || p.error !== null)
      .sort((a, b) => a.partition - b.partition);
    if (t.errorCode === KafkaError.NONE && partitions.length === 0) continue;
    out.push({ name: t.name, internal: t.isInternal, error: errorName(t.errorCode), minInsyncReplicas, partitions });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

async function probeKnown(
  config: ClusterConfig,
  metadataBrokers: Array<{ nodeId: number; host: string; port: number }>,
  memory: BrokerMemory,
  extraAddresses: BrokerAddress[],
  replicaIds: Set<number> = new Set(),
): Promise<BrokerRow[]> {
  const rows = new Map<number, { host: string; port: number; inMetadata: boolean }>();
  for (const b of metadataBrokers) rows.set(b.nodeId, { host: b.host, port: b.port, inMetadata: true });
  for (const [nodeId, addr] of memory) if (!rows.has(nodeId)) rows.set(nodeId, { ...addr, inMetadata: false });

  const probeConfig = withTimeouts(config, PROBE_TIMEOUTS);
  const known = [...rows.entries()];
  // A configured address that is a listed broker's endpoint under another name (localhost for
  // 127.0.0.1) is that broker: probed and shown once, by node id, even while it is down.
  const same = await endpointMatcher([...known.map(([, a]) => a), ...extraAddresses]);
  const extras = extraAddresses.filter((a) => !known.some(([, k]) => same(a, k)));

  const [knownProbes, extraProbes] = await Promise.all([
    Promise.all(known.map(([, a]) => probeBroker(a, probeConfig))),
    Promise.all(extras.map((a) => probeBroker(a, probeConfig))),
  ]);

  const out: BrokerRow[] = known.map(([nodeId, a], i) =>
    row(nodeId, a.host, a.port, knownProbes[i], a.inMetadata ? null : appError('broker.notInMetadata')),
  );
  extras.forEach((a, i) => {
    // Another name for a broker already listed (localhost for 127.0.0.1) is not another broker.
    const id = extraProbes[i].nodeId;
    if (id !== null && rows.has(id)) return;
    out.push(row(id ?? -1, a.host, a.port, extraProbes[i], null));
  });
  // A replica on a broker we have never seen: show it, it is certainly not serving.
  for (const id of replicaIds) {
    if (!rows.has(id)) {
      out.push({
        nodeId: id,
        host: '',
        port: 0,
        reachable: false,
        rttMs: null,
        isController: false,
        error: appError('broker.notInMetadata'),
        detail: null,
      });
    }
  }
  return out.sort((a, b) => a.nodeId - b.nodeId);
}

function row(nodeId: number, host: string, port: number, probe: ProbeResult, note: AppError | null): BrokerRow {
  return {
    nodeId,
    host,
    port,
    reachable: probe.reachable,
    rttMs: probe.rttMs === null ? null : Math.round(probe.rttMs * 100) / 100,
    isController: false,
    error: probe.error ?? (probe.reachable ? null : note),
    detail: probe.detail,
  };
}
