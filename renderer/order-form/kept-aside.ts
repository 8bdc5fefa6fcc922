// Orders set aside beside the typed one: a kept draft that came back after the clerk had started
// a new order (see OrderForm) waits here until the clerk opens or discards it. Held by the window,
// so going to another screen and back keeps them, and written to the terminal at each change
// (draft.saveAside), so a reload or a crash keeps them too. Oldest first.
import { create } from 'zustand';
import { api } from '../transport/api';
import { DraftAutosave } from './draft-autosave';
import { useFormOwner, WINDOW_ID } from './form-owner';
import { fromCounterDraft, toCounterDraft, type DraftForm } from './draft-form';
import type { CounterDraft } from '../../shared/counter-types';
import type { AppError } from '../../shared/error-codes';

export interface AsideOrder {
  form: DraftForm;
  submissionId: string;
}

interface KeptAside {
  aside: AsideOrder[];
  /** The terminal's list has been read in this window: from then on the window's own is newer. */
  loaded: boolean;
  /** The terminal has the window's list (its last write succeeded). */
  saved: boolean;
  /** Why the list's last write was not kept, until one is. */
  failure: AppError | null;
  /** The list kept on the terminal, read as the order form opens: taken once per window. */
  load(kept: CounterDraft[]): void;
  add(order: AsideOrder): void;
  /** Puts `order` where the i-th waited, or takes the i-th away when `order` is null. */
  replace(i: number, order: AsideOrder | null): void;
}

export const fromKept = (d: CounterDraft): AsideOrder => ({ form: fromCounterDraft(d), submissionId: d.submissionId });

export const useKeptAside = create<KeptAside>()((set, get) => {
  // Written at once, and again after a failure, as the typed order's draft is.
  const writer = new DraftAutosave<AsideOrder[]>(
    async (aside) => {
      const r = await api.draft.saveAside({
        windowId: WINDOW_ID,
        drafts: aside.map((o) => toCounterDraft(o.form, o.submissionId)),
      });
      if (!r.ok && r.error.code === 'draft.otherWindow') useFormOwner.getState().refused();
      return r;
    },
    (saved, failure) => set({ saved, failure }),
    0,
  );
  const change = (aside: AsideOrder[]) => {
    set({ aside, loaded: true });
    writer.change(aside);
    writer.flush();
  };
  return {
    aside: [],
    loaded: false,
    saved: true,
    failure: null,
    load: (kept) => {
      if (!get().loaded) set({ aside: [...kept.map(fromKept), ...get().aside], loaded: true });
    },
    add: (order) => change([...get().aside, order]),
    replace: (i, order) => change(get().aside.flatMap((o, j) => (j !== i ? [o] : order ? [order] : []))),
  };
});
