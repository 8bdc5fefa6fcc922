// Which window of the terminal types its order. There is one kept order per terminal
// (draft.json), so two tabs typing at once wrote over each other: a reload brought back the
// other tab's order, or none. The window that opens the order form takes it (draft.claim);
// every other window is told (draft.claimed) or refused (draft.otherWindow) and shows the
// form as open elsewhere until the clerk takes it back there.
import { create } from 'zustand';
import { api } from '../transport/api';
import { newSubmissionId } from '../../shared/order-ids';

/** One per page load: a reload is the same window taking its form again. */
export const WINDOW_ID = newSubmissionId();

interface FormOwner {
  /** Another window took the order form since this one did. */
  elsewhere: boolean;
  /** How many times this window has taken it (the form is drawn afresh from the terminal's draft each time). */
  claims: number;
  /** Takes the order form for this window; false when the service could not be asked. */
  claim(): Promise<boolean>;
  /** A write was refused because another window has the form (it may have taken it while this one's service restarted). */
  refused(): void;
}

export const useFormOwner = create<FormOwner>()((set, get) => {
  api.on('draft.claimed', ({ windowId }) => {
    if (windowId !== WINDOW_ID) set({ elsewhere: true });
  });
  return {
    elsewhere: false,
    claims: 0,
    async claim() {
      const r = await api.draft.claim({ windowId: WINDOW_ID });
      if (r.ok) set({ elsewhere: false, claims: get().claims + 1 });
      return r.ok;
    },
    refused: () => set({ elsewhere: true }),
  };
});
