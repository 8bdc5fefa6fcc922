// Where the SASL password goes. The window may set the password but never read it back; a window
// that could point the brokers elsewhere and keep the password would read it all the same (a
// listener on the new address receives it, in clear with PLAIN). So the password belongs to the
// brokers, TLS setting and SASL user it was entered for, and a settings change that sends it
// anywhere else clears it: the operator enters it again for the new place. Under TLS, who may
// answer for the brokers' names is part of the place: with the name check off, or another CA
// file, a server holding any certificate that authority signed (for any name) receives it.
import type { Settings } from '../../shared/settings-schema';

/** One string per place the password would be sent to; equal strings, the same place. */
export function passwordDestination(s: Pick<Settings, 'brokers' | 'ssl' | 'sasl' | 'tls'>): string {
  // Off TLS the trust settings are not used, so changing them moves the password nowhere.
  const trust = s.ssl ? [s.tls.caFile, s.tls.checkServerName] : null;
  return JSON.stringify([[...s.brokers].sort(), s.ssl, trust, s.sasl?.mechanism ?? null, s.sasl?.username ?? null]);
}
