// Probes ONE broker with its own TCP (or TLS) connection and times a single Metadata request.
// kafkajs routes metadata requests to whichever broker it likes, so it cannot say "broker 2 is
// down but 1 and 3 answer in 3 ms"; a direct connection per broker can, honestly.
import type tls from 'node:tls';
import { requestMetadataV1 } from '../kafka/metadata-v1';
import { RawConnection, type SaslConfig } from '../kafka/raw-connection';

export interface ProbeTarget {
  host: string;
  port: number;
}

export interface ProbeOptions {
  clientId: string;
  ssl?: boolean | tls.ConnectionOptions;
  sasl?: SaslConfig;
  timeoutMs: number;
}

export interface ProbeResult {
  reachable: boolean;
  /** Round trip of the Metadata request alone (connect and login excluded). */
  rttMs: number | null;
  /** The node id the broker reports for the address we dialled, when it lists itself. */
  nodeId: number | null;
  controllerId: number | null;
  error: string | null;
}

export async function probeBroker(target: ProbeTarget, opts: ProbeOptions): Promise<ProbeResult> {
  let conn: RawConnection | null = null;
  try {
    conn = await RawConnection.open(target, opts);
    const started = performance.now();
    const meta = await requestMetadataV1(conn, []);
    const rttMs = performance.now() - started;
    const self = [...meta.brokers].find(([, b]) => b.port === target.port && sameHost(b.host, target.host));
    return { reachable: true, rttMs, nodeId: self?.[0] ?? null, controllerId: meta.controllerId, error: null };
  } catch (e) {
    return { reachable: false, rttMs: null, nodeId: null, controllerId: null, error: (e as Error).message };
  } finally {
    conn?.close();
  }
}

function sameHost(a: string, b: string): boolean {
  const norm = (h: string) => (h === 'localhost' ? '127.0.0.1' : h.toLowerCase());
  return norm(a) === norm(b);
}
