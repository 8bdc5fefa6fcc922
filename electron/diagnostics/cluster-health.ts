// Cluster health for the Diagnostics screen: which brokers answer and how fast, who is the
// controller, and the state of the order topic's partitions. Never throws: a cluster that
// cannot be reached is reported as such, with the reason.
import type { KafkaConfig, PartitionMetadata } from 'kafkajs';
import type { ClusterHealth } from '../../shared/diagnostics-types';
import { probeBroker, type ProbeResult } from './broker-probe';
import { brokerList, DIAGNOSTIC_TIMEOUT_MS, withAdmin } from './diagnostic-admin';

type Health = ClusterHealth;
type BrokerRow = Health['brokers'][number];

/**
 * Brokers seen in earlier looks, by node id. Kafka's metadata lists live brokers only, so a
 * stopped broker would simply vanish from the table; remembering it lets the screen show it
 * as unreachable instead.
 */
export type BrokerMemory = Map<number, { host: string; port: number }>;

interface ClusterView {
  clusterId: string | null;
  controllerId: number | null;
  brokers: Array<{ nodeId: number; host: string; port: number }>;
  topicExists: boolean;
  partitions: PartitionMetadata[];
}

export async function checkClusterHealth(
  config: KafkaConfig,
  topic: string,
  memory: BrokerMemory = new Map(),
): Promise<ClusterHealth> {
  const checkedAt = new Date().toISOString();
  try {
    const view = await withAdmin(config, async (admin): Promise<ClusterView> => {
      const cluster = await admin.describeCluster();
      const topics = await admin.listTopics();
      const topicExists = topics.includes(topic);
      const partitions = topicExists ? (await admin.fetchTopicMetadata({ topics: [topic] })).topics[0]?.partitions ?? [] : [];
      return {
        clusterId: cluster.clusterId ?? null,
        controllerId: cluster.controller,
        brokers: cluster.brokers,
        topicExists,
        partitions,
      };
    });

    if (!view.ok) {
      // Still probe what we know, so the operator sees which addresses answer at all.
      const brokers = await probeKnown(config, [], memory, bootstrapTargets(config));
      return {
        checkedAt,
        reachable: false,
        clusterId: null,
        controllerId: null,
        brokers,
        topic: { name: topic, exists: false, partitions: [] },
        error: view.error,
      };
    }

    const v = view.value;
    for (const b of v.brokers) memory.set(b.nodeId, { host: b.host, port: b.port });
    const live = new Set(v.brokers.map((b) => b.nodeId));
    const partitions = v.partitions
      .map((p) => partitionHealth(p, live))
      .sort((a, b) => a.partition - b.partition);
    const replicaIds = new Set(v.partitions.flatMap((p) => p.replicas));
    const brokers = await probeKnown(config, v.brokers, memory, [], replicaIds, v.controllerId);
    return {
      checkedAt,
      reachable: true,
      clusterId: v.clusterId,
      controllerId: v.controllerId,
      brokers,
      topic: { name: topic, exists: v.topicExists, partitions },
      error: null,
    };
  } catch (e) {
    // withAdmin and the probes catch their own failures; this is the last guard of "never throws".
    return {
      checkedAt,
      reachable: false,
      clusterId: null,
      controllerId: null,
      brokers: [],
      topic: { name: topic, exists: false, partitions: [] },
      error: { code: 'internal', params: { detail: (e as Error).message } },
    };
  }
}

export function partitionHealth(p: PartitionMetadata, liveBrokers: Set<number>): Health['topic']['partitions'][number] {
  const offlineReplicas = [
    ...new Set([...(p.offlineReplicas ?? []), ...p.replicas.filter((r) => !liveBrokers.has(r))]),
  ].sort((a, b) => a - b);
  const offline = p.leader < 0 || !liveBrokers.has(p.leader);
  return {
    partition: p.partitionId,
    leader: p.leader,
    replicas: p.replicas,
    isr: p.isr,
    offlineReplicas,
    underReplicated: p.isr.length < p.replicas.length,
    offline,
  };
}

function bootstrapTargets(config: KafkaConfig): Array<{ host: string; port: number }> {
  return brokerList(config).flatMap((addr) => {
    const i = addr.lastIndexOf(':');
    const port = Number(addr.slice(i + 1));
    return i > 0 && Number.isInteger(port) ? [{ host: addr.slice(0, i), port }] : [];
  });
}

async function probeKnown(
  config: KafkaConfig,
  metadataBrokers: Array<{ nodeId: number; host: string; port: number }>,
  memory: BrokerMemory,
  extraAddresses: Array<{ host: string; port: number }>,
  replicaIds: Set<number> = new Set(),
  controllerId: number | null = null,
): Promise<BrokerRow[]> {
  const rows = new Map<number, { host: string; port: number; inMetadata: boolean }>();
  for (const b of metadataBrokers) rows.set(b.nodeId, { host: b.host, port: b.port, inMetadata: true });
  for (const [nodeId, addr] of memory) if (!rows.has(nodeId)) rows.set(nodeId, { ...addr, inMetadata: false });

  const opts = {
    clientId: config.clientId ?? 'order-desk-diagnostics',
    ssl: config.ssl,
    sasl: config.sasl,
    timeoutMs: DIAGNOSTIC_TIMEOUT_MS,
  };
  const known = [...rows.entries()];
  const addressKey = (h: string, p: number) => `${h}:${p}`;
  const knownAddresses = new Set(known.map(([, a]) => addressKey(a.host, a.port)));
  const extras = extraAddresses.filter((a) => !knownAddresses.has(addressKey(a.host, a.port)));

  const [knownProbes, extraProbes] = await Promise.all([
    Promise.all(known.map(([, a]) => probeBroker(a, opts))),
    Promise.all(extras.map((a) => probeBroker(a, opts))),
  ]);

  const out: BrokerRow[] = known.map(([nodeId, a], i) =>
    row(nodeId, a.host, a.port, knownProbes[i], controllerId, a.inMetadata ? null : 'not in the cluster metadata'),
  );
  extras.forEach((a, i) => out.push(row(extraProbes[i].nodeId ?? -1, a.host, a.port, extraProbes[i], controllerId, null)));
  // A replica on a broker we have never seen: show it, it is certainly not serving.
  for (const id of replicaIds) {
    if (!rows.has(id)) {
      out.push({ nodeId: id, host: '', port: 0, reachable: false, rttMs: null, isController: false, error: 'not in the cluster metadata' });
    }
  }
  return out.sort((a, b) => a.nodeId - b.nodeId);
}

function row(
  nodeId: number,
  host: string,
  port: number,
  probe: ProbeResult,
  controllerId: number | null,
  note: string | null,
): BrokerRow {
  return {
    nodeId,
    host,
    port,
    reachable: probe.reachable,
    rttMs: probe.rttMs === null ? null : Math.round(probe.rttMs * 100) / 100,
    isController: controllerId !== null && nodeId === controllerId,
    error: probe.error ?? (probe.reachable ? null : note),
  };
}
