// The `draft` and `catalogue` groups of the IPC contract, over the stores in this folder.
import type { RequestHandlers } from '../../shared/contract';
import type { CatalogueStore } from './catalogue-store';
import type { DraftStore } from './draft-store';
import type { OrderHistory } from './order-history';

export function createCounterHandlers(deps: {
  drafts: DraftStore;
  catalogue: CatalogueStore;
  history: OrderHistory;
}): Pick<RequestHandlers, 'draft' | 'catalogue' | 'history'> {
  return {
    history: {
      async search(input) {
        return { ok: true, value: deps.history.search(input) };
      },
    },
    draft: {
      async get() {
        return { ok: true, value: deps.drafts.get() };
      },
      async save(draft) {
        deps.drafts.save(draft);
        return { ok: true, value: { saved: true } };
      },
    },
    catalogue: {
      async list() {
        return { ok: true, value: deps.catalogue.list() };
      },
      async importCsv({ csv }) {
        return { ok: true, value: deps.catalogue.importCsv(csv) };
      },
    },
  };
}
