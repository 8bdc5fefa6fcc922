// Whether a supervisor PIN exists yet, for voiding a delivered order from its receipt: without one
// no void can succeed, so the form says so when it opens rather than after the clerk has typed a
// reason and a PIN. (The Review screen's decisions need no such check: an order is held only
// after a check was set to "hold", which takes the PIN.)
import { useEffect, useState } from 'react';
import { api } from '../transport/api';

/** true or false once the services answered; null while asking, or when they could not say (the form then stays usable and shows the services' answer to it). */
export function usePinSet(): boolean | null {
  const [pinSet, setPinSet] = useState<boolean | null>(null);
  useEffect(() => {
    let live = true;
    void api.risk.status().then((r) => {
      if (live && r.ok) setPinSet(r.value.pinSet);
    });
    return () => {
      live = false;
    };
  }, []);
  return pinSet;
}
