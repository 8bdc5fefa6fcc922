// What the header's connection state says (its data-status and `conn.<status>` words). A page
// the server turned away gets no connection state at all: without its own status it said
// "Connecting…" for ever, as if it would connect. Pure, so the rules are unit-tested.
import type { AppError } from '../../shared/error-codes';
import type { ConnectionState } from '../../shared/outbox-types';
import type { ServiceState } from '../../shared/service-state';
import type { TransportStatus } from '../transport/ws-transport';

export type HeaderStatus = ConnectionState['status'] | 'stopped' | 'unauthorized' | 'refused';

export function headerStatus(
  transport: TransportStatus,
  service: ServiceState | null,
  connection: ConnectionState | null,
): HeaderStatus {
  // The page's token was refused (or it had none), or the page was turned away: nothing this
  // page holds will change until it is opened again, so that comes first.
  if (transport === 'unauthorized' || transport === 'refused') return transport;
  // Contact with the window's process is lost and the page is reconnecting: what it last heard
  // is stale, and the header said "Connected" under the banner saying contact was lost.
  if (transport !== 'open') return 'connecting';
  // While the service process is down the last connection state is stale: it said "Connected,
  // 1 waiting" under a banner saying the services had stopped for good.
  if (service?.status === 'restarting' || service?.status === 'failed') return 'stopped';
  return connection?.status ?? 'connecting';
}

/**
 * Whether the header counts orders: not while the count it holds is stale (the service stopped,
 * or the page lost contact and is reconnecting: it said "0 waiting, 3 need a person" under
 * "Connecting…" from before) or it never had one.
 */
export const headerCounts = (status: HeaderStatus, transport: TransportStatus): boolean =>
  transport === 'open' && status !== 'stopped' && status !== 'unauthorized' && status !== 'refused';

/**
 * The offline banner's first line, for the cause connectionReason gives: "sent when the order
 * server is back" read as wait and see, where a broker name that does not resolve never comes
 * back until someone corrects it (the cause below says where).
 */
export const offlineBannerKey = (reason: AppError | null): 'conn.banner' | 'conn.bannerUnknownHost' =>
  reason?.code === 'cause.unknownHost' ? 'conn.bannerUnknownHost' : 'conn.banner';
