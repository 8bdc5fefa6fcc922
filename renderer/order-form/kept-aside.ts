// A kept draft that came back after the clerk had started a new order (see OrderForm): it waits
// beside the typed one until the clerk opens or discards it. Held by the window rather than the
// form, so going to another screen and back keeps it; the terminal keeps one draft, the one in
// the form, so a reload does not.
import { create } from 'zustand';
import type { DraftForm } from './draft-form';

export interface AsideOrder {
  form: DraftForm;
  submissionId: string;
}

export const useKeptAside = create<{ aside: AsideOrder | null; setAside(aside: AsideOrder | null): void }>()((set) => ({
  aside: null,
  setAside: (aside) => set({ aside }),
}));
