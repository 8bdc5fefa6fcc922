// Whether the risk checks' review topic exists (issue 12): routed orders wait while it does not,
// and Diagnostics offers to create it, as it does the order topic.
import { ClusterClient } from '../cluster/cluster-client';
import { DIAGNOSTIC_TIMEOUTS, withTimeouts, type ClusterConfig } from '../cluster/cluster-config';
import { KafkaError } from '../kafka-wire/error-codes';

/** true or false, or null when the cluster could not say (unreachable, not allowed to describe it). */
export async function reviewTopicExists(config: ClusterConfig, topic: string): Promise<boolean | null> {
  const client = new ClusterClient(withTimeouts(config, DIAGNOSTIC_TIMEOUTS));
  try {
    const meta = await client.metadata([topic]);
    const t = meta.topics.find((x) => x.name === topic);
    if (!t || t.errorCode === KafkaError.UNKNOWN_TOPIC_OR_PARTITION) return false;
    return t.errorCode === 0 ? true : null;
  } catch {
    return null;
  } finally {
    client.close();
  }
}
