// Probes ONE broker with a connection of its own and times a single Metadata request.
// kafkajs routes metadata requests to whichever broker it likes, so it cannot say "broker 2 is
// down but 1 and 3 answer in 3 ms"; a direct connection per broker can, honestly.
import { Metadata } from '../kafka-wire/apis/metadata';
import type { BrokerAddress, ClusterConfig } from './cluster-config';
import { METADATA_VERSION } from './cluster-client';
import type { AppError } from '../../shared/error-codes';
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
