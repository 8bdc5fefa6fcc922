// Whether two broker addresses are one endpoint: the same port on a host that resolves to the
// same address. The addresses an operator types (localhost:19093) and those brokers advertise
// (127.0.0.1:19093) are often spelt differently; compared as text, one broker was listed twice
// (once by node id, once as "?" for the typed address) and the broker counts grew with it.
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { BrokerAddress } from './cluster-config';

/** The addresses a host name stands for (the literal itself for an IP, or a name that does not resolve). */
export async function hostAddresses(host: string): Promise<Set<string>> {
  const literal = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (isIP(literal)) return new Set([literal]);
  try {
    const found = await lookup(literal, { all: true });
    return new Set([literal, ...found.map((a) => a.address)]);
  } catch {
    return new Set([literal]);
  }
}

/** Resolves every address once; `same(a, b)` then tells whether two of them are one endpoint. */
export async function endpointMatcher(
  addresses: readonly BrokerAddress[],
): Promise<(a: BrokerAddress, b: BrokerAddress) => boolean> {
  const hosts = [...new Set(addresses.map((a) => a.host))];
  const resolved = new Map(await Promise.all(hosts.map(async (h) => [h, await hostAddresses(h)] as const)));
  return (a, b) => {
    if (a.port !== b.port) return false;
    const x = resolved.get(a.host);
    const y = resolved.get(b.host);
    if (!x || !y) return a.host.toLowerCase() === b.host.toLowerCase();
    for (const ip of x) if (y.has(ip)) return true;
    return false;
  };
}
