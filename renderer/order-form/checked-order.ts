// The order the clerk has pressed Submit on, by its submission id: its fields' errors are shown
// from then on and follow the corrections. Held by the window, not the form, so going to another
// screen and back shows the kept draft with the same errors for the same values (they went with
// the form, and a half-corrected order looked ready).
import { create } from 'zustand';

interface CheckedOrder {
  submissionId: string | null;
  set(submissionId: string | null): void;
}

export const useCheckedOrder = create<CheckedOrder>((set) => ({
  submissionId: null,
  set: (submissionId) => set({ submissionId }),
}));
