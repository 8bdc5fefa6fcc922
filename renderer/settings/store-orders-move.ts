import type { Settings } from '../../shared/settings-schema';

/**
 * Where saving `next` sends the store's waiting orders, if somewhere other than `now` does (null):
 * to other brokers (in any order, the same set is the same cluster) or another topic. From the
 * sandbox a practice order is never sent to a store's cluster, and to it no store order is: those
 * wait for a person whatever is saved.
 */
export function storeOrdersMove(
  now: Settings,
  next: Settings,
  brokersFromEnvironment: boolean,
): { topic: string; otherBrokers: boolean } | null {
  if (now.brokers.length === 0 || next.brokers.length === 0) return null;
  // Host names ignore letter case (the settings keep a broker once so): KAFKA1 retyped as kafka1
  // asked whether the waiting orders should go to other brokers.
  const set = (b: readonly string[]) =>
    b
      .map((a) => a.toLowerCase())
      .sort()
      .join(',');
  const otherBrokers = !brokersFromEnvironment && set(now.brokers) !== set(next.brokers);
  return now.topic !== next.topic || otherBrokers ? { topic: next.topic, otherBrokers } : null;
}
