// Probes ONE broker with a connection of its own and times a single Metadata request.
// kafkajs routes metadata requests to whichever broker it likes, so it cannot say "broker 2 is
// down but 1 and 3 answer in 3 ms"; a direct connection per broker can, honestly.
import { Metadata } from '../kafka-wire/apis/metadata';
import { bootstrapAddresses, withTimeouts, type BrokerAddress, type ClusterConfig } from './cluster-config';
import { METADATA_VERSION } from './cluster-client';
import { appError, type AppError } from '../../shared/error-codes';
import { brokerErrorToAppError, errorDetail } from './error-mapper';
import { RawConnection } from './raw-connection';

export interface ProbeResult {
  reachable: boolean;
  /** Round trip of the Metadata request alone (connect and login excluded). */
  rttMs: number | null;
  /** The node id the broker reports for the address we dialled, when it lists itself. */
  nodeId: number | null;
  controllerId: number | null;
  error: AppError | null;
  /** The system's own text for the failure, beside the sentence. */
  detail: string | null;
}

/** A probe must not hold up the page or the benchmark: connecting and answering get 3 s each. */
export const PROBE_TIMEOUTS = { connectMs: 3_000, requestMs: 3_000 };

/**
 * A refused connection as the probes saw it: the client's error names the one address it tried
 * last, so with every broker stopped Diagnostics and the benchmark named one of them as if it
 * alone were down.
 */
export function refusedAt(
  probed: Array<{ host: string; port: number; error: AppError | null }>,
  error: AppError,
): AppError {
  const refused = probed.filter((b) => b.error?.code === 'broker.refused').map((b) => `${b.host}:${b.port}`);
  if (refused.length > 0 && refused.length === probed.length)
    return appError('cluster.allRefused', { brokers: refused.join(', ') });
  if (error.code === 'cluster.refused' && refused.length > 0)
    return { ...error, params: { ...error.params, address: refused.join(', ') } };
  return error;
}

/** `error` (the cluster client's, mapped) said of every configured address, when one was refused. */
export async function refusedAtBootstrap(config: ClusterConfig, error: AppError): Promise<AppError> {
  if (error.code !== 'cluster.refused') return error;
  const probeConfig = withTimeouts(config, PROBE_TIMEOUTS);
  const addresses = bootstrapAddresses(config);
  const probes = await Promise.all(addresses.map((a) => probeBroker(a, probeConfig)));
  return refusedAt(
    addresses.map((a, i) => ({ ...a, error: probes[i].error })),
    error,
  );
}

/** Never throws; the config's timeouts bound how long a dead or silent broker takes to report. */
export async function probeBroker(target: BrokerAddress, config: ClusterConfig): Promise<ProbeResult> {
  let conn: RawConnection | null = null;
  try {
    conn = await RawConnection.open(target, config);
    const started = performance.now();
    // No topics: the broker list and the controller are all a probe needs.
    const meta = await conn.request(Metadata, METADATA_VERSION, { topics: [], allowAutoTopicCreation: false });
    const rttMs = performance.now() - started;
    const self = meta.brokers.find((b) => b.port === target.port && sameHost(b.host, target.host));
    return {
      reachable: true,
      rttMs,
      nodeId: self?.nodeId ?? null,
      controllerId: meta.controllerId,
      error: null,
      detail: null,
    };
  } catch (e) {
    return {
      reachable: false,
      rttMs: null,
      nodeId: null,
      controllerId: null,
      error: brokerErrorToAppError(e, `${target.host}:${target.port}`),
      detail: errorDetail(e),
    };
  } finally {
    conn?.close();
  }
}

function sameHost(a: string, b: string): boolean {
  const norm = (h: string) => (h === 'localhost' ? '127.0.0.1' : h.toLowerCase());
  return norm(a) === norm(b);
}
